"""Importing an article: what is stored, duplicates, and refused input that stores nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.figures.models import ReportedFigure
from huunghi.newsimport import services
from huunghi.newsimport.models import ArticleStatus, InputKind, NewsArticle, NewsProposal
from huunghi.newsimport.tests.factories import (
    ARTICLE,
    ARTICLE_HTML,
    ENGLISH_PAGE,
    People,
    import_sample,
)
from huunghi.records.models import Activity

pytestmark = pytest.mark.usefixtures("news")


def _counts() -> tuple[int, ...]:
    return (
        NewsArticle.objects.count(),
        NewsProposal.objects.count(),
        Activity.objects.count(),
        ReportedFigure.objects.count(),
        AuditEvent.objects.filter(action__startswith="news").count(),
    )


def test_import_stores_the_article_and_its_proposals_only(world: World, people: People) -> None:
    """The article, its metadata and proposals are stored; no record or figure is made."""
    article = import_sample(world, people.dn_clerk)
    assert article.title == "Bình Phước: Sôi nổi ngày hội giao lưu hữu nghị biên giới"
    assert article.published.date() == dt.date(2022, 5, 14)
    assert article.input_kind == InputKind.PASTE
    assert article.status == ArticleStatus.PENDING
    assert article.unit == world.bdbp_dong_nai and article.imported_by == people.dn_clerk
    assert len(article.content_hash) == 64 and bytes(article.raw).decode() == ARTICLE
    kinds = {(p.kind, p.record_type) for p in article.proposals.all()}
    assert {("festival", "activity"), ("tree_planting", "activity")} <= kinds
    assert ("twinning_post", "figure") in kinds
    assert Activity.objects.count() == 0 and ReportedFigure.objects.count() == 0
    event = AuditEvent.objects.get(action="newsarticle.import")
    assert event.actor_id == people.dn_clerk.pk and event.target_id == str(article.pk)


def test_proposals_keep_what_was_read_with_spans(world: World, people: People) -> None:
    """Places, units, dates and quantities are stored with spans into the clean text."""
    article = import_sample(world, people.dn_clerk)
    festival = article.proposals.get(kind="festival")
    payload = festival.payload
    assert payload["date"]["start"] == "2022-05-12"
    assert f"place:{world.loc_ninh_legacy.pk}" in [p["id"] for p in payload["places"]]
    assert f"unit:{world.kh_svay_rieng.pk}" in [u["id"] for u in payload["units"]]
    quantity = payload["quantities"][0]
    assert (quantity["value"], quantity["unit"], quantity["qualifier"]) == (
        "300",
        "person",
        "about",
    )
    for span in festival.spans:
        assert article.text[span["start"] : span["end"]].strip()
    assert {s["field"] for s in festival.spans} >= {"trigger", "date", "place", "unit", "quantity"}
    figure = article.proposals.get(record_type="figure")
    assert figure.indicator == "twinning_pairs_post"


def test_same_article_twice_is_recognised(world: World, people: People) -> None:
    """The same text again (even spaced differently) points to the earlier import."""
    first = import_sample(world, people.dn_clerk)
    before = _counts()
    respaced = ARTICLE.replace("\n\n", "\n\n\n").replace(", ", ",  ")
    with pytest.raises(services.DuplicateArticleError) as caught:
        import_sample(world, people.dn_clerk, text=respaced)
    assert caught.value.existing == first
    assert "already imported" in caught.value.messages[0]
    assert _counts() == before


def test_same_address_twice_is_recognised(world: World, people: People) -> None:
    """An article at an address already imported for the unit is refused too."""
    first = import_sample(world, people.dn_clerk, url="https://example.vn/a.html")
    other_text = ARTICLE.replace("khoảng 300", "khoảng 350")
    with pytest.raises(services.DuplicateArticleError) as caught:
        import_sample(world, people.dn_clerk, text=other_text, url="https://example.vn/a.html")
    assert caught.value.existing == first


def test_another_unit_may_import_the_same_article(world: World, people: People) -> None:
    """Duplicates are per unit: the Tây Ninh border guard imports its own copy."""
    import_sample(world, people.dn_clerk)
    article = services.article_import(
        unit=world.bdbp_tay_ninh, acting_user=people.tn_clerk, text=ARTICLE
    )
    assert article.unit == world.bdbp_tay_ninh


def test_saved_page_keeps_its_canonical_address(world: World, people: People) -> None:
    """A saved HTML page is read without its menu and footer; its address is kept."""
    article = import_sample(
        world, people.dn_clerk, text=None, raw=ARTICLE_HTML.encode(), filename="bai.html"
    )
    assert article.url == "https://bienphong.example.vn/giao-luu-loc-ninh.html"
    assert article.source_format == "html" and article.input_kind == InputKind.UPLOAD
    assert "Trang chủ" not in article.text and "Bản quyền" not in article.text


BROKEN_HTML = b"<html><head><title>Tin</ti<body><div><p>Trang ch\xe1\xbb\xa7 <a href=</div>"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"text": ""}, "empty"),
        ({"text": "   \n  "}, "empty"),
        ({"raw": b"", "filename": "empty.html"}, "empty"),
        ({"text": "Trang chủ\nTin tức\nLiên hệ"}, "No article text was found"),
        ({"raw": ENGLISH_PAGE.encode(), "filename": "page.html"}, "does not look like Vietnamese"),
        ({"raw": b"a" * (50 * 1024 * 1024), "filename": "huge.html"}, "the limit is 5.0 MB"),
        ({"raw": BROKEN_HTML, "filename": "broken.html"}, "No article text was found"),
        ({"raw": b"%PDF-1.7\n...", "filename": "bai.pdf"}, "not a web page"),
    ],
    ids=["empty", "blank", "empty-file", "no-article", "english", "50MB", "broken-html", "pdf"],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(
    world: World, people: People, given: dict, message: str
) -> None:
    """Unusable input raises a clerk's message; no article, proposal or audit row is made."""
    before = _counts()
    kwargs = {"text": None, **given} if "raw" in given else given
    with pytest.raises(services.ImportRefusedError) as caught:
        import_sample(world, people.dn_clerk, **kwargs)
    assert message in caught.value.messages[0]
    assert _counts() == before


def test_viewer_cannot_import(world: World, people: People) -> None:
    """Importing needs edit rights on the unit."""
    with pytest.raises(PermissionDenied):
        import_sample(world, people.dn_viewer)
    with pytest.raises(PermissionDenied):
        import_sample(world, people.tn_clerk)
    assert NewsArticle.objects.count() == 0
