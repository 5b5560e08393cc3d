"""The pages per role: imports list and form, review page, accept and reject (htmx or not)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.newsimport.models import Decision, NewsArticle
from huunghi.newsimport.tests.factories import (
    ARTICLE,
    ARTICLE_HTML,
    ENGLISH_PAGE,
    People,
    import_sample,
    proposal_of,
)
from huunghi.records.models import Activity, ActivityKind

pytestmark = pytest.mark.usefixtures("news")
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _festival_post(article: NewsArticle, world: World) -> dict[str, Any]:
    proposal = proposal_of(article, "festival")
    prefix = f"p{proposal.pk}-"
    return {
        prefix + "kind": ActivityKind.FESTIVAL,
        prefix + "title": "Ngày hội giao lưu tại Lộc Ninh",
        prefix + "start_date": "2022-05-12",
        prefix + "unit": world.bdbp_dong_nai.pk,
        prefix + "place": world.loc_ninh_legacy.pk,
        prefix + "counterparts": [world.kh_svay_rieng.pk],
        prefix + "q_participants_value": "300",
        prefix + "q_participants_qualifier": "about",
    }


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("newsimport:list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_clerk_imports_a_saved_page_and_is_taken_to_the_review(
    world: World, people: People
) -> None:
    """Uploading a page stores it and opens its review page."""
    client = _client(people.dn_clerk)
    page = client.get(reverse("newsimport:list"))
    assert page.status_code == 200 and b'name="file"' in page.content
    upload = SimpleUploadedFile("bai.html", ARTICLE_HTML.encode(), content_type="text/html")
    response = client.post(
        reverse("newsimport:list"), {"unit": world.bdbp_dong_nai.pk, "file": upload}
    )
    article = NewsArticle.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    review = client.get(article.get_absolute_url())
    assert review.status_code == 200
    assert b'class="hl hl-trigger"' in review.content and b"hl-place" in review.content
    first = article.proposals.all()[0]
    assert f'id="proposal-{first.pk}"'.encode() in review.content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "The page or text is empty"),
        ({"file": ("en.html", ENGLISH_PAGE.encode())}, "does not look like Vietnamese"),
        ({"text": "Trang chủ\nTin tức"}, "No article text was found"),
    ],
    ids=["empty", "english", "no-article"],
)
def test_bad_input_shows_the_message_and_stores_nothing(
    world: World, people: People, data: dict, message: str
) -> None:
    client = _client(people.dn_clerk)
    post: dict[str, Any] = {"unit": world.bdbp_dong_nai.pk}
    if "file" in data:
        name, content = data["file"]
        post["file"] = SimpleUploadedFile(name, content, content_type="text/html")
    else:
        post.update(data)
    response = client.post(reverse("newsimport:list"), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert NewsArticle.objects.count() == 0


def test_too_large_upload_is_refused_before_reading(
    world: World, people: People, settings: Any
) -> None:
    settings.HUUNGHI_MAX_ARTICLE_BYTES = 1024
    upload = SimpleUploadedFile("big.html", b"<p>" + b"a" * 4096, content_type="text/html")
    response = _client(people.dn_clerk).post(
        reverse("newsimport:list"), {"unit": world.bdbp_dong_nai.pk, "file": upload}
    )
    assert response.status_code == 400 and "the limit is 0.0 MB" in response.content.decode()
    assert NewsArticle.objects.count() == 0


def test_duplicate_links_to_the_earlier_import(world: World, people: People) -> None:
    first = import_sample(world, people.dn_clerk)
    response = _client(people.dn_clerk).post(
        reverse("newsimport:list"), {"unit": world.bdbp_dong_nai.pk, "text": ARTICLE}
    )
    assert response.status_code == 400
    assert "already imported" in response.content.decode()
    assert first.get_absolute_url() in response.content.decode()
    assert NewsArticle.objects.count() == 1


def test_viewer_reads_but_cannot_import_or_decide(world: World, people: People) -> None:
    """A viewer sees the unit's imports and their review page, with no forms."""
    article = import_sample(world, people.dn_clerk)
    client = _client(people.dn_viewer)
    listing = client.get(reverse("newsimport:list"))
    assert listing.status_code == 200 and b'name="file"' not in listing.content
    assert article.title.encode() in listing.content
    posted = client.post(
        reverse("newsimport:list"), {"unit": world.bdbp_dong_nai.pk, "text": ARTICLE}
    )
    assert posted.status_code == 404
    review = client.get(article.get_absolute_url())
    assert review.status_code == 200 and b"Accept as draft" not in review.content
    proposal = proposal_of(article, "festival")
    accept = client.post(reverse("newsimport:accept", args=[proposal.pk]), {})
    reject = client.post(reverse("newsimport:reject", args=[proposal.pk]), {})
    assert (accept.status_code, reject.status_code) == (404, 404)


def test_other_province_clerk_gets_404(world: World, people: People) -> None:
    """Another province's clerk cannot see the import, its proposals or decide them."""
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "festival")
    client = _client(people.tn_clerk)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(reverse("newsimport:proposal_card", args=[proposal.pk])).status_code == 404
    accept = client.post(
        reverse("newsimport:accept", args=[proposal.pk]), _festival_post(article, world)
    )
    assert accept.status_code == 404
    address = client.post(reverse("newsimport:article_url", args=[article.pk]), {"url": "x"})
    assert address.status_code == 404
    assert article.title.encode() not in client.get(reverse("newsimport:list")).content
    assert Activity.objects.count() == 0


def test_national_approver_sees_the_provinces_imports(world: World, people: People) -> None:
    article = import_sample(world, people.dn_clerk)
    assert _client(people.national_approver).get(article.get_absolute_url()).status_code == 200


def test_accept_with_htmx_swaps_the_card(world: World, people: People) -> None:
    """Accepting returns the card, now accepted, linking to the draft record."""
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "festival")
    response = _client(people.dn_clerk).post(
        reverse("newsimport:accept", args=[proposal.pk]), _festival_post(article, world), **HTMX
    )
    assert response.status_code == 200
    activity = Activity.objects.get()
    html = response.content.decode()
    assert f'id="proposal-{proposal.pk}"' in html and activity.get_absolute_url() in html
    assert "Accept as draft" not in html
    proposal.refresh_from_db()
    assert proposal.decision == Decision.ACCEPTED


def test_accept_without_javascript_returns_to_the_review(world: World, people: People) -> None:
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "festival")
    response = _client(people.dn_clerk).post(
        reverse("newsimport:accept", args=[proposal.pk]), _festival_post(article, world)
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"{article.get_absolute_url()}#proposal-{proposal.pk}")
    assert Activity.objects.count() == 1


def test_invalid_accept_shows_the_errors_on_the_card(world: World, people: People) -> None:
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "festival")
    data = _festival_post(article, world)
    data[f"p{proposal.pk}-start_date"] = ""
    htmx = _client(people.dn_clerk).post(
        reverse("newsimport:accept", args=[proposal.pk]), data, **HTMX
    )
    assert htmx.status_code == 200 and "Not saved" in htmx.content.decode()
    plain = _client(people.dn_clerk).post(reverse("newsimport:accept", args=[proposal.pk]), data)
    assert plain.status_code == 400 and "Not saved" in plain.content.decode()
    assert Activity.objects.count() == 0


def test_reject_with_htmx(world: World, people: People) -> None:
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "tree_planting")
    response = _client(people.dn_clerk).post(
        reverse("newsimport:reject", args=[proposal.pk]), {}, **HTMX
    )
    assert response.status_code == 200 and "rejected" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.decision == Decision.REJECTED


def test_changing_the_kind_rebuilds_the_form_keeping_the_title(
    world: World, people: People
) -> None:
    """The card is rebuilt with the new kind's details; what was typed is kept."""
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "festival")
    prefix = f"p{proposal.pk}-"
    response = _client(people.dn_clerk).get(
        reverse("newsimport:proposal_card", args=[proposal.pk]),
        {prefix + "kind": ActivityKind.AID, prefix + "title": "Tiêu đề đã sửa"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="{prefix}d_goods_or_money"' in html and "Tiêu đề đã sửa" in html


def test_clerk_records_the_address(world: World, people: People) -> None:
    article = import_sample(world, people.dn_clerk)
    response = _client(people.dn_clerk).post(
        reverse("newsimport:article_url", args=[article.pk]), {"url": "https://example.vn/x"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.url == "https://example.vn/x"


def test_changing_the_kind_of_a_part_keeps_its_festival(world: World, people: People) -> None:
    """A part of an accepted festival keeps the festival offered after a change of kind."""
    article = import_sample(world, people.dn_clerk)
    client = _client(people.dn_clerk)
    festival = proposal_of(article, "festival")
    client.post(reverse("newsimport:accept", args=[festival.pk]), _festival_post(article, world))
    trees = proposal_of(article, "tree_planting")
    prefix = f"p{trees.pk}-"
    response = client.get(
        reverse("newsimport:proposal_card", args=[trees.pk]),
        {
            prefix + "kind": ActivityKind.EDUCATION_SESSION,
            prefix + "unit": str(world.bdbp_dong_nai.pk),
            prefix + "parent": str(Activity.objects.get().pk),
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert f'name="{prefix}parent"' in response.content.decode()
    assert f'name="{prefix}d_audience"' in response.content.decode()


def test_my_imports_only(world: World, people: People) -> None:
    """The list shows the imports of the user's units; "mine" only their own."""
    title = import_sample(world, people.dn_clerk).title
    listing = reverse("newsimport:list")
    assert title not in _client(people.dn_post_clerk).get(listing).content.decode()
    approver = _client(people.national_approver)
    assert title in approver.get(listing).content.decode()
    assert title not in approver.get(listing + "?mine=1").content.decode()


def test_reject_keeps_the_reason_in_the_audit_trail(world: World, people: People) -> None:
    """The clerk's reason for rejecting is the note of the audit event."""
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "tree_planting")
    _client(people.dn_clerk).post(
        reverse("newsimport:reject", args=[proposal.pk]), {f"p{proposal.pk}-reason": "trùng lặp"}
    )
    assert AuditEvent.objects.get(action="newsproposal.reject").note == "trùng lặp"


def test_figure_without_its_period_is_explained_on_the_period_field(
    world: World, people: People
) -> None:
    """The figures service's refusal appears once, next to the field it concerns."""
    article = import_sample(world, people.dn_clerk)
    proposal = proposal_of(article, "twinning_post", figure=True)
    prefix = f"p{proposal.pk}-"
    data = {
        prefix + "indicator": "people_examined",
        prefix + "unit": world.bdbp_dong_nai.pk,
        prefix + "value": "12",
        prefix + "qualifier": "exact",
        prefix + "on_overlap": "refuse",
    }
    response = _client(people.dn_clerk).post(
        reverse("newsimport:accept", args=[proposal.pk]), data, **HTMX
    )
    html = response.content.decode()
    assert "this indicator is a total over a period" in html
    assert "Period: this indicator" not in html
    proposal.refresh_from_db()
    assert proposal.decision == Decision.PENDING


# --------------------------------------------------------------------------- decide all


def test_clerk_rejects_all_pending_proposals(world: World, people: People) -> None:
    """ "Reject all" rejects every pending proposal of the article, with an audit row each."""
    article = import_sample(world, people.dn_clerk)
    response = _client(people.dn_clerk).post(
        reverse("newsimport:decide_all", args=[article.pk]), {"action": "reject"}
    )
    assert response.status_code == 302
    assert set(article.proposals.values_list("decision", flat=True)) == {Decision.REJECTED}


def test_clerk_accepts_all_as_read(world: World, people: People) -> None:
    """ "Accept all" turns every proposal whose proposed values pass the accept form into a
    draft; the others stay pending for editing, and the page says how many."""
    article = import_sample(world, people.dn_clerk)
    client = _client(people.dn_clerk)
    response = client.post(
        reverse("newsimport:decide_all", args=[article.pk]), {"action": "accept"}, follow=True
    )
    decisions = list(article.proposals.values_list("decision", flat=True))
    accepted = decisions.count(Decision.ACCEPTED)
    assert accepted >= 1
    assert accepted + decisions.count(Decision.PENDING) == len(decisions)
    assert f"{accepted} proposals were saved as drafts" in response.content.decode()


@pytest.mark.parametrize("who", ["dn_viewer", "tn_clerk"])
def test_decide_all_is_hidden_from_viewers_and_other_units(
    world: World, people: People, who: str
) -> None:
    """A viewer, or a clerk of another unit, gets the same 404 as for a missing article,
    and nothing is decided."""
    article = import_sample(world, people.dn_clerk)
    client = _client(getattr(people, who))
    response = client.post(
        reverse("newsimport:decide_all", args=[article.pk]), {"action": "reject"}
    )
    assert response.status_code == 404
    assert set(article.proposals.values_list("decision", flat=True)) == {Decision.PENDING}
    missing = client.post(reverse("newsimport:decide_all", args=[10**9]), {"action": "reject"})
    assert missing.status_code == 404
