"""Turn an upload or a paste into text, refusing what is not a text page."""

from __future__ import annotations

import codecs
import re

from huunghi.newsimport.extraction.errors import ArticleError, ArticleErrorCode

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_BINARY_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\xd0\xcf\x11\xe0", "Office 97"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"{\\rtf", "RTF"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|div|p|article|meta|title)\b", re.IGNORECASE
)
_MAX_REPLACEMENT_RATIO = 0.02


def check_size(raw: bytes | str, max_bytes: int) -> None:
    """Refuse input larger than ``max_bytes`` (UTF-8 size for text)."""
    size = len(raw) if isinstance(raw, bytes) else _utf8_size(raw, max_bytes)
    if size > max_bytes:
        raise ArticleError(
            ArticleErrorCode.TOO_LARGE,
            "The input is %(size_mb).1f MB; the limit is %(limit_mb).1f MB.",
            size_mb=size / 1_048_576,
            limit_mb=max_bytes / 1_048_576,
        )


def _utf8_size(text: str, max_bytes: int) -> int:
    if len(text) > max_bytes:
        return len(text)
    return len(text.encode("utf-8", errors="surrogatepass"))


def decode(raw: bytes) -> str:
    """Decode bytes: BOM, then UTF-8, then the HTML's declared charset, then Windows-1258."""
    _refuse_binary(raw)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    fallbacks: tuple[str | None, ...] = (_declared_charset(raw), "cp1258")
    for charset in fallbacks:
        text = _try_decode(raw, charset)
        if text is not None:
            return text
    return _lenient_utf8(raw)


def _refuse_binary(raw: bytes) -> None:
    for magic, name in _BINARY_MAGIC:
        if raw.startswith(magic):
            raise ArticleError(
                ArticleErrorCode.UNSUPPORTED_FORMAT,
                "This is a %(format)s file, not a web page or text. Save the article as "
                "HTML or paste its text.",
                format=name,
            )
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 10 and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(
            ArticleErrorCode.UNSUPPORTED_FORMAT,
            "This file is binary, not a web page or text.",
        )


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:8192])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _try_decode(raw: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return raw.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _lenient_utf8(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(3, len(text) * _MAX_REPLACEMENT_RATIO):
        raise ArticleError(
            ArticleErrorCode.UNDECODABLE,
            "The file's character encoding could not be recognised. Save it as UTF-8 and "
            "try again.",
        )
    return text


def looks_like_html(text: str, content_type_hint: str | None) -> bool:
    """Whether to treat the input as HTML: the hint decides, else the first kilobytes."""
    if content_type_hint:
        hint = content_type_hint.lower()
        if "html" in hint or "xml" in hint:
            return True
        if "plain" in hint:
            return False
    head = text[:4096]
    return bool(_HTML_SNIFF.search(head)) and head.count("<") >= 3
