"""Year-to-date aggregation (sum, ratio, average, latest) and period/YTD targets."""

from decimal import Decimal as D

import pytest

from indicators.choices import Aggregation
from indicators.rag import (
    Point,
    aggregate,
    aggregate_targets,
    has_profile,
    period_targets,
    period_value,
    usable,
)

ONE, HUNDRED = D("1"), D("100")


def points(*values):
    return [Point(n, None if v is None else D(v)) for n, v in enumerate(values, start=1)]


def test_sum_is_the_total():
    assert aggregate(Aggregation.SUM, points("3", "4", "5.5"), ONE) == D("12.5")


def test_ratio_is_total_numerator_over_total_denominator_never_a_mean_of_percentages():
    figures = [Point(1, D("90"), D("9"), D("10")), Point(2, D("50"), D("45"), D("90"))]
    # Mean of percentages would be 70%; the true year to date is 54 / 100 = 54%.
    assert aggregate(Aggregation.RATIO, figures, HUNDRED) == D("54")


def test_ratio_with_denominators_adding_to_zero_has_no_value():
    figures = [Point(1, None, D("0"), D("0")), Point(2, None, D("0"), D("0"))]
    assert aggregate(Aggregation.RATIO, figures, HUNDRED) is None


def test_ratio_counts_only_periods_with_numerator_and_denominator():
    figures = [Point(1, D("90"), D("9"), D("10")), Point(2, D("10"))]
    chosen = usable(Aggregation.RATIO, figures)
    assert [p.number for p in chosen] == [1]
    assert aggregate(Aggregation.RATIO, chosen, HUNDRED) == D("90")


def test_average_is_the_mean():
    assert aggregate(Aggregation.AVERAGE, points("10", "20", "33"), ONE) == D("21")


def test_average_is_weighted_by_denominator_when_every_period_has_one():
    figures = [Point(1, D("10"), None, D("1")), Point(2, D("20"), None, D("3"))]
    assert aggregate(Aggregation.AVERAGE, figures, ONE) == D("17.5")


def test_average_falls_back_to_plain_mean_when_a_denominator_is_missing():
    figures = [Point(1, D("10"), None, D("1")), Point(2, D("20"))]
    assert aggregate(Aggregation.AVERAGE, figures, ONE) == D("15")


def test_latest_is_the_last_period_with_a_value():
    chosen = usable(Aggregation.LATEST, points("5", "7", None))
    assert aggregate(Aggregation.LATEST, chosen, ONE) == D("7")


def test_nothing_counted_gives_no_year_to_date():
    for aggregation in Aggregation.values:
        assert aggregate(aggregation, [], ONE) is None


def test_missing_months_are_left_out_not_counted_as_zero():
    chosen = usable(Aggregation.SUM, points("5", None, "7"))
    assert [p.number for p in chosen] == [1, 3]
    assert aggregate(Aggregation.SUM, chosen, ONE) == D("12")
    chosen = usable(Aggregation.AVERAGE, points("5", None, "7"))
    assert aggregate(Aggregation.AVERAGE, chosen, ONE) == D("6")


def test_period_value_from_numerator_and_denominator():
    assert period_value(None, D("45"), D("60"), HUNDRED) == D("75")
    assert period_value(D("1"), D("45"), D("60"), HUNDRED) == D("75")  # the parts win
    assert period_value(D("12"), None, None, HUNDRED) == D("12")
    assert period_value(D("12"), D("3"), D("0"), HUNDRED) is None  # denominator zero


# Targets -------------------------------------------------------------------------------------


def test_without_profile_the_period_target_is_the_annual_target():
    assert period_targets(Aggregation.RATIO, D("85"), [], 12) == [D("85")] * 12
    assert period_targets(Aggregation.LATEST, D("85"), [], 4) == [D("85")] * 4


def test_without_profile_a_sum_period_target_is_pro_rata():
    assert period_targets(Aggregation.SUM, D("120"), [], 12) == [D("10")] * 12
    assert period_targets(Aggregation.SUM, D("120"), [], 4) == [D("30")] * 4


def test_profile_sets_each_period_target():
    profile = ["5", "10", "15", "20"]
    assert period_targets(Aggregation.SUM, D("100"), profile, 4) == [D(x) for x in profile]
    assert has_profile(profile, 4)


def test_blank_profile_entries_fall_back_and_a_wrong_length_is_ignored():
    assert period_targets(Aggregation.SUM, D("100"), ["5", "", None, "x"], 4) == [
        D("5"),
        D("25"),
        D("25"),
        D("25"),
    ]
    assert not has_profile(["5", "", "1", "1"], 4)
    assert period_targets(Aggregation.SUM, D("120"), ["1", "2"], 12) == [D("10")] * 12
    assert not has_profile(["1", "2"], 12)


def test_no_annual_target_and_no_profile_means_no_targets():
    assert period_targets(Aggregation.SUM, None, [], 12) == [None] * 12


def test_ytd_target_for_sum_is_the_total_of_period_targets():
    targets = [Point(1, D("5")), Point(2, D("10"))]
    assert aggregate_targets(Aggregation.SUM, targets) == D("15")


def test_ytd_target_for_ratio_is_weighted_by_the_periods_denominators():
    targets = [Point(1, D("80"), None, D("10")), Point(2, D("90"), None, D("30"))]
    assert aggregate_targets(Aggregation.RATIO, targets) == D("87.5")


def test_ytd_target_for_latest_is_the_last_periods_target():
    assert aggregate_targets(Aggregation.LATEST, [Point(1, D("5")), Point(2, D("7"))]) == D("7")


@pytest.mark.parametrize("aggregation", Aggregation.values)
def test_ytd_target_is_none_when_a_period_has_no_target(aggregation):
    assert aggregate_targets(aggregation, [Point(1, D("5")), Point(2, None)]) is None
    assert aggregate_targets(aggregation, []) is None
