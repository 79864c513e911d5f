"""Writes to the PI register that go beyond one form's save."""

from decimal import Decimal

from django.db import transaction

from indicators.choices import Polarity, ToleranceKind
from indicators.models import Indicator, Target


def target_problems(
    indicator: Indicator,
    *,
    annual_target: Decimal | None,
    floor: Decimal | None,
    band_low: Decimal | None,
    band_high: Decimal | None,
) -> list[tuple[str, str]]:
    """Return (field, message) for each way a year's targets contradict the indicator's rules.

    Empty when they are consistent. Shared by the targets page and the targets import.
    """
    problems = []
    polarity = indicator.polarity
    if indicator.tolerance_kind == ToleranceKind.FLOOR and annual_target is not None:
        if floor is None:
            problems.append(("floor", "the tolerance is a floor standard, so give the floor"))
        elif polarity == Polarity.HIGHER and floor > annual_target:
            problems.append(("floor", "higher is better, so the floor must not exceed the target"))
        elif polarity == Polarity.LOWER and floor < annual_target:
            problems.append(("floor", "lower is better, so the floor must not be below the target"))
    if band_low is not None and band_high is not None and band_low > band_high:
        problems.append(("band_high", "the top of the band must not be below its bottom"))
    if polarity == Polarity.BAND and (band_low is None) != (band_high is None):
        problems.append(("band_high", "give both ends of the target band, or neither"))
    return problems


@transaction.atomic
def target_save(
    *,
    indicator: Indicator,
    year: int,
    annual_target: Decimal | None,
    baseline: Decimal | None = None,
    floor: Decimal | None = None,
    band_low: Decimal | None = None,
    band_high: Decimal | None = None,
    profile: list[str] | None = None,
) -> Target:
    """Create or replace the indicator's targets for `year`; returns the saved Target.

    The change is kept in the target's history (who and when come from the request).
    """
    target, _created = Target.objects.select_for_update().get_or_create(
        indicator=indicator, year=year
    )
    target.annual_target = annual_target
    target.baseline = baseline
    target.floor = floor
    target.band_low = band_low
    target.band_high = band_high
    target.profile = list(profile or [])
    target.save()
    return target
