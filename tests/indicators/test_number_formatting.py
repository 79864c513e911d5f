"""Numbers read as people write them (150%, not 1.5E+2): one formatting home for pages,
exports, PDFs and messages."""

from decimal import Decimal

import pytest

from indicators.choices import Aggregation, Unit
from indicators.figures.validation import check_values
from indicators.formatting import format_figure, plain_number
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("150.00"), "150"),
        (Decimal("1.5E+2"), "150"),
        (Decimal("1E+3"), "1000"),
        (Decimal("96.5000"), "96.5"),
        (Decimal("0.00010"), "0.0001"),
        (Decimal("-2.50"), "-2.5"),
        (Decimal("0E-4"), "0"),
        (7, "7"),
    ],
)
def test_a_plain_number_never_uses_exponent_notation_or_trailing_zeros(value, expected):
    assert plain_number(value) == expected


def test_a_percentage_over_100_is_refused_with_the_number_as_typed():
    checked = check_values(IndicatorFactory(unit=Unit.PERCENTAGE), value="150")
    assert checked.errors["value"] == "A percentage must be between 0 and 100 (this gives 150%)."


def test_a_ratio_over_100_percent_says_what_it_comes_to_in_plain_figures():
    ratio = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=100, unit=Unit.PERCENTAGE)
    checked = check_values(ratio, value="", numerator="300", denominator="200")
    assert checked.errors["numerator"].endswith("(this gives 150%).")


@pytest.mark.parametrize(
    ("unit", "places", "value", "expected"),
    [
        (Unit.PERCENTAGE, 1, Decimal("1.5E+2"), "150.0%"),
        (Unit.CURRENCY, 0, Decimal("1.25E+3"), "£1,250"),
        (Unit.DAYS, 1, Decimal("12"), "12.0 days"),
        (Unit.NUMBER, 0, Decimal("1204"), "1,204"),
        (Unit.NUMBER, 0, None, "–"),
    ],
)
def test_a_figure_shows_its_places_and_unit(unit, places, value, expected):
    assert format_figure(value, IndicatorFactory(unit=unit, decimal_places=places)) == expected
