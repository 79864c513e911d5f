"""Property-based tests (Hypothesis) for the one reader of numbers, ids and periods: whatever
the text, the answer is a value that fits or a ParseError, never another exception."""

import calendar
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.parsing import MAX_ID, ParseError, parse_decimal, parse_id, parse_int
from indicators.periods import MAX_YEAR, MIN_YEAR, PERIODS_IN_YEAR, Period

FAST = settings(max_examples=150, deadline=None)
LIMIT = Decimal(10) ** 14  # digits before the point of the 18,4 figure and target columns

storable = st.decimals(
    min_value=-(LIMIT - 1), max_value=LIMIT - 1, places=4, allow_nan=False, allow_infinity=False
)
# Digits that int() and Decimal() read but nobody here means: every Unicode decimal digit
# outside ASCII, and superscripts/other digits that isdigit() accepts.
foreign_digit = st.characters(categories=["Nd", "No"]).filter(lambda c: not c.isascii())


@FAST
@given(st.text(max_size=60))
def test_any_text_is_a_storable_number_or_a_parse_error(text):
    try:
        number = parse_decimal(text, "Value")
    except ParseError as exc:
        assert str(exc)
        return
    assert number is None or (number.is_finite() and abs(number) < LIMIT)


@FAST
@given(storable)
def test_a_number_written_plainly_or_with_thousands_reads_back_the_same(number):
    assert parse_decimal(str(number), "Value") == number
    assert parse_decimal(f"{number:,}", "Value") == number
    assert parse_decimal(f"{number:f}%", "Value") == number


@FAST
@given(storable, foreign_digit, st.integers(min_value=0, max_value=30))
def test_a_digit_that_is_not_ascii_anywhere_makes_it_not_a_number(number, digit, where):
    text = str(number)
    where = min(where, len(text))
    with pytest.raises(ParseError):
        parse_decimal(text[:where] + digit + text[where:], "Value")


@FAST
@given(st.from_regex(r"[1-9][0-9]{0,8}(,[0-9]{1,4}){1,3}", fullmatch=True))
def test_commas_are_accepted_only_between_groups_of_three(text):
    groups = text.split(",")
    grouped = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    if grouped:
        assert parse_decimal(text, "Value") == Decimal(text.replace(",", ""))
    else:
        with pytest.raises(ParseError):
            parse_decimal(text, "Value")


@FAST
@given(st.integers(min_value=0, max_value=8), st.integers(min_value=0, max_value=4))
def test_the_column_decides_what_fits(whole_digits, places):
    number = Decimal(10) ** whole_digits - 1  # the largest whole number of that many digits
    field_digits = whole_digits + places
    assume(field_digits > 0)
    assert parse_decimal(str(number), max_digits=field_digits, decimal_places=places) == number
    with pytest.raises(ParseError, match="too large"):
        parse_decimal(str(number + 1), max_digits=field_digits, decimal_places=places)


@FAST
@given(st.integers(min_value=-(2**70), max_value=2**70))
def test_whole_numbers_read_back_and_ids_are_positive_and_storable(number):
    assert parse_int(str(number)) == number
    if 1 <= number <= MAX_ID:
        assert parse_id(str(number)) == number
    else:
        with pytest.raises(ParseError):
            parse_id(str(number))


@FAST
@given(st.text(max_size=40))
def test_any_text_is_an_id_or_a_parse_error(text):
    try:
        value = parse_id(text)
    except ParseError:
        return
    assert value is None or 1 <= value <= MAX_ID


periods = st.sampled_from(sorted(PERIODS_IN_YEAR)).flatmap(
    lambda frequency: st.builds(
        Period,
        st.just(frequency),
        st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR - 1),
        st.integers(min_value=1, max_value=PERIODS_IN_YEAR[frequency]),
    )
)


@FAST
@given(periods)
def test_a_period_reads_back_from_every_way_pages_show_it(period):
    for text in (period.label, period.long_label, period.label.lower(), f"  {period.label} "):
        assert Period.parse(text) == period
    if period.frequency == "quarterly":
        fy = period.fy_label
        for text in (f"Q{period.number} {fy}", f"{fy}Q{period.number}", f"{fy} q{period.number}"):
            assert Period.parse(text) == period


@FAST
@given(st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR), st.integers(1, 12), st.booleans())
def test_a_month_named_in_words_is_that_month(year, month, short):
    name = calendar.month_abbr[month] if short else calendar.month_name[month]
    period = Period.parse(f"{name} {year}")
    assert (period.frequency, period.start.year, period.start.month) == ("monthly", year, month)


@FAST
@given(st.text(max_size=80))
def test_any_text_is_a_period_or_a_parse_error_with_a_message(text):
    try:
        Period.parse(text)
    except ParseError as exc:
        assert str(exc) and len(str(exc)) < 250
