"""Financial-year periods: labels, parsing, navigation, latest-for and working-day due dates."""

from datetime import date

import pytest

from indicators.choices import Frequency
from indicators.periods import (
    Period,
    due_date,
    fy_label,
    fy_of,
    is_working_day,
    parse_fy,
    periods_of_year,
    working_days_after,
)

M, Q, A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL


def test_financial_year_label_and_parse():
    assert fy_label(2025) == "2025/26"
    assert fy_label(1999) == "1999/00"
    assert parse_fy("2025/26") == 2025
    assert parse_fy(" 2025/2026 ") == 2025
    assert parse_fy("1999/00") == 1999


@pytest.mark.parametrize("text", ["2025/27", "2025/2027", "2025", "25/26", "2025-26", ""])
def test_parse_fy_refuses_what_is_not_a_financial_year(text):
    with pytest.raises(ValueError):
        parse_fy(text)


def test_fy_of_starts_in_april():
    assert fy_of(date(2025, 4, 1)) == 2025
    assert fy_of(date(2025, 3, 31)) == 2024
    assert fy_of(date(2026, 1, 15)) == 2025


@pytest.mark.parametrize(
    ("period", "label", "start", "end"),
    [
        (Period(M, 2025, 1), "2025-04", date(2025, 4, 1), date(2025, 4, 30)),
        (Period(M, 2025, 9), "2025-12", date(2025, 12, 1), date(2025, 12, 31)),
        (Period(M, 2025, 10), "2026-01", date(2026, 1, 1), date(2026, 1, 31)),
        (Period(M, 2023, 11), "2024-02", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        (Period(M, 2025, 12), "2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        (Period(Q, 2025, 1), "2025/26 Q1", date(2025, 4, 1), date(2025, 6, 30)),
        (Period(Q, 2025, 3), "2025/26 Q3", date(2025, 10, 1), date(2025, 12, 31)),
        (Period(Q, 2025, 4), "2025/26 Q4", date(2026, 1, 1), date(2026, 3, 31)),
        (Period(A, 2025, 1), "2025/26", date(2025, 4, 1), date(2026, 3, 31)),
    ],
)
def test_labels_start_and_end(period, label, start, end):
    assert period.label == label
    assert str(period) == label
    assert period.start == start
    assert period.end == end
    assert Period.parse(label) == period


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025-4", Period(M, 2025, 1)),
        (" 2026-03 ", Period(M, 2025, 12)),
        ("2025/26 q2", Period(Q, 2025, 2)),
        ("2025/2026 Q2", Period(Q, 2025, 2)),
        ("Q2 2025/26", Period(Q, 2025, 2)),
        ("2025/2026", Period(A, 2025, 1)),
    ],
)
def test_parse_accepts_common_spellings(label, expected):
    assert Period.parse(label) == expected


@pytest.mark.parametrize(
    "label",
    [
        "October 2026",
        "Oct 2026",
        "october  2026",
        "Oct. 2026",
        "2026-10",
        "Q3 2026/27",
        "2026/27 Q3",
        "2026/27Q3",
    ],
)
def test_a_period_is_understood_as_pages_show_it(label):
    expected = Period(Q, 2026, 3) if "Q3" in label else Period(M, 2026, 7)
    assert Period.parse(label) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2026/27", Period(A, 2026, 1)),
        ("Q2 2026/27 (July-September)", Period(Q, 2026, 2)),
        ("Sept 2026", Period(M, 2026, 6)),
        ("March 2027", Period(M, 2026, 12)),
    ],
)
def test_headings_and_short_month_names_are_understood(label, expected):
    assert Period.parse(label) == expected
    assert Period.parse(expected.long_label) == expected


@pytest.mark.parametrize(
    "label",
    [
        "",
        "2025-13",
        "2025-00",
        "2025/27",
        "2025/26 Q5",
        "Ap 2025",
        "Octember 2026",
        "2025-26",
        "x",
        "\u0662\u0660\u0662\u0666-10",  # Arabic-Indic digits: int() reads them, we do not
        "\uff12\uff10\uff12\uff16/27",  # full-width digits
        "2026-1\u00b2",
        "2026-10\x00",
        "<b>2026-10</b>",
        "2026-10" * 30,
    ],
)
def test_parse_refuses_with_a_message(label):
    with pytest.raises(ValueError, match=r"\S"):
        Period.parse(label)


def test_invalid_periods_cannot_be_built():
    with pytest.raises(ValueError):
        Period(M, 2025, 13)
    with pytest.raises(ValueError):
        Period(Q, 2025, 5)
    with pytest.raises(ValueError):
        Period(A, 2025, 2)
    with pytest.raises(ValueError):
        Period("weekly", 2025, 1)


def test_frequency_choice_and_text_give_equal_periods():
    assert Period(Frequency.MONTHLY, 2025, 1) == Period("monthly", 2025, 1)
    assert hash(Period(Frequency.MONTHLY, 2025, 1)) == hash(Period("monthly", 2025, 1))
    assert type(Period(Frequency.MONTHLY, 2025, 1).frequency) is str


def test_previous_next_and_same_period_last_year_cross_the_year():
    assert Period(M, 2025, 1).previous() == Period(M, 2024, 12)
    assert Period(M, 2024, 12).next() == Period(M, 2025, 1)
    assert Period(Q, 2025, 1).previous() == Period(Q, 2024, 4)
    assert Period(A, 2025, 1).previous() == Period(A, 2024, 1)
    assert Period(A, 2025, 1).next() == Period(A, 2026, 1)
    assert Period(M, 2025, 7).same_period_last_year() == Period(M, 2024, 7)


def test_year_to_date_and_back():
    assert Period(Q, 2025, 3).year_to_date() == [Period(Q, 2025, n) for n in (1, 2, 3)]
    back = Period(M, 2025, 2).back(13)
    assert len(back) == 13
    assert back[0] == Period(M, 2024, 2)
    assert back[-1] == Period(M, 2025, 2)


def test_months_elapsed():
    assert Period(M, 2025, 8).months_elapsed == 8
    assert Period(Q, 2025, 3).months_elapsed == 9
    assert Period(A, 2025, 1).months_elapsed == 12
    assert Period(Q, 2025, 3).months == 3


def test_containing():
    assert Period.containing(date(2026, 2, 14), M) == Period(M, 2025, 11)
    assert Period.containing(date(2026, 2, 14), Q) == Period(Q, 2025, 4)
    assert Period.containing(date(2026, 2, 14), A) == Period(A, 2025, 1)
    assert Period.containing(date(2025, 4, 1), Q) == Period(Q, 2025, 1)


@pytest.mark.parametrize(
    ("frequency", "reporting", "expected"),
    [
        (M, Period(M, 2025, 2), Period(M, 2025, 2)),
        (Q, Period(M, 2025, 2), Period(Q, 2024, 4)),  # May: Q1 has not ended
        (Q, Period(M, 2025, 3), Period(Q, 2025, 1)),  # June ends Q1
        (Q, Period(M, 2025, 12), Period(Q, 2025, 4)),
        (A, Period(M, 2025, 11), Period(A, 2024, 1)),
        (A, Period(M, 2025, 12), Period(A, 2025, 1)),  # March ends the year
        (A, Period(Q, 2025, 4), Period(A, 2025, 1)),
        (M, Period(Q, 2025, 2), Period(M, 2025, 6)),
        (Q, Period(A, 2025, 1), Period(Q, 2025, 4)),
    ],
)
def test_latest_for(frequency, reporting, expected):
    assert Period.latest_for(frequency, reporting) == expected


def test_last_ended():
    assert Period.last_ended(M, date(2026, 11, 23)) == Period(M, 2026, 7)  # October 2026
    assert Period.last_ended(Q, date(2026, 11, 23)) == Period(Q, 2026, 2)
    assert Period.last_ended(A, date(2026, 11, 23)) == Period(A, 2025, 1)


def test_periods_of_year():
    assert len(periods_of_year(M, 2025)) == 12
    assert periods_of_year(Q, 2025)[-1] == Period(Q, 2025, 4)
    assert periods_of_year(A, 2025) == [Period(A, 2025, 1)]


def test_contains():
    assert Period(Q, 2025, 1).contains(Period(M, 2025, 3))
    assert not Period(Q, 2025, 1).contains(Period(M, 2025, 4))
    assert Period(A, 2025, 1).contains(Period(Q, 2025, 4))


def test_long_label():
    assert Period(M, 2025, 1).long_label == "April 2025"
    assert Period(Q, 2025, 4).long_label == "Q4 2025/26 (January-March)"


def test_periods_sort_in_time_order_within_a_frequency():
    periods = [Period(M, 2025, 2), Period(M, 2024, 12), Period(M, 2025, 1)]
    assert sorted(periods) == [Period(M, 2024, 12), Period(M, 2025, 1), Period(M, 2025, 2)]


# Working days and due dates (England and Wales bank holidays) ----------------------------


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2025, 4, 17))  # Thursday
    assert not is_working_day(date(2025, 4, 18))  # Good Friday
    assert not is_working_day(date(2025, 4, 19))  # Saturday
    assert not is_working_day(date(2025, 4, 21))  # Easter Monday
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute
    assert not is_working_day(date(2025, 8, 25))  # August bank holiday (England and Wales)


def test_working_days_after_skips_weekends_and_bank_holidays():
    assert working_days_after(date(2025, 3, 31), 0) == date(2025, 3, 31)
    assert working_days_after(date(2025, 3, 31), 1) == date(2025, 4, 1)
    assert working_days_after(date(2025, 3, 31), 10) == date(2025, 4, 14)
    # Friday 11 April 2025 + 5: Good Friday 18th and Easter Monday 21st are skipped.
    assert working_days_after(date(2025, 4, 11), 5) == date(2025, 4, 22)
    # December 2026: Christmas Friday, Boxing Day Saturday -> Monday 28th substitute.
    assert working_days_after(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_due_date_counts_from_period_end():
    assert due_date(Period(M, 2024, 12), 10) == date(2025, 4, 14)  # March 2025
    assert due_date(Period(Q, 2025, 3), 10) == date(2026, 1, 15)  # 1 Jan holiday, weekends
    assert due_date(Period(M, 2025, 1), 0) == date(2025, 4, 30)
