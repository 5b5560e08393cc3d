"""Completeness rates are written in the reader's number format."""

from __future__ import annotations

import pytest
from django.utils import translation

from huunghi.cycle.templatetags.cycle_tags import percent


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [("vi", 56.2, "56,2 %"), ("en", 56.2, "56.2 %"), ("vi", 100.0, "100 %"), ("km", None, "—")],
)
def test_percent_follows_the_language(language: str, value: float | None, shown: str) -> None:
    with translation.override(language):
        assert percent(value) == shown
