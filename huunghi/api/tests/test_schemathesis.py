"""Property-based conformance of the whole API to its own OpenAPI description.

schemathesis generates requests for every operation from ``/api/v1/openapi.json`` and
sends them through the WSGI application with the token of a demo-like clerk who also
sees shared and approvable records. No request may cause a server error, and every
response must match the documented status codes, content type and schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from huunghi.accounts.models import Role
from huunghi.accounts.services import api_token_create
from huunghi.core.testing import build_world
from huunghi.records.services.activities import QuantityIn, activity_create

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_token(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """A province approver's token, with a few records to read and act on.

    Built once for the module (each operation's test would otherwise rebuild the world)
    and removed by flushing the test database afterwards, as transactional tests do.
    """
    with django_db_blocker.unblock():
        world = build_world()
        clerk = world.user(Role.CLERK, world.post_xa_mat)
        approver = world.user(Role.APPROVER, world.bdbp_tay_ninh)
        for day in (1, 2, 3):
            activity_create(
                acting_user=clerk,
                kind="tree_planting",
                unit=world.post_xa_mat,
                title=f"Trồng cây hữu nghị {day}",
                start_date=dt.date(2025, 8, day),
                quantities=[QuantityIn("trees", 100 * day)],
            )
        _token, raw = api_token_create(user=approver, name="schemathesis")
        yield raw
        call_command("flush", interactive=False, verbosity=0)


# The schema itself needs no database; pytest-django has set Django up before collection.
# (``schemathesis.pytest.from_fixture`` does not work with pytest 9.)
# The coverage phase's requests with methods the schema does not list only meet Django's
# 405; skipping them halves the run (the budget is about a minute).
CONFIG = SchemathesisConfig.from_str(
    """
[phases.coverage]
unexpected-methods = []
"""
)
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)


@pytest.fixture(autouse=True)
def _keep_test_connection_open():
    """Calling the WSGI app directly fires request_finished, whose close_old_connections
    would close the test's PostgreSQL connection mid-transaction (Django's test client
    disconnects it the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case: Any, api_token: str) -> None:
    """No 5xx and no response outside the documented statuses and schemas."""
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"}, checks=CHECKS)
