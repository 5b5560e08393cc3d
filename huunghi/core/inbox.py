"""Selectors of the approval chain across every registered kind: the approvals inbox
(submitted records an approver may decide, oldest first) and the records returned to
a clerk (newest first). Each kind is read through its policy
(:func:`huunghi.core.workflow.pending_for` / :func:`~huunghi.core.workflow.returned_for`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

from huunghi.accounts.types import Reader
from huunghi.core import workflow
from huunghi.core.workflow import WorkflowKind

PAGE_SIZE = 50
MAX_PER_KIND = 5000
RETURNED_SHOWN = 20


@dataclass(frozen=True)
class Item:
    """One record of some kind, as a row of the inbox or the returned list."""

    kind: WorkflowKind
    obj: Any
    link: str | None
    refusal: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind.key}:{self.obj.pk}"

    @property
    def unit(self) -> Any:
        return workflow.unit_of(self.obj, self.kind.policy)


def _chosen(kind_key: str) -> list[WorkflowKind]:
    found = workflow.get_kind(kind_key) if kind_key else None
    return [found] if found is not None else workflow.kinds()


def pending_counts(*, user: Reader) -> list[tuple[WorkflowKind, int]]:
    """How many records of each kind wait for the user's decision."""
    return [(kind, workflow.pending_for(user, kind).count()) for kind in workflow.kinds()]


def approvals_page(*, user: Reader, kind_key: str = "", page: Any = 1) -> Page:
    """One page of the submitted records ``user`` may decide, all kinds merged oldest
    first (or one kind); each item says why approving it is refused (four eyes)."""
    keys: list[tuple[dt.datetime, str, int]] = []
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    for kind in _chosen(kind_key):
        rows = workflow.pending_for(user, kind).values_list("pk", "submitted_at")
        keys.extend((at or epoch, kind.key, pk) for pk, at in rows[:MAX_PER_KIND])
    keys.sort()
    current = Paginator(keys, PAGE_SIZE).get_page(page)
    current.object_list = _items(user, list(current.object_list), pending=True)  # type: ignore[assignment]
    return current


def _items(user: Reader, keys: list[tuple[Any, str, int]], *, pending: bool) -> list[Item]:
    wanted: dict[str, list[int]] = {}
    for _at, key, pk in keys:
        wanted.setdefault(key, []).append(pk)
    objects: dict[tuple[str, int], Any] = {}
    for key, pks in wanted.items():
        kind = workflow.get_kind(key)
        if kind is None:
            continue
        for obj in kind.visible_to(user).filter(pk__in=pks):
            objects[(key, obj.pk)] = obj
    editors = workflow.editors_of(list(objects.values())) if pending else {}
    items = []
    for _at, key, pk in keys:
        obj = objects.get((key, pk))
        if obj is not None:
            items.append(_item(user, key, obj, editors.get(workflow.editor_key(obj))))
    return items


def _item(user: Reader, key: str, obj: Any, editors: set[int] | None) -> Item:
    """``editors`` is None for records not waiting for a decision (no four-eyes check)."""
    kind = workflow.get_kind(key)
    assert kind is not None
    refusal = None if editors is None else workflow.four_eyes_refusal(user, obj, editors)
    return Item(kind=kind, obj=obj, link=kind.link(user, obj), refusal=refusal)


def pending_records(*, user: Reader, keys: list[str]) -> tuple[list[Any], list[str]]:
    """The records named ``kind:pk`` that wait for ``user``'s decision, and the keys
    that name nothing the user may decide (unknown, not visible, not submitted)."""
    found, missing = [], []
    for key in keys:
        kind_key, _sep, raw_pk = key.partition(":")
        kind = workflow.get_kind(kind_key)
        obj = None
        if kind is not None and raw_pk.isdigit():
            obj = workflow.pending_for(user, kind).filter(pk=int(raw_pk)).first()
        if obj is None:
            missing.append(key)
        else:
            found.append(obj)
    return found, missing


def returned_to(*, user: Reader) -> list[Item]:
    """Records returned for correction that ``user`` may change and submit again, the
    most recently returned first (at most :data:`RETURNED_SHOWN`)."""
    keys: list[tuple[Any, str, int]] = []
    for kind in workflow.kinds():
        rows = workflow.returned_for(user, kind).values_list("pk", "updated_at")
        keys.extend((at, kind.key, pk) for pk, at in rows[:RETURNED_SHOWN])
    keys.sort(reverse=True)
    return _items(user, keys[:RETURNED_SHOWN], pending=False)
