"""Typed values are checked per docs/figures.md ("Checks"), with a message per field."""

from decimal import Decimal

import pytest

from indicators.choices import Aggregation, Rag, Unit
from indicators.figures.validation import (
    check_explanations,
    check_values,
    is_implausible,
    plausible_range,
)
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_a_number_is_read_with_commas_and_percent_signs():
    checked = check_values(IndicatorFactory(), value="1,234.5")
    assert checked.value == Decimal("1234.5") and not checked.errors


def test_a_non_number_is_refused_beside_the_value():
    checked = check_values(IndicatorFactory(), value="twelve")
    assert "not a number" in checked.errors["value"]


def test_negatives_are_refused_unless_the_indicator_allows_them():
    assert "cannot be negative" in check_values(IndicatorFactory(), value="-3").errors["value"]
    assert not check_values(IndicatorFactory(allow_negative=True), value="-3").errors


def test_percentages_must_lie_between_0_and_100_unless_allowed():
    pct = IndicatorFactory(unit=Unit.PERCENTAGE)
    assert "between 0 and 100" in check_values(pct, value="101").errors["value"]
    assert not check_values(pct, value="100").errors
    assert not check_values(
        IndicatorFactory(unit=Unit.PERCENTAGE, allow_over_100=True), value="140"
    ).errors


def test_a_ratio_is_computed_from_numerator_and_denominator():
    ratio = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=100, unit=Unit.PERCENTAGE)
    checked = check_values(ratio, value="", numerator="45", denominator="50")
    assert checked.value == Decimal(90) and not checked.errors


def test_a_zero_denominator_is_refused():
    ratio = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=100)
    checked = check_values(ratio, value="", numerator="4", denominator="0")
    assert "cannot be 0" in checked.errors["denominator"]


def test_a_ratio_needs_both_parts():
    ratio = IndicatorFactory(aggregation=Aggregation.RATIO)
    assert "denominator" in check_values(ratio, value=None, numerator="4").errors


def test_a_ratio_value_without_its_parts_is_refused_by_name_not_dropped():
    ratio = IndicatorFactory(code="LPI HO 05", aggregation=Aggregation.RATIO, multiplier=100)
    checked = check_values(ratio, value="97", numerator="", denominator="")
    assert "LPI HO 05 is a ratio measure" in checked.errors["value"]
    assert checked.value is None


def test_a_ratio_value_beside_parts_that_disagree_is_refused():
    ratio = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=100, decimal_places=1)
    assert not check_values(ratio, value="96.0", numerator="96", denominator="100").errors
    assert not check_values(ratio, value="33.3", numerator="1", denominator="3").errors
    checked = check_values(ratio, value="97", numerator="96", denominator="100")
    assert "does not match numerator / denominator (96.0)" in checked.errors["value"]


def test_a_ratio_percentage_over_100_is_refused_on_the_numerator():
    ratio = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=100, unit=Unit.PERCENTAGE)
    checked = check_values(ratio, value=None, numerator="60", denominator="50")
    assert "between 0 and 100" in checked.errors["numerator"]


def test_the_plausible_range_is_robust_to_one_odd_past_value():
    history = [Decimal(v) for v in (100, 102, 98, 101, 99, 100, 500, 103, 97, 100, 101, 99)]
    low, high = plausible_range(history)
    assert low < 95 and 105 < high < 150
    assert is_implausible(Decimal(200), history)
    assert not is_implausible(Decimal(104), history)


def test_too_little_history_never_asks_for_confirmation():
    assert plausible_range([Decimal(1)] * 5) is None
    assert not is_implausible(Decimal(1000), [Decimal(1)] * 5)


def test_a_flat_history_still_allows_a_small_change():
    flat = [Decimal(50)] * 12
    assert not is_implausible(Decimal(53), flat)
    assert is_implausible(Decimal(80), flat)


def test_red_needs_commentary_and_corrective_action_amber_commentary():
    red = check_explanations(
        rag=Rag.RED,
        commentary="",
        corrective_action="",
        implausible=False,
        confirmed=False,
        explanation="",
    )
    assert set(red) == {"commentary", "corrective_action"}
    amber = check_explanations(
        rag=Rag.AMBER,
        commentary="",
        corrective_action="",
        implausible=False,
        confirmed=False,
        explanation="",
    )
    assert set(amber) == {"commentary"}
    green = check_explanations(
        rag=Rag.GREEN,
        commentary="",
        corrective_action="",
        implausible=False,
        confirmed=False,
        explanation="",
    )
    assert green == {}


def test_an_implausible_value_must_be_confirmed_and_explained():
    errors = check_explanations(
        rag=Rag.GREEN,
        commentary="",
        corrective_action="",
        implausible=True,
        confirmed=False,
        explanation="",
    )
    assert set(errors) == {"plausibility_confirmed", "plausibility_explanation"}
    assert not check_explanations(
        rag=Rag.GREEN,
        commentary="",
        corrective_action="",
        implausible=True,
        confirmed=True,
        explanation="New estate",
    )


def test_a_ratio_too_large_to_store_is_refused_on_the_numerator():
    pi = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=1000, allow_over_100=True)
    checked = check_values(pi, value=None, numerator="99999999999999", denominator="0.0001")
    assert "too large to store" in checked.errors["numerator"]
    assert checked.value is None


@pytest.mark.parametrize(
    "typed", ["1,2,3", "\u0661\u0662\u0663", "\uff11\uff12\uff13", "\U0001d7d3"]
)
def test_digits_other_than_ascii_and_stray_commas_are_not_numbers(typed):
    checked = check_values(IndicatorFactory(), value=typed)
    assert "not a number" in checked.errors["value"]
    assert checked.value is None


def test_a_value_rounding_past_the_column_is_too_large():
    checked = check_values(IndicatorFactory(), value="99999999999999.99999")
    assert "too large" in checked.errors["value"]
