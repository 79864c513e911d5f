from datetime import date

import pytest

from indicators.periods import is_working_day
from reporting.choices import DueRule
from reporting.cycle import occurrences, reported_period
from reporting.reports import due_list
from tests.factories import CycleItemFactory

pytestmark = pytest.mark.django_db


def test_pi_report_covers_the_previous_month_and_is_due_ten_working_days_later(demo_cycle):
    item = demo_cycle["PI report"]
    assert reported_period("pi_monthly", 2027, 1).label == "2026-12"
    # 1 January 2027 is a bank holiday; ten working days after 31 December is 15 January.
    assert item.due_on(2027, 1) == date(2027, 1, 15)


def test_quarterly_pack_covers_the_last_quarter_due_weeks_after_it_ends(demo_cycle):
    item = demo_cycle["Quarterly Fin/ perf report"]
    assert reported_period("quarterly_pack", 2026, 11).label == "2026/27 Q2"
    assert item.due_on(2026, 11) == date(2026, 11, 18)  # 30 September + 7 weeks


def test_annual_report_covers_the_last_financial_year(demo_cycle):
    assert reported_period("annual_outturn", 2026, 6).label == "2025/26"
    assert demo_cycle["Annual Report to Full Council"].due_on(2026, 6) == date(2026, 6, 30)


def test_events_are_due_by_their_own_rule(demo_cycle):
    assert demo_cycle["Staff survey results"].due_on(2026, 9) == date(2026, 9, 30)
    assert demo_cycle["Issue Member bulletin"].due_on(2026, 4) == date(2026, 4, 15)


def test_due_this_month_lists_every_item_falling_in_it_by_date(demo_cycle):
    november = due_list(2026, 11)
    names = [row["name"] for row in november]
    assert "Quarterly Fin/ perf report" in names
    assert "Staff survey results" not in names
    assert [row["due"] for row in november] == sorted(row["due"] for row in november)
    quarterly = next(row for row in november if row["name"] == "Quarterly Fin/ perf report")
    assert quarterly["period_label"] == "2026/27 Q2"
    assert quarterly["audiences"] == "Cabinet, PMB"


def test_occurrences_only_fall_in_the_items_months(demo_cycle):
    found = occurrences([demo_cycle["Quarterly Fin/ perf report"]], 2026, range(1, 13))
    assert [o.month for o in found] == [2, 5, 8, 11]


def test_a_due_date_on_a_weekend_moves_to_the_friday_before(demo_cycle):
    # The bulletin is due on the 15th; 15 February 2026 is a Sunday.
    assert demo_cycle["Issue Member bulletin"].due_on(2026, 2) == date(2026, 2, 13)


@pytest.mark.parametrize(
    ("rule", "value", "year", "month", "expected"),
    [
        # 25 and 26 December 2026 are bank holidays (Friday, Saturday), then a Sunday and
        # the Boxing Day substitute on Monday 28th: the 28th moves back to Thursday 24th.
        (DueRule.DAY_OF_MONTH, 28, 2026, 12, date(2026, 12, 24)),
        # 31 October 2026 is a Saturday.
        (DueRule.END_OF_MONTH, 0, 2026, 10, date(2026, 10, 30)),
        # 31 August 2026 (end of the month) is the summer bank holiday.
        (DueRule.END_OF_MONTH, 0, 2026, 8, date(2026, 8, 28)),
        # 30 June 2026 + 2 weeks is Tuesday 14 July: a working day stays put.
        (DueRule.WEEKS_AFTER_PERIOD_END, 2, 2026, 7, date(2026, 7, 14)),
        # May 2026 ends on a Sunday; a week later is Sunday 7 June, moved to Friday 5 June.
        (DueRule.WEEKS_AFTER_PERIOD_END, 1, 2026, 6, date(2026, 6, 5)),
    ],
)
def test_every_due_rule_lands_on_a_working_day_moving_back_not_forward(
    rule, value, year, month, expected
):
    item = CycleItemFactory(
        due_rule=rule, due_value=value, report_type="pi_monthly", months=[month]
    )
    assert item.due_on(year, month) == expected
    assert is_working_day(item.due_on(year, month))
