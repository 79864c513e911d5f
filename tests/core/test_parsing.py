"""The one reader of numbers and ids: ASCII digits, thousands separators where they group
thousands, and nothing a database column cannot hold."""

from decimal import Decimal

import pytest

from indicators.models import Figure, Indicator
from indicators.parsing import ParseError, parse_decimal

UNICODE_DIGITS = [
    "\u0661\u0662\u0663",  # Arabic-Indic 123
    "\uff11\uff12\uff13",  # full-width 123
    "\U0001d7d3",  # mathematical bold 5
    "\u00b2",  # superscript two: isdigit() says yes, int() says no
    "1\u00b2",
    "\u0967\u0968",  # Devanagari 12
]


@pytest.mark.parametrize("text", UNICODE_DIGITS)
def test_only_ascii_digits_are_numbers(text):
    with pytest.raises(ParseError, match="is not a number"):
        parse_decimal(text, "Value")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", Decimal("1234")),
        ("1,234,567.5", Decimal("1234567.5")),
        ("-12,345.25", Decimal("-12345.25")),
        ("£1,250", Decimal("1250")),
        ("96%", Decimal("96")),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("12", Decimal("12")),
        ("1e-05", Decimal("0.0000")),  # a small float as a spreadsheet writes it
    ],
)
def test_numbers_are_read_as_people_write_them(text, expected):
    number = parse_decimal(text, "Value")
    assert number == expected
    assert str(number) == str(expected)  # '12' stays '12', not '12.0'


@pytest.mark.parametrize("text", ["1,2,3", "12,34", "1,23", "1234,567", ",123", "1,,234", "1,234,"])
def test_commas_must_group_thousands(text):
    with pytest.raises(ParseError, match="is not a number"):
        parse_decimal(text, "Value")


@pytest.mark.parametrize(
    "text", ["NaN", "nan", "Infinity", "-inf", "sNaN", "1e", "e5", "--1", "1.2.3", "0x10", "1_000"]
)
def test_non_numbers_are_refused(text):
    with pytest.raises(ParseError, match="is not a number"):
        parse_decimal(text, "Value")


def test_a_value_that_rounds_past_the_column_is_too_large():
    # 14 digits before the point pass; rounding to 4 places makes 15, which the column
    # (18 digits, 4 after the point) cannot hold.
    with pytest.raises(ParseError, match="too large"):
        parse_decimal("99999999999999.99999", "Value")
    assert parse_decimal("99999999999999.9999", "Value") == Decimal("99999999999999.9999")


def test_the_column_precision_comes_from_the_model_field():
    multiplier = Indicator._meta.get_field("multiplier")  # 12 digits, 4 after the point
    with pytest.raises(ParseError, match="at most 8 digits before"):
        parse_decimal("1e10", "multiplier", field=multiplier)
    assert parse_decimal("1000", "multiplier", field=multiplier) == Decimal(1000)
    value = Figure._meta.get_field("value")
    assert parse_decimal("1e10", "value", field=value) == Decimal("1e10")


def test_a_huge_exponent_is_too_large_not_a_crash():
    with pytest.raises(ParseError, match="too large"):
        parse_decimal("1e999", "Value")


def test_blank_is_none_and_the_message_names_what_was_typed():
    assert parse_decimal("  ", "Value") is None
    assert parse_decimal(None, "Value") is None
    with pytest.raises(ParseError, match="Value 'abc' is not a number"):
        parse_decimal("abc", "Value")


def test_a_very_long_value_is_refused_with_a_short_message():
    with pytest.raises(ParseError) as caught:
        parse_decimal("9" * 5000, "Value")
    assert len(str(caught.value)) < 200
