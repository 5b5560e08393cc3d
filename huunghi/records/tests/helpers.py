"""Building valid form posts and records for every kind of activity."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.records import services
from huunghi.records.kinds import REGISTRY, Link
from huunghi.records.models import (
    Activity,
    ActivityCounterpart,
    ActivityQuantity,
    Agreement,
    Attachment,
    Facility,
    FacilityKind,
    TwinningKind,
    TwinningPair,
)

DAY = dt.date(2025, 10, 20)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64

#: Valid kind-specific form values for every kind.
KIND_VALUES: dict[str, dict[str, Any]] = {
    "festival": {"d_edition": "2", "d_level": "ministry", "q_participants_value": "3000"},
    "marker_salute": {"d_markers": "229, 229/12", "d_ceremony": "both"},
    "joint_patrol": {
        "d_markers": "229/12, 230",
        "d_vn_units": "Xa Mát border post",
        "d_kh_units": "Bavet border police post",
        "d_findings": "Markers intact; no incidents.",
    },
    "tree_planting": {"d_species": "sao đen", "q_trees_value": "120"},
    "facility_inauguration": {"d_funding_source": "self_mobilised"},
    "medical_outreach": {
        "d_beneficiaries": "both",
        "q_people_examined_value": "2000",
        "q_people_examined_qualifier": "about",
    },
    "scholarship": {"d_recipients": "kh", "q_scholarships_value": "20"},
    "livelihood_gift": {"d_gift": "cattle", "d_recipients": "both", "q_cattle_value": "10"},
    "aid": {
        "d_goods_or_money": "goods",
        "d_funding_source": "self_mobilised",
        "d_recipient_type": "unit",
        "d_recipient": "Svay Rieng gendarmerie",
        "q_value_vnd_value": "262000000",
    },
    "agreement": {},
    "delegation_out": {
        "d_members": "Col. A\nMaj. B",
        "d_purpose": "Working visit",
        "d_approval_doc_number": "123/QĐ-BTL",
        "d_approval_doc_date": "2025-10-01",
    },
    "delegation_in": {"d_members": "Gen. C", "d_purpose": "New Year greetings"},
    "briefing_meeting": {"d_topics": "Border situation", "d_periodicity": "quarterly"},
    "crime_prevention": {"d_crime_types": ["drugs", "smuggling"], "q_cases_value": "3"},
    "new_year_visit": {"d_occasion": "chol_chnam_thmey"},
    "education_session": {"d_audience": "both", "d_topics": "Border regulations"},
    "twinning_review": {"d_review_type": "interim", "d_period_years": "5"},
    "friendship_visit": {"d_visited": "Lộc Tấn A primary school"},
    "other": {},
}


def counterpart_management(rows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The counterpart formset's fields (``rows``: unit, role, shared)."""
    rows = rows or []
    data: dict[str, Any] = {
        "cp-TOTAL_FORMS": str(max(len(rows), 1)),
        "cp-INITIAL_FORMS": "0",
        "cp-MIN_NUM_FORMS": "0",
        "cp-MAX_NUM_FORMS": "30",
        "cp-0-role": "counterpart",
    }
    for index, row in enumerate(rows):
        data[f"cp-{index}-unit"] = str(row["unit"].pk)
        data[f"cp-{index}-role"] = row.get("role", "counterpart")
        if row.get("shared"):
            data[f"cp-{index}-shared"] = "on"
    return data


def link_for(kind: str, world: World, user: Any) -> Any:
    """A registry object the kind links to, created through the services."""
    link = REGISTRY[kind].link
    if link == Link.FACILITY:
        return services.facility_create(
            acting_user=user,
            name="Friendship clinic",
            kind=FacilityKind.CLINIC,
            unit=world.post_xa_mat,
            place=world.tay_ninh,
        )
    if link == Link.AGREEMENT:
        return services.agreement_create(
            acting_user=user,
            title="Cooperation agreement",
            unit=world.post_xa_mat,
            parties=[world.post_xa_mat, world.kh_post_bavet],
            signed_on=DAY,
            term_years=5,
        )
    if link == Link.TWINNING_PAIR:
        return services.twinning_create(
            acting_user=user,
            kind=TwinningKind.POST_PAIR,
            unit=world.post_xa_mat,
            vn_unit=world.post_xa_mat,
            kh_unit=world.kh_post_bavet,
            started_on=dt.date(2017, 5, 1),
        )
    return None


def activity_post(kind: str, world: World, *, link: Any = None, **overrides: Any) -> dict[str, Any]:
    """A valid POST for the create form of ``kind`` reported by the Xa Mát post."""
    data: dict[str, Any] = {
        "title": f"Test {kind}",
        "start_date": DAY.isoformat(),
        "end_date": "",
        "unit": str(world.post_xa_mat.pk),
        "place": str(world.tay_ninh.pk),
        "source_type": "entered",
        **KIND_VALUES[kind],
        **counterpart_management(),
    }
    for key in list(data):
        if key.startswith("q_") and key.endswith("_value"):
            data.setdefault(key.replace("_value", "_qualifier"), "exact")
    if link is not None:
        data["link"] = str(link.pk)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def counts() -> dict[str, int]:
    """Row counts of everything a failed save must leave untouched."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Activity,
            ActivityQuantity,
            ActivityCounterpart,
            Attachment,
            AuditEvent,
            Facility,
            Agreement,
            TwinningPair,
        )
    }


def make_activity(world: World, user: Any, *, kind: str = "aid", **fields: Any) -> Activity:
    """An activity created through the service (defaults: the Xa Mát post, aid)."""
    values: dict[str, Any] = {
        "unit": world.post_xa_mat,
        "title": f"Record {kind}",
        "start_date": DAY,
        "place": world.tay_ninh,
        "details": {
            "goods_or_money": "goods",
            "funding_source": "self_mobilised",
            "recipient_type": "unit",
            "recipient": "Bavet post",
        }
        if kind == "aid"
        else {},
    }
    values.update(fields)
    return services.activity_create(acting_user=user, kind=kind, **values)
