"""Reading typed or imported values: numbers, financial years, yes/no, target profiles.

Forms and importers share these so that a value typed on a page and the same value in a
spreadsheet are accepted or refused alike, with the same explanation.
"""

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from indicators.periods import PERIODS_IN_YEAR

TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}
MAX_DIGITS_BEFORE_POINT = 14  # the model's DecimalFields hold 18 digits, 4 after the point


class ParseError(ValueError):
    """A value that cannot be read; the message says why, in the user's terms."""


def parse_decimal(text: str | None, what: str = "value") -> Decimal | None:
    """Return the number in `text` (commas, '%' and '£' allowed), None when blank.

    Raises ParseError for anything that is not a finite number of a size we can store.
    """
    if text is None:
        return None
    cleaned = str(text).strip().replace(",", "").replace("£", "").rstrip("%").strip()
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ParseError(f"{what} '{text}' is not a number") from exc
    if not number.is_finite():
        raise ParseError(f"{what} '{text}' is not a number")
    if abs(number) >= Decimal(10) ** MAX_DIGITS_BEFORE_POINT:
        raise ParseError(f"{what} '{text}' is too large")
    return number.quantize(Decimal("0.0001")) if number.as_tuple().exponent < -4 else number


def parse_bool(text: str | None, what: str) -> bool:
    """Return True/False for yes/no, true/false, 1/0, y/n (blank is False)."""
    word = str(text or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ParseError(f"{what} '{text}' should be yes or no")


def parse_profile(values: Sequence[str], frequency: str) -> list[str]:
    """Return a per-period target profile as decimal strings, or [] when every value is blank.

    A monthly indicator needs 12 values (April to March), a quarterly one 4 (Q1 to Q4); an
    annual indicator has no profile. Raises ParseError saying which value is wrong.
    """
    if not any(str(v or "").strip() for v in values):
        return []
    wanted = PERIODS_IN_YEAR.get(frequency, 1)
    if wanted == 1:
        raise ParseError("an annual indicator has no per-period profile; leave it blank")
    filled = list(values)
    while filled and not str(filled[-1] or "").strip():
        filled.pop()
    if len(filled) != wanted:
        kind = "12 monthly values (April to March)" if wanted == 12 else "4 quarterly values"
        raise ParseError(f"the profile needs {kind}; {len(filled)} given")
    profile = []
    for index, value in enumerate(filled, start=1):
        if not str(value or "").strip():
            raise ParseError(f"the profile's value for period {index} is blank")
        number = parse_decimal(value, f"profile value for period {index}")
        profile.append(str(number))
    return profile


def split_profile(text: str) -> list[str]:
    """Return the values of a profile typed as one line, separated by commas, spaces or tabs.

    Commas separate values here, so thousands separators cannot be used in a typed profile.
    """
    return [part for part in re.split(r"[\s,;]+", text.strip()) if part]
