"""The border marker registry: approval chain, scope, links from records, pages, API."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.api.tests.helpers import ApiClient
from huunghi.audit.models import AuditEvent
from huunghi.core.models import Status
from huunghi.core.testing import org_unit, user_with_role
from huunghi.geography import marker_services as services
from huunghi.geography.models import (
    AdminUnit,
    BorderMarker,
    MarkerCondition,
    MarkerConditionEntry,
    MarkerKind,
    MarkerVisit,
)
from huunghi.organisations.models import UnitKind
from huunghi.records.services import activity_create, activity_update

DAY = dt.date(2025, 10, 20)


pytestmark = pytest.mark.usefixtures("geography")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(geography) -> SimpleNamespace:
    """Units of both sides on top of the real geography loaded for this package."""
    national = org_unit("Bộ Tư lệnh BĐBP", kind=UnitKind.COMMAND)
    tay_ninh = org_unit("BĐBP Tây Ninh", parent=national, kind=UnitKind.PROVINCIAL_BORDER_GUARD)
    dong_nai = org_unit("BĐBP Đồng Nai", parent=national, kind=UnitKind.PROVINCIAL_BORDER_GUARD)
    kh_root = org_unit("Hiến binh", kind=UnitKind.GENDARMERIE, country_code="KH")
    return SimpleNamespace(
        tay_ninh=AdminUnit.objects.get(country__code="VN", code="80"),
        bdbp_tay_ninh=tay_ninh,
        post_xa_mat=org_unit("Đồn Xa Mát", parent=tay_ninh),
        post_hoa_lu=org_unit("Đồn Hoa Lư", parent=dong_nai),
        kh_post_bavet=org_unit(
            "Đồn Bavet", parent=kh_root, kind=UnitKind.BORDER_POLICE, country_code="KH"
        ),
    )


@pytest.fixture
def people(world):
    return {
        "post_clerk": user_with_role(Role.CLERK, world.post_xa_mat, username="xm_clerk"),
        "post_viewer": user_with_role(Role.VIEWER, world.post_xa_mat, username="xm_viewer"),
        "approver": user_with_role(Role.APPROVER, world.bdbp_tay_ninh, username="tn_approver"),
        "other_clerk": user_with_role(Role.CLERK, world.post_hoa_lu, username="hl_clerk"),
        "kh_viewer": user_with_role(Role.VIEWER, world.kh_post_bavet, username="kh_viewer"),
    }


def _marker(world, user, number: str = "229/12", **fields) -> BorderMarker:
    kind = fields.pop("kind", MarkerKind.AUXILIARY if "/" in number else MarkerKind.MAIN)
    return services.marker_create(
        acting_user=user,
        number=number,
        kind=kind,
        unit=world.post_xa_mat,
        province=world.tay_ninh,
        **fields,
    )


def _approved(world, people, number: str = "229/12", **fields) -> BorderMarker:
    marker = _marker(world, people["post_clerk"], number, **fields)
    services.marker_submit(marker=marker, acting_user=people["post_clerk"])
    return services.marker_approve(marker=marker, acting_user=people["approver"])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- services -------------------------------------------------------------------------


def test_marker_goes_through_the_shared_approval_chain(world, people):
    """Draft → submitted → approved by the province approver, each step audited."""
    marker = _approved(world, people)
    assert marker.status == Status.APPROVED
    assert marker.approved_by == people["approver"]
    actions = list(
        AuditEvent.objects.filter(target_type="geography.bordermarker", target_id=str(marker.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["bordermarker.create", "bordermarker.submit", "bordermarker.approve"]


def test_post_clerk_cannot_approve_and_return_needs_a_reason(world, people):
    """Approval needs an approver above the post; a return without a reason is refused."""
    marker = _marker(world, people["post_clerk"])
    services.marker_submit(marker=marker, acting_user=people["post_clerk"])
    with pytest.raises(PermissionDenied):
        services.marker_approve(marker=marker, acting_user=people["post_clerk"])
    with pytest.raises(ValidationError):
        services.marker_return(marker=marker, acting_user=people["approver"], reason=" ")
    returned = services.marker_return(
        marker=marker, acting_user=people["approver"], reason="Check the number"
    )
    assert returned.status == Status.RETURNED


def test_editing_an_approved_marker_reopens_it(world, people):
    """A change to an approved entry makes a new revision that needs approval again."""
    marker = _approved(world, people)
    changed = services.marker_update(
        marker=marker, acting_user=people["post_clerk"], notes="Moved sign"
    )
    assert (changed.status, changed.revision, changed.notes) == (Status.DRAFT, 2, "Moved sign")


def test_another_post_cannot_edit_or_register_for_this_post(world, people):
    """Only the managing post's subtree edits its markers."""
    marker = _approved(world, people)
    with pytest.raises(PermissionDenied):
        services.marker_update(marker=marker, acting_user=people["other_clerk"], notes="x")
    with pytest.raises(PermissionDenied):
        _marker(world, people["other_clerk"], "230")


def test_marker_needs_a_managing_unit_and_a_valid_number(world, people):
    """Bad input names the field: the number pattern and the managing unit."""
    with pytest.raises(ValidationError) as error:
        _marker(world, people["post_clerk"], "abc")
    assert "number" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.marker_create(acting_user=people["post_clerk"], number="231", kind="main")
    assert "unit" in error.value.message_dict


def test_condition_entry_updates_the_marker_and_is_audited(world, people):
    """A dated condition entry shows as the marker's condition, with who entered it."""
    marker = _approved(world, people)
    services.marker_condition_add(
        marker=marker,
        acting_user=people["post_clerk"],
        condition=MarkerCondition.DAMAGED,
        on_date=dt.date(2025, 3, 1),
        note="Flood",
    )
    marker.refresh_from_db()
    assert marker.condition == MarkerCondition.DAMAGED
    assert marker.last_inspected_on == dt.date(2025, 3, 1)
    assert AuditEvent.objects.filter(action="bordermarker.condition").count() == 1
    with pytest.raises(PermissionDenied):
        services.marker_condition_add(
            marker=marker,
            acting_user=people["other_clerk"],
            condition=MarkerCondition.REPAIRED,
            on_date=dt.date(2025, 4, 1),
        )


# --- links from records ---------------------------------------------------------------


def _salute(world, user, markers: str, ceremony: str = "repaint"):
    return activity_create(
        acting_user=user,
        kind="marker_salute",
        unit=world.post_xa_mat,
        title="Salute at the markers",
        start_date=DAY,
        details={"markers": markers, "ceremony": ceremony},
    )


def test_salute_links_named_markers_and_registers_unknown_numbers(world, people):
    """A repaint links 229/12 (registered), adds a draft for 230 (2) and dates a repaint."""
    known = _approved(world, people)
    salute = _salute(world, people["post_clerk"], "229/12, 230(2)")
    linked = set(
        MarkerVisit.objects.filter(activity=salute).values_list("marker__number", flat=True)
    )
    assert linked == {"229/12", "230(2)"}
    new = BorderMarker.objects.get(number="230(2)")
    assert (new.status, new.unit, new.kind) == (Status.DRAFT, world.post_xa_mat, MarkerKind.MAIN)
    entry = MarkerConditionEntry.objects.get(marker=known)
    assert (entry.condition, entry.on_date, entry.activity) == ("repainted", DAY, salute)
    known.refresh_from_db()
    assert (known.condition, known.last_inspected_on) == ("repainted", DAY)
    assert known.status == Status.APPROVED  # a visit does not reopen the entry


def test_spacing_of_a_double_marker_number_does_not_duplicate_it(world, people):
    """“230 (2)” in a record names the registered “230(2)”."""
    _approved(world, people, "230(2)")
    _salute(world, people["post_clerk"], "230 (2)")
    assert BorderMarker.objects.count() == 1


def test_updating_a_record_removes_links_it_no_longer_names(world, people):
    """Dropping a number from the record unlinks it and removes its repaint entry."""
    salute = _salute(world, people["post_clerk"], "229/12, 230")
    activity_update(
        activity=salute,
        acting_user=people["post_clerk"],
        details={"markers": "229/12", "ceremony": "salute"},
    )
    assert list(MarkerVisit.objects.values_list("marker__number", flat=True)) == ["229/12"]
    assert not MarkerConditionEntry.objects.exists()


def test_joint_patrol_links_markers_without_a_condition(world, people):
    """A patrol says only that it visited the markers."""
    patrol = activity_create(
        acting_user=people["post_clerk"],
        kind="joint_patrol",
        unit=world.post_xa_mat,
        title="Joint patrol",
        start_date=DAY,
        details={"markers": "229/12", "findings": "Intact."},
    )
    assert MarkerVisit.objects.filter(activity=patrol).count() == 1
    assert not MarkerConditionEntry.objects.exists()


# --- pages ----------------------------------------------------------------------------


def test_every_role_lists_approved_markers_and_only_its_own_drafts(world, people):
    """Approved markers are public; a draft shows only inside the managing subtree."""
    _approved(world, people, "229/12")
    _marker(world, people["post_clerk"], "230")
    url = reverse("geography:marker_list")
    expectations = {
        "post_clerk": True,
        "post_viewer": True,
        "approver": True,
        "other_clerk": False,
        "kh_viewer": False,
    }
    for name, sees_draft in expectations.items():
        page = _client(people[name]).get(url).content.decode()
        assert "229/12" in page, name
        assert (">230<" in page) is sees_draft, name


def test_list_searches_by_number_and_filters(world, people):
    """Searching 229/12 finds that marker first; filters narrow by kind and condition."""
    _approved(world, people, "229/12")
    _approved(world, people, "229/120")
    _approved(world, people, "230")
    client = _client(people["post_viewer"])
    page = client.get(reverse("geography:marker_list"), {"q": "229/12"}).content.decode()
    assert page.index(">229/12<") < page.index(">229/120<")
    assert ">230<" not in page
    page = client.get(reverse("geography:marker_list"), {"kind": "main"}).content.decode()
    assert ">230<" in page and ">229/12<" not in page


def test_list_is_paginated(world, people):
    """More than one page of markers gives a next-page link."""
    for number in range(1, 53):
        services.marker_create(
            acting_user=people["post_clerk"],
            number=str(number),
            kind="main",
            unit=world.post_xa_mat,
        )
    page = _client(people["post_clerk"]).get(reverse("geography:marker_list")).content.decode()
    assert "page=2" in page


def test_draft_of_another_post_is_404_on_every_page(world, people):
    """Missing and forbidden give the same 404 (detail, edit, map data)."""
    draft = _marker(world, people["post_clerk"], "230")
    client = _client(people["other_clerk"])
    assert client.get(reverse("geography:marker_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("geography:marker_edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("geography:marker_detail", args=[99999])).status_code == 404
    points = client.get(reverse("geography:marker_map_data")).json()["markers"]
    assert points == []


def test_viewer_reads_an_approved_marker_but_gets_no_edit_controls(world, people):
    """A viewer sees the page without Edit, submit or condition controls."""
    marker = _approved(world, people)
    client = _client(people["kh_viewer"])
    page = client.get(reverse("geography:marker_detail", args=[marker.pk])).content.decode()
    assert "Marker 229/12" in page
    assert reverse("geography:marker_edit", args=[marker.pk]) not in page
    assert reverse("geography:marker_condition", args=[marker.pk]) not in page
    assert client.get(reverse("geography:marker_edit", args=[marker.pk])).status_code == 404


def test_detail_shows_condition_history_and_readable_records(world, people):
    """The page lists the repaint from the salute and the salute itself."""
    marker = _approved(world, people)
    salute = _salute(world, people["post_clerk"], "229/12")
    page = _client(people["post_clerk"]).get(reverse("geography:marker_detail", args=[marker.pk]))
    text = page.content.decode()
    assert "Repainted" in text or "repainted" in text
    assert reverse("records:detail", args=[salute.pk]) in text
    # Another province's clerk reads the approved marker but not the post's draft record.
    other = _client(people["other_clerk"]).get(reverse("geography:marker_detail", args=[marker.pk]))
    assert reverse("records:detail", args=[salute.pk]) not in other.content.decode()


def test_clerk_registers_submits_and_approver_approves_through_pages(world, people):
    """The form creates a draft; the buttons move it to approved."""
    clerk = _client(people["post_clerk"])
    response = clerk.post(
        reverse("geography:marker_create"),
        {"number": "231/3", "kind": "auxiliary", "unit": world.post_xa_mat.pk, "notes": ""},
    )
    marker = BorderMarker.objects.get(number="231/3")
    assert response.status_code == 302
    clerk.post(reverse("records:record_action", args=["marker", marker.pk, "submit"]))
    approver = _client(people["approver"])
    approver.post(reverse("records:record_action", args=["marker", marker.pk, "approve"]))
    marker.refresh_from_db()
    assert marker.status == Status.APPROVED
    assert (
        clerk.post(
            reverse("records:record_action", args=["marker", marker.pk, "approve"])
        ).status_code
        == 404
    )


def test_form_error_names_the_number_field(world, people):
    """A bad number re-displays the form with the field's message; nothing is written."""
    response = _client(people["post_clerk"]).post(
        reverse("geography:marker_create"),
        {"number": "12345", "kind": "main", "unit": world.post_xa_mat.pk},
    )
    assert response.status_code == 200
    assert "marker number" in response.content.decode()
    assert not BorderMarker.objects.exists()


def test_viewer_cannot_open_the_registration_form(world, people):
    """Without edit rights the form is a 404 and the list offers no button."""
    client = _client(people["post_viewer"])
    assert client.get(reverse("geography:marker_create")).status_code == 404
    page = client.get(reverse("geography:marker_list")).content.decode()
    assert reverse("geography:marker_create") not in page


def test_map_page_and_data_use_the_list_filters(world, people):
    """The map's data carries the positions of the listed markers only."""
    _approved(world, people, "229/12", latitude=11.3, longitude=106.1)
    _approved(world, people, "230")
    client = _client(people["kh_viewer"])
    assert b"marker-map" in client.get(reverse("geography:marker_map")).content
    points = client.get(reverse("geography:marker_map_data")).json()["markers"]
    assert [p["name"] for p in points] == ["229/12"]


# --- API ------------------------------------------------------------------------------


def _api(user) -> ApiClient:
    return ApiClient.for_user(user)


def test_api_lists_with_the_same_scope_for_each_role(world, people):
    """Every role reads approved markers; drafts only inside the managing subtree."""
    _approved(world, people, "229/12")
    _marker(world, people["post_clerk"], "230")
    expected = {
        "post_clerk": {"229/12", "230"},
        "approver": {"229/12", "230"},
        "other_clerk": {"229/12"},
        "kh_viewer": {"229/12"},
    }
    for name, numbers in expected.items():
        body = _api(people[name]).get("/markers/").json()
        assert {item["number"] for item in body["items"]} == numbers, name


def test_api_detail_is_404_for_another_posts_draft(world, people):
    """Missing and forbidden answer the same 404; the detail carries the history."""
    draft = _marker(world, people["post_clerk"], "230")
    assert _api(people["other_clerk"]).get(f"/markers/{draft.pk}").status_code == 404
    assert _api(people["other_clerk"]).get("/markers/99999").status_code == 404
    salute = _salute(world, people["post_clerk"], "230")
    body = _api(people["post_clerk"]).get(f"/markers/{draft.pk}").json()
    assert body["record_ids"] == [salute.pk]
    assert body["conditions"][0]["condition"] == "repainted"


def test_api_search_by_number(world, people):
    _approved(world, people, "229/12")
    _approved(world, people, "230")
    body = _api(people["post_viewer"]).get("/markers/", q="229/12").json()
    assert [item["number"] for item in body["items"]] == ["229/12"]


def test_markers_are_on_the_approvals_page_and_obey_four_eyes(world, people):
    """A submitted marker waits in the province approver's inbox; an approver who last
    edited the entry is refused with a message (four-eyes rule)."""
    marker = _marker(world, people["post_clerk"], "232")
    services.marker_submit(marker=marker, acting_user=people["post_clerk"])
    inbox = _client(people["approver"]).get(reverse("records:approvals")).content.decode()
    assert reverse("geography:marker_detail", args=[marker.pk]) in inbox
    services.marker_return(marker=marker, acting_user=people["approver"], reason="Position?")
    services.marker_update(marker=marker, acting_user=people["approver"], latitude=11.2)
    services.marker_submit(marker=marker, acting_user=people["post_clerk"])
    with pytest.raises((PermissionDenied, ValidationError)):
        services.marker_approve(marker=marker, acting_user=people["approver"])
    page = _client(people["approver"]).get(reverse("geography:marker_detail", args=[marker.pk]))
    assert "four-eyes" in page.content.decode()


def test_record_page_links_the_markers_it_names_when_the_reader_may_open_them(world, people):
    """The salute's page links 229/12 (approved) for everyone, and the post's draft 230
    only inside the post's subtree (never a link that leads to a 404)."""
    known = _approved(world, people)
    salute = _salute(world, people["post_clerk"], "229/12, 230")
    draft = BorderMarker.objects.get(number="230")
    url = reverse("records:detail", args=[salute.pk])
    own = _client(people["post_clerk"]).get(url).content.decode()
    assert reverse("geography:marker_detail", args=[known.pk]) in own
    assert reverse("geography:marker_detail", args=[draft.pk]) in own
    province = _client(people["approver"]).get(url).content.decode()
    assert reverse("geography:marker_detail", args=[draft.pk]) in province


def test_demo_markers_are_synthetic_approved_and_idempotent(world):
    """``demo_markers`` adds approved, synthetic entries for the demo gate posts it finds,
    with positions near their gate; a second run adds nothing."""
    from django.core.management import call_command

    from huunghi.core.actors import SYSTEM
    from huunghi.organisations.services import unit_create

    unit_create(
        code="VN-DBP-XAMAT",
        name_vi="Đồn Biên phòng Cửa khẩu Quốc tế Xa Mát",
        kind=UnitKind.BORDER_POST,
        country=world.tay_ninh.country,
        parent=world.bdbp_tay_ninh,
        acting_user=SYSTEM,
    )
    call_command("demo_markers")
    call_command("demo_markers")
    markers = BorderMarker.objects.order_by("number")
    assert [m.number for m in markers] == ["901", "901/1", "901/2"]
    assert all(m.is_synthetic and m.status == Status.APPROVED for m in markers)
    assert all(m.latitude is not None for m in markers)


def test_purge_synthetic_removes_demo_markers_and_keeps_real_ones(world, people):
    """``purge_synthetic`` deletes synthetic markers with their history; real ones stay."""
    from django.core.management import call_command

    from huunghi.core.actors import SYSTEM

    real = _approved(world, people, number="231")
    demo = services.marker_create(
        acting_user=SYSTEM, number="232", kind="main", unit=world.post_xa_mat, is_synthetic=True
    )
    for marker in (real, demo):
        services.marker_condition_add(
            marker=marker,
            acting_user=SYSTEM,
            condition=MarkerCondition.DAMAGED,
            on_date=dt.date(2025, 3, 1),
        )
    call_command("purge_synthetic", verbosity=0)
    assert list(BorderMarker.objects.values_list("number", flat=True)) == ["231"]
    assert MarkerConditionEntry.objects.filter(marker=real).count() == 1
    assert not MarkerConditionEntry.objects.filter(marker_id=demo.pk).exists()
