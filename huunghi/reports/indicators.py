"""The indicator registry as the reports read it.

The definitions live in :mod:`huunghi.records.indicators`, below the reports, so that the
records, reported figures and sponsorship and remains sources can name indicators without
importing the reports built on them.
"""

from huunghi.records.indicators import (
    BY_CODE,
    COUNT,
    INDICATORS,
    Indicator,
    Nature,
    Source,
    activity_indicator_codes,
    indicator,
    indicator_choices,
)

__all__ = [
    "BY_CODE",
    "COUNT",
    "INDICATORS",
    "Indicator",
    "Nature",
    "Source",
    "activity_indicator_codes",
    "indicator",
    "indicator_choices",
]
