"""Leads, sites, excavations and remains sets: creation, every status move, bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.remains import selectors, services
from huunghi.remains.models import Excavation, Lead, RemainsSet, StatusChange
from huunghi.remains.tests.conftest import make_chain

D = dt.date


def history(obj):
    return [(c.from_value, c.to_value, c.on_date) for c in selectors.status_history(obj)][::-1]


def moved(move, steps, **target):
    """Apply the status moves ``steps`` ((action, day, reason), …) to the case named in
    ``target`` as the system; return the statuses of its history, oldest first."""
    for action, day, reason in steps:
        move(**target, action=action, on_date=day, acting_user=SYSTEM, reason=reason)
    (case,) = target.values()
    return [h[1] for h in history(case)]


def new_lead(rw, **overrides):
    values = {
        "team": rw.k71,
        "received_on": D(2024, 6, 1),
        "informant_description": "[DEMO] veteran",
        "place": rw.svay_rieng,
        "acting_user": SYSTEM,
    }
    values.update(overrides)
    return services.lead_create(**values)


class TestLeads:
    def test_create_writes_first_status_row_and_audit(self, rw):
        lead = new_lead(rw, credibility="high", estimated_count=4)
        assert (lead.status, lead.status_on) == ("received", D(2024, 6, 1))
        assert history(lead) == [("", "received", D(2024, 6, 1))]
        assert AuditEvent.objects.filter(action="lead.create", target_id=str(lead.pk)).exists()

    def test_place_outside_cambodia_refused(self, rw):
        with pytest.raises(ValidationError) as exc:
            new_lead(rw, place=rw.tay_ninh_place)
        assert exc.value.message_dict["place"] == ["Choose a place in Cambodia."]
        assert Lead.objects.count() == 0

    def test_team_must_be_a_search_team(self, rw):
        with pytest.raises(ValidationError) as exc:
            new_lead(rw, team=rw.bcd515)
        assert "team" in exc.value.message_dict

    def test_estimated_count_zero_refused(self, rw):
        with pytest.raises(ValidationError) as exc:
            new_lead(rw, estimated_count=0)
        assert "at least 1" in exc.value.message_dict["estimated_count"][0]

    def test_every_move_is_dated_and_attributed(self, rw):
        clerk = rw.world.user(Role.CLERK, rw.k71)
        lead = new_lead(rw)
        services.lead_move(lead=lead, action="verify", on_date=D(2024, 6, 5), acting_user=clerk)
        services.lead_move(lead=lead, action="confirm", on_date=D(2024, 7, 1), acting_user=clerk)
        services.lead_move(
            lead=lead,
            action="close",
            on_date=D(2024, 8, 1),
            acting_user=clerk,
            reason="nothing found",
        )
        lead.refresh_from_db()
        assert (lead.status, lead.close_reason) == ("closed", "nothing found")
        services.lead_move(
            lead=lead,
            action="reopen",
            on_date=D(2024, 9, 1),
            acting_user=clerk,
            reason="new witness",
        )
        lead.refresh_from_db()
        assert (lead.status, lead.close_reason, lead.status_on) == ("verifying", "", D(2024, 9, 1))
        assert history(lead) == [
            ("", "received", D(2024, 6, 1)),
            ("received", "verifying", D(2024, 6, 5)),
            ("verifying", "confirmed", D(2024, 7, 1)),
            ("confirmed", "closed", D(2024, 8, 1)),
            ("closed", "verifying", D(2024, 9, 1)),
        ]
        assert set(
            StatusChange.objects.exclude(to_value="received").values_list("changed_by", flat=True)
        ) == {clerk.pk}
        assert AuditEvent.objects.filter(action__startswith="lead.").count() == 5

    def test_confirm_straight_from_received(self, rw):
        lead = new_lead(rw)
        services.lead_move(lead=lead, action="confirm", on_date=D(2024, 6, 2), acting_user=SYSTEM)
        lead.refresh_from_db()
        assert lead.status == "confirmed"

    def test_close_needs_a_reason(self, rw):
        lead = new_lead(rw)
        with pytest.raises(ValidationError) as exc:
            services.lead_move(lead=lead, action="close", on_date=D(2024, 6, 2), acting_user=SYSTEM)
        assert "reason" in exc.value.message_dict
        lead.refresh_from_db()
        assert lead.status == "received"

    @pytest.mark.parametrize(
        ("action", "on_date", "field"),
        [
            ("reopen", D(2024, 6, 2), "status"),
            ("verify", D(2024, 5, 1), "on_date"),
            ("verify", D(2099, 1, 1), "on_date"),
        ],
    )
    def test_impossible_moves_refused(self, rw, action, on_date, field):
        lead = new_lead(rw)
        with pytest.raises(ValidationError) as exc:
            services.lead_move(
                lead=lead, action=action, on_date=on_date, acting_user=SYSTEM, reason="x"
            )
        assert field in exc.value.message_dict
        assert StatusChange.objects.filter(object_id=lead.pk).count() == 1

    def test_another_teams_clerk_may_not_move_or_create(self, rw):
        k70_clerk = rw.world.user(Role.CLERK, rw.k70)
        lead = new_lead(rw)
        with pytest.raises(PermissionDenied):
            services.lead_move(
                lead=lead, action="verify", on_date=D(2024, 6, 2), acting_user=k70_clerk
            )
        with pytest.raises(PermissionDenied):
            new_lead(rw, acting_user=k70_clerk)

    def test_committee_clerk_creates_for_its_teams(self, rw):
        clerk = rw.world.user(Role.CLERK, rw.bcd515)
        assert new_lead(rw, acting_user=clerk).created_by == clerk

    def test_update(self, rw):
        lead = new_lead(rw)
        services.lead_update(lead=lead, acting_user=SYSTEM, changes={"credibility": "low"})
        lead.refresh_from_db()
        assert lead.credibility == "low"


class TestSites:
    def test_close_and_reopen(self, rw):
        _, site, _, _ = make_chain(rw, rw.k71)
        steps = [("close", D(2025, 1, 1), "searched fully"), ("reopen", D(2025, 1, 2), "news")]
        assert moved(services.site_move, steps, site=site) == ["open", "closed", "open"]

    def test_lead_of_another_team_refused(self, rw):
        lead = new_lead(rw, team=rw.k70)
        with pytest.raises(ValidationError) as exc:
            services.site_create(
                team=rw.k71, name="S", place=rw.svay_rieng, lead=lead, acting_user=SYSTEM
            )
        assert exc.value.message_dict["lead"] == ["The lead belongs to another team."]

    def test_excavation_at_a_closed_site_refused(self, rw):
        _, site, _, _ = make_chain(rw, rw.k71)
        services.site_move(
            site=site, action="close", on_date=D(2025, 1, 1), acting_user=SYSTEM, reason="done"
        )
        with pytest.raises(ValidationError) as exc:
            services.excavation_create(
                team=rw.k71, site=site, phase=rw.p24_2, start_date=D(2025, 2, 2), acting_user=SYSTEM
            )
        assert "site" in exc.value.message_dict


class TestExcavations:
    def test_negative_recovered_count_refused_and_nothing_stored(self, rw):
        _, site, _, _ = make_chain(rw, rw.k71, recovered=1, sets=())
        before = Excavation.objects.count()
        with pytest.raises(ValidationError) as exc:
            services.excavation_create(
                team=rw.k71,
                site=site,
                phase=rw.p24_1,
                start_date=D(2024, 12, 1),
                recovered_count=-3,
                acting_user=SYSTEM,
            )
        assert exc.value.message_dict["recovered_count"] == [
            "The number of remains recovered cannot be negative."
        ]
        assert Excavation.objects.count() == before
        assert not AuditEvent.objects.filter(
            action="excavation.create", changes__icontains="-3"
        ).exists()

    def test_start_outside_the_phase_refused(self, rw):
        _, site, _, _ = make_chain(rw, rw.k71, sets=())
        with pytest.raises(ValidationError) as exc:
            services.excavation_create(
                team=rw.k71,
                site=site,
                phase=rw.p24_2,
                start_date=D(2024, 12, 1),
                acting_user=SYSTEM,
            )
        assert "lies outside" in exc.value.message_dict["start_date"][0]

    def test_start_before_the_lead_was_received_refused(self, rw):
        lead = new_lead(rw, received_on=D(2024, 12, 15))
        site = services.site_create(
            team=rw.k71, name="S", place=rw.svay_rieng, lead=lead, acting_user=SYSTEM
        )
        with pytest.raises(ValidationError) as exc:
            services.excavation_create(
                team=rw.k71,
                site=site,
                phase=rw.p24_1,
                start_date=D(2024, 12, 1),
                acting_user=SYSTEM,
            )
        assert "before the lead was received" in exc.value.message_dict["start_date"][0]

    def test_site_of_another_team_refused(self, rw):
        _, site, _, _ = make_chain(rw, rw.k70, sets=())
        with pytest.raises(ValidationError) as exc:
            services.excavation_create(
                team=rw.k71,
                site=site,
                phase=rw.p24_1,
                start_date=D(2024, 12, 1),
                acting_user=SYSTEM,
            )
        assert "site" in exc.value.message_dict

    def test_complete_sets_the_end_date(self, rw):
        _, _, excavation, _ = make_chain(rw, rw.k71)
        services.excavation_move(
            excavation=excavation, action="complete", on_date=D(2024, 12, 20), acting_user=SYSTEM
        )
        excavation.refresh_from_db()
        assert (excavation.status, excavation.end_date) == ("completed", D(2024, 12, 20))

    def test_cancel_with_sets_refused_without_sets_allowed(self, rw):
        _, _, with_sets, _ = make_chain(rw, rw.k71)
        with pytest.raises(ValidationError) as exc:
            services.excavation_move(
                excavation=with_sets,
                action="cancel",
                on_date=D(2024, 12, 1),
                acting_user=SYSTEM,
                reason="rain",
            )
        assert "close them first" in exc.value.message_dict["status"][0]
        _, _, empty, _ = make_chain(rw, rw.k70, recovered=0, sets=())
        steps = [("cancel", D(2024, 12, 1), "flooded"), ("reopen", D(2024, 12, 2), "dry again")]
        assert moved(services.excavation_move, steps, excavation=empty) == [
            "in_progress",
            "cancelled",
            "in_progress",
        ]

    def test_count_cannot_drop_below_registered_sets(self, rw):
        _, _, excavation, _ = make_chain(rw, rw.k71, recovered=3, sets=(2,))
        with pytest.raises(ValidationError) as exc:
            services.excavation_update(
                excavation=excavation, acting_user=SYSTEM, changes={"recovered_count": 1}
            )
        assert "2 remains are already registered" in exc.value.message_dict["recovered_count"][0]


class TestRemainsSets:
    def test_count_zero_refused(self, rw):
        _, _, excavation, _ = make_chain(rw, rw.k71, sets=())
        with pytest.raises(ValidationError) as exc:
            services.set_create(
                team=rw.k71,
                excavation=excavation,
                recovered_on=D(2024, 11, 10),
                count=0,
                acting_user=SYSTEM,
            )
        assert "at least one person" in exc.value.message_dict["count"][0]

    def test_recovered_before_excavation_refused(self, rw):
        _, _, excavation, _ = make_chain(rw, rw.k71, sets=())
        with pytest.raises(ValidationError) as exc:
            services.set_create(
                team=rw.k71, excavation=excavation, recovered_on=D(2024, 11, 1), acting_user=SYSTEM
            )
        assert "before the excavation started" in exc.value.message_dict["recovered_on"][0]
        assert RemainsSet.objects.count() == 0

    def test_more_than_recovered_refused(self, rw):
        _, _, excavation, _ = make_chain(rw, rw.k71, recovered=3, sets=(2,))
        with pytest.raises(ValidationError) as exc:
            services.set_create(
                team=rw.k71,
                excavation=excavation,
                recovered_on=D(2024, 11, 12),
                count=2,
                acting_user=SYSTEM,
            )
        assert "recorded 3 remains and 2 are already" in exc.value.message_dict["count"][0]

    def test_identification_change_kept_in_history(self, rw):
        _, _, _, (remains_set,) = make_chain(rw, rw.k71)
        services.set_update(
            remains_set=remains_set,
            acting_user=SYSTEM,
            changes={
                "identification": "identified",
                "soldier_name": "[DEMO] Liệt sĩ",
                "dna_sample_taken": True,
            },
        )
        change = selectors.status_history(remains_set).get(field="identification")
        assert (change.from_value, change.to_value) == ("unidentified", "identified")

    def test_close_and_reopen(self, rw):
        _, _, _, (remains_set,) = make_chain(rw, rw.k71)
        steps = [("close", D(2024, 12, 1), "animal bones"), ("reopen", D(2024, 12, 2), "checked")]
        assert moved(services.set_move, steps, remains_set=remains_set) == [
            "recovered",
            "closed",
            "recovered",
        ]

    def test_closed_sets_free_the_excavation_count(self, rw):
        _, _, excavation, (remains_set,) = make_chain(rw, rw.k71, recovered=1, sets=(1,))
        services.set_move(
            remains_set=remains_set,
            action="close",
            on_date=D(2024, 12, 1),
            acting_user=SYSTEM,
            reason="duplicate",
        )
        services.set_create(
            team=rw.k71, excavation=excavation, recovered_on=D(2024, 11, 11), acting_user=SYSTEM
        )
        assert selectors.registered_count(excavation) == 1
