"""A small client for API tests: JSON in and out, with a personal token."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from huunghi.accounts.services import api_token_create

PREFIX = "/api/v1"


class ApiClient:
    """Calls the API as one user (or anonymously when ``token`` is empty)."""

    def __init__(self, token: str = "") -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    @classmethod
    def for_user(cls, user: Any) -> ApiClient:
        _token, raw = api_token_create(user=user, name="tests")
        return cls(raw)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(PREFIX + path, params, headers=self.headers)

    def post(self, path: str, data: Any = None) -> Any:
        return self._send("post", path, data)

    def patch(self, path: str, data: Any = None) -> Any:
        return self._send("patch", path, data)

    def put(self, path: str, data: Any = None) -> Any:
        return self._send("put", path, data)

    def _send(self, method: str, path: str, data: Any) -> Any:
        body = json.dumps(data if data is not None else {}, default=str)
        send = getattr(self.client, method)
        return send(PREFIX + path, body, content_type="application/json", headers=self.headers)
