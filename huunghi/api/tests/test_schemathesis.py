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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


OPERATIONS = [result.ok() for result in schema.get_all_operations()]


def _known_ids(token: str) -> dict[str, Any]:
    """A real id for each path parameter, read from the matching list operation.

    ``/activities/{activity_id}`` takes the first item of ``GET /activities/``, so that
    every detail and action operation is also exercised on an object the caller can see
    (random ids only ever meet a 404).
    """
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {token}"})
    found: dict[str, Any] = {}
    for operation in OPERATIONS:
        path = operation.path
        if operation.method.upper() != "GET" or not path.endswith("}"):
            continue
        name = path.rsplit("{", 1)[1].rstrip("}")
        listing = path.rsplit("{", 1)[0]
        response = client.get("/api/v1" + listing if not listing.startswith("/api") else listing)
        if response.status_code != 200:
            continue
        body = response.json()
        items = body.get("items", []) if isinstance(body, dict) else body
        if items and isinstance(items[0], dict) and "id" in items[0]:
            found.setdefault(name, items[0]["id"])
    return found


@pytest.fixture(scope="module")
def known_ids(api_token: str, django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        return _known_ids(api_token)


#: Required query parameters of reads, so that their success path is exercised too.
QUERY_EXAMPLES: dict[str, dict[str, Any]] = {
    "GET /api/v1/places/": {"q": "Tây Ninh"},
    "GET /api/v1/reports/totals": {"date_from": "2025-01-01", "date_to": "2025-12-31"},
}


def _label(operation: Any) -> str:
    return f"{operation.method.upper()} {operation.path}"


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=_label)
def test_operation_conforms_to_its_schema(
    operation: Any, api_token: str, known_ids: dict[str, Any]
) -> None:
    """No 5xx and no response outside the documented statuses and schemas; a read of an
    object the caller can see (real ids filled in) succeeds."""
    headers = {"Authorization": f"Bearer {api_token}"}
    known = known_ids
    names = [p.name for p in operation.path_parameters]
    if operation.method.upper() == "GET" and all(name in known for name in names):
        case = operation.Case(
            path_parameters={name: known[name] for name in names},
            query=QUERY_EXAMPLES.get(_label(operation), {}),
        )
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)
        assert 200 <= response.status_code < 300, (response.status_code, response.content)

    @given(case=operation.as_strategy(), use_known=st.booleans())
    @settings(
        max_examples=8,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
        ],
    )
    def generated(case: Any, use_known: bool) -> None:
        if use_known:
            case.path_parameters.update({n: known[n] for n in names if n in known})
        case.call_and_validate(headers=headers, checks=CHECKS)

    generated()
