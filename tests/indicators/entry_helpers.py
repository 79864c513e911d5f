"""Shared setup for the figure-entry tests: Housing PIs owned by the officer."""

from django.utils import timezone

from indicators.periods import Period
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

# The pages work on the real date, so the tests name periods relative to it.
TODAY = timezone.localdate()
OCTOBER = Period.last_ended("monthly", TODAY)  # the latest month ended (October on 23 Nov)
SEPTEMBER = OCTOBER.previous()


def housing_pi(people, org, **kwargs):
    """Return a monthly Housing PI owned by the officer, with a target of 100 this year."""
    defaults = {"owner": people.officer, "service": org.housing, "active_from": OCTOBER.start}
    indicator = IndicatorFactory(**(defaults | kwargs))
    TargetFactory(indicator=indicator, year=OCTOBER.year, annual_target=100)
    return indicator


def history(indicator, values):
    """Give the indicator verified figures for the len(values) months before OCTOBER."""
    period = OCTOBER.back(len(values) + 1)[0]
    for value in values:
        FigureFactory(
            indicator=indicator,
            year=period.year,
            number=period.number,
            value=value,
            state="verified",
        )
        period = period.next()
