"""The database router's rules, without a standby (the real one: test_standby.py)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from huunghi.core import db_router
from huunghi.core.db_router import (
    PIN_COOKIE,
    REPLICA,
    PrimaryPinMiddleware,
    PrimaryReplicaRouter,
    reads_from_standby,
    standby_reads,
)
from huunghi.records.models import Activity

router = PrimaryReplicaRouter()


@pytest.fixture
def standby_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a healthy standby is configured."""
    monkeypatch.setattr(db_router, "replica_usable", lambda: True)
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def test_reads_outside_a_standby_view_go_to_the_primary(standby_up: None) -> None:
    assert router.db_for_read(Activity) == "default"


def test_a_standby_view_reads_from_the_standby(standby_up: None) -> None:
    with reads_from_standby() as state:
        assert router.db_for_read(Activity) == REPLICA
    assert state.used_replica


def test_sessions_and_writes_stay_on_the_primary(standby_up: None) -> None:
    """Sessions decide who is signed in; after a write the request reads its own write."""
    with reads_from_standby() as state:
        assert router.db_for_read(Session) == "default"
        assert router.db_for_write(Activity) == "default"
        assert state.wrote
        assert router.db_for_read(Activity) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(standby_up: None) -> None:
    with reads_from_standby(), transaction.atomic():
        assert router.db_for_read(Activity) == "default"


def test_a_standby_that_is_down_or_lags_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_router, "replica_usable", lambda: False)
    with reads_from_standby():
        assert router.db_for_read(Activity) == "default"


def test_no_standby_configured_means_the_primary() -> None:
    """Without HUUNGHI_REPLICA_URL (the test settings) nothing reads elsewhere."""
    assert not db_router.replica_configured()
    assert not db_router.replica_usable()
    with reads_from_standby():
        assert router.db_for_read(Activity) == "default"


def test_migrations_only_on_the_primary() -> None:
    assert router.allow_migrate("default", "records")
    assert not router.allow_migrate(REPLICA, "records")


def _through_middleware(
    request: HttpRequest, view: Any, monkeypatch: pytest.MonkeyPatch
) -> HttpResponse:
    monkeypatch.setattr(db_router, "replica_usable", lambda: True)
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    return PrimaryPinMiddleware(standby_reads(view))(request)


def test_a_write_pins_the_writer_to_the_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request that wrote sets the cookie; with it, the next reads use the primary."""
    seen: list[str] = []

    def writing_view(request: HttpRequest) -> HttpResponse:
        router.db_for_write(Activity)
        return HttpResponse()

    def reading_view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Activity))
        return HttpResponse()

    factory = RequestFactory()
    response = _through_middleware(factory.get("/"), writing_view, monkeypatch)
    cookie = response.cookies[PIN_COOKIE]
    assert int(cookie["max-age"]) >= db_router.pin_seconds()
    pinned = factory.get("/")
    pinned.COOKIES[PIN_COOKIE] = cookie.value
    _through_middleware(pinned, reading_view, monkeypatch)
    stale = factory.get("/")
    stale.COOKIES[PIN_COOKIE] = str(time.time() - db_router.pin_seconds() - 1)
    _through_middleware(stale, reading_view, monkeypatch)
    _through_middleware(factory.post("/"), reading_view, monkeypatch)
    assert seen == ["default", REPLICA, "default"]


def test_a_read_only_request_sets_no_cookie(monkeypatch: pytest.MonkeyPatch) -> None:
    def reading_view(request: HttpRequest) -> HttpResponse:
        router.db_for_read(Activity)
        return HttpResponse()

    response = _through_middleware(RequestFactory().get("/"), reading_view, monkeypatch)
    assert PIN_COOKIE not in response.cookies


def test_a_standby_failing_under_a_view_reruns_it_on_the_primary(
    standby_up: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked: list[bool] = []
    monkeypatch.setattr(db_router, "mark_replica_down", lambda: marked.append(True))
    used: list[str] = []

    @standby_reads
    def view(request: HttpRequest) -> HttpResponse:
        alias = router.db_for_read(Activity)
        used.append(alias)
        if alias == REPLICA:
            raise OperationalError("server closed the connection unexpectedly")
        return HttpResponse(alias)

    # The first run read from the standby; the rerun is pinned by nothing, so the router
    # asks again, and the (monkeypatched) health still says up: mark_replica_down is what
    # normally flips it, so emulate that by switching the health off once marked.
    monkeypatch.setattr(db_router, "replica_usable", lambda: not marked)
    response = view(RequestFactory().get("/"))
    assert response.content == b"default"
    assert used == [REPLICA, "default"] and marked == [True]


def test_a_failure_after_a_write_is_not_retried(standby_up: None) -> None:
    @standby_reads
    def view(request: HttpRequest) -> HttpResponse:
        router.db_for_read(Activity)
        router.db_for_write(Activity)
        raise OperationalError("lost")

    with pytest.raises(OperationalError):
        view(RequestFactory().get("/"))


@pytest.fixture
def caught_up(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The standby has (or, once the list holds False, has not) replayed the primary."""
    answers: list[bool] = []
    monkeypatch.setattr(
        db_router, "_replayed_primary_position", lambda: answers[-1] if answers else True
    )
    return answers


def test_a_job_reads_from_the_standby_and_its_bookkeeping_does_not_pin_it(
    standby_up: None, caught_up: list[bool]
) -> None:
    """A background job's reads go to the standby; writing its own job row (progress)
    leaves them there, while any other write makes the rest of the job read the primary."""
    from huunghi.reports.models import ReportJob

    def job() -> list[str]:
        used = [router.db_for_read(Activity)]
        assert router.db_for_write(ReportJob) == "default"
        used.append(router.db_for_read(Activity))
        assert router.db_for_write(Activity) == "default"
        used.append(router.db_for_read(Activity))
        return used

    assert db_router.job_reads(job, bookkeeping=["reports.ReportJob"]) == [
        REPLICA,
        REPLICA,
        "default",
    ]
    assert router.db_for_read(Activity) == "default", "nothing is left behind"


def test_a_job_waits_for_the_standby_to_hold_what_the_primary_held(
    standby_up: None, caught_up: list[bool]
) -> None:
    """A standby that has not replayed the primary's position when the job starts (the
    requester's last write may be missing) is not used: the job reads the primary."""
    caught_up.append(False)
    assert db_router.job_reads(lambda: router.db_for_read(Activity)) == "default"


def test_a_job_reads_the_primary_when_the_standby_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_router, "replica_usable", lambda: False)
    monkeypatch.setattr(db_router, "_replayed_primary_position", lambda: pytest.fail("asked"))
    assert db_router.job_reads(lambda: router.db_for_read(Activity)) == "default"


def test_a_standby_failing_under_a_job_reruns_it_on_the_primary(
    standby_up: None, caught_up: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    marked: list[bool] = []
    monkeypatch.setattr(db_router, "mark_replica_down", lambda: marked.append(True))
    used: list[str] = []

    def job() -> str:
        alias = router.db_for_read(Activity)
        used.append(alias)
        if alias == REPLICA:
            raise OperationalError("server closed the connection unexpectedly")
        return alias

    assert db_router.job_reads(job) == "default"
    assert used == [REPLICA, "default"] and marked == [True]


def test_without_a_standby_a_job_asks_nothing_of_it() -> None:
    """Without HUUNGHI_REPLICA_URL (SQLite, the default) jobs read the primary, with no
    extra query."""
    assert db_router.job_reads(lambda: router.db_for_read(Activity)) == "default"
