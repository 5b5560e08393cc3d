"""Indicators defined once and used everywhere: pages, API, reported figures,
the dashboard and the review report.

An indicator is either a *flow* (summed over a period: people examined, aid value)
or a *stock* (a value "as of" a date: pupils currently supported, active twinning
pairs). ``source`` says which records compute it; reported figures
(:mod:`huunghi.figures`) may stand in for records where none exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from huunghi.records.models import ActivityKind, Measure


class Nature(StrEnum):
    FLOW = "flow"
    STOCK = "stock"


class Source(StrEnum):
    ACTIVITIES = "activities"
    TWINNING = "twinning"
    PUPILS = "pupils"
    PAYMENTS = "payments"
    REMAINS = "remains"
    AGREEMENTS = "agreements"


COUNT = "count"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise | str
    unit: Promise | str
    nature: Nature
    source: Source
    kinds: tuple[str, ...] = ()
    measure: str = COUNT
    filter: tuple[tuple[str, str], ...] = ()


def _activity_count(kind: ActivityKind) -> Indicator:
    return Indicator(
        code=f"activities_{kind.value}",
        label=kind.label,
        unit=_("activities"),
        nature=Nature.FLOW,
        source=Source.ACTIVITIES,
        kinds=(kind.value,),
    )


def _twinned_pairs(kind: str, label: Promise) -> Indicator:
    """Active twinning pairs of one kind (``post`` or ``cluster``)."""
    return Indicator(
        f"twinning_pairs_{kind}",
        label,
        _("pairs"),
        Nature.STOCK,
        Source.TWINNING,
        filter=(("kind", f"{kind}_pair"),),
    )


def _pupils_sponsored(nationality: str, label: Promise) -> Indicator:
    """Pupils of one nationality currently sponsored."""
    return Indicator(
        f"pupils_supported_{nationality.lower()}",
        label,
        _("pupils"),
        Nature.STOCK,
        Source.PUPILS,
        filter=(("nationality", nationality),),
    )


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "activities_total",
        _("Cooperation activities"),
        _("activities"),
        Nature.FLOW,
        Source.ACTIVITIES,
    ),
    *(_activity_count(kind) for kind in ActivityKind),
    Indicator(
        "people_examined",
        _("People examined free of charge"),
        _("people"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.MEDICAL_OUTREACH,),
        Measure.PEOPLE_EXAMINED,
    ),
    Indicator(
        "medicine_doses",
        _("Medicine packs handed out"),
        _("packs"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.MEDICAL_OUTREACH,),
        Measure.MEDICINE_DOSES,
    ),
    Indicator(
        "medical_value_vnd",
        _("Value of free medical care"),
        _("VND"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.MEDICAL_OUTREACH,),
        Measure.VALUE_VND,
    ),
    Indicator(
        "aid_value_vnd",
        _("Aid and material support"),
        _("VND"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.AID,),
        Measure.VALUE_VND,
    ),
    Indicator(
        "support_value_vnd",
        _("All support given (aid, scholarships, gifts)"),
        _("VND"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (
            ActivityKind.AID,
            ActivityKind.SCHOLARSHIP,
            ActivityKind.LIVELIHOOD_GIFT,
            ActivityKind.MEDICAL_OUTREACH,
        ),
        Measure.VALUE_VND,
    ),
    Indicator(
        "scholarships",
        _("Scholarships awarded"),
        _("scholarships"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.SCHOLARSHIP,),
        Measure.SCHOLARSHIPS,
    ),
    Indicator(
        "households_helped",
        _("Households helped"),
        _("households"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.LIVELIHOOD_GIFT, ActivityKind.AID),
        Measure.HOUSEHOLDS,
    ),
    Indicator(
        "cattle_given",
        _("Breeding cattle given"),
        _("head"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.LIVELIHOOD_GIFT,),
        Measure.CATTLE,
    ),
    Indicator(
        "trees_planted",
        _("Friendship trees planted"),
        _("trees"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.TREE_PLANTING,),
        Measure.TREES,
    ),
    Indicator(
        "markers_visited",
        _("Markers visited on joint patrols"),
        _("markers"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.JOINT_PATROL, ActivityKind.MARKER_SALUTE),
        Measure.MARKERS,
    ),
    Indicator(
        "delegations_out",
        _("Outgoing delegations"),
        _("delegations"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.DELEGATION_OUT,),
    ),
    Indicator(
        "delegations_in",
        _("Incoming delegations"),
        _("delegations"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.DELEGATION_IN,),
    ),
    _twinned_pairs("post", _("Active twinned post / station pairs")),
    _twinned_pairs("cluster", _("Active twinned residential cluster pairs")),
    Indicator(
        "agreements_in_force",
        _("Cooperation agreements in force"),
        _("agreements"),
        Nature.STOCK,
        Source.AGREEMENTS,
    ),
    _pupils_sponsored("VN", _("Vietnamese pupils currently sponsored")),
    _pupils_sponsored("KH", _("Cambodian pupils currently sponsored")),
    Indicator(
        "pupil_payments_vnd",
        _("Sponsorship paid to pupils"),
        _("VND"),
        Nature.FLOW,
        Source.PAYMENTS,
    ),
    Indicator(
        "pupils_finished_school",
        _("Sponsored pupils who finished school"),
        _("pupils"),
        Nature.FLOW,
        Source.PUPILS,
        filter=(("end_reason", "finished"),),
    ),
    Indicator(
        "remains_recovered",
        _("Remains of fallen volunteer soldiers recovered"),
        _("sets"),
        Nature.FLOW,
        Source.REMAINS,
    ),
    Indicator(
        "remains_repatriated",
        _("Remains handed over and repatriated"),
        _("sets"),
        Nature.FLOW,
        Source.REMAINS,
        filter=(("stage", "repatriated"),),
    ),
    Indicator(
        "community_support_vnd",
        _("Support to the Vietnamese-origin community"),
        _("VND"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.AID,),
        Measure.VALUE_VND,
        filter=(("recipient_type", "community"),),
    ),
    Indicator(
        "counterpart_support_vnd",
        _("Material support to counterpart units"),
        _("VND"),
        Nature.FLOW,
        Source.ACTIVITIES,
        (ActivityKind.AID,),
        Measure.VALUE_VND,
        filter=(("recipient_type", "unit"),),
    ),
)

BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in INDICATORS}


def indicator(code: str) -> Indicator:
    """The indicator with ``code`` (KeyError if unknown)."""
    return BY_CODE[code]


def indicator_choices() -> list[tuple[str, Promise | str]]:
    """(code, label) pairs for forms and filters."""
    return [(i.code, i.label) for i in INDICATORS]


def activity_indicator_codes() -> list[str]:
    """Indicators answered from the activity summaries alone (no details filter)."""
    return [i.code for i in INDICATORS if i.source == Source.ACTIVITIES and not i.filter]
