"""Checking uploaded files by their content, not by their name.

Attachments may be photos (JPEG, PNG, WebP) or PDF documents; an agreement's scan must
be a PDF. The type is read from the file's first bytes, so a renamed executable or an
HTML page called ``photo.jpg`` is refused. Stored files get the extension of the type
found, and are served only through views that check the record's visibility.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PHOTO_AND_PDF = frozenset({"image/jpeg", "image/png", "image/webp", "application/pdf"})
PDF_ONLY = frozenset({"application/pdf"})
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, with its sniffed type."""

    file: Any
    content_type: str
    size: int
    original_name: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def sniff(head: bytes) -> str | None:
    """The content type the first bytes show, or None if not an accepted type."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.lstrip(b"\r\n\t \xef\xbb\xbf")[:5] == b"%PDF-":
        return "application/pdf"
    return None


def _read_head(upload: Any, length: int = 64) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return bytes(head)


def check_upload(
    upload: Any, *, field: str, allowed: frozenset[str] = PHOTO_AND_PDF
) -> CheckedFile:
    """Refuse files over the size limit or of a type not in ``allowed``.

    Errors are raised under ``field`` and name the file.
    """
    name = str(getattr(upload, "name", "") or "")
    limit = settings.HUUNGHI_MAX_ATTACHMENT_BYTES
    size = int(getattr(upload, "size", 0) or 0)
    if size > limit:
        raise ValidationError(
            {
                field: _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
                % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)}
            }
        )
    if size == 0:
        raise ValidationError({field: _("“%(name)s” is empty.") % {"name": name}})
    content_type = sniff(_read_head(upload))
    if content_type is None or content_type not in allowed:
        raise ValidationError({field: _wrong_type_message(name, allowed)})
    return CheckedFile(file=upload, content_type=content_type, size=size, original_name=name[-255:])


def _wrong_type_message(name: str, allowed: frozenset[str]) -> str:
    if allowed == PDF_ONLY:
        return str(_("“%(name)s” is not a PDF document.") % {"name": name})
    return str(_("“%(name)s” is not a photo (JPEG, PNG, WebP) or a PDF document.") % {"name": name})
