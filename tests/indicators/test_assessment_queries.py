"""assess_indicators and indicator_history run a fixed number of queries, however much data
(comparator values included: one query for all of them)."""

from datetime import date
from decimal import Decimal as D

import pytest

from core.models import CouncilSettings
from indicators.assessment import Basis, assess_history, assess_indicators, indicator_history
from indicators.choices import Aggregation, FigureState, Frequency
from indicators.models import Indicator
from indicators.periods import Period
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

pytestmark = pytest.mark.django_db

NOV = Period.month(2025, 8)
TODAY = date(2026, 1, 10)
FREQUENCIES = [Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL]
AGGREGATIONS = [Aggregation.SUM, Aggregation.RATIO, Aggregation.AVERAGE, Aggregation.LATEST]


def make_indicators(count: int, owner, service) -> list[Indicator]:
    """A mix of frequencies and aggregations with two years of figures and targets."""
    made = []
    for n in range(count):
        frequency = FREQUENCIES[n % 3]
        pi = IndicatorFactory(
            frequency=frequency,
            aggregation=AGGREGATIONS[n % 4],
            owner=owner,
            service=service,
            multiplier=D("100"),
        )
        periods = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.ANNUAL: 1}[frequency]
        for year in (2023, 2024, 2025):
            TargetFactory(indicator=pi, year=year, annual_target=D("50"))
            for number in range(1, periods + 1):
                FigureFactory(
                    indicator=pi,
                    year=year,
                    number=number,
                    value=D(n + number),
                    numerator=D(number),
                    denominator=D(10),
                    state=FigureState.VERIFIED,
                )
        made.append(pi)
    return made


@pytest.fixture
def owner_and_service(org):
    return UserFactory(), org.housing


@pytest.mark.parametrize("basis", [Basis.SUBMITTED, Basis.PUBLISHED])
def test_assessment_query_count_does_not_grow_with_indicators(
    owner_and_service, django_assert_num_queries, basis
):
    CouncilSettings.load()  # created once, as in a running site
    few = make_indicators(5, *owner_and_service)
    with django_assert_num_queries(6):
        small = assess_indicators(few, NOV, today=TODAY, basis=basis)
    many = few + make_indicators(45, *owner_and_service)
    with django_assert_num_queries(6):
        large = assess_indicators(many, NOV, today=TODAY, basis=basis)
    assert len(small) == 5
    assert len(large) == 50
    assert all(a.rag for a in large)


def test_a_queryset_costs_one_more_query(owner_and_service, django_assert_num_queries):
    CouncilSettings.load()
    make_indicators(6, *owner_and_service)
    with django_assert_num_queries(7):
        assess_indicators(Indicator.objects.all(), NOV, today=TODAY)


def test_giving_the_council_settings_saves_a_query(owner_and_service, django_assert_num_queries):
    council = CouncilSettings.load()
    few = make_indicators(3, *owner_and_service)
    with django_assert_num_queries(5):
        assess_indicators(few, NOV, today=TODAY, council=council)


def test_history_query_count_does_not_grow_with_periods(
    owner_and_service, django_assert_num_queries
):
    CouncilSettings.load()
    (pi,) = make_indicators(1, *owner_and_service)
    with django_assert_num_queries(6):
        short = indicator_history(pi, NOV.back(3), today=TODAY)
    with django_assert_num_queries(6):
        long = indicator_history(pi, NOV.back(30), today=TODAY)
    assert len(short) == 3
    assert len(long) == 30
    assert long[-1].figure is not None  # full figures, with commentary, for the table


def test_bulk_history_query_count_does_not_grow_with_indicators_or_months(
    owner_and_service, django_assert_num_queries
):
    CouncilSettings.load()
    few = make_indicators(3, *owner_and_service)
    with django_assert_num_queries(5):
        small = assess_history(few, NOV, months=3, today=TODAY)
    many = few + make_indicators(12, *owner_and_service)
    with django_assert_num_queries(5):
        large = assess_history(many, NOV, months=25, today=TODAY)
    assert len(small) == 3
    assert len(large) == 15
    assert len(large[many[0].pk]) == 25
