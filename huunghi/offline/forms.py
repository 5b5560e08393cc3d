"""The offline record form of every activity kind, described from ``records.kinds``.

The offline page draws one fieldset per kind from these descriptions; the server
checks what arrives with the same kind specs, so a rule is still written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from huunghi.records.kinds import SPECS, DetailField, KindSpec
from huunghi.records.models import Measure


@dataclass(frozen=True)
class MeasureField:
    measure: str
    label: str
    qualifier: str


@dataclass(frozen=True)
class KindForm:
    kind: str
    label: str
    help_text: str
    details: tuple[DetailField, ...]
    measures: tuple[MeasureField, ...]
    link: str


def _kind_form(spec: KindSpec) -> KindForm:
    return KindForm(
        kind=spec.kind,
        label=str(spec.label),
        help_text=str(spec.help_text),
        details=spec.fields,
        measures=tuple(
            MeasureField(q.measure, str(capfirst(Measure(q.measure).label)), q.qualifier)
            for q in spec.measures
        ),
        link=str(spec.link or ""),
    )


def kind_forms() -> list[KindForm]:
    """Every kind's form."""
    return [_kind_form(spec) for spec in SPECS]


def app_strings() -> dict[str, str]:
    """Messages the offline page's script shows, translated on the server."""
    return {
        "waiting": _("waiting to be sent"),
        "invalid": _("needs fixing"),
        "refused": _("refused"),
        "conflict": _("changed on the server"),
        "sent": _("sent"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "download": _("Download (JSON)"),
        "resolve": _("Compare and choose"),
        "confirm_delete": _("Delete this record from the device?"),
        "reference_ok": _("Reference data of your units, usable until %(date)s."),
        "reference_expired": _(
            "The reference data on this device has expired; connect to the network to refresh it."
        ),
        "reference_missing": _(
            "No reference data on this device yet; open this page once while online."
        ),
        "conflict_intro": _(
            "“%(title)s” was changed on the server (now: %(status)s). "
            "Choose for each field which value to keep."
        ),
        "return_reason": _("Reason given by the approver: %(reason)s"),
        "too_many_photos": _("At most %(count)s photos per record."),
        "photo_unreadable": _("“%(name)s” is not a photo this device can read."),
        "sign_in_again": _("Sign in again to send the waiting records."),
        "required": _("This field is required."),
    }
