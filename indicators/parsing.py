"""Reading typed or imported values: numbers, financial years, yes/no, target profiles.

Numbers are read by core.parsing.parse_decimal (re-exported here for the importers).

Forms and importers share these so that a value typed on a page and the same value in a
spreadsheet are accepted or refused alike, with the same explanation.
"""

import re
from collections.abc import Sequence

from core.parsing import ParseError, parse_decimal
from indicators.periods import PERIODS_IN_YEAR

__all__ = ["ParseError", "parse_bool", "parse_decimal", "parse_profile", "split_profile"]

TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


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
