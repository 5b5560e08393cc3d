"""Byte-for-byte reproducible Office files.

python-docx and openpyxl stamp every ZIP entry with the time of writing and put the
current time into ``docProps/core.xml``. :func:`stable_zip` rewrites the archive
with the entries in the same order, each dated ``when``, and sets the document's
creator and its created / modified dates, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.sax.saxutils import escape

CORE = "docProps/core.xml"


def stable_zip(payload: bytes, *, when: dt.datetime, author: str) -> bytes:
    """``payload`` (a DOCX or XLSX) with fixed entry times and core properties."""
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None)
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, 0)
    source = zipfile.ZipFile(io.BytesIO(payload))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == CORE:
                data = _core(data, stamp, author)
            entry = zipfile.ZipInfo(item.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()


def _core(xml: bytes, stamp: dt.datetime, author: str) -> bytes:
    text = xml.decode("utf-8")
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {
        "dcterms:created": iso,
        "dcterms:modified": iso,
        "dc:creator": escape(author),
        "cp:lastModifiedBy": escape(author),
    }
    for tag, value in values.items():
        text = _replace(text, tag, value)
    return text.encode("utf-8")


def _replace(text: str, tag: str, value: str) -> str:
    """The text of every ``<tag …>`` element set to ``value``."""
    return re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", lambda m: m[1] + value + m[2], text)
