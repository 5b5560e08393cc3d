"""The remains steps in the approval chain: excavation, identification (remains set),
handover and reburial."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huunghi.core.workflow import WorkflowKind, register_kind
from huunghi.remains.models import Excavation, Handover, Reburial, RemainsSet
from huunghi.remains.permissions import (
    ExcavationPolicy,
    HandoverPolicy,
    ReburialPolicy,
    RemainsSetPolicy,
)


def _link(name: str) -> Callable[[Any, Any], str]:
    return lambda user, obj: reverse(f"remains:{name}", args=[obj.pk])


KINDS = (
    WorkflowKind(
        "excavation",
        Excavation,
        ExcavationPolicy,
        _("Excavations"),
        link=_link("excavation_detail"),
        related=("site",),
    ),
    WorkflowKind(
        "remains_set",
        RemainsSet,
        RemainsSetPolicy,
        _("Identifications (remains sets)"),
        link=_link("set_detail"),
    ),
    WorkflowKind(
        "handover", Handover, HandoverPolicy, _("Handovers"), link=_link("handover_detail")
    ),
    WorkflowKind(
        "reburial", Reburial, ReburialPolicy, _("Reburials"), link=_link("reburial_detail")
    ),
)


def register() -> None:
    for kind in KINDS:
        register_kind(kind)
