"""How numbers read on every page, export, PDF and message: the one home of that rule.

Decimals from the database or arithmetic may be normalised (Decimal("150.00").normalize() is
1.5E+2, and str() of that is "1.5E+2"); these functions always write digits as people do.
"""

from decimal import Decimal

from django.contrib.auth.models import User

from indicators.choices import Unit
from indicators.models import Indicator

NO_VALUE = "–"


def plain_number(value: Decimal | int | float) -> str:
    """Return `value` as people write it: '150', '96.5', '0.0001'; never exponent notation,
    no trailing zeros after the point."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# How each unit is written beside a number; units not listed are written as the bare number.
UNIT_SUFFIX: dict[str, str] = {Unit.PERCENTAGE: "%", Unit.CURRENCY: "£", Unit.DAYS: "days"}


def unit_suffix(unit: str) -> str:
    """Return the sign a unit is shown with ('%', '£', 'days'), '' for a bare number."""
    return UNIT_SUFFIX.get(unit, "")


def with_suffix(text: str, suffix: str) -> str:
    """Return a number's text with a unit's sign: '85.2%', '£1,250', '12 days'."""
    if not suffix:
        return text
    if suffix == "%":
        return f"{text}%"
    if suffix == "£":
        return f"£{text}"
    return f"{text} {suffix}"


def unit_text(text: str, unit: str) -> str:
    """Return a number's text with the unit's sign: '85.2%', '£1,250', '12 days'."""
    return with_suffix(text, unit_suffix(unit))


def grouped(value: Decimal | int | float, places: int) -> str:
    """Return the number rounded to `places` decimals with thousands separators: '1,204.5'.
    Worked in Decimal, so a page, a chart and a PDF round a figure alike."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{number:,.{max(places, 0)}f}"


def format_figure(value: Decimal | int | float | str | None, indicator: Indicator) -> str:
    """Return a value as the indicator shows it, with its decimal places, thousands
    separators and unit: '85.2%', '£1,250', '12.0 days', '1,204'; '–' when there is none."""
    if value is None or value == "":
        return NO_VALUE
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return unit_text(grouped(number, indicator.decimal_places), indicator.unit)


def person_name(user: User | None, *, none: str = "") -> str:
    """Return how a person is named on every page, export and e-mail: their full name, else
    their username; `none` when there is no one."""
    if user is None:
        return none
    return str(user.get_full_name() or user.get_username())


def format_money(
    value: Decimal | int | float | str | None, *, short: bool = False, places: int = 0
) -> str:
    """Return pounds with thousands separators: '£1,234,567', '-£12,500' (`places` of pence:
    '£2,172.18'); with `short`, in thousands where space is short: '£1,235k' (under £1k:
    '£0.5k'). '–' for none."""
    if value is None or value == "":
        return NO_VALUE
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    sign = "-" if number < 0 else ""
    number = abs(number)
    if short:
        thousands = number / 1000
        places = 1 if 0 < thousands < 1 else 0
        text = f"{thousands:,.{places}f}k"
        if text in ("0k", "0.0k"):
            sign = ""
    else:
        text = f"{number:,.{places}f}"
        if not number.quantize(Decimal(1).scaleb(-places)):
            sign = ""
    return f"{sign}£{text}"


def format_variance(variance: Decimal | None, *, short: bool = False) -> str:
    """Return a budget variance in words: '£300,000 over', '£100,000 under', 'On budget'."""
    if variance is None:
        return NO_VALUE
    if not variance:
        return "On budget"
    side = "over" if variance > 0 else "under"
    return f"{format_money(abs(variance), short=short)} {side}"
