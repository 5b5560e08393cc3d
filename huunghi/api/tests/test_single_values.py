"""A query parameter documented as one value is refused when repeated; arrays may repeat."""

from __future__ import annotations

from typing import Any

from huunghi.api import single_values
from huunghi.api.tests.conftest import People
from huunghi.api.tests.helpers import ApiClient


def test_a_repeated_single_value_is_a_422_naming_it(people: People) -> None:
    api = ApiClient.for_user(people.national_approver)
    assert api.get("/workflow/pending", page=1).status_code == 200
    response = api.client.get("/api/v1/workflow/pending?page=1&page=2", headers=api.headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "page"]


def test_parameters_documented_as_arrays_may_repeat(people: People, db: Any) -> None:
    api = ApiClient.for_user(people.national_approver)
    response = api.client.get(
        "/api/v1/reports/totals?indicator=activities_total&indicator=people_examined"
        "&date_from=2025-01-01&date_to=2025-12-31",
        headers=api.headers,
    )
    assert response.status_code == 200
    assert len(response.json()["indicators"]) == 2


def test_a_nul_byte_in_a_query_parameter_is_a_422(people: People) -> None:
    api = ApiClient.for_user(people.national_approver)
    response = api.client.get("/api/v1/units/?q=a%00b", headers=api.headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


def test_the_description_is_built_only_for_a_repeated_parameter(
    people: People, monkeypatch: Any
) -> None:
    """A request without a repeated parameter never builds the OpenAPI description (a
    second or more in every process, and once per thread at once under load); the
    first repeated parameter builds it, once."""
    builds: list[int] = []
    real = single_values._build
    monkeypatch.setattr(single_values, "_table", None)

    def counted() -> Any:
        builds.append(1)
        return real()

    monkeypatch.setattr(single_values, "_build", counted)
    api = ApiClient.for_user(people.national_approver)
    assert api.get("/activities/", size=5).status_code == 200
    assert api.get("/units/", q="a").status_code == 200
    assert builds == []
    for _ in range(2):
        response = api.client.get("/api/v1/workflow/pending?page=1&page=2", headers=api.headers)
        assert response.status_code == 422
    assert builds == [1]
