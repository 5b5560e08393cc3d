"""From a stored proposal to the starting values of the record a clerk reviews.

The engine's kinds and measures are mapped onto the records' kinds and quantities and
the figures' indicators; places are split into the record's place (the most precise
one on the reporting unit's side) and counterpart places (the other side); unknown
places go to the place details. Kind details are guessed from the sentence only where
its words are unambiguous ("hai bên" → both sides); the clerk checks them all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from huunghi.core.models import Qualifier
from huunghi.figures.periods import PeriodKind, period_text
from huunghi.geography.models import AdminUnit
from huunghi.newsimport.extraction.textutil import match_form
from huunghi.newsimport.gazetteer import PLACE, UNIT, parse_entry_id
from huunghi.newsimport.models import NewsArticle, NewsProposal
from huunghi.organisations.models import Unit
from huunghi.records.kinds import default_title, spec_for
from huunghi.records.models import Activity, ActivityKind, Measure
from huunghi.records.services import CounterpartIn, QuantityIn
from huunghi.reports.indicators import BY_CODE, Nature

K = ActivityKind
#: The records' kind of each engine kind that is not a records kind itself.
ACTIVITY_KINDS: dict[str, str] = {
    "school_visit": K.FRIENDSHIP_VISIT,
    "community_support": K.AID,
    "government_funds": K.AID,
    "twinning_post": K.OTHER,
    "twinning_cluster": K.OTHER,
    "twinning": K.OTHER,
    "remains_search": K.OTHER,
    "remains_handover": K.OTHER,
}
_MEASURE_BY_UNIT: dict[str, str] = {
    "VND": Measure.VALUE_VND,
    "tree": Measure.TREES,
    "head": Measure.CATTLE,
    "household": Measure.HOUSEHOLDS,
    "marker": Measure.MARKERS,
    "km": Measure.DISTANCE_KM,
    "case": Measure.CASES,
    "item": Measure.ITEMS,
    "dose": Measure.MEDICINE_DOSES,
    "scholarship": Measure.SCHOLARSHIPS,
}
_PERSON_MEASURES: dict[str, str] = {
    K.MEDICAL_OUTREACH: Measure.PEOPLE_EXAMINED,
    K.DELEGATION_OUT: Measure.DELEGATION_MEMBERS,
    K.DELEGATION_IN: Measure.DELEGATION_MEMBERS,
}
_PERIOD_KINDS = {
    "day": PeriodKind.DAY,
    "month": PeriodKind.MONTH,
    "quarter": PeriodKind.QUARTER,
    "year": PeriodKind.YEAR,
}
_LEVEL_RANK = {"province": 0, "district": 1, "commune": 2, "village": 3}
_QUALIFIERS = {"exact": Qualifier.EXACT, "about": Qualifier.ABOUT, "at_least": Qualifier.AT_LEAST}


@dataclass
class ActivityEdits:
    """The record as the clerk accepts it (see ``huunghi.records.services.activity_create``)."""

    kind: str
    unit: Unit
    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    place: AdminUnit | None = None
    place_text: str = ""
    counterpart_places: list[AdminUnit] = field(default_factory=list)
    counterparts: list[CounterpartIn] = field(default_factory=list)
    quantities: list[QuantityIn] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    parent: Activity | None = None
    link: Any = None


@dataclass
class FigureEdits:
    """The reported figure as the clerk accepts it (see ``huunghi.figures.services``)."""

    indicator: str
    unit: Unit
    value: Decimal
    qualifier: str = Qualifier.EXACT
    period_kind: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    as_of: dt.date | None = None
    place: AdminUnit | None = None
    note: str = ""
    on_overlap: str = "refuse"


def activity_kind(engine_kind: str) -> str:
    """The records' kind for an engine kind ("other" when there is none)."""
    if engine_kind in K.values:
        return engine_kind
    return ACTIVITY_KINDS.get(engine_kind, K.OTHER)


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class PlaceChoice:
    """Where a proposal happened, split for the record's fields."""

    place_id: int | None
    counterpart_ids: list[int]
    candidate_ids: list[int]
    place_text: str


def place_choice(payload: dict[str, Any], home_country: str) -> PlaceChoice:
    """The most precise place on ``home_country``'s side, the other side's places, every
    candidate the text could mean, and the names no place was found for."""
    entries = payload.get("places") or []
    resolved = [e for e in entries if _place_pk(e.get("id")) is not None]
    home = _innermost([e for e in resolved if e.get("country") == home_country])
    other = _innermost([e for e in resolved if e.get("country") != home_country])
    unknown = [e["name"] for e in entries if _place_pk(e.get("id")) is None]
    return PlaceChoice(
        place_id=_place_pk(home[0]["id"]) if home else None,
        counterpart_ids=[pk for e in other if (pk := _place_pk(e["id"])) is not None],
        candidate_ids=_candidates(entries),
        place_text=", ".join(dict.fromkeys(unknown)),
    )


def _place_pk(value: str | None) -> int | None:
    parsed = parse_entry_id(value)
    return parsed[1] if parsed and parsed[0] == PLACE else None


def _innermost(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places that do not contain another of the list, most precise first."""
    enclosing = {ref for e in entries for ref in e.get("within") or ()}
    inner = [e for e in entries if e["id"] not in enclosing]
    return sorted(inner, key=lambda e: -_LEVEL_RANK.get(e.get("kind", ""), -1))


def _candidates(entries: list[dict[str, Any]]) -> list[int]:
    ids = [e.get("id") for e in entries] + [c for e in entries for c in e.get("candidates") or ()]
    return list(dict.fromkeys(pk for value in ids if (pk := _place_pk(value)) is not None))


def unit_ids(payload: dict[str, Any]) -> list[int]:
    """Units the proposal names (resolved ones), in text order."""
    ids = []
    for entry in payload.get("units") or []:
        parsed = parse_entry_id(entry.get("id"))
        if parsed and parsed[0] == UNIT:
            ids.append(parsed[1])
    return list(dict.fromkeys(ids))


# --------------------------------------------------------------------------- activities


def activity_initial(
    proposal: NewsProposal,
    *,
    unit: Unit,
    places: dict[int, AdminUnit],
    units: dict[int, Unit],
    parent: Activity | None,
    kind: str | None = None,
) -> dict[str, Any]:
    """Starting values of the accept form of an activity proposal."""
    payload = proposal.payload
    kind = kind or activity_kind(proposal.kind)
    where = place_choice(payload, unit.country.code)
    place = places.get(where.place_id) if where.place_id else None
    start, end = dates_of(payload)
    foreign = [
        pk for pk in unit_ids(payload) if pk in units and units[pk].country_id != unit.country_id
    ]
    initial: dict[str, Any] = {
        "kind": kind,
        "unit": unit,
        "title": _title(kind, place, where.place_text),
        "start_date": start,
        "end_date": end if end != start else None,
        "place": place,
        "place_text": where.place_text,
        "counterpart_places": [places[pk] for pk in where.counterpart_ids if pk in places],
        "counterparts": [str(pk) for pk in foreign],
        "description": proposal.sentence,
        "parent": parent if payload.get("relation") == "part_of" else None,
    }
    initial.update(_detail_initial(kind, proposal, units))
    initial.update(_quantity_initial(kind, payload))
    return initial


def dates_of(payload: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """The proposal's first and last day as read (either may be unknown)."""
    date = payload.get("date") or {}
    return _iso(date.get("start")), _iso(date.get("end"))


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _title(kind: str, place: AdminUnit | None, place_text: str) -> str:
    where = place.full_name_vi if place is not None else place_text.split(",")[0]
    label = default_title(kind)
    return f"{label} – {where}"[:300] if where else label


def record_measure(kind: str, unit: str) -> str | None:
    """The records' measure of an engine quantity unit for ``kind``."""
    if unit == "person":
        return _PERSON_MEASURES.get(kind, Measure.PARTICIPANTS)
    return _MEASURE_BY_UNIT.get(unit)


def _quantity_initial(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    offered = {q.measure for q in spec_for(kind).measures}
    initial: dict[str, Any] = {}
    for quantity in payload.get("quantities") or []:
        measure = record_measure(kind, quantity.get("unit", ""))
        if measure not in offered or f"q_{measure}_value" in initial:
            continue
        initial[f"q_{measure}_value"] = _decimal(quantity.get("value"))
        initial[f"q_{measure}_qualifier"] = _QUALIFIERS.get(quantity.get("qualifier"), "exact")
    return initial


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError):
        return None


# --------------------------------------------------------------------------- details


def _side(text: str) -> str:
    if re.search(r"hai bên|hai nước|hai phía|đôi bên", text):
        return "both"
    if re.search(r"campuchia|nước bạn|phía bạn", text):
        return "kh"
    return "vn" if "việt nam" in text else ""


def _aid_details(text: str, engine_kind: str, units: list[Unit]) -> dict[str, Any]:
    goods = bool(re.search(r"vật tư|trang thiết bị|vật chất|hàng hóa|thiết bị|nhu yếu phẩm", text))
    money = bool(re.search(r"kinh phí|tiền mặt|số tiền", text))
    recipient_type = {"community_support": "community", "government_funds": "military_region"}
    return {
        "goods_or_money": "both"
        if goods and money
        else "goods"
        if goods
        else "money"
        if money
        else "",
        "funding_source": _funding(text),
        "recipient_type": recipient_type.get(engine_kind) or _recipient_type(text),
        "recipient": ", ".join(unit.name_vi for unit in units)[:300],
        "purpose": "Covid-19" if "covid" in text else "",
    }


def _funding(text: str) -> str:
    if "tự huy động" in text:
        return "self_mobilised"
    if "chính phủ" in text:
        return "government"
    return "province_budget" if "ngân sách tỉnh" in text else ""


def _recipient_type(text: str) -> str:
    if "cộng đồng" in text or "người dân" in text:
        return "community"
    return "unit" if re.search(r"đơn vị bạn|lực lượng|bộ đội", text) else ""


def _guessed_details(kind: str, text: str, engine_kind: str, units: list[Unit]) -> dict[str, Any]:
    side = _side(text)
    match kind:
        case K.MEDICAL_OUTREACH:
            return {"beneficiaries": side}
        case K.SCHOLARSHIP:
            return {"recipients": side}
        case K.LIVELIHOOD_GIFT:
            return {"gift": "cattle" if re.search(r"\bbò\b", text) else "", "recipients": side}
        case K.AID:
            return _aid_details(text, engine_kind, units)
        case K.MARKER_SALUTE:
            salute, paint = "chào" in text, "tô s" in text
            return {"ceremony": "both" if salute and paint else "repaint" if paint else "salute"}
        case K.NEW_YEAR_VISIT:
            return {"occasion": "chol_chnam_thmey" if "chôl chnăm" in text else "tet"}
        case K.EDUCATION_SESSION:
            return {"audience": side}
        case K.TWINNING_REVIEW:
            review = "interim" if "sơ kết" in text else "final" if "tổng kết" in text else ""
            return {"review_type": review}
        case K.FESTIVAL:
            return {"edition": 1 if "lần đầu tiên" in text else None}
    return {}


def _detail_initial(kind: str, proposal: NewsProposal, units: dict[int, Unit]) -> dict[str, Any]:
    text = match_form(proposal.sentence)
    named = [units[pk] for pk in unit_ids(proposal.payload) if pk in units]
    guessed = _guessed_details(kind, text, proposal.kind, named)
    if kind == K.TWINNING_REVIEW:
        years = [q for q in proposal.payload.get("quantities") or [] if q.get("unit") == "year"]
        guessed["period_years"] = int(Decimal(years[0]["value"])) if years else None
    if kind == K.FRIENDSHIP_VISIT:
        guessed["visited"] = visited_phrase(proposal)
    if kind == K.AID and not guessed.get("recipient") and _COMMUNITY.search(text):
        guessed["recipient"] = "Cộng đồng người gốc Việt"
    keys = spec_for(kind).detail_keys
    return {f"d_{key}": value for key, value in guessed.items() if key in keys and value}


_COMMUNITY = re.compile(r"cộng đồng người gốc việt|việt kiều")
_VISIT_VERB = re.compile(r"^(?:đến |tới |về )?(?:thăm(?: hỏi)?|tặng quà|làm việc với)\s+", re.I)
_PHRASE_END = re.compile(r"[,;.:(]")


def visited_phrase(proposal: NewsProposal) -> str:
    """What was visited, as written after the trigger ("thăm Trường Tiểu học Lộc Tấn A,"
    → "Trường Tiểu học Lộc Tấn A")."""
    trigger = proposal.payload.get("trigger") or []
    if len(trigger) != 2 or not proposal.article.text:
        return ""
    rest = proposal.article.text[trigger[0] : trigger[0] + 200]
    phrase = _PHRASE_END.split(rest, maxsplit=1)[0]
    return _VISIT_VERB.sub("", phrase).strip()[:300]


# --------------------------------------------------------------------------- figures


def figure_initial(
    proposal: NewsProposal, *, unit: Unit, places: dict[int, AdminUnit]
) -> dict[str, Any]:
    """Starting values of the accept form of a reported-figure proposal."""
    payload = proposal.payload
    quantity = (payload.get("quantities") or [{}])[0]
    where = place_choice(payload, unit.country.code)
    place = places.get(where.place_id) if where.place_id else None
    initial: dict[str, Any] = {
        "indicator": proposal.indicator,
        "unit": unit,
        "value": _decimal(quantity.get("value")),
        "qualifier": _QUALIFIERS.get(quantity.get("qualifier"), Qualifier.EXACT),
        "place": place if place is not None and place.level in ("province", "district") else None,
        "note": proposal.sentence,
    }
    initial.update(figure_period(proposal, proposal.article))
    return initial


def figure_period(proposal: NewsProposal, article: NewsArticle) -> dict[str, Any]:
    """``period`` text for a total over a period, ``as_of`` for a count on a date.

    A count read as "hiện nay" is as of the article's date.
    """
    indicator = BY_CODE.get(proposal.indicator)
    start, end = dates_of(proposal.payload)
    if indicator is not None and indicator.nature == Nature.STOCK:
        published = article.published_date
        return {"as_of": min(end, published) if end and published else end or published}
    if start is None or end is None:
        return {}
    precision = (proposal.payload.get("date") or {}).get("precision", "")
    return {"period": period_text(_PERIOD_KINDS.get(precision, PeriodKind.RANGE), start, end)}
