"""Who may see sponsored pupils, and how much of them.

Two capabilities, deliberately different from the other apps:

- **counts** follow the standard unit scope: a user whose VIEW scope covers the
  sponsoring unit (the unit's own accounts, its province, the national command)
  sees the pupil in totals and counts, never the name.
- **names and personal details** are visible only to members of the sponsoring unit
  itself or of one of its sub-units. The province and the national command above
  it, counterparts and other provinces never see names. System administrators are
  no exception: a global scope gives counts, a membership in the sponsoring unit's
  subtree gives names.

``PupilPolicy.visible`` is the *names* queryset, so any generic code that asks the
policy for visible pupils gets the private default; totals use ``counts_visible``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from huunghi.accounts.models import Membership
from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Actor
from huunghi.beneficiaries.models import Payment, Pupil, PupilYear
from huunghi.core.actors import is_signed_in
from huunghi.core.policy import UnitScopedPolicy
from huunghi.organisations.models import PATH_SEGMENT_WIDTH, Unit

SPONSOR_COUNTRY = "VN"


def _ancestor_paths(path: str) -> list[str]:
    step = PATH_SEGMENT_WIDTH + 1
    return [path[: i + step] for i in range(0, len(path), step)]


def membership_paths(user: Actor | None) -> tuple[str, ...]:
    """Paths of every unit where the user holds any role (closed units excluded)."""
    if not is_signed_in(user) or not user.is_active:
        return ()
    # Cached beside the scope object so that ``forget_scope`` also forgets these paths.
    scope = scope_for(user)
    cached = getattr(user, "_huunghi_pupil_paths", None)
    if cached is not None and cached[0] is scope:
        return cached[1]
    paths = tuple(
        Membership.objects.filter(user_id=user.pk, unit__valid_to__isnull=True)
        .values_list("unit__path", flat=True)
        .distinct()
    )
    setattr(user, "_huunghi_pupil_paths", (scope, paths))  # noqa: B010 - per-request cache on the user
    return paths


def name_unit_paths(user: Actor) -> set[str]:
    """Paths of the units whose pupils' names the user may see: each membership unit
    and its ancestors (a pupil of unit U is visible to members of U's subtree)."""
    paths: set[str] = set()
    for path in membership_paths(user):
        paths.update(_ancestor_paths(path))
    return paths


class PupilPolicy(UnitScopedPolicy[Pupil]):
    model = Pupil
    unit_field = "unit"

    @classmethod
    def counts_visible(cls, user: Actor) -> QuerySet[Pupil]:
        """Pupils the user may count (standard unit scope); never show their names."""
        return super().visible(user)

    @classmethod
    def visible(cls, user: Actor) -> QuerySet[Pupil]:
        """Pupils whose names and personal details the user may see."""
        paths = name_unit_paths(user)
        if not paths:
            return cls.base_queryset().none()
        return cls.base_queryset().filter(unit__path__in=paths)

    @classmethod
    def visible_with_names(cls, user: Actor) -> QuerySet[Pupil]:
        return cls.visible(user)

    @classmethod
    def can_see_names(cls, user: Actor, pupil: Pupil) -> bool:
        return pupil.unit.path in name_unit_paths(user)

    @classmethod
    def can_edit(cls, user: Actor, obj: Pupil) -> bool:
        return cls.can_see_names(user, obj) and super().can_edit(user, obj)

    @classmethod
    def can_create_in(cls, user: Actor, unit: Unit) -> bool:
        """Only where the new pupil stays visible to the user who enters it."""
        return unit.path in name_unit_paths(user) and super().can_create_in(user, unit)

    @classmethod
    def sponsor_units(cls, user: Actor) -> QuerySet[Unit]:
        """Active units in which the user may enter pupils."""
        scope = scope_for(user)
        paths = name_unit_paths(user)
        if not paths or not scope.has_any(Capability.EDIT):
            return Unit.objects.none()
        return Unit.objects.filter(
            scope.unit_q(Capability.EDIT, ""),
            path__in=paths,
            valid_to__isnull=True,
            country__code=SPONSOR_COUNTRY,
        ).order_by("path")


class PaymentPolicy(UnitScopedPolicy[Payment]):
    """Payments are personal details of the pupil: visible with the pupil's name."""

    model = Payment
    unit_field = "pupil__unit"

    @classmethod
    def visible(cls, user: Actor) -> QuerySet[Payment]:
        return cls.base_queryset().filter(pupil__in=PupilPolicy.visible(user))

    @classmethod
    def counts_visible(cls, user: Actor) -> QuerySet[Payment]:
        """Payments that may enter sums (standard unit scope)."""
        return super().visible(user)


class PupilYearPolicy(UnitScopedPolicy[PupilYear]):
    model = PupilYear
    unit_field = "pupil__unit"

    @classmethod
    def visible(cls, user: Actor) -> QuerySet[PupilYear]:
        return cls.base_queryset().filter(pupil__in=PupilPolicy.visible(user))
