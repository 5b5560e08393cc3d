"""One demo account per role and level, printed by ``make run``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from huunghi.accounts.models import Membership, Role, User
from huunghi.organisations.models import Unit

DEMO_PASSWORD = "HuuNghi-demo-2026"  # noqa: S105 - printed demo credential, demo accounts only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit_code: str
    description: str
    language: str = "vi"


DEMO_ACCOUNTS = (
    DemoAccount("admin", Role.SYSTEM_ADMIN, "VN-MOD", "system administrator"),
    DemoAccount("bdbp_viewer", Role.VIEWER, "VN-BDBP", "national viewer (Border Guard Command)"),
    DemoAccount("bdbp_approver", Role.APPROVER, "VN-BDBP", "national approver"),
    DemoAccount("tayninh_approver", Role.APPROVER, "VN-BDBP-TN", "provincial approver, Tây Ninh"),
    DemoAccount(
        "tayninh_admin", Role.UNIT_ADMIN, "VN-BDBP-TN", "unit admin, Tây Ninh border guard"
    ),
    DemoAccount("tayninh_viewer", Role.VIEWER, "VN-BDBP-TN", "provincial viewer, Tây Ninh"),
    DemoAccount("xamat_clerk", Role.CLERK, "VN-DBP-XAMAT", "post clerk, Xa Mát post"),
    DemoAccount("xamat_viewer", Role.VIEWER, "VN-DBP-XAMAT", "post viewer, Xa Mát post"),
    DemoAccount("dongnai_approver", Role.APPROVER, "VN-BDBP-DN", "provincial approver, Đồng Nai"),
    DemoAccount("locthien_clerk", Role.CLERK, "VN-DBP-LOCTHIEN", "post clerk, Lộc Thiện post"),
    DemoAccount(
        "qk7_approver", Role.APPROVER, "VN-QK7", "military region approver, Military Region 7"
    ),
    DemoAccount("chqs_tayninh_clerk", Role.CLERK, "VN-CHQS-TN", "clerk, Tây Ninh military command"),
    DemoAccount("k71_clerk", Role.CLERK, "VN-K71", "remains team K71 clerk"),
    DemoAccount(
        "kh_svayrieng_viewer",
        Role.VIEWER,
        "KH-HB-SVR",
        "Cambodian counterpart, Svay Rieng gendarmerie",
        "km",
    ),
    DemoAccount(
        "kh_gendarmerie_viewer",
        Role.VIEWER,
        "KH-GEND",
        "Cambodian counterpart, Royal Gendarmerie Command",
        "km",
    ),
)


@transaction.atomic
def load_demo_accounts() -> list[DemoAccount]:
    """Create missing demo accounts (existing ones keep their password)."""
    units = {u.code: u for u in Unit.objects.filter(code__in=[a.unit_code for a in DEMO_ACCOUNTS])}
    for account in DEMO_ACCOUNTS:
        if account.unit_code not in units:
            continue
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={"is_demo": True, "preferred_language": account.language},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = account.role == Role.SYSTEM_ADMIN
            user.is_superuser = account.role == Role.SYSTEM_ADMIN
            user.save()
        Membership.objects.get_or_create(
            user=user, unit=units[account.unit_code], role=account.role
        )
    return [a for a in DEMO_ACCOUNTS if a.unit_code in units]
