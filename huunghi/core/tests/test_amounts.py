"""How exact a sum is: "about" wins over "at least", which wins over exact."""

from decimal import Decimal

import pytest

from huunghi.core.amounts import (
    Amount,
    amount_sum,
    combine_qualifiers,
    partial_qualifier,
    qualifier_of,
)
from huunghi.core.models import Qualifier

EXACT, ABOUT, AT_LEAST = Qualifier.EXACT, Qualifier.ABOUT, Qualifier.AT_LEAST


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([], EXACT),
        ([EXACT, EXACT], EXACT),
        ([EXACT, AT_LEAST], AT_LEAST),
        ([AT_LEAST, ABOUT, EXACT], ABOUT),
    ],
)
def test_a_sum_is_as_exact_as_its_least_exact_part(parts, expected):
    assert combine_qualifiers(parts) == expected


def test_a_total_kept_as_row_counts_reads_the_same_way():
    assert qualifier_of(0, 0) == EXACT
    assert qualifier_of(0, 3) == AT_LEAST
    assert qualifier_of(1, 3) == ABOUT


def test_a_figure_covering_part_of_the_period_counts_at_least_unless_about():
    assert partial_qualifier(EXACT, partial=True) == AT_LEAST
    assert partial_qualifier(EXACT, partial=False) == EXACT
    assert partial_qualifier(ABOUT, partial=True) == ABOUT


def test_amounts_add_up_with_their_qualifiers():
    total = Amount(Decimal(2), EXACT) + Amount(Decimal("1.5"), AT_LEAST)
    assert total == Amount(Decimal("3.5"), AT_LEAST)
    assert amount_sum([]) is None
    assert amount_sum([total, Amount(Decimal(1), ABOUT)]) == Amount(Decimal("4.5"), ABOUT)
