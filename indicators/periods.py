"""Financial-year reporting periods and due dates.

The financial year runs 1 April to 31 March and is named by the year it starts in: 2025 is
"2025/26". A period is a month (number 1 = April .. 12 = March), a quarter (1 = April-June ..
4 = January-March) or the whole year (number 1). Labels are what users type and see:

- monthly: the calendar month, "2025-04" (April 2025, month 1 of 2025/26);
- quarterly: "2025/26 Q1";
- annual: "2025/26".

Period.parse also reads them as headings show them ("October 2026", "Q1 2025/26"): it is the
one parser for a period typed, chosen, imported or given in a URL.

Due dates count working days (Monday to Friday, not an England and Wales bank holiday) after
the period ends.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from core.parsing import ParseError
from indicators.choices import Frequency

MONTHS_IN = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}
PERIODS_IN_YEAR = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.ANNUAL: 1}
# Finest first: used to pick the most detailed reporting frequency.
FREQUENCY_ORDER = (Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL)

MIN_YEAR, MAX_YEAR = 1990, 2200

# re.ASCII: '\d' would otherwise match '١' or '２', which int() then reads as digits.
_FY = r"(\d{4})\s*/\s*(\d{2}|\d{4})"
_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
_NAMED_MONTH_RE = re.compile(r"([a-z]{3,9})\.?\s+(\d{4})", re.ASCII | re.IGNORECASE)
_YEAR_RE = re.compile(_FY, re.ASCII)
_QUARTER_RE = re.compile(_FY + r"\s*Q([1-4])", re.ASCII | re.IGNORECASE)
# The heading form 'Q2 2026/27 (July-September)' is accepted too, its months ignored.
_QUARTER_FIRST_RE = re.compile(
    r"Q([1-4])\s*" + _FY + r"(?:\s*\([a-z\s-]*\))?", re.ASCII | re.IGNORECASE
)
MAX_LABEL_LENGTH = 60
PERIOD_HELP = (
    "use a month like October 2026 or 2026-10, a quarter like 2026/27 Q2 or a financial "
    "year like 2026/27"
)


def month_named(word: str) -> int | None:
    """Return the calendar month (1-12) `word` names: 'Oct', 'Sept', 'october'; else None."""
    word = word.strip().rstrip(".").lower()
    if len(word) < 3 or not word.isascii():
        return None
    for number in range(1, 13):
        name = calendar.month_name[number].lower()
        if name.startswith(word):
            return number
    return None


def fy_label(year: int) -> str:
    """Return the financial year's name, e.g. 2025 -> '2025/26'."""
    return f"{year}/{(year + 1) % 100:02d}"


def parse_fy(text: str) -> int:
    """Return the start year of a financial year written '2025/26' (or '2025/2026').

    Raises ParseError (a ValueError) when the text is not a financial year or the two years
    do not follow.
    """
    match = _YEAR_RE.fullmatch(str(text).strip())
    if not match:
        raise ParseError(f"'{text}' is not a financial year like 2025/26.")
    return _checked_fy(match.group(1), match.group(2), text)


def _checked_fy(start: str, end: str, text: str) -> int:
    year = int(start)
    following = year + 1
    if (len(end) == 2 and int(end) != following % 100) or (len(end) == 4 and int(end) != following):
        raise ParseError(f"'{text}': a financial year runs from one year into the next.")
    _check_year(year, text)
    return year


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ParseError(f"'{text}': the year is out of range.")


def fy_of(day: date) -> int:
    """Return the financial year (its start year) that contains `day`."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period of a frequency: (frequency, financial year, number in the year)."""

    frequency: str
    year: int
    number: int

    def __post_init__(self) -> None:
        # Store plain strings so that periods built from choices and from text are equal.
        object.__setattr__(self, "frequency", str(self.frequency))
        if self.frequency not in PERIODS_IN_YEAR:
            raise ValueError(f"Unknown frequency '{self.frequency}'.")
        if not 1 <= self.number <= PERIODS_IN_YEAR[self.frequency]:
            raise ValueError(f"A {self.frequency} period has no number {self.number}.")

    # Construction -------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, number: int) -> "Period":
        return cls(Frequency.MONTHLY, year, number)

    @classmethod
    def quarter(cls, year: int, number: int) -> "Period":
        return cls(Frequency.QUARTERLY, year, number)

    @classmethod
    def whole_year(cls, year: int) -> "Period":
        return cls(Frequency.ANNUAL, year, 1)

    @classmethod
    def parse(cls, label: str) -> "Period":
        """Return the period a label names, written as pages show it.

        Months: '2026-10', 'October 2026', 'Oct 2026'; quarters: '2026/27 Q2', '2026/27Q2',
        'Q2 2026/27' (or the heading 'Q2 2026/27 (July-September)'); financial years:
        '2026/27' or '2026/2027'. Raises ParseError (a ValueError) with a message fit to show
        the user when the label is not one.
        """
        text = " ".join(str(label or "").split())
        shown = text if len(text) <= 40 else text[:39] + "…"
        if len(text) > MAX_LABEL_LENGTH:
            raise ParseError(f"'{shown}' is not a period: {PERIOD_HELP}.")
        if match := _MONTH_RE.fullmatch(text):
            return cls._calendar_month(int(match.group(1)), int(match.group(2)), shown)
        if match := _NAMED_MONTH_RE.fullmatch(text):
            month = month_named(match.group(1))
            if month is not None:
                return cls._calendar_month(int(match.group(2)), month, shown)
        if match := _QUARTER_RE.fullmatch(text):
            year = _checked_fy(match.group(1), match.group(2), shown)
            return cls.quarter(year, int(match.group(3)))
        if match := _QUARTER_FIRST_RE.fullmatch(text):
            year = _checked_fy(match.group(2), match.group(3), shown)
            return cls.quarter(year, int(match.group(1)))
        if _YEAR_RE.fullmatch(text):
            return cls.whole_year(parse_fy(text))
        raise ParseError(f"'{shown}' is not a period: {PERIOD_HELP}.")

    @classmethod
    def _calendar_month(cls, calendar_year: int, month: int, shown: str) -> "Period":
        if not 1 <= month <= 12:
            raise ParseError(f"'{shown}': there is no month {month}.")
        _check_year(calendar_year, shown)
        return cls.containing(date(calendar_year, month, 1), Frequency.MONTHLY)

    @classmethod
    def containing(cls, day: date, frequency: str) -> "Period":
        """Return the period of `frequency` that contains `day`."""
        year = fy_of(day)
        month_index = (day.month - 4) % 12  # 0 = April
        return cls(frequency, year, month_index // MONTHS_IN[frequency] + 1)

    @classmethod
    def latest_for(cls, frequency: str, period: "Period") -> "Period":
        """Return the last period of `frequency` ending on or before the end of `period`.

        E.g. for month 2025-05 the latest quarter is 2024/25 Q4 and the latest year 2024/25;
        for 2025-06 the latest quarter is 2025/26 Q1.
        """
        end = period.end
        candidate = cls.containing(end, frequency)
        return candidate if candidate.end <= end else candidate.previous()

    @classmethod
    def last_ended(cls, frequency: str, today: date) -> "Period":
        """Return the latest period of `frequency` that has ended before `today`."""
        return cls.containing(today, frequency).previous()

    # Properties ---------------------------------------------------------------------------

    @property
    def months(self) -> int:
        """Return how many months the period spans (1, 3 or 12)."""
        return MONTHS_IN[self.frequency]

    @property
    def months_elapsed(self) -> int:
        """Return the months of the financial year up to the end of this period."""
        return self.number * self.months

    @property
    def periods_in_year(self) -> int:
        return PERIODS_IN_YEAR[self.frequency]

    @property
    def start(self) -> date:
        """Return the first day of the period."""
        return _month_start(self.year, (self.number - 1) * self.months)

    @property
    def end(self) -> date:
        """Return the last day of the period."""
        first = _month_start(self.year, self.number * self.months - 1)
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])

    @property
    def label(self) -> str:
        """Return the label users see and type ('2025-04', '2025/26 Q1', '2025/26')."""
        if self.frequency == Frequency.MONTHLY:
            start = self.start
            return f"{start.year}-{start.month:02d}"
        if self.frequency == Frequency.QUARTERLY:
            return f"{fy_label(self.year)} Q{self.number}"
        return fy_label(self.year)

    @property
    def long_label(self) -> str:
        """Return a label for headings: 'April 2025', 'Q1 2025/26 (April-June)', '2025/26'."""
        if self.frequency == Frequency.MONTHLY:
            return self.start.strftime("%B %Y")
        if self.frequency == Frequency.QUARTERLY:
            first = calendar.month_name[self.start.month]
            last = calendar.month_name[self.end.month]
            return f"Q{self.number} {fy_label(self.year)} ({first}-{last})"
        return fy_label(self.year)

    @property
    def fy_label(self) -> str:
        return fy_label(self.year)

    def __str__(self) -> str:
        return self.label

    # Navigation ---------------------------------------------------------------------------

    def previous(self) -> "Period":
        """Return the period before this one (month 1's previous is month 12 of last year)."""
        if self.number > 1:
            return Period(self.frequency, self.year, self.number - 1)
        return Period(self.frequency, self.year - 1, self.periods_in_year)

    def next(self) -> "Period":
        """Return the period after this one."""
        if self.number < self.periods_in_year:
            return Period(self.frequency, self.year, self.number + 1)
        return Period(self.frequency, self.year + 1, 1)

    def same_period_last_year(self) -> "Period":
        return Period(self.frequency, self.year - 1, self.number)

    def year_to_date(self) -> list["Period"]:
        """Return the periods of this financial year from the first up to this one."""
        return [Period(self.frequency, self.year, n) for n in range(1, self.number + 1)]

    def back(self, count: int) -> list["Period"]:
        """Return the `count` periods ending with this one, oldest first (13 for a sparkline)."""
        periods = [self]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        return periods[::-1]

    def contains(self, other: "Period") -> bool:
        """Return whether `other` (of any frequency) lies within this period."""
        return self.start <= other.start and other.end <= self.end


def periods_of_year(frequency: str, year: int) -> list[Period]:
    """Return every period of `frequency` in financial year `year`, in order."""
    return [Period(frequency, year, n) for n in range(1, PERIODS_IN_YEAR[frequency] + 1)]


def _month_start(year: int, month_index: int) -> date:
    """Return the first day of month `month_index` (0 = April) of financial year `year`."""
    calendar_month = (month_index + 3) % 12 + 1
    return date(year + (1 if month_index >= 9 else 0), calendar_month, 1)


# Working days ---------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share their bank holidays; the package lists them (and substitute days).
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    """Return whether `day` is a working day: a weekday that is not a bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_days_after(day: date, count: int) -> date:
    """Return the date `count` working days after `day` (0 returns `day` itself).

    E.g. 10 working days after 31 March 2025 is 14 April 2025.
    """
    current = day
    remaining = count
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


@lru_cache(maxsize=1024)
def due_date(period: Period, working_days: int) -> date:
    """Return the day a period's figure is due: `working_days` working days after it ends."""
    return working_days_after(period.end, working_days)
