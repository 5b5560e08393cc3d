"""The signed report qualifies a total with the same words as the dashboard."""

from __future__ import annotations

import pytest
from django.utils import translation

from huunghi.core.models import Qualifier
from huunghi.reports.review.words import amount_text, words


@pytest.mark.parametrize("language", ["vi", "km", "en"])
def test_report_qualifiers_are_the_dashboard_words(language: str) -> None:
    """ "about" and "at least" read the same on the dashboard and in the report."""
    said = words(language)
    with translation.override(language):
        assert said["about"] == str(Qualifier.ABOUT.label)
        assert said["at_least"] == str(Qualifier.AT_LEAST.label)


def test_amount_text_puts_the_qualifier_before_the_value() -> None:
    from decimal import Decimal

    assert amount_text(Decimal(1200), Qualifier.AT_LEAST, "vi").startswith("ít nhất ")
    assert amount_text(Decimal(1200), Qualifier.EXACT, "en") == "1,200"
