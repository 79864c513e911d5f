"""The scale of a ratio indicator: value = numerator / denominator x multiplier.

One rule for the register form, the targets page and the imports: a percentage ratio is
x 100 unless told otherwise, and a multiplier that could never reach the percentage scale
or the indicator's targets is refused (96 out of 100 x 1 reads "1.0%", forever Red).
"""

from collections.abc import Iterable
from decimal import Decimal

from indicators.choices import Aggregation, Unit

HUNDRED = Decimal(100)


def default_multiplier(*, unit: str, aggregation: str) -> Decimal:
    """Return the multiplier a PI gets when none is given: 100 for a percentage ratio, else 1."""
    if aggregation == Aggregation.RATIO and unit == Unit.PERCENTAGE:
        return HUNDRED
    return Decimal(1)


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def scale_problem(
    *,
    unit: str,
    aggregation: str,
    multiplier: Decimal,
    allow_over_100: bool,
    targets: Iterable[Decimal | None] = (),
) -> str | None:
    """Return why a percentage ratio with this multiplier could never reach its scale or one
    of `targets` (a numerator never exceeds its denominator unless percentages over 100 are
    allowed), or None when it can. Other indicators have no such limit: None.
    """
    if aggregation != Aggregation.RATIO or unit != Unit.PERCENTAGE or allow_over_100:
        return None
    if multiplier < HUNDRED:
        return (
            f"a percentage worked out as numerator / denominator x {multiplier.normalize():f} "
            f"is at most {_percent(multiplier)} (96 out of 100 would read "
            f"{_percent(Decimal('0.96') * multiplier)}); use 100 for a percentage"
        )
    highest = max((t for t in targets if t is not None), default=None)
    if highest is not None and highest > multiplier:
        return (
            f"a percentage worked out as numerator / denominator x {multiplier.normalize():f} "
            f"is at most {_percent(multiplier)}, so it could never reach its target of "
            f"{_percent(highest)}; allow percentages over 100, or check the target"
        )
    return None
