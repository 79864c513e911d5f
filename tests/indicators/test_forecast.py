"""Forecast year-end outturn: even pace, last year's seasonal shape, the target profile."""

from decimal import Decimal as D

from indicators.choices import Aggregation
from indicators.rag import (
    FORECAST_LAST_YEAR,
    FORECAST_OUTTURN,
    FORECAST_PACE,
    FORECAST_TARGET_PROFILE,
    forecast_outturn,
)


def test_sum_at_even_pace():
    result = forecast_outturn(Aggregation.SUM, D("40"), covered=4, periods_in_year=12)
    assert result.value == D("120")
    assert result.method == FORECAST_PACE


def test_sum_shaped_by_last_year():
    # Last year 30 by this point of a 150 year: 40 so far scales to 200.
    result = forecast_outturn(
        Aggregation.SUM,
        D("40"),
        covered=4,
        periods_in_year=12,
        last_year_same=D("30"),
        last_year_full=D("150"),
    )
    assert result.value == D("200")
    assert result.method == FORECAST_LAST_YEAR


def test_sum_shaped_by_target_profile_when_no_last_year():
    result = forecast_outturn(
        Aggregation.SUM,
        D("40"),
        covered=2,
        periods_in_year=4,
        profile_same=D("20"),
        profile_full=D("100"),
    )
    assert result.value == D("200")
    assert result.method == FORECAST_TARGET_PROFILE


def test_sum_with_last_year_at_zero_falls_back_to_pace():
    result = forecast_outturn(
        Aggregation.SUM,
        D("10"),
        covered=6,
        periods_in_year=12,
        last_year_same=D("0"),
        last_year_full=D("40"),
    )
    assert result.value == D("20")
    assert result.method == FORECAST_PACE


def test_level_measures_continue_at_their_level():
    for aggregation in (Aggregation.RATIO, Aggregation.AVERAGE, Aggregation.LATEST):
        result = forecast_outturn(aggregation, D("82.5"), covered=5, periods_in_year=12)
        assert result.value == D("82.5")
        assert result.method == FORECAST_PACE


def test_level_measures_move_as_last_year_did():
    result = forecast_outturn(
        Aggregation.RATIO,
        D("80"),
        covered=6,
        periods_in_year=12,
        last_year_same=D("75"),
        last_year_full=D("78"),
    )
    assert result.value == D("83")
    assert result.method == FORECAST_LAST_YEAR


def test_complete_year_is_its_outturn():
    result = forecast_outturn(
        Aggregation.SUM,
        D("130"),
        covered=12,
        periods_in_year=12,
        last_year_same=D("30"),
        last_year_full=D("150"),
    )
    assert result.value == D("130")
    assert result.method == FORECAST_OUTTURN


def test_no_year_to_date_no_forecast():
    assert forecast_outturn(Aggregation.SUM, None, covered=0, periods_in_year=12).value is None
