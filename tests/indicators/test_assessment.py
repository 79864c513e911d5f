"""assess_indicators: period, YTD, direction, forecast and state, from figures in the database."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest

from core.models import CouncilSettings
from indicators.assessment import Basis, assess_history, assess_indicators, indicator_history
from indicators.choices import (
    Aggregation,
    Direction,
    FigureState,
    Frequency,
    PeriodState,
    Polarity,
    Rag,
    ToleranceKind,
    Unit,
)
from indicators.models import PeriodClosure
from indicators.periods import Period
from indicators.visibility import figure_basis_for
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

NOV = Period.month(2025, 8)  # November 2025
LATE = date(2026, 2, 1)  # long after November's figures were due
CLOSED_AT = datetime(2026, 1, 5, tzinfo=UTC)


def figures(indicator, year, values, state=FigureState.VERIFIED, **extra):
    """Create figures for periods 1.. of `year` from `values` (None skips a period)."""
    for number, value in enumerate(values, start=1):
        if value is not None:
            FigureFactory(
                indicator=indicator, year=year, number=number, value=D(value), state=state, **extra
            )


def assess(indicator, period=NOV, today=LATE, **kwargs):
    return assess_indicators([indicator], period, today=today, **kwargs)[0]


# The period -----------------------------------------------------------------------------------


def test_monthly_latest_indicator_period_rag_and_directions():
    pi = IndicatorFactory(aggregation=Aggregation.LATEST, decimal_places=1)
    TargetFactory(indicator=pi, year=2025, annual_target=D("80"))
    figures(pi, 2024, ["70"] * 8)
    figures(pi, 2025, ["75", "76", "77", "78", "79", "80", "81", "77"])
    result = assess(pi)
    assert result.period == NOV
    assert result.value == D("77.0")
    assert result.target == D("80.0")
    assert result.rag == Rag.AMBER  # 77 >= 80 - 4
    assert result.dot_previous == Direction.DECLINING  # from 81
    assert result.dot_last_year == Direction.IMPROVING  # from 70
    assert result.previous_value == D("81.0")
    assert result.last_year_value == D("70.0")
    assert result.ytd_value == D("77.0")
    assert result.ytd_rag is None  # no YTD RAG for snapshots
    assert result.state == PeriodState.VERIFIED


def test_april_compares_with_march_of_last_year():
    pi = IndicatorFactory()
    TargetFactory(indicator=pi, year=2025, annual_target=D("80"))
    figures(pi, 2024, [None] * 11 + ["90"])
    figures(pi, 2025, ["85"])
    result = assess(pi, Period.month(2025, 1))
    assert result.previous_value == D("90")
    assert result.dot_previous == Direction.DECLINING
    assert result.dot_last_year is None  # nothing for April last year


def test_values_are_rounded_to_the_indicators_places_before_judging():
    pi = IndicatorFactory(decimal_places=0)
    TargetFactory(indicator=pi, year=2025, annual_target=D("80"))
    figures(pi, 2025, [None] * 7 + ["79.5"])
    assert assess(pi).value == D("80")
    assert assess(pi).rag == Rag.GREEN


def test_ratio_figures_from_numerator_and_denominator():
    pi = IndicatorFactory(
        aggregation=Aggregation.RATIO, multiplier=D("100"), decimal_places=1, unit=Unit.PERCENTAGE
    )
    TargetFactory(indicator=pi, year=2025, annual_target=D("90"))
    for number, (num, den) in enumerate([(9, 10), (45, 90), (0, 0)], start=1):
        FigureFactory(
            indicator=pi,
            year=2025,
            number=number,
            value=None,
            numerator=D(num),
            denominator=D(den),
            state=FigureState.VERIFIED,
        )
    june = assess(pi, Period.month(2025, 3))
    assert june.value is None  # denominator zero: no value, no crash
    assert june.rag == Rag.MISSING
    assert june.ytd_value == D("54.0")  # 54 / 100, not the mean of 90% and 50%
    assert june.ytd_target == D("90.0")
    assert june.ytd_rag == Rag.RED
    may = assess(pi, Period.month(2025, 2))
    assert may.value == D("50.0")


def test_data_only_indicator_has_no_rag_but_has_directions():
    pi = IndicatorFactory(polarity=Polarity.DATA, aggregation=Aggregation.SUM)
    figures(pi, 2025, ["5"] * 7 + ["3"])
    result = assess(pi)
    assert result.rag == Rag.DATA_ONLY
    assert result.ytd_rag == Rag.DATA_ONLY
    assert result.dot_previous == Direction.DOWN
    assert result.target is None


def test_no_target_for_the_year():
    pi = IndicatorFactory()
    TargetFactory(indicator=pi, year=2024, annual_target=D("80"))
    figures(pi, 2025, [None] * 7 + ["3"])
    result = assess(pi)
    assert result.rag == Rag.NO_TARGET
    assert result.target is None


def test_target_with_profile():
    pi = IndicatorFactory(aggregation=Aggregation.SUM)
    profile = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
    TargetFactory(indicator=pi, year=2025, annual_target=D("78"), profile=profile)
    figures(pi, 2025, ["1", "2", "3", "4", "5", "6", "7", "7"])
    result = assess(pi)
    assert result.target == D("8")
    assert result.rag == Rag.RED  # 7 < 8 - 0.4
    assert result.ytd_target == D("36")  # 1 + .. + 8
    assert result.ytd_value == D("35")
    assert result.ytd_rag == Rag.AMBER  # 35 >= 36 - 1.8


def test_sum_without_profile_is_pro_rata():
    pi = IndicatorFactory(aggregation=Aggregation.SUM)
    TargetFactory(indicator=pi, year=2025, annual_target=D("120"))
    figures(pi, 2025, ["10"] * 7 + ["12"])
    result = assess(pi)
    assert result.target == D("10")
    assert result.ytd_target == D("80")  # 120 x 8/12
    assert result.ytd_value == D("82")
    assert result.ytd_rag == Rag.GREEN
    assert result.annual_target == D("120")


def test_a_year_with_missing_months_compares_like_with_like():
    pi = IndicatorFactory(aggregation=Aggregation.SUM)
    TargetFactory(indicator=pi, year=2025, annual_target=D("120"))
    figures(pi, 2025, ["10", None, "10", None, "10", "10", "10", "10"])
    result = assess(pi)
    assert result.ytd_value == D("60")
    assert result.ytd_target == D("60")  # six months counted, six months' target
    assert result.ytd_rag == Rag.GREEN
    assert result.ytd_periods == 6
    assert not result.ytd_complete
    assert result.forecast == D("120")  # 60 over 6 months, at that pace


def test_sum_floor_is_pro_rata_for_periods_and_ytd():
    pi = IndicatorFactory(
        aggregation=Aggregation.SUM, tolerance_kind=ToleranceKind.FLOOR, decimal_places=1
    )
    TargetFactory(indicator=pi, year=2025, annual_target=D("120"), floor=D("96"))
    figures(pi, 2025, ["8"] * 7 + ["7.9"])
    result = assess(pi, today=LATE)
    # Month: target 10, floor 8. YTD: target 80, floor 64.
    assert result.rag == Rag.RED
    assert result.ytd_value == D("63.9")
    assert result.ytd_rag == Rag.RED
    figures_ok = assess_indicators([pi], Period.month(2025, 7), today=LATE)[0]
    assert figures_ok.rag == Rag.AMBER  # 8 is on the floor
    assert figures_ok.ytd_rag == Rag.AMBER  # 56 on the floor of 56


def test_band_indicator_uses_band_from_target():
    pi = IndicatorFactory(polarity=Polarity.BAND, aggregation=Aggregation.AVERAGE, decimal_places=1)
    TargetFactory(
        indicator=pi, year=2025, annual_target=D("95"), band_low=D("90"), band_high=D("100")
    )
    figures(pi, 2025, ["97"] * 7 + ["101"])
    figures(pi, 2024, [None] * 7 + ["120"])
    result = assess(pi)
    assert result.rag == Rag.AMBER
    assert result.dot_previous == Direction.DECLINING  # 97 -> 101: further from 95
    assert result.dot_last_year == Direction.IMPROVING  # 120 -> 101: closer
    assert result.ytd_value == D("97.5")
    assert result.ytd_rag == Rag.GREEN


def test_council_default_tolerance_and_indicator_override():
    council = CouncilSettings.load()
    council.default_tolerance_pct = D("10")
    council.save()
    loose = IndicatorFactory()
    strict = IndicatorFactory(tolerance_pct=D("1"))
    for pi in (loose, strict):
        TargetFactory(indicator=pi, year=2025, annual_target=D("100"))
        figures(pi, 2025, [None] * 7 + ["91"])
    results = assess_indicators([loose, strict], NOV, today=LATE)
    assert [r.rag for r in results] == [Rag.AMBER, Rag.RED]


def test_absolute_tolerance_from_indicator():
    pi = IndicatorFactory(tolerance_kind=ToleranceKind.ABSOLUTE, tolerance_abs=D("15"))
    TargetFactory(indicator=pi, year=2025, annual_target=D("100"))
    figures(pi, 2025, [None] * 7 + ["85"])
    assert assess(pi).rag == Rag.AMBER


def test_tolerance_or_trend_scheme_from_council_settings():
    council = CouncilSettings.load()
    council.rag_scheme = "tolerance_or_trend"
    council.save()
    pi = IndicatorFactory(aggregation=Aggregation.SUM)
    TargetFactory(indicator=pi, year=2025, annual_target=D("120"))
    figures(pi, 2024, ["4"] * 8)
    figures(pi, 2025, ["5"] * 8)
    result = assess(pi)
    assert result.rag == Rag.AMBER  # 5 against 10 is Red, but up on last November's 4
    assert result.ytd_rag == Rag.AMBER  # 40 against 80, up on last year's 32
    council.rag_scheme = "tolerance"
    council.save()
    assert assess(pi).rag == Rag.RED


# Mixed frequencies -----------------------------------------------------------------------------


def test_each_frequency_is_assessed_at_its_latest_period():
    monthly = IndicatorFactory(frequency=Frequency.MONTHLY)
    quarterly = IndicatorFactory(frequency=Frequency.QUARTERLY, aggregation=Aggregation.SUM)
    annual = IndicatorFactory(frequency=Frequency.ANNUAL)
    TargetFactory(indicator=quarterly, year=2025, annual_target=D("400"))
    figures(quarterly, 2025, ["90", "100"])
    figures(annual, 2024, ["7"])
    results = assess_indicators([monthly, quarterly, annual], NOV, today=LATE)
    assert [r.period for r in results] == [NOV, Period.quarter(2025, 2), Period.whole_year(2024)]
    assert results[1].target == D("100")
    assert results[1].rag == Rag.GREEN
    assert results[1].ytd_value == D("190")
    assert results[1].ytd_target == D("200")
    assert results[1].forecast == D("380")
    assert results[2].value == D("7")
    assert results[2].forecast is None  # the annual figure is the outturn


def test_results_keep_the_order_given():
    a, b, c = IndicatorFactory(), IndicatorFactory(), IndicatorFactory()
    assert [r.indicator for r in assess_indicators([c, a, b], NOV, today=LATE)] == [c, a, b]


def test_empty_list():
    assert assess_indicators([], NOV) == []


# State, due dates and missing ----------------------------------------------------------------


def _state_case(state=None, today=LATE):
    pi = IndicatorFactory()
    TargetFactory(indicator=pi, year=2025, annual_target=D("1"))
    if state:
        FigureFactory(indicator=pi, year=2025, number=8, value=D("1"), state=state)
    return assess(pi, today=today, basis=Basis.SUBMITTED)


def test_due_date_is_ten_working_days_after_the_period_by_default():
    assert _state_case().due_date == date(2025, 12, 12)


def test_not_yet_due_before_the_period_ends():
    result = _state_case(today=date(2025, 11, 30))
    assert result.state == PeriodState.NOT_DUE
    assert result.rag == Rag.NOT_DUE


def test_due_from_period_end_to_the_due_date_inclusive_and_missing_beside_due():
    result = _state_case(today=date(2025, 12, 1))
    assert result.state == PeriodState.DUE
    assert result.rag == Rag.MISSING  # never "Not yet due" beside "Due"
    assert _state_case(today=date(2025, 12, 12)).state == PeriodState.DUE


def test_overdue_after_the_due_date_and_missing():
    result = _state_case(today=date(2025, 12, 13))
    assert result.state == PeriodState.OVERDUE
    assert result.is_overdue
    assert result.rag == Rag.MISSING


def test_indicator_due_days_override_the_council_default():
    pi = IndicatorFactory(due_working_days=2)
    assert assess(pi).due_date == date(2025, 12, 2)
    council = CouncilSettings.load()
    council.due_working_days = 3
    council.save()
    other = IndicatorFactory()
    assert assess(other).due_date == date(2025, 12, 3)


def test_draft_leaves_the_period_due_or_overdue_with_a_draft_present():
    result = _state_case(FigureState.DRAFT)
    assert result.state == PeriodState.OVERDUE
    assert result.has_draft
    assert result.value is None  # drafts do not count on the submitted basis
    assert result.rag == Rag.MISSING
    due = _state_case(FigureState.DRAFT, today=date(2025, 12, 5))
    assert due.state == PeriodState.DUE
    assert due.has_draft


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (FigureState.SUBMITTED, PeriodState.SUBMITTED),
        (FigureState.VERIFIED, PeriodState.VERIFIED),
        (FigureState.RETURNED, PeriodState.RETURNED),
    ],
)
def test_workflow_states(state, expected):
    result = _state_case(state)
    assert result.state == expected
    assert not result.has_draft


def test_data_only_missing_figure_is_missing():
    pi = IndicatorFactory(polarity=Polarity.DATA)
    assert assess(pi).rag == Rag.MISSING
    assert assess(pi, today=date(2025, 11, 30)).rag == Rag.NOT_DUE


# Which figures count --------------------------------------------------------------------------


@pytest.fixture
def four_states():
    """Months 5..8 of 2025 with a draft, returned, submitted and verified figure."""
    pi = IndicatorFactory(aggregation=Aggregation.SUM, polarity=Polarity.DATA)
    states = [FigureState.VERIFIED, FigureState.SUBMITTED, FigureState.RETURNED, FigureState.DRAFT]
    for number, state in zip(range(5, 9), states, strict=True):
        FigureFactory(indicator=pi, year=2025, number=number, value=D(number), state=state)
    return pi


@pytest.mark.parametrize(
    ("basis", "ytd", "value"),
    [
        (Basis.PUBLISHED, None, None),
        (Basis.VERIFIED, D("5"), None),
        (Basis.SUBMITTED, D("11"), None),
        (Basis.DRAFTS, D("26"), D("8")),
    ],
)
def test_basis_decides_which_figures_count(four_states, basis, ytd, value):
    result = assess(four_states, basis=basis)
    assert result.ytd_value == ytd
    assert result.value == value
    assert result.basis == basis
    assert (result.figure is not None) == (value is not None)


def test_published_basis_counts_verified_figures_of_closed_periods(four_states):
    PeriodClosure.objects.create(frequency="monthly", year=2025, number=5, closed_at=CLOSED_AT)
    PeriodClosure.objects.create(frequency="monthly", year=2025, number=6, closed_at=CLOSED_AT)
    result = assess(four_states, basis=Basis.PUBLISHED)
    assert result.ytd_value == D("5")  # month 6 is closed but only submitted
    assert not result.closed
    assert assess(four_states, Period.month(2025, 5), basis=Basis.PUBLISHED).closed


def test_basis_may_depend_on_the_indicator(four_states):
    other = IndicatorFactory(aggregation=Aggregation.SUM, polarity=Polarity.DATA)
    FigureFactory(indicator=other, year=2025, number=8, value=D("1"), state=FigureState.DRAFT)
    results = assess_indicators(
        [four_states, other],
        NOV,
        today=LATE,
        basis=lambda pi: Basis.DRAFTS if pi == other else Basis.VERIFIED,
    )
    assert [r.ytd_value for r in results] == [D("5"), D("1")]


# Forecast ------------------------------------------------------------------------------------


def test_forecast_uses_last_years_seasonal_shape_when_last_year_is_complete():
    pi = IndicatorFactory(aggregation=Aggregation.SUM)
    TargetFactory(indicator=pi, year=2025, annual_target=D("200"))
    # Last year: 5 a month for 8 months (40), then 20 a month (80): year 120.
    figures(pi, 2024, ["5"] * 8 + ["20"] * 4)
    figures(pi, 2025, ["6"] * 8)  # 48 by November
    result = assess(pi)
    assert result.forecast == D("144")  # 48 x 120 / 40
    assert result.forecast_method == "last_year_profile"
    assert result.forecast_rag == Rag.RED  # against the annual 200


def test_forecast_at_even_pace_without_last_year():
    pi = IndicatorFactory(aggregation=Aggregation.SUM, tolerance_pct=D("10"))
    TargetFactory(indicator=pi, year=2025, annual_target=D("200"))
    figures(pi, 2024, ["5"] * 11)  # incomplete: no seasonal shape
    figures(pi, 2025, ["15"] * 8)
    result = assess(pi)
    assert result.forecast == D("180")
    assert result.forecast_method == "pace"
    assert result.forecast_rag == Rag.AMBER  # 180 is exactly 10% short


def test_forecast_for_a_rate_moves_as_last_year_did():
    pi = IndicatorFactory(aggregation=Aggregation.AVERAGE, polarity=Polarity.LOWER)
    TargetFactory(indicator=pi, year=2025, annual_target=D("10"))
    figures(pi, 2024, ["12"] * 8 + ["8"] * 4)  # ytd 12 at November, 32/3 for the year
    figures(pi, 2025, ["10"] * 8)
    result = assess(pi)
    assert result.forecast == D("9")  # 10 + (10.67 - 12), rounded to 0 places
    assert result.forecast_rag == Rag.GREEN


def test_forecast_falls_back_to_baseline_for_trend_scheme():
    council = CouncilSettings.load()
    council.rag_scheme = "tolerance_or_trend"
    council.save()
    pi = IndicatorFactory(aggregation=Aggregation.SUM)
    TargetFactory(indicator=pi, year=2025, annual_target=D("200"), baseline=D("100"))
    figures(pi, 2025, ["10"] * 8)
    result = assess(pi)
    assert result.forecast == D("120")
    assert result.forecast_rag == Rag.AMBER  # well short, but better than last year's 100


def test_forecast_stays_within_what_the_indicator_can_be():
    pi = IndicatorFactory(
        aggregation=Aggregation.LATEST, unit=Unit.PERCENTAGE, polarity=Polarity.HIGHER
    )
    TargetFactory(indicator=pi, year=2025, annual_target=D("90"))
    figures(pi, 2024, ["60"] * 8 + ["100"] * 4)
    figures(pi, 2025, [None] * 7 + ["95"])
    assert assess(pi).forecast == D("100")  # 95 + 40, kept at 100%


def test_no_figures_no_forecast():
    pi = IndicatorFactory(aggregation=Aggregation.SUM)
    TargetFactory(indicator=pi, year=2025, annual_target=D("200"))
    result = assess(pi)
    assert result.forecast is None
    assert result.forecast_rag is None
    assert result.ytd_value is None
    assert result.ytd_target == D("133")  # 8 months' target, shown even with no figures
    assert result.ytd_rag == Rag.MISSING


# Activity and history ---------------------------------------------------------------------------


def test_active_in_period():
    pi = IndicatorFactory(active_from=date(2025, 12, 1))
    assert not assess(pi).is_active
    assert assess(pi, Period.month(2025, 9)).is_active
    ended = IndicatorFactory(active_to=date(2025, 10, 31))
    assert not assess(ended).is_active
    assert assess(ended, Period.month(2025, 7)).is_active


def test_indicator_history_gives_value_target_and_rag_per_period():
    pi = IndicatorFactory(aggregation=Aggregation.SUM, tolerance_pct=D("10"))
    TargetFactory(indicator=pi, year=2025, annual_target=D("120"))
    TargetFactory(indicator=pi, year=2024, annual_target=D("60"))
    figures(pi, 2024, ["5"] * 12)
    figures(pi, 2025, ["12", "9", "8"])
    periods = Period.month(2025, 3).back(4)
    history = indicator_history(pi, periods, today=LATE)
    assert [h.period for h in history] == periods
    assert [h.value for h in history] == [D("5"), D("12"), D("9"), D("8")]
    assert [h.target for h in history] == [D("5"), D("10"), D("10"), D("10")]
    assert [h.rag for h in history] == [Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.RED]
    assert history[-1].ytd_value == D("29")


def test_indicator_history_refuses_periods_of_another_frequency():
    pi = IndicatorFactory(frequency=Frequency.QUARTERLY)
    with pytest.raises(ValueError):
        indicator_history(pi, [NOV])


# Which figures each role sees ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "own_basis", "other_basis"),
    [
        ("admin", Basis.SUBMITTED, Basis.SUBMITTED),
        ("perf", Basis.SUBMITTED, Basis.SUBMITTED),
        ("audit", Basis.SUBMITTED, Basis.SUBMITTED),
        ("manager", Basis.SUBMITTED, Basis.VERIFIED),
        ("officer", Basis.SUBMITTED, Basis.VERIFIED),
        ("board", Basis.VERIFIED, Basis.VERIFIED),
        ("other_officer", Basis.VERIFIED, Basis.VERIFIED),
    ],
)
def test_figure_basis_by_role(people, org, who, own_basis, other_basis):
    user = getattr(people, who)
    own = IndicatorFactory(owner=people.officer, service=org.housing_team)
    other = IndicatorFactory(service=org.planning)
    rule = figure_basis_for(user)
    assert (rule(own), rule(other)) == (own_basis, other_basis)
    drafts = figure_basis_for(user, drafts=True)
    widen = {Basis.SUBMITTED: Basis.DRAFTS, Basis.VERIFIED: Basis.VERIFIED}
    assert (drafts(own), drafts(other)) == (widen[own_basis], widen[other_basis])


def test_deputy_sees_own_drafts(people, org):
    pi = IndicatorFactory(deputy=people.other_officer, service=org.housing)
    assert figure_basis_for(people.other_officer, drafts=True)(pi) == Basis.DRAFTS


def test_public_basis_is_published_figures():
    from django.contrib.auth.models import AnonymousUser

    assert figure_basis_for(AnonymousUser())(IndicatorFactory()) == Basis.PUBLISHED


def test_basis_rule_looks_up_the_users_units_once(people, org, django_assert_max_num_queries):
    pis = [IndicatorFactory(service=org.housing) for _ in range(5)]
    with django_assert_max_num_queries(4):
        rule = figure_basis_for(people.manager)
        assert {rule(pi) for pi in pis} == {Basis.SUBMITTED}


def test_ratio_figures_without_parts_give_no_ytd_rag_rather_than_missing():
    pi = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=D("100"))
    TargetFactory(indicator=pi, year=2025, annual_target=D("90"))
    figures(pi, 2025, ["95"] * 8)  # values only, e.g. from an old spreadsheet
    result = assess(pi)
    assert result.value == D("95")
    assert result.rag == Rag.GREEN
    assert result.ytd_value is None
    assert result.ytd_rag is None


def test_model_methods_agree_with_the_engine():
    pi = IndicatorFactory()
    TargetFactory(indicator=pi, year=2025, annual_target=D("100"))
    figures(pi, 2025, [None] * 7 + ["96"])
    assert pi.get_rag(NOV, today=LATE) == Rag.AMBER == assess(pi).rag
    assert pi.assess(NOV, today=LATE, basis=Basis.PUBLISHED).rag == Rag.MISSING


def test_negative_targets_and_values_where_allowed():
    # Budget variance (£k): an underspend of 100 is the target; higher (less spent) is better.
    pi = IndicatorFactory(aggregation=Aggregation.SUM, allow_negative=True, decimal_places=1)
    TargetFactory(indicator=pi, year=2025, annual_target=D("-120"))
    figures(pi, 2025, ["-10"] * 7 + ["-10.5"])
    result = assess(pi)
    assert result.target == D("-10.0")
    assert result.rag == Rag.AMBER  # -10.5 is exactly 5% of |-10| below target
    assert result.ytd_target == D("-80.0")
    assert result.ytd_value == D("-80.5")
    assert result.ytd_rag == Rag.AMBER
    assert result.forecast < 0  # negatives allowed: not clamped at zero


def test_negative_forecast_is_kept_at_zero_when_negatives_are_not_allowed():
    pi = IndicatorFactory(aggregation=Aggregation.LATEST)
    figures(pi, 2024, ["50"] * 8 + ["0"] * 4)
    figures(pi, 2025, [None] * 7 + ["20"])
    result = assess(pi)
    assert result.forecast == D("0")  # 20 + (0 - 50) would be -30


def test_assess_history_gives_each_pi_its_own_periods_over_the_span():
    monthly = IndicatorFactory(aggregation=Aggregation.SUM)
    quarterly = IndicatorFactory(frequency=Frequency.QUARTERLY)
    annual = IndicatorFactory(frequency=Frequency.ANNUAL)
    TargetFactory(indicator=monthly, year=2025, annual_target=D("120"))
    figures(monthly, 2024, [str(n) for n in range(1, 13)])
    figures(monthly, 2025, ["10"] * 8)
    figures(quarterly, 2025, ["7", "8"])
    result = assess_history([monthly, quarterly, annual], NOV, today=LATE)
    assert [a.period for a in result[monthly.pk]] == NOV.back(13)
    assert [a.value for a in result[monthly.pk]][:5] == [D(n) for n in (8, 9, 10, 11, 12)]
    assert result[monthly.pk][-1].ytd_value == D("80")
    # 13 months from November 2024: quarters ending Dec 2024 .. Sep 2025.
    assert [a.period.label for a in result[quarterly.pk]] == [
        "2024/25 Q3",
        "2024/25 Q4",
        "2025/26 Q1",
        "2025/26 Q2",
    ]
    assert [a.period.label for a in result[annual.pk]] == ["2024/25"]
    assert all(a.figure is None for a in result[monthly.pk])


def test_assess_history_agrees_with_assess_indicators():
    pi = IndicatorFactory(aggregation=Aggregation.RATIO, multiplier=D("100"))
    TargetFactory(indicator=pi, year=2025, annual_target=D("50"))
    for number in range(1, 9):
        FigureFactory(
            indicator=pi,
            year=2025,
            number=number,
            value=None,
            numerator=D(number),
            denominator=D(10),
            state=FigureState.VERIFIED,
        )
    history = assess_history([pi], NOV, months=3, today=LATE)[pi.pk]
    for point in history:
        single = assess_indicators([pi], point.period, today=LATE)[0]
        assert (point.value, point.rag, point.ytd_value, point.forecast) == (
            single.value,
            single.rag,
            single.ytd_value,
            single.forecast,
        )
