"""Checks on a figure before it is saved: valid numbers, plausibility, required commentary.

Plain functions over an indicator and the typed values, shared by the entry page, the
spreadsheet upload and the services (which re-check, so a forged POST cannot skip them).
Each returns messages keyed by the form field they belong beside.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from statistics import median

from core.parsing import fits_column
from indicators.choices import Rag, Unit
from indicators.formatting import plain_number
from indicators.models import Figure, Indicator
from indicators.parsing import ParseError, parse_decimal

HUNDRED = Decimal(100)
# Plausibility: a value further than K scaled MADs from the median of the last periods asks
# for confirmation. 1.4826 makes the MAD comparable to a standard deviation for normal data.
PLAUSIBILITY_K = Decimal(4)
MAD_SCALE = Decimal("1.4826")
PLAUSIBILITY_MIN_HISTORY = 6
PLAUSIBILITY_HISTORY = 12
# When the history is flat (MAD 0) a change of this share of the median still counts as normal.
FLAT_HISTORY_SHARE = Decimal("0.1")

VALUE_FIELDS = ("value", "numerator", "denominator")


@dataclass
class Checked:
    """The outcome of checking typed values: the numbers read, the figure's value, errors."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    errors: dict[str, str] = field(default_factory=dict)
    # What each error is (a Problem), for callers that word it their own way (the import).
    problems: dict[str, str] = field(default_factory=dict)
    # A ratio's value worked out from its parts, even when a typed value disagrees with it.
    computed: Decimal | None = None

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.numerator is None and self.denominator is None

    def refuse(self, name: str, problem: str, message: str) -> None:
        self.errors[name] = message
        self.problems[name] = problem


class Problem:
    """What check_values refused, one per kind of error."""

    NOT_A_NUMBER = "not_a_number"
    RATIO_NEEDS_PARTS = "ratio_needs_parts"
    PART_MISSING = "part_missing"
    ZERO_DENOMINATOR = "zero_denominator"
    NEGATIVE_PART = "negative_part"
    TOO_LARGE = "too_large"
    MISMATCH = "mismatch"
    NEGATIVE = "negative"
    OVER_100 = "over_100"


def read_number(text: object, what: str) -> Decimal | None:
    """Return the number typed (commas, % and £ allowed), None when blank.

    Raises ParseError with a message for the user when it is not a number the figure's
    columns can hold (a Decimal given by an import is checked the same way).
    """
    return parse_decimal(text, what, field=Figure._meta.get_field("value"))


def check_values(
    indicator: Indicator, *, value: object, numerator: object = None, denominator: object = None
) -> Checked:
    """Return the figure's numbers read from what was typed, with any errors by field.

    Ratio indicators take a numerator and denominator (the value is computed); others take
    the value. Refused: non-numbers, a zero denominator, negatives where the indicator does not
    allow them, percentages outside 0-100 unless the indicator allows over 100.
    """
    checked = Checked()
    for name, text in (("value", value), ("numerator", numerator), ("denominator", denominator)):
        try:
            setattr(checked, name, read_number(text, name.capitalize()))
        except ParseError as exc:
            checked.refuse(name, Problem.NOT_A_NUMBER, f"{exc}. Type a number, e.g. 12 or 12.5.")
    if checked.errors:
        return checked
    if indicator.uses_ratio:
        _check_ratio(indicator, checked)
    else:
        checked.numerator = checked.denominator = None
    if checked.value is not None and not checked.errors:
        where = "numerator" if indicator.uses_ratio else "value"
        _check_range(indicator, checked.value, where, checked)
    return checked


def _check_ratio(indicator: Indicator, checked: Checked) -> None:
    numerator, denominator = checked.numerator, checked.denominator
    typed_value = checked.value
    if numerator is None and denominator is None:
        checked.value = None
        if typed_value is not None:
            # A value alone cannot be a ratio's figure: keeping it would be a figure without
            # its parts, dropping it silently loses what was typed (a spreadsheet row).
            checked.refuse(
                "value",
                Problem.RATIO_NEEDS_PARTS,
                f"{indicator.code} is a ratio measure: give its numerator and denominator "
                "(the value is worked out from them).",
            )
        return
    if numerator is None:
        checked.refuse(
            "numerator", Problem.PART_MISSING, "Enter the numerator as well as the denominator."
        )
    if denominator is None:
        checked.refuse(
            "denominator", Problem.PART_MISSING, "Enter the denominator as well as the numerator."
        )
    elif denominator == 0:
        checked.refuse(
            "denominator",
            Problem.ZERO_DENOMINATOR,
            "The denominator cannot be 0: there is nothing to divide by.",
        )
    elif denominator < 0 and not indicator.allow_negative:
        checked.refuse(
            "denominator",
            Problem.NEGATIVE_PART,
            "The denominator cannot be negative for this indicator.",
        )
    if numerator is not None and numerator < 0 and not indicator.allow_negative:
        checked.refuse(
            "numerator",
            Problem.NEGATIVE_PART,
            "The numerator cannot be negative for this indicator.",
        )
    if checked.errors:
        checked.value = None
        return
    value = numerator / denominator * indicator.multiplier
    if not fits_column(value, Figure._meta.get_field("value")):
        checked.refuse(
            "numerator",
            Problem.TOO_LARGE,
            "The numerator divided by the denominator is too large to store: check both.",
        )
        checked.value = None
        return
    checked.computed = value
    # A value typed beside the parts must agree with them to the places the PI shows.
    if typed_value is not None:
        shown = Decimal(10) ** -indicator.decimal_places
        if abs(typed_value - value) > shown / 2:
            try:
                computed = value.quantize(shown)
            except InvalidOperation:  # too many digits to show at that precision
                computed = value
            checked.refuse(
                "value",
                Problem.MISMATCH,
                f"The value {typed_value} does not match numerator / denominator ({computed}): "
                "leave the value blank to have it worked out.",
            )
            checked.value = None
            return
    checked.value = value


def _check_range(indicator: Indicator, value: Decimal, where: str, checked: Checked) -> None:
    if value < 0 and not indicator.allow_negative:
        checked.refuse(where, Problem.NEGATIVE, "This indicator cannot be negative.")
    elif indicator.unit == Unit.PERCENTAGE and not indicator.allow_over_100 and value > HUNDRED:
        shown = plain_number(value.quantize(Decimal("0.01")))
        checked.refuse(
            where,
            Problem.OVER_100,
            f"A percentage must be between 0 and 100 (this gives {shown}%).",
        )


def plausible_range(history: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
    """Return (low, high): the range of usual values given the last periods' values.

    The range is the median plus or minus K scaled median absolute deviations, robust to an
    odd past value. Returns None when there are fewer than PLAUSIBILITY_MIN_HISTORY values
    (too little history to judge).
    """
    values = [v for v in history if v is not None][-PLAUSIBILITY_HISTORY:]
    if len(values) < PLAUSIBILITY_MIN_HISTORY:
        return None
    middle = Decimal(median(values))
    mad = Decimal(median(abs(v - middle) for v in values)) * MAD_SCALE
    spread = PLAUSIBILITY_K * mad
    if spread == 0:
        spread = abs(middle) * FLAT_HISTORY_SHARE or Decimal(1)
    return middle - spread, middle + spread


def is_implausible(value: Decimal | None, history: Sequence[Decimal]) -> bool:
    """Return whether `value` lies outside the plausible range of its history."""
    if value is None:
        return False
    bounds = plausible_range(history)
    return bounds is not None and not bounds[0] <= value <= bounds[1]


def check_explanations(
    *,
    rag: str | None,
    commentary: str,
    corrective_action: str,
    implausible: bool,
    confirmed: bool,
    explanation: str,
) -> dict[str, str]:
    """Return errors for what a submitted figure must explain, keyed by field.

    Red and Amber figures need a commentary; Red ones a corrective action; a value outside
    its usual range must be confirmed and explained.
    """
    errors = {}
    if rag in (Rag.RED, Rag.AMBER) and not commentary.strip():
        errors["commentary"] = f"This figure is {Rag(rag).label}: say why in the commentary."
    if rag == Rag.RED and not corrective_action.strip():
        errors["corrective_action"] = "This figure is Red: say what is being done about it."
    if implausible:
        if not confirmed:
            errors["plausibility_confirmed"] = (
                "This value is far outside the usual range: tick to confirm it is right."
            )
        if not explanation.strip():
            errors["plausibility_explanation"] = "Explain why the value is so different."
    return errors
