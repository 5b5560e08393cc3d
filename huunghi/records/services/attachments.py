"""Storing and removing attachment files together with their database rows.

Files are written last, after every check passed; if the transaction still fails the
written files are deleted, and files of removed attachments are deleted only after
the transaction commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from huunghi.accounts.types import Actor
from huunghi.core.actors import as_user
from huunghi.records.files import PHOTO_AND_PDF, CheckedFile, check_upload
from huunghi.records.models import Activity, Attachment
from huunghi.records.services.errors import ErrorCollector


def check_attachments(uploads: Iterable[Any], errors: ErrorCollector) -> list[CheckedFile]:
    """Check every upload; refused ones are reported under ``attachments``."""
    checked: list[CheckedFile] = []
    for upload in uploads:
        with errors.check():
            checked.append(check_upload(upload, field="attachments", allowed=PHOTO_AND_PDF))
    return checked


def store_attachments(
    *,
    activity: Activity,
    files: Sequence[CheckedFile],
    caption: str,
    acting_user: Actor,
    written: list[str],
) -> list[Attachment]:
    """Save files under the activity; ``written`` collects storage names for cleanup."""
    stored = []
    for checked in files:
        attachment = Attachment(
            activity=activity,
            content_type=checked.content_type,
            size=checked.size,
            caption=caption[:200],
            uploaded_by=as_user(acting_user),
            original_name=checked.original_name,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{checked.extension}", checked.file, save=False)
        written.append(attachment.file.name or "")
        attachment.full_clean()
        attachment.save()
        stored.append(attachment)
    return stored


def remove_attachments(*, activity: Activity, ids: Iterable[int]) -> list[str]:
    """Delete the activity's attachments with ``ids``; their files go after commit."""
    doomed = list(activity.attachments.filter(pk__in=list(ids)))
    names = [a.file.name or "" for a in doomed]
    for attachment in doomed:
        attachment.delete()
    transaction.on_commit(lambda: discard_files(names))
    return [a.original_name for a in doomed]


def discard_files(names: Iterable[str]) -> None:
    """Delete files written by a transaction that did not commit."""
    storage = Attachment._meta.get_field("file").storage  # type: ignore[attr-defined]
    for name in names:
        if name:
            storage.delete(name)
