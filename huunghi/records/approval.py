"""The records that go through the approval chain, as the approvals page sees them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from huunghi.core.workflow import WorkflowKind, register_kind
from huunghi.records.models import Activity, Agreement, Facility, TwinningPair
from huunghi.records.permissions import (
    ActivityPolicy,
    AgreementPolicy,
    FacilityPolicy,
    TwinningPairPolicy,
)
from huunghi.records.services.workflow import activity_move

KINDS = (
    WorkflowKind("activity", Activity, ActivityPolicy, _("Activities"), move=activity_move),
    WorkflowKind(
        "twinning",
        TwinningPair,
        TwinningPairPolicy,
        _("Twinning pairs"),
        related=("vn_unit", "kh_unit", "vn_place", "kh_place"),
    ),
    WorkflowKind("facility", Facility, FacilityPolicy, _("Facilities")),
    WorkflowKind("agreement", Agreement, AgreementPolicy, _("Agreements")),
)


def register() -> None:
    for kind in KINDS:
        register_kind(kind)
