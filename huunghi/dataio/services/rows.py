"""Running every row of an uploaded file through its kind, all or nothing.

:func:`process` reads the file, matches its headers to the kind's columns, parses
each cell and hands each row to the kind inside its own savepoint, so one bad row
does not hide the errors of the others.

Rows run in short chunks, each its own transaction of at most ``CHUNK_SECONDS``: on
SQLite only one connection writes at a time, and one transaction for a whole file kept
every other user's save waiting (and failing) for minutes. A check (``commit=False``)
rolls every chunk back. A real import commits each chunk together with its journal
entries (:mod:`huunghi.dataio.services.undo`), and when any row fails the journal is
undone: either the whole file is stored or nothing is. Kinds that cannot undo
(``supports_undo`` false) still import in one transaction.

Kinds with ``supports_batch`` (activities) run in batches instead (:func:`_in_batches`):
a batch is checked first with no transaction open (a check takes no write lock at all),
then its new records are written together in one transaction of about
``BATCH_SECONDS`` with their journal; a busy database makes the batch run again. The
write transaction first locks the new records' identities and looks them up again
(``DataKind.claim_planned``, one query): rows that another import stored since the check
are then existing records, so two imports of the same file never both create them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from huunghi.core.busy import is_busy
from huunghi.dataio.columns import CellError, Column, header_index, header_keys, parse_cell
from huunghi.dataio.kinds.base import Action, Context, DataKind, Row, RowError, row_error_from
from huunghi.dataio.table import Table, is_blank_row

if TYPE_CHECKING:
    from huunghi.accounts.models import User

MAX_ERRORS = 500
CHUNK_SECONDS = 0.25
CHUNK_MAX_ROWS = 500
# Kinds that write new records in batches (``DataKind.supports_batch``) start with this
# many rows per batch and adapt the size to the time its transaction took.
BATCH_FIRST_ROWS = 100
# A batch's write transaction aims at this (below CHUNK_SECONDS: on a loaded machine the
# same work takes longer than the size was measured for, and others wait that long).
BATCH_SECONDS = 0.15
BATCH_MIN_ROWS = 10
# A batch the busy database refused is tried again, this many times in all.
BUSY_ATTEMPTS = 3
# After each chunk the import pauses so that writers waiting for the lock get it before
# the next chunk: SQLite's busy handler backs off to polling every 100 ms, so a shorter
# pause lets the import take the lock again and again while they sleep (starvation).
PAUSE_SECONDS = 0.12
PREVIEW_ROWS = 200
HEADER_ROW = 1


@dataclass
class Outcome:
    """What a pass over the file found: counts, errors and the first rows' actions."""

    rows: int = 0
    done: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)

    def error(self, row: int | None, column: str | None, message: Any) -> None:
        self.errors.append({"row": row, "column": column, "message": str(message)})

    @property
    def ok(self) -> bool:
        return not self.errors


class _RollbackError(Exception):
    """Undo the pass: a check, or a file with errors."""


Progress = Callable[[int], None]


def match_headers(headers: Sequence[str], columns: Sequence[Column], outcome: Outcome) -> dict:
    """``{position: column}`` for the header row; problems go into ``outcome``."""
    index = header_index(columns)
    found: dict[int, Column] = {}
    for position, header in enumerate(headers):
        if not header_keys(header):
            continue
        column = index.get(header_keys(header))
        if column is None:
            outcome.error(HEADER_ROW, header, _("This column is not part of the template."))
        elif column in found.values():
            outcome.error(HEADER_ROW, header, _("This column appears twice."))
        else:
            found[position] = column
    for column in columns:
        if column.required and column not in found.values():
            outcome.error(HEADER_ROW, column.header(), _("This column is missing."))
    return found


def check_size(table: Table, outcome: Outcome) -> int:
    """The number of data rows, after reporting a file with too many."""
    rows = sum(1 for cells in table.rows if not is_blank_row(cells))
    limit = settings.HUUNGHI_MAX_IMPORT_ROWS
    if rows > limit:
        outcome.error(
            None,
            None,
            _(
                "The file has %(rows)s rows; at most %(limit)s rows can be imported at once. "
                "Split it into smaller files."
            )
            % {"rows": f"{rows:,}", "limit": f"{limit:,}"},
        )
    if rows == 0:
        outcome.error(None, None, _("The file has no rows below its header."))
    return rows


Journal = Callable[[list[tuple[str, int, Any]]], None]


def process(
    kind: DataKind,
    table: Table,
    *,
    user: User,
    commit: bool,
    progress: Progress,
    journal: Journal | None = None,
) -> Outcome:
    """Check (``commit=False``) or import (``commit=True``) every row of ``table``.

    With ``journal`` (and a kind that can undo) an import commits chunk by chunk,
    handing each chunk's written objects to ``journal`` inside the chunk's transaction;
    the caller undoes them if the outcome is not ok.
    """
    outcome = Outcome()
    columns = match_headers(table.headers, kind.columns(), outcome)
    outcome.rows = check_size(table, outcome)
    if not outcome.ok:
        return outcome
    context = Context(user=user)
    rows = _numbered(table, columns)
    if commit and (journal is None or not kind.supports_undo):
        _in_one_transaction(kind, context, rows, outcome, progress)
    elif kind.supports_batch:
        _in_batches(kind, context, rows, outcome, progress, journal if commit else None)
    else:
        _in_chunks(kind, context, rows, outcome, progress, journal if commit else None)
    return outcome


def _numbered(table: Table, columns: dict[int, Column]) -> Iterator[Row]:
    for index, cells in enumerate(table.rows):
        if not is_blank_row(cells):
            yield _parsed(Table.sheet_row(index), cells, columns)


def _in_one_transaction(
    kind: DataKind, context: Context, rows: Iterator[Row], outcome: Outcome, progress: Progress
) -> None:
    try:
        with transaction.atomic():
            _rows(kind, context, rows, outcome, progress, deadline=None)
            if not outcome.ok:
                raise _RollbackError
    except _RollbackError:
        pass


def _in_chunks(
    kind: DataKind,
    context: Context,
    rows: Iterator[Row],
    outcome: Outcome,
    progress: Progress,
    journal: Journal | None,
) -> None:
    """Short transactions until the rows run out or an error stops the import."""
    while True:
        try:
            with transaction.atomic():
                more = _rows(kind, context, rows, outcome, progress, deadline=_chunk_deadline())
                if journal is None:
                    raise _RollbackError
                if outcome.ok:
                    journal(context.journal)
                else:
                    raise _RollbackError
        except _RollbackError:
            pass
        context.journal.clear()
        if not more or (journal is not None and not outcome.ok) or _too_many(outcome):
            return
        time.sleep(PAUSE_SECONDS)


def _in_batches(
    kind: DataKind,
    context: Context,
    rows: Iterator[Row],
    outcome: Outcome,
    progress: Progress,
    journal: Journal | None,
) -> None:
    """Rows in batches: each batch is checked first, outside any transaction (no lock
    held), and then, for a real import, its new records are written together in one short
    transaction with their journal (rows naming existing records run one by one in it).

    The batch grows or shrinks so that its transaction stays near ``BATCH_SECONDS``; a
    check writes nothing and takes no lock at all, except for rows that change a record.
    """
    size = BATCH_FIRST_ROWS
    while batch := list(islice(rows, size)):
        wrote, took, results = _batch(kind, context, batch, outcome, journal)
        for row, action in zip(batch, results, strict=True):
            if action is not None:
                _done(kind, row, action, outcome)
        outcome.done += len(batch)
        progress(outcome.done)
        context.journal.clear()
        if _too_many(outcome):
            del outcome.errors[MAX_ERRORS:]  # a batch may add many at once
            outcome.error(None, None, _("Too many errors; the check stopped here."))
            return
        if journal is not None and not outcome.ok:
            return
        if wrote:
            size = _next_size(size, took)
            time.sleep(PAUSE_SECONDS)


def _batch(
    kind: DataKind, context: Context, batch: list[Row], outcome: Outcome, journal: Journal | None
) -> tuple[bool, float, list[Action | None]]:
    """Plan and write one batch: whether a transaction ran, how long it took, and each
    row's action. A busy database (another writer held the lock past the busy timeout)
    rolled the whole batch back, so it is planned and written again after a pause."""
    for attempt in range(1, BUSY_ATTEMPTS + 1):
        planned = kind.plan_rows(context, batch)
        results = [
            _planned_result(kind, row, plan, outcome)
            for row, plan in zip(batch, planned, strict=True)
        ]
        began = time.monotonic()
        try:
            wrote = _write_batch(kind, context, batch, planned, results, outcome, journal)
        except OperationalError as exc:
            context.journal.clear()
            if journal is None or attempt == BUSY_ATTEMPTS or not is_busy(exc):
                raise
            time.sleep(PAUSE_SECONDS * attempt)
            continue
        return wrote, time.monotonic() - began, results
    raise AssertionError("unreachable")  # pragma: no cover


def _planned_result(kind: DataKind, row: Row, plan: Any, outcome: Outcome) -> Action | None:
    """A planned row's action; its errors go into ``outcome`` (None: no action yet)."""
    if isinstance(plan, Exception):
        _add_exception(kind, row, plan, outcome)
        return None
    return None if plan is None else Action.CREATE


def _write_batch(
    kind: DataKind,
    context: Context,
    batch: list[Row],
    planned: list[Any],
    results: list[Action | None],
    outcome: Outcome,
    journal: Journal | None,
) -> bool:
    """Write the batch (an import without errors so far) or run its rows that change
    records in a transaction rolled back (a check); whether a transaction ran."""
    existing = [i for i, plan in enumerate(planned) if plan is None]
    if journal is None and not existing:
        return False
    if journal is not None and not outcome.ok:
        return False
    try:
        with transaction.atomic():
            if journal is not None:
                _claim(kind, context, planned)
            for i, plan in enumerate(planned):
                if plan is None:
                    results[i] = _one_row_action(kind, context, batch[i], outcome)
            if journal is None or not outcome.ok:
                raise _RollbackError
            new = [plan for plan in planned if not (plan is None or isinstance(plan, Exception))]
            kind.write_planned(context, new)
            journal(context.journal)
    except _RollbackError:
        pass
    return True


def _claim(kind: DataKind, context: Context, planned: list[Any]) -> None:
    """Inside the write transaction: lock the new records' identities and turn each one
    stored since the plan (by another import of the same rows, which planned at the same
    time) into a row naming an existing record, run through ``import_row`` like the
    others (reported unchanged, or updated). Without this both imports created it."""
    for i in kind.claim_planned(context, planned):
        planned[i] = None


def _next_size(size: int, took: float) -> int:
    """The next batch's rows, aiming at ``BATCH_SECONDS`` per write transaction."""
    if took > BATCH_SECONDS:
        return max(BATCH_MIN_ROWS, int(size * BATCH_SECONDS / took * 0.8))
    if took < BATCH_SECONDS / 2:
        return min(CHUNK_MAX_ROWS, size * 2)
    return size


def _chunk_deadline() -> float:
    return time.monotonic() + CHUNK_SECONDS


def _too_many(outcome: Outcome) -> bool:
    return len(outcome.errors) >= MAX_ERRORS


def _rows(
    kind: DataKind,
    context: Context,
    rows: Iterator[Row],
    outcome: Outcome,
    progress: Progress,
    *,
    deadline: float | None,
) -> bool:
    """Run rows until they run out (False) or the chunk's time or size is up (True)."""
    for count, row in enumerate(rows, start=1):
        _one_row(kind, context, row, outcome)
        outcome.done += 1
        progress(outcome.done)
        if _too_many(outcome):
            outcome.error(None, None, _("Too many errors; the check stopped here."))
            return False
        if deadline is not None and (time.monotonic() > deadline or count >= CHUNK_MAX_ROWS):
            return True
    return False


def _parsed(number: int, cells: Sequence[Any], columns: dict[int, Column]) -> Row:
    row = Row(number=number, values={})
    for position, column in columns.items():
        value = cells[position] if position < len(cells) else None
        try:
            row.values[column.key] = parse_cell(column, value)
        except CellError as exc:
            row.fail(column.key, exc.message)
    return row


def _one_row(kind: DataKind, context: Context, row: Row, outcome: Outcome) -> None:
    action = _one_row_action(kind, context, row, outcome)
    if action is not None:
        _done(kind, row, action, outcome)


def _one_row_action(kind: DataKind, context: Context, row: Row, outcome: Outcome) -> Action | None:
    """Run one row in its savepoint: its action, or None after recording its errors."""
    try:
        with transaction.atomic():
            action, _obj = kind.import_row(context, row)
    except (RowError, ValidationError, PermissionDenied) as exc:
        _add_exception(kind, row, exc, outcome)
        return None
    return action


def _add_exception(kind: DataKind, row: Row, exc: Exception, outcome: Outcome) -> None:
    if isinstance(exc, RowError):
        _add_errors(kind, row, exc.errors, outcome)
    elif isinstance(exc, ValidationError):
        _add_errors(kind, row, row_error_from(kind, exc).errors, outcome)
    elif isinstance(exc, PermissionDenied):
        _add_errors(kind, row, [("", str(exc) or _("You may not do this."))], outcome)
    else:
        raise exc


def _done(kind: DataKind, row: Row, action: Action, outcome: Outcome) -> None:
    """Count a row that went through and show it in the preview."""
    _count(action, outcome)
    if len(outcome.preview) < PREVIEW_ROWS:
        outcome.preview.append(
            {"row": row.number, "action": str(action), "label": kind.describe(row)[:200]}
        )


def _add_errors(kind: DataKind, row: Row, errors: list[tuple[str, str]], outcome: Outcome) -> None:
    labels = {column.key: str(column.label) for column in kind.columns()}
    for key, message in errors:
        outcome.error(row.number, labels.get(key) if key else None, message)


def _count(action: Action, outcome: Outcome) -> None:
    if action == Action.CREATE:
        outcome.created += 1
    elif action == Action.UPDATE:
        outcome.updated += 1
    else:
        outcome.unchanged += 1
