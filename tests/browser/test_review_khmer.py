"""A Cambodian counterpart asks for a review report from the Khmer interface: the PDF's
first page, rendered to PNG, carries the Kingdom of Cambodia's heading centred at the
top and no Vietnamese state heading."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.test import Client, override_settings
from PIL import Image

from huunghi.accounts.models import Role
from huunghi.core.testing import build_world
from huunghi.geography.selectors import clear_geography_cache
from huunghi.organisations.models import Unit
from huunghi.records.models import ActivityKind, Status
from huunghi.reports.tests.factories import make_activity

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
SVAY_RIENG_KM = "កងរាជអាវុធហត្ថខេត្តស្វាយរៀង"
GENDARMERIE_KM = "បញ្ជាការដ្ឋានកងរាជអាវុធហត្ថ"
# pdftotext reads shaped Khmer back glyph by glyph (a glyph shared by two clusters takes
# the first cluster's text), so the heading is checked by parts that read back exactly.
KINGDOM_PARTS = ("ព្រះរាជាណាច", "ម្ពុជា")
MOTTO_PARTS = ("ជាតិ", "សាសនា", "ព្រះមហា")


def _world():
    clear_geography_cache()
    world = build_world()
    Unit.objects.filter(pk=world.kh_svay_rieng.pk).update(name_km=SVAY_RIENG_KM)
    Unit.objects.filter(pk=world.kh_gendarmerie.pk).update(name_km=GENDARMERIE_KM)
    make_activity(
        unit=world.post_xa_mat,
        start=dt.date(2024, 11, 30),
        place=world.svay_rieng,
        kind=ActivityKind.EDUCATION_SESSION,
        status=Status.APPROVED,
        shared_with=[world.kh_svay_rieng],
    )
    return world


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def _first_page(pdf: Path) -> tuple[Image.Image, str]:
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))],  # noqa: S607
        check=True,
    )
    [png] = list(pdf.parent.glob(pdf.stem + "*.png"))
    keep = os.environ.get("HUUNGHI_KEEP_REVIEW_PNG")
    if keep:
        shutil.copy(png, Path(keep) / "browser-km.png")
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-l", "1", str(pdf), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Image.open(png).convert("L"), text


def _dark(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    width, height = image.size
    part = image.crop(
        (int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height))
    )
    histogram = part.histogram()
    return sum(histogram[:128]) / max(1, sum(histogram))


@override_settings(TASKS=IMMEDIATE)
def test_counterpart_makes_a_khmer_review_report(browser_page, live_server, tmp_path):
    world = _world()
    page = browser_page
    _sign_in(page, live_server, world.user(Role.VIEWER, world.kh_svay_rieng))
    page.goto(f"{live_server.url}/reports/review/")
    page.click('form.langswitch button[value="km"]')
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "km"
    page.select_option('select[name="unit"]', str(world.kh_svay_rieng.pk))
    page.select_option('select[name="review_kind"]', "interim")
    page.fill('input[name="date_from"]', "2024-01-01")
    page.fill('input[name="date_to"]', "2024-12-31")
    page.select_option('select[name="format"]', "pdf")
    page.click('form.form button[type="submit"]')
    link = page.locator('a[href$="/download/"]')
    link.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as download_info:
        link.click()
    pdf = tmp_path / "review.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    image, text = _first_page(pdf)
    lines = ["".join(line.split()) for line in text.splitlines() if line.strip()]
    assert all(part in lines[0] for part in KINGDOM_PARTS), lines[:3]
    assert all(part in lines[1] for part in MOTTO_PARTS), lines[:3]
    assert GENDARMERIE_KM in "".join(text.split())
    assert "CỘNG HÒA" not in text and "Độc lập" not in text and "VIỆT NAM" not in text
    heading = _dark(image, (0.35, 0.03, 0.65, 0.09))
    assert heading > 0.01, "the Kingdom's heading is printed at the top centre"
    assert _dark(image, (0.8, 0.03, 0.98, 0.09)) < heading / 3, "nothing at the top right"
    assert _dark(image, (0, 0.2, 1, 1)) > 0.01, "the page has a body"
    assert not page.console_errors
