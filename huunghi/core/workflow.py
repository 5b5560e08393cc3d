"""The one approval chain of everything that is counted.

draft → submitted → approved (locked) by an approver of a strict ancestor unit;
submitted → returned (with a reason) → edited → submitted again. Changing an
approved object reopens it as a new revision that needs approval again. Every
transition is audited in the same transaction. Four eyes: nobody approves an object
they created or last edited.

Activities, reported figures, twinning pairs, facilities, agreements, pupils and the
remains steps all move through :func:`transition`.

How a model takes part
----------------------
1. Give it the approval fields: :class:`huunghi.core.models.ApprovalFields` (status in
   ``status``) or :class:`huunghi.core.approval.RecordApproval` (status in
   ``record_status``, for models whose ``status`` means something else), and a
   ``created_by`` user field; make a schema migration and a data migration.
2. Give it a policy (:class:`~huunghi.core.policy.UnitScopedPolicy`): who may edit
   (submit, reopen) and who may approve (strict ancestor, ``can_approve``).
3. Register it from its ``AppConfig.ready()``::

       from huunghi.core.workflow import WorkflowKind, register_kind
       register_kind(WorkflowKind("marker", BorderMarker, MarkerPolicy, _("Markers")))

   It then appears on the approvals page (bulk approve included), in the returned
   list on the home page and in ``/api/v1/workflow/marker/{id}``.
4. In its update service call :func:`prepare_edit` first (refuses a submitted object,
   reopens an approved one), and audit the change with ``<model>.update``.
5. On its detail page: ``{% include "core/_workflow_panel.html" %}`` with
   ``workflow`` = :func:`panel` in the context.
6. Count only ``<status field>="approved"`` in approved-only totals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.accounts.scope import Capability, Scope, scope_for
from huunghi.accounts.types import Actor, Reader
from huunghi.audit.models import AuditEvent
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.actors import is_system
from huunghi.core.models import Status

TRAIL_FIELDS = ["revision", "return_reason", "submitted_at", "approved_at", "approved_by"]
ACTIONS = ("submit", "approve", "return", "reopen")
LOADED = "approve_loaded"

ALLOWED = {
    "submit": {Status.DRAFT, Status.RETURNED},
    "approve": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
    "reopen": {Status.APPROVED},
    LOADED: {Status.DRAFT, Status.RETURNED, Status.SUBMITTED},
}


class FourEyesRefused(PermissionDenied):
    """An approver tried to approve an object they created or last edited."""


# --- the status field -------------------------------------------------------------------


def status_field(model: Any) -> str:
    """Name of the field holding the approval status (``status`` or ``record_status``)."""
    return str(getattr(model, "workflow_status_field", "status"))


def status_of(obj: Any) -> str:
    return str(getattr(obj, status_field(obj)))


def status_label(obj: Any) -> str:
    return str(obj._get_FIELD_display(obj._meta.get_field(status_field(obj))))


def workflow_fields(obj: Any) -> list[str]:
    return [status_field(obj), *TRAIL_FIELDS]


def unit_of(obj: Any, policy: Any) -> Any:
    """The unit owning ``obj`` (follows the policy's ``unit_field``)."""
    target = obj
    for part in filter(None, policy.unit_field.split("__")):
        target = getattr(target, part)
    return target


# --- registered kinds -------------------------------------------------------------------


def _default_link(user: Reader, obj: Any) -> str | None:
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None


@dataclass(frozen=True)
class WorkflowKind:
    """A model in the approval chain, as the approvals page, API and home page see it.

    ``move(obj, action, acting_user, reason)`` replaces :func:`transition` when the
    app keeps something in step (activities update their summary rows); ``visible``
    replaces ``policy.visible`` when approvers see counts but not the rows' pages
    (pupils); ``link(user, obj)`` is the detail page the user may open, or None.
    """

    key: str
    model: type[models.Model]
    policy: Any
    label: Any
    move: Callable[..., Any] | None = None
    visible: Callable[[Any], QuerySet[Any]] | None = None
    link: Callable[[Any, Any], str | None] = field(default=_default_link)
    related: tuple[str, ...] = ()

    def visible_to(self, user: Reader) -> QuerySet[Any]:
        rows = self.visible(user) if self.visible is not None else self.policy.visible(user)
        unit = self.policy.unit_field
        return rows.select_related(unit, *self.related)


_KINDS: dict[str, WorkflowKind] = {}


def register_kind(kind: WorkflowKind) -> None:
    """Put a model in the approval chain's pages and API (a later call replaces it)."""
    _KINDS[kind.key] = kind


def kinds() -> list[WorkflowKind]:
    return list(_KINDS.values())


def get_kind(key: str) -> WorkflowKind | None:
    return _KINDS.get(key)


def kind_of(obj: Any) -> WorkflowKind | None:
    for kind in _KINDS.values():
        if isinstance(obj, kind.model):
            return kind
    return None


# --- who may do what --------------------------------------------------------------------


EDIT_LOOKBACK = 50


def editor_ids(obj: Any) -> set[int]:
    """Users who created the object or made its last change. A change is an audit row
    that touched a field other than the workflow's (moves in the chain are not edits)."""
    return editors_of([obj])[editor_key(obj)]


def editors_of(objs: list[Any]) -> dict[tuple[str, int], set[int]]:
    """:func:`editor_ids` of many objects, keyed by (model label, pk): one query per model."""
    by_label: dict[str, list[Any]] = {}
    for obj in objs:
        by_label.setdefault(obj._meta.label_lower, []).append(obj)
    found: dict[tuple[str, int], set[int]] = {}
    for label, group in by_label.items():
        events: dict[str, list[tuple[Any, str, Any]]] = {}
        rows = AuditEvent.objects.filter(
            target_type=label, target_id__in=[str(obj.pk) for obj in group]
        ).order_by("-at", "-id")
        for target_id, actor_id, action, changes in rows.values_list(
            "target_id", "actor_id", "action", "changes"
        ):
            events.setdefault(target_id, []).append((actor_id, action, changes))
        for obj in group:
            found[editor_key(obj)] = _editors(obj, events.get(str(obj.pk), []))
    return found


def editor_key(obj: Any) -> tuple[str, int]:
    return (obj._meta.label_lower, obj.pk)


def _editors(obj: Any, newest_first: list[tuple[Any, str, Any]]) -> set[int]:
    ids = {getattr(obj, "created_by_id", None)}
    chain = set(workflow_fields(obj)) | {"updated_at"}
    for actor_id, action, changes in newest_first[:EDIT_LOOKBACK]:
        if action.endswith(".create") or not set(changes or {}) <= chain:
            ids.add(actor_id)
            break
    creators = [actor for actor, action, _changes in newest_first if action.endswith(".create")]
    if creators:
        ids.add(creators[-1])  # the oldest create
    return {i for i in ids if i is not None}


def four_eyes_refusal(user: Actor, obj: Any, editors: set[int] | None = None) -> str | None:
    """Why ``user`` may not approve ``obj`` under the four-eyes rule, or None.

    ``editors`` (from :func:`editors_of`) saves the query when many objects are asked."""
    if user is None or getattr(user, "pk", None) is None:
        return None
    if user.pk not in (editor_ids(obj) if editors is None else editors):
        return None
    return _(
        "You created or last changed this record, so someone else must approve it (four-eyes rule)."
    )


def may(user: Actor, obj: Any, action: str, policy: Any) -> bool:
    """Whether ``user`` may apply ``action`` to ``obj`` now (status and policy; the
    four-eyes rule is asked separately through :func:`four_eyes_refusal`)."""
    if action not in ACTIONS or status_of(obj) not in ALLOWED[action]:
        return False
    if action in ("approve", "return"):
        return bool(policy.can_approve(user, obj))
    return bool(policy.can_edit(user, obj))


@dataclass(frozen=True)
class Panel:
    """What a detail page shows about the chain: status, buttons, and why approve is off."""

    obj: Any
    kind: str
    status: str
    status_label: str
    return_reason: str
    revision: int
    can_submit: bool
    can_decide: bool
    can_reopen: bool
    approve_refusal: str | None


def panel(user: Reader, obj: Any, policy: Any) -> Panel:
    kind = kind_of(obj)
    can_decide = may(user, obj, "approve", policy)
    return Panel(
        obj=obj,
        kind=kind.key if kind else "",
        status=status_of(obj),
        status_label=status_label(obj),
        return_reason=obj.return_reason,
        revision=obj.revision,
        can_submit=may(user, obj, "submit", policy),
        can_decide=can_decide,
        can_reopen=may(user, obj, "reopen", policy),
        approve_refusal=four_eyes_refusal(user, obj) if can_decide else None,
    )


def strictly_below_q(scope: Scope, unit_field: str) -> Q:
    """Rows whose unit lies strictly below one of the scope's APPROVE memberships."""
    if scope.is_global:
        return Q()
    query = Q(pk__in=[])
    for prefix in scope.paths.get(Capability.APPROVE, ()):
        query |= Q(**{f"{unit_field}__path__startswith": prefix}) & ~Q(
            **{f"{unit_field}__path": prefix}
        )
    return query


def pending_for(user: Reader, kind: WorkflowKind) -> QuerySet[Any]:
    """Submitted rows of ``kind`` that ``user`` may approve or return, oldest first."""
    scope = scope_for(user)
    if not scope.has_any(Capability.APPROVE):
        return kind.model._default_manager.none()
    return (
        kind.visible_to(user)
        .filter(**{status_field(kind.model): Status.SUBMITTED})
        .filter(strictly_below_q(scope, kind.policy.unit_field))
        .order_by("submitted_at", "pk")
    )


def returned_for(user: Reader, kind: WorkflowKind) -> QuerySet[Any]:
    """Returned rows of ``kind`` that ``user`` may change and submit again, newest first."""
    scope = scope_for(user)
    if scope.is_global or not scope.has_any(Capability.EDIT):
        return kind.model._default_manager.none()
    return (
        kind.visible_to(user)
        .filter(**{status_field(kind.model): Status.RETURNED})
        .filter(scope.unit_q(Capability.EDIT, kind.policy.unit_field))
        .order_by("-updated_at", "-pk")
    )


# --- moving ------------------------------------------------------------------------------


def _check(obj: Any, action: str) -> None:
    if action not in ALLOWED:
        raise ValidationError({"action": _("Unknown action.")})
    if status_of(obj) not in ALLOWED[action]:
        raise ValidationError(
            {
                "status": _("This action is not possible while the status is “%(status)s”.")
                % {"status": status_label(obj)}
            }
        )


@dataclass(frozen=True)
class Step:
    """One move of a state machine, as :func:`locked_move` runs it.

    ``check(locked)`` refuses the move (status, rights, reason); ``apply(locked)`` changes
    the row; ``after(previous_status, locked)`` keeps other rows in step (summaries, status
    history). ``fields`` limits what is saved and audited (None: the whole row, validated).
    """

    action: str
    status_field: str
    check: Callable[[Any], None]
    apply: Callable[[Any], None]
    fields: list[str] | None = None
    after: Callable[[str, Any], None] | None = None
    note: str = ""


def locked_move(*, obj: Any, step: Step, acting_user: Actor, unit: Callable[[Any], Any]) -> Any:
    """Run ``step`` on ``obj`` locked for update, and audit it as ``<model>.<action>`` in
    the same transaction. The approval chain (:func:`transition`) and the remains case
    moves (:mod:`huunghi.remains.services.status`) both go through here."""
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
        step.check(locked)
        before = snapshot(locked, step.fields)
        previous = str(getattr(locked, step.status_field))
        step.apply(locked)
        if step.fields is None:
            locked.full_clean()
            locked.save()
        else:
            locked.save(update_fields=[*step.fields, "updated_at"])
        if step.after is not None:
            step.after(previous, locked)
        audit_log(
            actor=acting_user,
            action=f"{locked._meta.model_name}.{step.action}",
            target=locked,
            unit=unit(locked),
            before=before,
            after=snapshot(locked, step.fields),
            note=step.note,
        )
    return locked


def transition(
    *,
    obj: models.Model,
    action: str,
    acting_user: Actor,
    policy: Any,
    reason: str = "",
    on_change: Callable[[Any, Any], None] | None = None,
) -> models.Model:
    """Move ``obj`` through the approval chain; ``on_change(before_status, obj)`` runs in
    the same transaction (summary maintenance)."""

    def check(locked: Any) -> None:
        _check(locked, action)
        _authorise(locked, action, acting_user, policy)

    step = Step(
        action=action,
        status_field=status_field(obj),
        check=check,
        apply=lambda locked: _apply(locked, action, acting_user, reason),
        fields=workflow_fields(obj),
        after=on_change,
        note=reason.strip(),
    )
    return locked_move(  # type: ignore[no-any-return]
        obj=obj, step=step, acting_user=acting_user, unit=lambda o: unit_of(o, policy)
    )


def _authorise(obj: Any, action: str, user: Actor, policy: Any) -> None:
    if action == LOADED:
        if not is_system(user) and (user is None or not scope_for(user).is_global):
            raise PermissionDenied(_("Only a system administrator may load approved rows."))
        return
    if user is None or not may(user, obj, action, policy):
        raise PermissionDenied(_("You may not do this for this unit."))
    if action == "approve":
        refusal = four_eyes_refusal(user, obj)
        if refusal is not None:
            raise FourEyesRefused(refusal)


def _apply(obj: Any, action: str, user: Actor, reason: str) -> None:
    now = timezone.now()
    name = status_field(obj)
    if action == "submit":
        setattr(obj, name, Status.SUBMITTED)
        obj.submitted_at, obj.return_reason = now, ""
    elif action in ("approve", LOADED):
        setattr(obj, name, Status.APPROVED)
        obj.submitted_at = obj.submitted_at or now
        obj.approved_at, obj.approved_by = now, None if is_system(user) else user
    elif action == "return":
        if not reason.strip():
            raise ValidationError({"reason": _("Give a reason for returning the record.")})
        setattr(obj, name, Status.RETURNED)
        obj.return_reason = reason.strip()
    elif action == "reopen":
        setattr(obj, name, Status.DRAFT)
        obj.revision = obj.revision + 1
        obj.approved_at, obj.approved_by = None, None


def move(*, obj: Any, action: str, acting_user: Actor, reason: str = "") -> Any:
    """Apply ``action`` to a registered kind's object (its own mover if it has one)."""
    kind = kind_of(obj)
    if kind is None:
        raise ValidationError({"action": _("This record has no approval chain.")})
    if kind.move is not None:
        return kind.move(obj, action, acting_user, reason)
    return transition(
        obj=obj, action=action, acting_user=acting_user, policy=kind.policy, reason=reason
    )


def check_editable(obj: Any) -> None:
    """Refuse a change while ``obj`` waits for approval."""
    if obj.pk is not None and status_of(obj) == Status.SUBMITTED:
        raise ValidationError(
            {
                "status": _(
                    "This record is waiting for approval; it can be changed after it is "
                    "returned or approved."
                )
            }
        )


def prepare_edit(obj: Any, *, policy: Any, acting_user: Actor) -> Any:
    """Before changing ``obj`` (inside the change's transaction): refuse while it waits
    for approval; reopen it as a new revision if it was approved, so that the change
    needs approval again."""
    check_editable(obj)
    if obj.pk is not None and status_of(obj) == Status.APPROVED:
        reopened = transition(obj=obj, action="reopen", acting_user=acting_user, policy=policy)
        for name in workflow_fields(obj):
            setattr(obj, name, getattr(reopened, name))
    return obj


# --- many at once ------------------------------------------------------------------------


@dataclass
class BulkResult:
    approved: list[Any] = field(default_factory=list)
    refused: list[tuple[Any, str]] = field(default_factory=list)


def bulk_approve(*, objs: Iterable[Any], acting_user: Actor) -> BulkResult:
    """Approve each object the user may approve, each in its own transaction with its
    own audit row; the others are reported with the reason and left unchanged."""
    result = BulkResult()
    for obj in objs:
        try:
            result.approved.append(move(obj=obj, action="approve", acting_user=acting_user))
        except (PermissionDenied, ValidationError) as exc:
            result.refused.append((obj, _refusal_text(exc)))
    return result


def _refusal_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return str(exc) or _("You may not do this for this unit.")


# --- rows loaded as approved ------------------------------------------------------------------


def approve_as_loaded(*, obj: Any, acting_user: Actor, source: str) -> Any:
    """Approve a draft that a loader enters as an established fact: a figure quoted from
    a published article, or synthetic demo data.

    Only the system actor or a system administrator may, and the audit row
    (``<model>.approve_loaded``, the source as its note) says so: the four-eyes rule
    guards judgements made inside the chain, not what a loader states as given.
    """
    return move(obj=obj, action=LOADED, acting_user=acting_user, reason=source)
