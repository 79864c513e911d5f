"""Reading numbers and ids from requests and spreadsheets: the one place each is parsed.

Every view, form, filter and import reads whole numbers, ids and decimals through these, so
the next page cannot forget a check. What is accepted is what a person writes in the UK:
ASCII digits only (Python's int() and Decimal() also take '²', '١٢٣' or '１２３', which are not
numbers anyone means here), and commas only where they group thousands ('1,234' but not
'1,2,3'). Decimals are checked against the database column they go into, so a value that
passes here can always be stored.

Periods have their own parser, indicators.periods.Period.parse.
"""

import re
from decimal import Decimal, InvalidOperation

# The widest whole number any of our integer columns or ids hold (BigAutoField, SQLite's
# INTEGER). Anything larger is not an id of ours, whatever the database.
MAX_ID = 2**63 - 1

# The Figure/Target columns (max_digits=18, decimal_places=4): the default precision.
DEFAULT_MAX_DIGITS = 18
DEFAULT_DECIMAL_PLACES = 4

_INTEGER_RE = re.compile(r"[+-]?[0-9]+", re.ASCII)
# Digits with an optional fraction, commas only between groups of three, and an exponent as a
# spreadsheet writes a small float ('1e-05'). Exponents are bounded so no value is huge to build.
_DECIMAL_RE = re.compile(
    r"(?P<sign>[+-])?£?(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.(?P<fraction>[0-9]+))?"
    r"(?:[eE](?P<exponent>[+-]?[0-9]{1,3}))?",
    re.ASCII,
)


class ParseError(ValueError):
    """A value that cannot be read; the message says why, in the user's terms."""


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def parse_int(
    text: object, what: str = "number", *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """Return the whole number in `text` (ASCII digits, optional sign), None when blank.

    Raises ParseError when it is not a whole number or lies outside minimum..maximum.
    """
    cleaned = _text(text)
    if not cleaned:
        return None
    if len(cleaned) > 30 or not _INTEGER_RE.fullmatch(cleaned):
        raise ParseError(f"{what} '{_shown(text)}' is not a whole number")
    number = int(cleaned)
    if minimum is not None and number < minimum:
        raise ParseError(f"{what} '{_shown(text)}' is too small (the least is {minimum})")
    if maximum is not None and number > maximum:
        raise ParseError(f"{what} '{_shown(text)}' is too large (the most is {maximum})")
    return number


def parse_id(text: object, what: str = "id") -> int | None:
    """Return the id (a positive whole number a database key can hold) in `text`.

    None when blank; raises ParseError for anything else that is not an id.
    """
    cleaned = _text(text)
    if cleaned.startswith(("+", "-")):
        raise ParseError(f"{what} '{_shown(text)}' is not an id")
    try:
        return parse_int(cleaned, what, minimum=1, maximum=MAX_ID)
    except ParseError as exc:
        raise ParseError(f"{what} '{_shown(text)}' is not an id") from exc


def id_or_none(text: object) -> int | None:
    """Return the id in `text`, or None when it is blank or not an id (a forged value)."""
    try:
        return parse_id(text)
    except ParseError:
        return None


def ids_in(values) -> list[int]:
    """Return the ids among `values` (e.g. a POSTed list of ticked rows), dropping the rest."""
    return [number for number in (id_or_none(v) for v in values) if number is not None]


def parse_decimal(
    text: object,
    what: str = "value",
    *,
    field=None,
    max_digits: int | None = None,
    decimal_places: int | None = None,
) -> Decimal | None:
    """Return the number in `text` ('1,234.5', '£12', '96%' allowed), None when blank.

    The number must fit a decimal column of `max_digits` digits with `decimal_places` after
    the point, taken from the model `field` when given (default 18 and 4, the figures' and
    targets' columns); more decimal places than the column holds are rounded to it.
    Raises ParseError for anything that is not a finite number of a size the column can store.
    """
    if isinstance(text, Decimal):
        cleaned, number = str(text), text
        if not number.is_finite():
            raise ParseError(f"{what} '{text}' is not a number")
    else:
        cleaned = _text(text).removesuffix("%").strip()
        if not cleaned:
            return None
        number = _read_decimal(cleaned, text, what)
    if field is not None:
        max_digits = field.max_digits if max_digits is None else max_digits
        decimal_places = field.decimal_places if decimal_places is None else decimal_places
    max_digits = DEFAULT_MAX_DIGITS if max_digits is None else max_digits
    decimal_places = DEFAULT_DECIMAL_PLACES if decimal_places is None else decimal_places
    whole_digits = max_digits - decimal_places
    # Checked before rounding (a huge exponent cannot be rounded) and after (…99.99999 rounds
    # up to a digit more).
    limit = Decimal(10) ** whole_digits
    if abs(number) >= limit:
        raise ParseError(_too_large(what, text, whole_digits))
    if number.as_tuple().exponent < -decimal_places:
        number = number.quantize(Decimal(1).scaleb(-decimal_places))
        if abs(number) >= limit:
            raise ParseError(_too_large(what, text, whole_digits))
    return number


def fits_column(number: Decimal, field) -> bool:
    """Return whether `number` (rounded to the column's places) fits the model DecimalField."""
    limit = Decimal(10) ** (field.max_digits - field.decimal_places)
    if not number.is_finite() or abs(number) >= limit:
        return False
    return abs(number.quantize(Decimal(1).scaleb(-field.decimal_places))) < limit


def read_decimal(text: object, what: str = "value") -> Decimal | None:
    """Return the number written in `text` (as parse_decimal reads it) without checking its
    size, None when blank: for form fields, whose validators say how many digits may be used."""
    cleaned = _text(text).removesuffix("%").strip()
    return _read_decimal(cleaned, text, what) if cleaned else None


def _read_decimal(cleaned: str, text: object, what: str) -> Decimal:
    match = _DECIMAL_RE.fullmatch(cleaned) if len(cleaned) <= 100 else None
    if not match or (match["whole"] is None and match["fraction"] is None):
        if match is None and "," in cleaned and _DECIMAL_RE.fullmatch(cleaned.replace(",", "")):
            raise ParseError(
                f"{what} '{_shown(text)}' is not a number: commas may only separate "
                "thousands, e.g. 1,234"
            )
        raise ParseError(f"{what} '{_shown(text)}' is not a number")
    plain = f"{match['sign'] or ''}{(match['whole'] or '0').replace(',', '')}"
    if match["fraction"] is not None:
        plain += f".{match['fraction']}"
    if match["exponent"] is not None:
        plain += f"e{match['exponent']}"
    try:
        return Decimal(plain)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ParseError(f"{what} '{_shown(text)}' is not a number") from exc


def _too_large(what: str, text: object, whole_digits: int) -> str:
    return (
        f"{what} '{_shown(text)}' is too large (at most {whole_digits} digits before the "
        "decimal point)"
    )


def _shown(text: object, limit: int = 40) -> str:
    """Return the typed value for a message: stripped, cut if very long, NULs shown."""
    shown = _text(text).replace("\x00", "\\0")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
