"""Token use is written at most once a minute, in the background, never by the request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from huunghi.accounts.models import ApiToken, Role
from huunghi.accounts.services import api_token_record_use
from huunghi.api import auth
from huunghi.api.tests.helpers import ApiClient
from huunghi.core.testing import World


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Background jobs are collected instead of run, then run by the test."""
    jobs: list[Any] = []
    monkeypatch.setattr(auth, "run_in_background", jobs.append)
    monkeypatch.setattr(auth, "_recorded", {})
    return jobs


def test_reads_never_write_the_token_row(world: World, queued: list[Any]) -> None:
    """A token-authenticated GET issues no UPDATE itself, however often it is called."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    api = ApiClient.for_user(user)
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/activities/").status_code == 200
        assert not [q for q in queries if q["sql"].upper().startswith("UPDATE")]
    assert len(queued) == 1  # one use queued for three calls within a minute
    queued[0]()
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_use_is_recorded_again_after_a_minute(world: World, queued: list[Any]) -> None:
    """The stored time moves on only when it is more than a minute old."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    ApiClient.for_user(user)
    token = ApiToken.objects.get(user=user)
    now = timezone.now()
    assert api_token_record_use(token_id=token.pk, at=now)
    assert not api_token_record_use(token_id=token.pk, at=now + dt.timedelta(seconds=30))
    assert api_token_record_use(token_id=token.pk, at=now + dt.timedelta(seconds=61))


def test_process_memory_limits_queueing(world: World, queued: list[Any]) -> None:
    """Within a minute one process queues one write per token; after it, another."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    ApiClient.for_user(user)
    token = ApiToken.objects.get(user=user)
    assert auth.note_token_use(token, now=1000.0)
    assert not auth.note_token_use(token, now=1030.0)
    assert auth.note_token_use(token, now=1061.0)
    assert len(queued) == 2


def test_revoked_token_still_refused(world: World, queued: list[Any]) -> None:
    """Skipping the write does not skip the check."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    api = ApiClient.for_user(user)
    ApiToken.objects.filter(user=user).update(revoked_at=timezone.now())
    assert api.get("/activities/").status_code == 401
