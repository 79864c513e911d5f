"""The budget variance rule: Green within max(1%, £50k), Amber within 5%, Red beyond."""

from decimal import Decimal as D

import pytest

from indicators.choices import Rag
from indicators.rag import VarianceTolerance, variance_rag

DEFAULT = VarianceTolerance()
BUDGET = D("10000000")  # £10m: 1% is £100k (above £50k), 5% is £500k


@pytest.mark.parametrize(
    ("forecast", "rag"),
    [
        (D("10000000"), Rag.GREEN),
        (D("10100000.00"), Rag.GREEN),  # exactly 1% over: Green (inclusive)
        (D("10100000.01"), Rag.AMBER),
        (D("10500000.00"), Rag.AMBER),  # exactly 5% over: Amber (inclusive)
        (D("10500000.01"), Rag.RED),
        (D("9000000"), Rag.GREEN),  # an underspend does not count against by default
    ],
)
def test_overspends_count_against_by_default(forecast, rag):
    assert variance_rag(forecast, BUDGET, DEFAULT) == rag


def test_the_amount_wins_when_larger_than_the_percentage():
    budget = D("2000000")  # 1% is £20k, so Green runs to £50k; Amber to 5%, £100k
    assert variance_rag(D("2050000"), budget, DEFAULT) == Rag.GREEN
    assert variance_rag(D("2050000.01"), budget, DEFAULT) == Rag.AMBER


def test_amber_is_never_narrower_than_green():
    budget = D("200000")  # 5% is £10k, under Green's £50k
    assert variance_rag(D("250000"), budget, DEFAULT) == Rag.GREEN
    assert variance_rag(D("250000.01"), budget, DEFAULT) == Rag.RED


@pytest.mark.parametrize(
    ("adverse", "over", "under"),
    [
        ("overspend", Rag.RED, Rag.GREEN),
        ("underspend", Rag.GREEN, Rag.RED),
        ("both", Rag.RED, Rag.RED),
    ],
)
def test_which_side_counts_is_a_setting(adverse, over, under):
    tolerance = VarianceTolerance(adverse=adverse)
    assert variance_rag(D("11000000"), BUDGET, tolerance) == over
    assert variance_rag(D("9000000"), BUDGET, tolerance) == under


def test_underspend_boundaries_are_inclusive_too():
    tolerance = VarianceTolerance(adverse="both")
    assert variance_rag(D("9900000"), BUDGET, tolerance) == Rag.GREEN
    assert variance_rag(D("9899999.99"), BUDGET, tolerance) == Rag.AMBER
    assert variance_rag(D("9500000"), BUDGET, tolerance) == Rag.AMBER
    assert variance_rag(D("9499999.99"), BUDGET, tolerance) == Rag.RED


def test_it_works_in_decimal_without_float_error():
    # 0.1 + 0.2 is not 0.3 in floats; in Decimal the boundary is exact.
    tolerance = VarianceTolerance(green_pct=D("0"), green_amount=D("0.3"), amber_pct=D("0"))
    assert variance_rag(D("0.1") + D("0.2"), D("0"), tolerance) == Rag.GREEN
    assert variance_rag(D("0.30000000000000004"), D("0"), tolerance) == Rag.RED


def test_no_forecast_is_missing():
    assert variance_rag(None, BUDGET, DEFAULT) == Rag.MISSING
    assert variance_rag(BUDGET, None, DEFAULT) == Rag.MISSING
