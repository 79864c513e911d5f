"""The RAG a figure would get, before it is saved: the entry page's live preview.

The rules are the engine's (indicators.assessment): the typed values are put in place of the
stored figure and the period assessed as usual, so the preview can never disagree with what
the reports will show once the figure is submitted.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.models import CouncilSettings
from indicators.assessment import Assessment, Basis, _assess, _load, _Row
from indicators.choices import FigureState
from indicators.models import Indicator
from indicators.periods import Period


@dataclass
class Typed:
    """The values typed for one indicator and period (None when left blank)."""

    indicator: Indicator
    period: Period
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def assess_typed(
    typed: Sequence[Typed], *, today: date | None = None, council: CouncilSettings | None = None
) -> list[Assessment]:
    """Return an Assessment per entry, in order, as if the typed values were submitted.

    Blank entries are assessed on the figures already submitted. Four or five queries
    whatever the number of entries.
    """
    periods: dict[int, set[Period]] = defaultdict(set)
    for entry in typed:
        periods[entry.indicator.pk].add(entry.period)
    context = _load(periods, full_figures=None, council=council, today=today)
    for entry in typed:
        if entry.value is None and entry.numerator is None:
            continue
        key = (entry.indicator.pk, entry.period.year, entry.period.number)
        context.rows[key] = _Row(
            entry.value, entry.numerator, entry.denominator, FigureState.SUBMITTED
        )
    return [_assess(e.indicator, e.period, context, Basis.SUBMITTED) for e in typed]
