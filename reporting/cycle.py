"""The reporting cycle worked out for a year: occurrences, their due dates and periods."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from indicators.choices import Frequency
from indicators.periods import Period, is_working_day, working_days_after
from reporting.choices import REPORT_FREQUENCY, DueRule, ReportType
from reporting.models import CycleItem


def reported_period(report_type: str, year: int, month: int) -> Period:
    """Return the period a report falling in calendar `month` of `year` covers.

    It is the latest period of the report's frequency that ended before the month began:
    a PI report in January 2027 covers December 2026; a quarterly pack in November 2026
    covers 2026/27 Q2; an annual report in June 2026 covers 2025/26. Events (no report type)
    are treated as monthly.
    """
    frequency = REPORT_FREQUENCY.get(report_type, Frequency.MONTHLY)
    return Period.last_ended(frequency, date(year, month, 1))


def working_day_on_or_before(day: date) -> date:
    """Return `day`, or the last working day before it when it is a weekend or bank holiday."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def occurrence_due_date(item: CycleItem, year: int, month: int) -> date:
    """Return the working day the item's occurrence in `month` of `year` is due.

    The due rule gives a date; one falling on a weekend or bank holiday moves to the working
    day before, so that a paper is never due on a day nobody is at work to send it.
    """
    return working_day_on_or_before(_rule_date(item, year, month))


def _rule_date(item: CycleItem, year: int, month: int) -> date:
    last_day = date(year, month, calendar.monthrange(year, month)[1])
    if item.due_rule == DueRule.DAY_OF_MONTH:
        return date(year, month, min(max(item.due_value, 1), last_day.day))
    if item.due_rule == DueRule.END_OF_MONTH:
        return last_day
    period_end = reported_period(item.report_type, year, month).end
    if item.due_rule == DueRule.WEEKS_AFTER_PERIOD_END:
        return period_end + timedelta(weeks=item.due_value)
    return working_days_after(period_end, item.due_value)


@dataclass(frozen=True)
class Occurrence:
    """One tick of the cycle grid: an item in a month, with its due date and period."""

    item: CycleItem
    year: int
    month: int
    due: date

    @property
    def month_start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def period(self) -> Period | None:
        """Return the period the report covers, or None for an event or the calendar."""
        if not self.item.report_type or self.item.report_type == ReportType.CALENDAR:
            return None
        return reported_period(self.item.report_type, self.year, self.month)

    @property
    def period_label(self) -> str:
        if self.item.report_type == ReportType.CALENDAR:
            return str(self.year)
        period = self.period
        return period.label if period else ""


def occurrences(items: Iterable[CycleItem], year: int, months: Iterable[int]) -> list[Occurrence]:
    """Return the items' occurrences in the given months of calendar `year`, by due date."""
    wanted = set(months)
    found = [
        Occurrence(item, year, month, occurrence_due_date(item, year, month))
        for item in items
        for month in item.months
        if month in wanted
    ]
    return sorted(found, key=lambda o: (o.due, o.item.position, o.item.name))


def month_after(year: int, month: int) -> tuple[int, int]:
    """Return (year, month) of the calendar month after the given one."""
    return (year + 1, 1) if month == 12 else (year, month + 1)
