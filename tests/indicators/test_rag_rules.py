"""The traffic-light rules of docs/rag-rules.md, boundary by boundary, on Decimals (no database)."""

from decimal import Decimal as D

import pytest

from indicators.choices import Polarity, Rag, ToleranceKind
from indicators.rag import (
    SCHEME_TOLERANCE_OR_TREND,
    Thresholds,
    Tolerance,
    judge,
    rounded,
    tolerance_amount,
)

PCT5 = Tolerance(ToleranceKind.PERCENT, D("5"))
ABS3 = Tolerance(ToleranceKind.ABSOLUTE, D("5"), D("3"))
FLOOR = Tolerance(ToleranceKind.FLOOR, D("5"))


def rag(value, target, polarity=Polarity.HIGHER, tolerance=PCT5, **kwargs):
    thresholds = Thresholds(
        None if target is None else D(target),
        floor=kwargs.pop("floor", None),
        band_low=kwargs.pop("band_low", None),
        band_high=kwargs.pop("band_high", None),
    )
    return judge(
        None if value is None else D(value),
        thresholds,
        polarity=polarity,
        tolerance=tolerance,
        **kwargs,
    )


# Higher is better, percentage tolerance (5% of 80 = 4) -------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("90", Rag.GREEN),
        ("80.0001", Rag.GREEN),
        ("80", Rag.GREEN),  # exactly on target
        ("79.9999", Rag.AMBER),
        ("76", Rag.AMBER),  # exactly on the tolerance
        ("75.9999", Rag.RED),
        ("0", Rag.RED),
    ],
)
def test_higher_is_better_with_percentage_tolerance(value, expected):
    assert rag(value, "80") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", Rag.GREEN),
        ("10", Rag.GREEN),  # exactly on target
        ("10.0001", Rag.AMBER),
        ("10.5", Rag.AMBER),  # exactly on the tolerance (5% of 10)
        ("10.5001", Rag.RED),
    ],
)
def test_lower_is_better_is_the_mirror_image(value, expected):
    assert rag(value, "10", Polarity.LOWER) == expected


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        ("97", Polarity.HIGHER, Rag.AMBER),  # 100 - 3
        ("96.99", Polarity.HIGHER, Rag.RED),
        ("103", Polarity.LOWER, Rag.AMBER),
        ("103.01", Polarity.LOWER, Rag.RED),
    ],
)
def test_absolute_tolerance(value, polarity, expected):
    assert rag(value, "100", polarity, ABS3) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("95", Rag.GREEN), ("94.99", Rag.AMBER), ("90", Rag.AMBER), ("89.99", Rag.RED)],
)
def test_floor_standard_higher(value, expected):
    # Green at or better than target; Amber between floor and target; Red worse than floor.
    assert rag(value, "95", tolerance=FLOOR, floor=D("90")) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10", Rag.GREEN), ("10.01", Rag.AMBER), ("14", Rag.AMBER), ("14.01", Rag.RED)],
)
def test_floor_standard_lower(value, expected):
    assert rag(value, "10", Polarity.LOWER, FLOOR, floor=D("14")) == expected


def test_floor_kind_without_a_floor_falls_back_to_the_percentage():
    assert rag("95", "100", tolerance=FLOOR) == Rag.AMBER
    assert rag("94.99", "100", tolerance=FLOOR) == Rag.RED


def test_indicator_percentage_overrides_the_default():
    ten = Tolerance(ToleranceKind.PERCENT, D("10"))
    assert rag("90", "100", tolerance=ten) == Rag.AMBER
    assert rag("90", "100") == Rag.RED


def test_zero_percent_tolerance_has_no_amber():
    zero = Tolerance(ToleranceKind.PERCENT, D("0"))
    assert rag("100", "100", tolerance=zero) == Rag.GREEN
    assert rag("99.9999", "100", tolerance=zero) == Rag.RED


# Zero and negative targets ---------------------------------------------------------------


def test_percentage_of_a_zero_target_is_zero():
    assert tolerance_amount(D("0"), PCT5) == 0
    assert rag("0", "0", Polarity.LOWER) == Rag.GREEN
    assert rag("0.0001", "0", Polarity.LOWER) == Rag.RED
    assert rag("-0.0001", "0", Polarity.HIGHER) == Rag.RED


def test_zero_target_with_absolute_tolerance_has_an_amber_zone():
    assert rag("2", "0", Polarity.LOWER, ABS3) == Rag.AMBER
    assert rag("3.5", "0", Polarity.LOWER, ABS3) == Rag.RED


def test_percentage_of_a_negative_target_uses_its_magnitude():
    # Budget variance target -100 (an underspend), higher is better: tolerance 5.
    assert tolerance_amount(D("-100"), PCT5) == D("5")
    assert rag("-100", "-100") == Rag.GREEN
    assert rag("-105", "-100") == Rag.AMBER
    assert rag("-105.01", "-100") == Rag.RED
    assert rag("-95", "-100", Polarity.LOWER) == Rag.AMBER
    assert rag("-94.99", "-100", Polarity.LOWER) == Rag.RED


# On target band ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("95", Rag.GREEN),  # inside
        ("90", Rag.GREEN),  # on the lower edge
        ("100", Rag.GREEN),  # on the upper edge
        ("89.99", Rag.AMBER),
        ("85.25", Rag.AMBER),  # band - 5% of target 95 (4.75)
        ("85.24", Rag.RED),
        ("104.75", Rag.AMBER),
        ("104.76", Rag.RED),
    ],
)
def test_band_green_within_amber_within_tolerance_red_outside(value, expected):
    assert rag(value, "95", Polarity.BAND, band_low=D("90"), band_high=D("100")) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("50", Rag.GREEN), ("50.01", Rag.AMBER), ("47.5", Rag.AMBER), ("52.51", Rag.RED)],
)
def test_band_without_a_band_means_exactly_the_target(value, expected):
    assert rag(value, "50", Polarity.BAND) == expected


def test_band_with_absolute_tolerance():
    kwargs = {"band_low": D("10"), "band_high": D("20")}
    assert rag("7", "15", Polarity.BAND, ABS3, **kwargs) == Rag.AMBER
    assert rag("23", "15", Polarity.BAND, ABS3, **kwargs) == Rag.AMBER
    assert rag("23.01", "15", Polarity.BAND, ABS3, **kwargs) == Rag.RED


def test_band_without_target_uses_the_band_midpoint_for_percentage():
    # Band 90..110, midpoint 100: 5% = 5.
    kwargs = {"band_low": D("90"), "band_high": D("110")}
    assert rag("85", None, Polarity.BAND, **kwargs) == Rag.AMBER
    assert rag("84.99", None, Polarity.BAND, **kwargs) == Rag.RED


def test_band_with_floor_kind_uses_the_percentage():
    kwargs = {"band_low": D("90"), "band_high": D("110"), "floor": D("50")}
    assert rag("60", "100", Polarity.BAND, FLOOR, **kwargs) == Rag.RED


def test_band_given_upside_down_is_read_the_right_way_round():
    assert rag("95", "95", Polarity.BAND, band_low=D("100"), band_high=D("90")) == Rag.GREEN


# No RAG ------------------------------------------------------------------------------------


def test_data_only_has_no_rag():
    assert rag("5", "10", Polarity.DATA) == Rag.DATA_ONLY
    assert rag("5", None, Polarity.DATA) == Rag.DATA_ONLY


def test_no_target():
    assert rag("5", None) == Rag.NO_TARGET
    assert rag("5", None, Polarity.LOWER) == Rag.NO_TARGET
    assert rag("5", None, Polarity.BAND) == Rag.NO_TARGET


def test_missing_value():
    assert rag(None, "10") == Rag.MISSING


# Tolerance-or-trend scheme ------------------------------------------------------------------


def test_trend_scheme_amber_when_outside_tolerance_but_improved_on_last_year():
    trend = {"scheme": SCHEME_TOLERANCE_OR_TREND}
    assert rag("70", "80", last_year=D("60"), **trend) == Rag.AMBER
    assert rag("70", "80", last_year=D("70"), **trend) == Rag.RED  # no change: not improved
    assert rag("70", "80", last_year=D("75"), **trend) == Rag.RED
    assert rag("70", "80", last_year=None, **trend) == Rag.RED  # nothing to show improvement


def test_trend_scheme_keeps_green_and_tolerance_amber():
    trend = {"scheme": SCHEME_TOLERANCE_OR_TREND}
    assert rag("80", "80", last_year=D("90"), **trend) == Rag.GREEN
    assert rag("77", "80", last_year=D("90"), **trend) == Rag.AMBER


def test_trend_scheme_lower_and_band():
    trend = {"scheme": SCHEME_TOLERANCE_OR_TREND}
    assert rag("20", "10", Polarity.LOWER, last_year=D("25"), **trend) == Rag.AMBER
    assert rag("20", "10", Polarity.LOWER, last_year=D("15"), **trend) == Rag.RED
    assert rag("70", "50", Polarity.BAND, last_year=D("80"), **trend) == Rag.AMBER  # closer
    assert rag("70", "50", Polarity.BAND, last_year=D("30"), **trend) == Rag.RED  # as far


def test_trend_scheme_with_floor():
    trend = {"scheme": SCHEME_TOLERANCE_OR_TREND, "floor": D("90")}
    assert rag("85", "95", tolerance=FLOOR, last_year=D("80"), **trend) == Rag.AMBER
    assert rag("85", "95", tolerance=FLOOR, last_year=D("86"), **trend) == Rag.RED


# Precision -----------------------------------------------------------------------------------


def test_rounded_half_up_to_places():
    assert rounded(D("84.95"), 1) == D("85.0")
    assert rounded(D("84.94999"), 1) == D("84.9")
    assert rounded(D("-2.5"), 0) == D("-3")
    assert rounded(D("2"), 2) == D("2.00")
    assert rounded(None, 2) is None
    assert str(rounded(D("-0.0001"), 2)) == "0.00"  # never "-0.00"


def test_decimals_compare_exactly():
    # 0.1 + 0.2 is exactly 0.3 in Decimal: no float surprises on the boundary.
    assert rag(str(D("0.1") + D("0.2")), "0.3") == Rag.GREEN
