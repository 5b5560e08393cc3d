"""The demo command creates a small synthetic chain, once, and never the reported figures."""

from io import StringIO

from django.core.management import call_command

from huunghi.organisations.models import Unit
from huunghi.remains.models import Excavation, Handover, Lead, RemainsSet, Season


def _code(unit, code):
    Unit.objects.filter(pk=unit.pk).update(code=code)


def test_skips_without_teams(world):
    out = StringIO()
    call_command("demo_remains", stdout=out)
    assert "skipped" in out.getvalue()
    assert Lead.objects.count() == 0


def test_small_synthetic_chain_created_once(rw):
    for unit, code in (
        (rw.k70, "VN-K70"),
        (rw.k71, "VN-K71"),
        (rw.k73, "VN-K73"),
        (rw.bcd515, "VN-BCD515-TN"),
    ):
        _code(unit, code)
    call_command("demo_remains", stdout=StringIO())
    counts = (Lead.objects.count(), Excavation.objects.count(), RemainsSet.objects.count())
    call_command("demo_remains", stdout=StringIO())
    assert counts == (3, 3, 4)
    assert (Lead.objects.count(), Excavation.objects.count(), RemainsSet.objects.count()) == counts
    assert Season.objects.filter(number=25).count() == 1
    assert all(e.is_synthetic for e in Excavation.objects.all())
    assert all(lead.informant_description.startswith("[DEMO]") for lead in Lead.objects.all())
    assert sum(Excavation.objects.values_list("recovered_count", flat=True)) == 4
    handover = Handover.objects.get()
    assert handover.is_synthetic and handover.remains_count == 4
    assert RemainsSet.objects.filter(status="reburied").count() == 1
