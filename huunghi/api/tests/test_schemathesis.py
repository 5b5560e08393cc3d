"""Property-based conformance of the whole API to its own OpenAPI description.

schemathesis reads ``/api/v1/openapi.json`` and sends requests through the WSGI
application; each operation is its own test. For every operation:

1. the success path: a valid request (real ids, a valid body from :data:`SUCCESS`, the
   token of an account with the right role, any records moved into the right state
   first) answers 2xx and conforms to the documented status, content type and schema;
2. generated valid requests (schemathesis' positive data) never answer 5xx and always
   conform to the documentation;
3. generated invalid requests (negative data: wrong types, unknown fields, values out of
   range) are refused with a 4xx, never accepted.

Writes happen inside each test's transaction and are rolled back. The last test checks
that every operation reached a 2xx and prints the count.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from huunghi.api.tests.api_world import ApiWorld, build_api_world
from huunghi.geography.selectors import clear_geography_cache

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection]

# The schema itself needs no database; pytest-django has set Django up before collection.
# (``schemathesis.pytest.from_fixture`` does not work with pytest 9.)
# The coverage phase's requests with methods the schema does not list only meet Django's
# 405; skipping them halves the run.
CONFIG = SchemathesisConfig.from_str(
    """
[phases.coverage]
unexpected-methods = []
"""
)
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)
OPERATIONS = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
PREFIX = "/api/v1"

#: Labels of the operations whose success path answered 2xx in this run.
REACHED: set[str] = set()
#: Labels of the operations whose test ran.
RAN: set[str] = set()


def _label(operation: Any) -> str:
    return f"{operation.method.upper()} {operation.path}"


@pytest.fixture(scope="module")
def aw(django_db_setup: Any, django_db_blocker: Any) -> Iterator[ApiWorld]:
    """Built once for the module (each operation's test would otherwise rebuild it) and
    removed by flushing the test database afterwards, as transactional tests do."""
    with django_db_blocker.unblock():
        clear_geography_cache()
        yield build_api_world()
        call_command("flush", interactive=False, verbosity=0)
        clear_geography_cache()


@pytest.fixture(autouse=True)
def _keep_test_connection_open() -> Iterator[None]:
    """Calling the WSGI app directly fires request_finished, whose close_old_connections
    would close the test's PostgreSQL connection mid-transaction (Django's test client
    disconnects it the same way)."""
    _stop_closing_connections()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _stop_closing_connections() -> None:
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


# --- the success path of each operation ---------------------------------------------------


def _client(aw: ApiWorld, role: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {aw.tokens[role]}"})


def _post(aw: ApiWorld, role: str, path: str, body: Any = None) -> None:
    """A setup step through the API itself; it must succeed."""
    response = _client(aw, role).post(PREFIX + path, body or {}, content_type="application/json")
    # Django's test client connects close_old_connections again after its request; the
    # next direct WSGI call would then close the test's PostgreSQL connection.
    _stop_closing_connections()
    assert response.status_code < 300, (path, response.status_code, response.content)


def _activity_submitted(aw: ApiWorld) -> None:
    _post(aw, "clerk", f"/activities/{aw.ids['activity_id']}/submit")


def _activity_approved(aw: ApiWorld) -> None:
    _activity_submitted(aw)
    _post(aw, "approver", f"/activities/{aw.ids['activity_id']}/approve")


def _figure_submitted(aw: ApiWorld) -> None:
    _post(aw, "clerk", f"/figures/{aw.ids['figure_id']}/submit")


def _figure_approved(aw: ApiWorld) -> None:
    _figure_submitted(aw)
    _post(aw, "approver", f"/figures/{aw.ids['figure_id']}/approve")


def _activity_body(aw: ApiWorld) -> dict[str, Any]:
    return {
        "kind": "tree_planting",
        "unit_id": aw.world.post_xa_mat.pk,
        "title": "Trồng cây hữu nghị ở cửa khẩu",
        "start_date": "2025-09-01",
        "quantities": [{"measure": "trees", "value": "50", "qualifier": "exact"}],
    }


def _figure_body(aw: ApiWorld) -> dict[str, Any]:
    return {
        "indicator": "people_examined",
        "unit_id": aw.world.post_xa_mat.pk,
        "value": "1500",
        "period_kind": "month",
        "period_start": "2023-03-01",
        "period_end": "2023-03-31",
        "source_title": "Báo cáo tháng của đồn",
    }


def _sync_body(aw: ApiWorld) -> dict[str, Any]:
    record = {**_activity_body(aw), "title": "Trồng cây (ngoại tuyến)"}
    return {
        "items": [
            {
                "client_uuid": str(uuid.uuid4()),
                "created_offline_at": "2025-09-02T08:15:00+07:00",
                "record": record,
            }
        ]
    }


@dataclass(frozen=True)
class Success:
    """How to reach an operation's 2xx: whose token, which query and body, and what to
    do first (``setup``)."""

    role: str = "clerk"
    query: dict[str, Any] = field(default_factory=dict)
    body: Callable[[ApiWorld], Any] | None = None
    setup: Callable[[ApiWorld], None] | None = None


REASON = {"reason": "Thiếu ảnh minh chứng"}
A = "/api/v1/activities/{activity_id}"
F = "/api/v1/figures/{figure_id}"
W = "/api/v1/workflow/{kind}/{record_id}"

#: Operations whose success needs more than the clerk's token and real ids.
SUCCESS: dict[str, Success] = {
    "GET /api/v1/places/": Success(query={"q": "Tây Ninh"}),
    "GET /api/v1/reports/totals": Success(
        query={"date_from": "2025-01-01", "date_to": "2025-12-31"}
    ),
    "POST /api/v1/activities/": Success(body=_activity_body),
    f"PATCH {A}": Success(body=lambda aw: {"title": "Trồng cây hữu nghị (sửa)"}),
    f"PUT {A}/quantities": Success(
        body=lambda aw: [{"measure": "trees", "value": "150", "qualifier": "about"}]
    ),
    f"PUT {A}/counterparts": Success(
        body=lambda aw: [{"unit_id": aw.world.kh_post_bavet.pk, "role": "counterpart"}]
    ),
    f"POST {A}/approve": Success("approver", setup=_activity_submitted),
    f"POST {A}/return": Success("approver", body=lambda aw: REASON, setup=_activity_submitted),
    f"POST {A}/reopen": Success("approver", setup=_activity_approved),
    "GET /api/v1/approvals/": Success("approver", setup=_activity_submitted),
    "GET /api/v1/workflow/pending": Success("approver", setup=_activity_submitted),
    "POST /api/v1/workflow/approve": Success(
        "approver",
        body=lambda aw: {"items": [f"activity:{aw.ids['activity_id']}"]},
        setup=_activity_submitted,
    ),
    f"POST {W}/approve": Success("approver", setup=_activity_submitted),
    f"POST {W}/return": Success("approver", body=lambda aw: REASON, setup=_activity_submitted),
    f"POST {W}/reopen": Success("approver", setup=_activity_approved),
    "POST /api/v1/figures/": Success(body=_figure_body),
    f"PUT {F}": Success(body=_figure_body),
    f"POST {F}/approve": Success("approver", setup=_figure_submitted),
    f"POST {F}/return": Success("approver", body=lambda aw: REASON, setup=_figure_submitted),
    f"POST {F}/reopen": Success("approver", setup=_figure_approved),
    "POST /api/v1/pupils/{pupil_id}/payments": Success(
        body=lambda aw: {"month": "2025-01-01", "amount": 500_000, "paid_on": "2025-01-05"}
    ),
    "GET /api/v1/remains/leads": Success("team_clerk"),
    "GET /api/v1/remains/leads/{lead_id}": Success("team_clerk"),
    "GET /api/v1/remains/sets": Success("team_clerk"),
    "GET /api/v1/remains/sets/{set_id}": Success("team_clerk"),
    "GET /api/v1/remains/excavations": Success("team_clerk"),
    "GET /api/v1/remains/totals": Success("team_clerk"),
    "GET /api/v1/remains/totals/years": Success("team_clerk"),
    "GET /api/v1/remains/seasons/{season_id}/table": Success("team_clerk"),
    "POST /api/v1/remains/leads": Success(
        "team_clerk",
        body=lambda aw: {
            "team_id": aw.ids["team_id"],
            "received_on": "2025-06-01",
            "informant_description": "[DEMO] a villager",
            "place_id": aw.world.svay_rieng.pk,
        },
    ),
    "POST /api/v1/remains/sets": Success(
        "team_clerk",
        body=lambda aw: {"team_id": aw.ids["team_id"], "recovered_on": "2024-11-12"},
    ),
    "POST /api/v1/offline/sync": Success(body=_sync_body),
    "GET /api/v1/cycle/submissions": Success("approver"),
    "GET /api/v1/cycle/submissions/{submission_id}": Success("approver"),
    "GET /api/v1/cycle/completeness": Success("approver"),
    "POST /api/v1/cycle/submissions/{submission_id}/acknowledge": Success("approver"),
    "POST /api/v1/cycle/submissions/{submission_id}/return": Success(
        "approver", body=lambda aw: {"reason": "Thiếu số liệu quý"}
    ),
    "GET /api/v1/cycle/shared": Success("counterpart"),
    "GET /api/v1/cycle/shared/{copy_id}": Success("counterpart"),
}


def _success_case(operation: Any, aw: ApiWorld, plan: Success) -> Any:
    names = [p.name for p in operation.path_parameters]
    kwargs: dict[str, Any] = {
        "path_parameters": {name: aw.ids[name] for name in names},
        "query": dict(plan.query),
    }
    if plan.body is not None:
        kwargs.update(body=plan.body(aw), media_type="application/json")
    return operation.Case(**kwargs)


def _reach_success(operation: Any, aw: ApiWorld, plan: Success) -> None:
    if plan.setup is not None:
        plan.setup(aw)
    case = _success_case(operation, aw, plan)
    response = case.call(headers={"Authorization": f"Bearer {aw.tokens[plan.role]}"})
    case.validate_response(response, checks=CHECKS)
    assert 200 <= response.status_code < 300, (response.status_code, response.content)
    REACHED.add(_label(operation))


# --- generated requests ---------------------------------------------------------------------

HYPOTHESIS = settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


def _has_inputs(operation: Any) -> bool:
    """Whether there is anything to make invalid (parameters or a body)."""
    definition = operation.definition.raw
    return bool(definition.get("parameters") or definition.get("requestBody"))


def _generated(operation: Any, aw: ApiWorld, role: str) -> None:
    headers = {"Authorization": f"Bearer {aw.tokens[role]}"}
    names = [p.name for p in operation.path_parameters]

    @given(case=operation.as_strategy(), use_known=st.booleans())
    @HYPOTHESIS
    def positive(case: Any, use_known: bool) -> None:
        if use_known:
            case.path_parameters.update({n: aw.ids[n] for n in names})
        case.call_and_validate(headers=headers, checks=CHECKS)

    @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @HYPOTHESIS
    def negative(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=NEGATIVE_CHECKS)

    positive()
    if _has_inputs(operation):
        negative()


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=_label)
def test_operation(operation: Any, aw: ApiWorld) -> None:
    """The operation's success path answers 2xx; generated valid requests conform and
    never answer 5xx; generated invalid requests are refused."""
    RAN.add(_label(operation))
    plan = SUCCESS.get(_label(operation), Success())
    _reach_success(operation, aw, plan)
    _generated(operation, aw, plan.role)


@pytest.mark.slow
def test_every_operation_reached_a_success() -> None:
    """Every operation of the API reached a 2xx in this run (counted and printed)."""
    labels = {_label(operation) for operation in OPERATIONS}
    if labels != RAN:
        pytest.skip("only part of the operations ran")
    print(f"schemathesis: {len(REACHED)}/{len(labels)} operations reached a 2xx")
    assert sorted(labels - REACHED) == []


def test_every_success_plan_names_an_operation() -> None:
    """A plan for an operation that no longer exists (renamed path) is caught."""
    assert set(SUCCESS) - {_label(operation) for operation in OPERATIONS} == set()
