"""A query parameter the API documents as one value is refused when it is given twice.

Django keeps the last of ``?page=1&page=2`` silently; the OpenAPI description says
``page`` is one integer, so such a request is a 422 naming the parameter. Parameters
documented as arrays (``indicator`` of the totals, ``group_by``) may repeat. The
description comes from the API root, which registers it at start-up
(:func:`use_schema`), so this module needs nothing above it.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import get_resolver
from django.utils.translation import gettext as _

PREFIX = "/api/"
_schema_source: Callable[[], dict[str, Any]] | None = None
_table: list[tuple[re.Pattern[str], str, frozenset[str]]] | None = None
_building = threading.Lock()


def use_schema(source: Callable[[], dict[str, Any]]) -> None:
    """Called by the API root with its OpenAPI description."""
    global _schema_source, _table
    _schema_source, _table = source, None


def _repeatable(parameter: dict[str, Any]) -> bool:
    schema = parameter.get("schema", {})
    kinds = [schema, *schema.get("anyOf", [])]
    return any(kind.get("type") == "array" for kind in kinds)


def _build() -> list[tuple[re.Pattern[str], str, frozenset[str]]]:
    table = []
    schema = _schema_source() if _schema_source else {"paths": {}}
    for path, operations in schema["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "/?$")
        for method, operation in operations.items():
            repeatable = frozenset(
                p["name"]
                for p in operation.get("parameters", [])
                if p.get("in") == "query" and _repeatable(p)
            )
            table.append((pattern, method.upper(), repeatable))
    return table


def _operations() -> list[tuple[re.Pattern[str], str, frozenset[str]]]:
    """The table of operations, built once per process when first needed (building the
    OpenAPI description takes a second or more: never for a request without a repeated
    parameter, and once, not once per thread)."""
    global _table
    with _building:
        if _schema_source is None:
            get_resolver().url_patterns  # noqa: B018 - loads the URLs, and with them the API root
        if _table is None:
            _table = _build()
        return _table


def repeated_single_values(request: HttpRequest) -> list[str]:
    """The query parameters given more than once that the operation takes once."""
    with_nul = [key for key, values in request.GET.lists() if any("\x00" in v for v in values)]
    if with_nul:
        return with_nul  # a NUL byte is no text any database stores
    repeated = [key for key, values in request.GET.lists() if len(values) > 1]
    if not repeated:
        return []
    for pattern, method, repeatable in _operations():
        if method == request.method and pattern.match(request.path_info):
            return [key for key in repeated if key not in repeatable]
    return []


class SingleValuedQueryMiddleware:
    """Answers 422 before the view when a single-valued API parameter repeats."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(PREFIX):
            names = repeated_single_values(request)
            if names:
                detail = [
                    {
                        "loc": ["query", name],
                        "msg": _("Give this parameter once."),
                        "type": "value_error",
                    }
                    for name in names
                ]
                return HttpResponse(
                    json.dumps({"detail": detail}), status=422, content_type="application/json"
                )
        return self.get_response(request)
