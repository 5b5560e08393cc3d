"""API: the approval chain of every registered kind (twinning pairs, facilities,
agreements, pupils, excavations, remains sets, handovers, reburials, activities…).

``/workflow/{kind}/{id}`` gives a record's status and what the caller may do with it;
``/workflow/{kind}/{id}/submit|approve|return|reopen`` moves it, as
``/activities/{id}/…`` does for activities; ``/workflow/pending`` lists what waits for
the caller's decision and ``/workflow/approve`` approves many at once. A record outside
the caller's scope (or an unknown kind) is a 404; an action the caller may not take on a
record they can see is a 403; approving one's own record is a 403 with the reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from huunghi.api.auth import acting_user
from huunghi.api.schemas import InSchema, UnitRef, read, text, write
from huunghi.core import inbox, workflow
from huunghi.core.workflow import WorkflowKind

router = Router(tags=["approval chain"])

NOT_ALLOWED = _("You may not do this for this record.")


class ChainPermissionsOut(Schema):
    can_submit: bool
    can_decide: bool
    can_reopen: bool
    approve_refusal: str | None = Field(None, description="Why approving is refused (four eyes)")


class ChainOut(Schema):
    kind: str
    id: int
    label: str
    unit: UnitRef
    status: str
    revision: int
    return_reason: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    permissions: ChainPermissionsOut


class ReturnIn(InSchema):
    reason: text(2000, 1)  # type: ignore[valid-type]


class BulkIn(InSchema):
    items: list[text(60)] = Field(  # type: ignore[valid-type]
        ..., max_length=200, description='"kind:id" of each record'
    )


class RefusedOut(Schema):
    item: str
    reason: str


class BulkOut(Schema):
    approved: list[str]
    refused: list[RefusedOut]


class PendingOut(Schema):
    kind: str
    id: int
    label: str
    unit: UnitRef
    revision: int
    submitted_at: dt.datetime | None
    approve_refusal: str | None


class PendingPage(Schema):
    items: list[PendingOut]
    count: int
    page: int
    pages: int


# --- helpers ------------------------------------------------------------------------------


def _kind(key: str) -> WorkflowKind:
    kind = workflow.get_kind(key)
    if kind is None:
        raise Http404
    return kind


def _record(request: HttpRequest, key: str, pk: int) -> tuple[WorkflowKind, Any]:
    kind = _kind(key)
    obj = kind.visible_to(acting_user(request)).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return kind, obj


def _out(request: HttpRequest, kind: WorkflowKind, obj: Any) -> dict[str, Any]:
    user = acting_user(request)
    panel = workflow.panel(user, obj, kind.policy)
    return {
        "kind": kind.key,
        "id": obj.pk,
        "label": str(obj),
        "unit": workflow.unit_of(obj, kind.policy),
        "status": panel.status,
        "revision": obj.revision,
        "return_reason": obj.return_reason,
        "submitted_at": obj.submitted_at,
        "approved_at": obj.approved_at,
        "permissions": {
            "can_submit": panel.can_submit,
            "can_decide": panel.can_decide,
            "can_reopen": panel.can_reopen,
            "approve_refusal": panel.approve_refusal,
        },
    }


def _act(request: HttpRequest, key: str, pk: int, action: str, reason: str = "") -> Any:
    kind, obj = _record(request, key, pk)
    user = acting_user(request)
    decides = action in ("approve", "return")
    allowed = kind.policy.can_approve(user, obj) if decides else kind.policy.can_edit(user, obj)
    if not allowed:
        raise PermissionDenied(NOT_ALLOWED)
    moved = workflow.move(obj=obj, action=action, acting_user=user, reason=reason)
    return _out(request, kind, moved)


# --- endpoints ----------------------------------------------------------------------------


@router.get("/pending", response=read(PendingPage), summary="Waiting for my approval")
def pending(request: HttpRequest, kind: str = "", page: int = 1) -> Any:
    """Submitted records of every kind (or ``kind``) the caller may decide, oldest first."""
    user = acting_user(request)
    current = inbox.approvals_page(user=user, kind_key=kind, page=page)
    return {
        "items": [
            {
                "kind": item.kind.key,
                "id": item.obj.pk,
                "label": str(item.obj),
                "unit": item.unit,
                "revision": item.obj.revision,
                "submitted_at": item.obj.submitted_at,
                "approve_refusal": item.refusal,
            }
            for item in current.object_list
        ],
        "count": current.paginator.count,
        "page": current.number,
        "pages": current.paginator.num_pages,
    }


@router.post("/approve", response=write(BulkOut), summary="Approve many")
def approve_many(request: HttpRequest, payload: BulkIn) -> Any:
    """Approve each named record the caller may approve, each in its own transaction;
    the others are listed with the reason and left unchanged."""
    user = acting_user(request)
    records, missing = inbox.pending_records(user=user, keys=list(payload.items))
    result = workflow.bulk_approve(objs=records, acting_user=user)
    refused = [{"item": _key(obj), "reason": reason} for obj, reason in result.refused]
    refused += [
        {"item": key, "reason": str(_("Not waiting for your approval."))} for key in missing
    ]
    return {"approved": [_key(obj) for obj in result.approved], "refused": refused}


def _key(obj: Any) -> str:
    kind = workflow.kind_of(obj)
    return f"{kind.key if kind else '?'}:{obj.pk}"


@router.get("/{kind}/{record_id}", response=read(ChainOut), summary="Status of a record")
def record_status(request: HttpRequest, kind: str, record_id: int) -> Any:
    """The record's place in the approval chain and what the caller may do with it."""
    found, obj = _record(request, kind, record_id)
    return _out(request, found, obj)


@router.post("/{kind}/{record_id}/submit", response=write(ChainOut), summary="Submit")
def record_submit(request: HttpRequest, kind: str, record_id: int) -> Any:
    """Send a draft or returned record for approval."""
    return _act(request, kind, record_id, "submit")


@router.post("/{kind}/{record_id}/approve", response=write(ChainOut), summary="Approve")
def record_approve(request: HttpRequest, kind: str, record_id: int) -> Any:
    """Approve a submitted record (an approver of a unit above it, not its author)."""
    return _act(request, kind, record_id, "approve")


@router.post("/{kind}/{record_id}/return", response=write(ChainOut), summary="Return")
def record_return(request: HttpRequest, kind: str, record_id: int, payload: ReturnIn) -> Any:
    """Send a submitted record back to its unit with a reason."""
    return _act(request, kind, record_id, "return", payload.reason)


@router.post("/{kind}/{record_id}/reopen", response=write(ChainOut), summary="Reopen")
def record_reopen(request: HttpRequest, kind: str, record_id: int) -> Any:
    """Unlock an approved record as a new revision."""
    return _act(request, kind, record_id, "reopen")
