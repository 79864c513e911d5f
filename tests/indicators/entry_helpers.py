"""Shared setup for the figure-entry tests: Housing PIs owned by the officer."""

from datetime import date

from indicators.periods import Period
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

TODAY = date(2026, 11, 23)
OCTOBER = Period.month(2026, 7)  # the latest month ended on TODAY
SEPTEMBER = Period.month(2026, 6)


def housing_pi(people, org, **kwargs):
    """Return a monthly Housing PI owned by the officer, with a target of 100 for 2026/27."""
    defaults = {"owner": people.officer, "service": org.housing}
    indicator = IndicatorFactory(**(defaults | kwargs))
    TargetFactory(indicator=indicator, year=2026, annual_target=100)
    return indicator


def history(indicator, values, year=2025):
    """Give the indicator verified figures for months 1.. of `year` (and on into the next)."""
    period = Period.month(year, 1)
    for value in values:
        FigureFactory(
            indicator=indicator,
            year=period.year,
            number=period.number,
            value=value,
            state="verified",
        )
        period = period.next()
