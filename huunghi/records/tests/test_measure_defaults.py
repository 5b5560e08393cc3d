"""Quantities are exact unless the clerk says otherwise: "about" and "at least" are the
clerk's choice, never a form default."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from huunghi.core.models import Qualifier
from huunghi.records.kinds import REGISTRY
from huunghi.records.models import Activity
from huunghi.records.tests.helpers import activity_post, login


def test_every_measure_of_every_kind_defaults_to_exact():
    """No kind offers a quantity pre-set to "about" (participants, people examined …)."""
    defaults = {
        (spec.kind, q.measure): q.qualifier for spec in REGISTRY.values() for q in spec.measures
    }
    assert {k: v for k, v in defaults.items() if v != Qualifier.EXACT} == {}


def test_new_form_preselects_exact(world, people):
    """The create form of a medical outreach opens with "exact" for people examined."""
    client = login(Client(), people.post_clerk)
    form = client.get(reverse("records:create", args=["medical_outreach"])).context["form"]
    assert form.initial["q_people_examined_qualifier"] == Qualifier.EXACT


def test_clerk_chooses_about_and_a_blank_qualifier_is_exact(world, people):
    """ "about" is kept when chosen; a quantity posted without a qualifier is exact."""
    client = login(Client(), people.post_clerk)
    data = activity_post("marker_salute", world, q_participants_value="40")
    data.pop("q_participants_qualifier", None)
    client.post(reverse("records:create", args=["marker_salute"]), data)
    data = activity_post(
        "marker_salute",
        world,
        title="Second",
        q_participants_value="50",
        q_participants_qualifier="about",
    )
    client.post(reverse("records:create", args=["marker_salute"]), data)
    first = Activity.objects.get(title="Test marker_salute").quantities.get(measure="participants")
    second = Activity.objects.get(title="Second").quantities.get(measure="participants")
    assert first.qualifier == Qualifier.EXACT
    assert second.qualifier == Qualifier.ABOUT
