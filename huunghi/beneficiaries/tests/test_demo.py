"""The demo command creates a few clearly synthetic pupils, once."""

from io import StringIO

from django.core.management import call_command

from huunghi.beneficiaries.models import Payment, Pupil
from huunghi.core.testing import org_unit


def test_skips_without_the_units(world):
    out = StringIO()
    call_command("demo_pupils", stdout=out)
    assert "skipped" in out.getvalue()
    assert Pupil.objects.count() == 0


def test_creates_synthetic_pupils_once(world):
    from huunghi.organisations.models import Unit

    post = org_unit("Đồn Xa Mát (demo)", parent=world.bdbp_tay_ninh)
    Unit.objects.filter(pk=post.pk).update(code="VN-DBP-XAMAT")
    call_command("demo_pupils", stdout=StringIO())
    count, payments = Pupil.objects.count(), Payment.objects.count()
    call_command("demo_pupils", stdout=StringIO())
    assert count == 5
    assert (Pupil.objects.count(), Payment.objects.count()) == (count, payments)
    assert all(p.is_synthetic and p.full_name.startswith("[DEMO]") for p in Pupil.objects.all())
    assert set(Pupil.objects.values_list("nationality", flat=True)) == {"VN", "KH"}
    assert Pupil.objects.filter(end_reason="finished").count() == 1
