"""Accepting and rejecting proposals: drafts with their source, once only, by editors only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.newsimport import services
from huunghi.newsimport.drafts import ActivityEdits, FigureEdits
from huunghi.newsimport.models import ArticleStatus, Decision, NewsArticle
from huunghi.newsimport.review import Lookups, proposal_form
from huunghi.newsimport.tests.factories import People, import_sample, proposal_of
from huunghi.records.models import Activity, ActivityKind, Measure, SourceType, Status
from huunghi.records.services import CounterpartIn, QuantityIn

pytestmark = pytest.mark.usefixtures("news")


@pytest.fixture
def article(world: World, people: People) -> NewsArticle:
    return import_sample(world, people.dn_clerk)


def _festival_edits(world: World, **changes: object) -> ActivityEdits:
    values: dict = {
        "kind": ActivityKind.FESTIVAL,
        "unit": world.bdbp_dong_nai,
        "title": "Ngày hội giao lưu hữu nghị biên giới tại Lộc Ninh",
        "start_date": dt.date(2022, 5, 12),
        "place": world.loc_ninh_legacy,
        "counterparts": [CounterpartIn(unit=world.kh_svay_rieng)],
        "quantities": [QuantityIn(Measure.PARTICIPANTS, 300, "about")],
    }
    values.update(changes)
    return ActivityEdits(**values)


def test_accepting_creates_a_draft_record_citing_the_article(
    world: World, people: People, article: NewsArticle
) -> None:
    """Without the article's address the record is "entered" and cites it by title."""
    proposal = proposal_of(article, "festival")
    activity = services.proposal_accept(
        proposal=proposal, acting_user=people.dn_clerk, edits=_festival_edits(world)
    )
    assert isinstance(activity, Activity)
    assert activity.status == Status.DRAFT and activity.kind == ActivityKind.FESTIVAL
    assert activity.place == world.loc_ninh_legacy
    assert activity.province_now == world.dong_nai
    assert activity.source_type == SourceType.ENTERED and activity.source_url == ""
    assert article.title in activity.source_title and "14/05/2022" in activity.source_title
    assert [c.unit for c in activity.participations.all()] == [world.kh_svay_rieng]
    (quantity,) = activity.quantities.all()
    assert (quantity.value, quantity.qualifier) == (Decimal("300.00"), "about")
    proposal.refresh_from_db()
    assert proposal.decision == Decision.ACCEPTED and proposal.activity == activity
    assert proposal.decided_by == people.dn_clerk and proposal.decided_at is not None
    assert AuditEvent.objects.filter(action="newsproposal.accept", target_id=str(proposal.pk))


def test_with_the_address_the_record_is_news(
    world: World, people: People, article: NewsArticle
) -> None:
    """Once the address is known, records cite the article as news with its address."""
    services.article_set_url(
        article=article, acting_user=people.dn_clerk, url="https://example.vn/bai.html"
    )
    activity = services.proposal_accept(
        proposal=proposal_of(article, "festival"),
        acting_user=people.dn_clerk,
        edits=_festival_edits(world),
    )
    assert activity.source_type == SourceType.NEWS
    assert activity.source_url == "https://example.vn/bai.html"


def test_accepting_twice_is_refused(world: World, people: People, article: NewsArticle) -> None:
    """A proposal becomes one record at most."""
    proposal = proposal_of(article, "festival")
    services.proposal_accept(
        proposal=proposal, acting_user=people.dn_clerk, edits=_festival_edits(world)
    )
    with pytest.raises(ValidationError, match="already accepted"):
        services.proposal_accept(
            proposal=proposal, acting_user=people.dn_clerk, edits=_festival_edits(world)
        )
    assert Activity.objects.count() == 1


def test_a_part_of_an_accepted_festival_points_to_it(
    world: World, people: People, article: NewsArticle
) -> None:
    """The accept form of a child proposal offers the festival record as its parent."""
    festival = services.proposal_accept(
        proposal=proposal_of(article, "festival"),
        acting_user=people.dn_clerk,
        edits=_festival_edits(world),
    )
    trees = proposal_of(article, "tree_planting")
    form = proposal_form(trees, people.dn_clerk, Lookups.load([trees]))
    assert form.initial["parent"] == festival
    assert form.initial["q_trees_value"] == Decimal("50")
    edits = _festival_edits(
        world,
        kind=ActivityKind.TREE_PLANTING,
        title="Trồng cây hữu nghị",
        parent=festival,
        quantities=[QuantityIn(Measure.TREES, 50)],
        counterparts=[],
    )
    activity = services.proposal_accept(proposal=trees, acting_user=people.dn_clerk, edits=edits)
    assert activity.parent == festival


def test_accepting_a_figure_creates_a_draft_reported_figure(
    world: World, people: People, article: NewsArticle
) -> None:
    """A reported total becomes a draft figure citing site, title, date and address."""
    proposal = proposal_of(article, "twinning_post", figure=True)
    edits = FigureEdits(
        indicator="twinning_pairs_post",
        unit=world.bdbp_dong_nai,
        value=Decimal(12),
        as_of=dt.date(2022, 5, 14),
    )
    figure = services.proposal_accept(proposal=proposal, acting_user=people.dn_clerk, edits=edits)
    assert isinstance(figure, ReportedFigure)
    assert figure.status == Status.DRAFT and figure.value == 12
    assert figure.source_kind == SourceKind.NEWS and figure.source_title == article.title
    assert figure.source_date == dt.date(2022, 5, 14)
    proposal.refresh_from_db()
    assert proposal.figure == figure and proposal.activity is None


def test_rejecting_creates_nothing_and_finishes_the_review(
    world: World, people: People, article: NewsArticle
) -> None:
    """The article is reviewed once every proposal is accepted or rejected."""
    proposals = list(article.proposals.all())
    for proposal in proposals:
        services.proposal_reject(proposal=proposal, acting_user=people.dn_clerk, reason="trùng")
    article.refresh_from_db()
    assert article.status == ArticleStatus.REVIEWED
    assert Activity.objects.count() == 0 and ReportedFigure.objects.count() == 0
    with pytest.raises(ValidationError, match="already rejected"):
        services.proposal_reject(proposal=proposals[0], acting_user=people.dn_clerk)


@pytest.mark.parametrize("who", ["dn_viewer", "tn_clerk"])
def test_accept_and_reject_need_edit_rights_on_the_unit(
    world: World, people: People, article: NewsArticle, who: str
) -> None:
    """A viewer of the unit and another province's clerk can decide nothing."""
    user = getattr(people, who)
    proposal = proposal_of(article, "festival")
    with pytest.raises(PermissionDenied):
        services.proposal_accept(proposal=proposal, acting_user=user, edits=_festival_edits(world))
    with pytest.raises(PermissionDenied):
        services.proposal_reject(proposal=proposal, acting_user=user)
    proposal.refresh_from_db()
    assert proposal.decision == Decision.PENDING and Activity.objects.count() == 0


def test_the_records_rules_still_apply(world: World, people: People, article: NewsArticle) -> None:
    """A record in a unit outside the clerk's scope is refused; the proposal stays pending."""
    proposal = proposal_of(article, "festival")
    with pytest.raises(ValidationError):
        services.proposal_accept(
            proposal=proposal,
            acting_user=people.dn_clerk,
            edits=_festival_edits(world, unit=world.bdbp_tay_ninh),
        )
    proposal.refresh_from_db()
    assert proposal.decision == Decision.PENDING


def test_accept_form_starts_from_what_was_read(
    world: World, people: People, article: NewsArticle
) -> None:
    """Kind, dates, the precise place on our side, foreign counterparts and guessed
    details are filled in from the text."""
    medical = proposal_of(article, "medical_outreach")
    form = proposal_form(medical, people.dn_clerk, Lookups.load([medical]))
    initial = form.initial
    assert initial["kind"] == ActivityKind.MEDICAL_OUTREACH
    assert initial["start_date"] == dt.date(2022, 5, 12)
    assert initial["place"] == world.loc_ninh_legacy
    assert initial["d_beneficiaries"] == "both"
    assert initial["q_people_examined_value"] == Decimal("400")
    assert initial["q_people_examined_qualifier"] == "about"
    festival = proposal_of(article, "festival")
    festival_form = proposal_form(festival, people.dn_clerk, Lookups.load([festival]))
    assert festival_form.initial["counterparts"] == [str(world.kh_svay_rieng.pk)]
