"""Run by :mod:`test_contention` in child processes on one scratch SQLite database.

``python -m huunghi.dataio.tests.contention_child import ROWS DIR``: build the small
world, write the accounts to ``DIR/people.json``, then check and import ROWS rows.

``python -m huunghi.dataio.tests.contention_child user SECONDS DIR``: for SECONDS, sign
in, save a record through the form, save one through the API and read the API list,
timing each; results go to ``DIR/user.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

PASSWORD = "Str0ng-pass-phrase!"  # the scratch test accounts (core.testing)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
    import django

    django.setup()
    from django.utils import translation

    translation.activate("en")


def run_import(count: int, folder: Path) -> None:
    _setup()
    from huunghi.accounts.models import Role
    from huunghi.accounts.services import api_token_create
    from huunghi.core.testing import build_world
    from huunghi.dataio.services import imports
    from huunghi.dataio.tests.test_imports import rows, upload

    world = build_world()
    importer = world.user(Role.CLERK, world.post_xa_mat, username="importer")
    other = world.user(Role.CLERK, world.post_xa_mat, username="other_clerk")
    _token, raw = api_token_create(user=other, name="contention")
    people = {
        "username": "other_clerk",
        "password": PASSWORD,
        "token": raw,
        "unit": world.post_xa_mat.pk,
        "place": world.tay_ninh.pk,
    }
    (folder / "people.json").write_text(json.dumps(people))
    body = rows(world, count)
    for i, row in enumerate(body):  # dates within the input bounds for any count
        row[4] = dt.date(2025, 8, 1) + dt.timedelta(days=i % 3000)
    started, cpu = time.monotonic(), time.process_time()
    job = upload(importer, body)
    assert job.status == "ready", job.errors[:3]
    checked, checked_cpu = time.monotonic(), time.process_time()
    job = imports.import_confirm(job=job, user=importer)
    ended, ended_cpu = time.monotonic(), time.process_time()
    result = {
        "status": job.status,
        "created": job.created_count,
        "seconds": round(ended - started, 1),
        "check_seconds": round(checked - started, 1),
        "check_cpu_seconds": round(checked_cpu - cpu, 1),
        "import_seconds": round(ended - checked, 1),
        "import_cpu_seconds": round(ended_cpu - checked_cpu, 1),
        "ended_at": ended,
    }
    (folder / "import.json").write_text(json.dumps(result))


def run_user(seconds: float, folder: Path) -> None:
    _setup()
    from django.test import Client

    people = json.loads((folder / "people.json").read_text())
    timings: list[dict[str, Any]] = []
    for _name, call in _calls(people, 0):
        call(Client())  # the first requests of a process load code and templates
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        number += 1
        for name, call in _calls(people, number):
            began = time.monotonic()
            status = call(Client())
            took = (time.monotonic() - began) * 1000
            timings.append({"what": name, "status": status, "ms": took, "at": began})
    (folder / "user.json").write_text(json.dumps(timings))


def _calls(people: dict[str, Any], number: int) -> list[tuple[str, Any]]:
    auth = {"Authorization": f"Bearer {people['token']}"}
    record = {
        "kind": "aid",
        "unit_id": people["unit"],
        "title": f"Saved during the import {number}",
        "start_date": "2025-08-01",
        "place_id": people["place"],
        "details": {
            "goods_or_money": "goods",
            "funding_source": "self_mobilised",
            "recipient_type": "unit",
            "recipient": "Bavet post",
        },
    }

    def sign_in(client: Any) -> int:
        data = {"username": people["username"], "password": people["password"]}
        return int(client.post("/accounts/login/", data).status_code)

    def api_save(client: Any) -> int:
        body = json.dumps(record)
        response = client.post(
            "/api/v1/activities/", body, content_type="application/json", headers=auth
        )
        return int(response.status_code)

    def api_read(client: Any) -> int:
        return int(client.get("/api/v1/activities/", headers=auth).status_code)

    return [("sign in", sign_in), ("API save", api_save), ("API read", api_read)]


if __name__ == "__main__":
    mode, amount, where = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    if mode == "import":
        run_import(int(amount), where)
    else:
        run_user(float(amount), where)
