"""Value for money: a budget line's spend to date divided by its linked PI's year-to-date
value, for the same period: a unit cost (e.g. cost per household collection).

A lower unit cost is better, so the direction of travel is the PI rules' own with 'lower is
better' (indicators.rag.direction). Fixed queries however many PIs are linked.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finance.models import BudgetFigure, UnitCostLink
from indicators.assessment import assess_indicators, indicator_history
from indicators.choices import Polarity
from indicators.periods import Period
from indicators.rag import direction

PENCE = Decimal("0.01")


@dataclass
class UnitCost:
    period: Period
    spend: Decimal | None
    quantity: Decimal | None
    cost: Decimal | None


@dataclass
class ValueRow:
    link: UnitCostLink
    now: UnitCost
    last_year: UnitCost
    direction: str | None

    @property
    def change(self) -> Decimal | None:
        """The unit cost's change on the same period last year, in pounds."""
        if self.now.cost is None or self.last_year.cost is None:
            return None
        return self.now.cost - self.last_year.cost


class _Spend:
    """Spend to date of the linked lines, looked up by link and date (one query)."""

    def __init__(self, links: list[UnitCostLink], years: set[int]) -> None:
        self.by_key: dict[tuple, list[tuple[date, Decimal]]] = defaultdict(list)
        units = {link.unit_id for link in links}
        names = {link.line_name.lower() for link in links}
        figures = (
            BudgetFigure.objects.filter(
                line__unit_id__in=units, line__year__in=years, line__is_capital=False
            )
            .values_list("line__unit_id", "line__name", "line__year", "period_end", "actual")
            .order_by("period_end")
        )
        for unit_id, name, year, end, actual in figures:
            if name.lower() in names:
                self.by_key[(unit_id, name.lower(), year)].append((end, actual))

    def at(self, link: UnitCostLink, period: Period) -> Decimal | None:
        """Return the line's spend to date at the end of `period` (its latest figure then)."""
        spend = None
        for end, actual in self.by_key.get((link.unit_id, link.line_name.lower(), period.year), []):
            if end <= period.end:
                spend = actual
        return spend


def unit_cost(spend: Decimal | None, quantity: Decimal | None) -> Decimal | None:
    """Return spend / quantity to the penny; None without both or for a zero quantity."""
    if spend is None or not quantity:
        return None
    return (spend / quantity).quantize(PENCE)


def value_for_money_rows(period: Period, *, today: date | None = None) -> list[ValueRow]:
    """Return each linked PI's unit cost at `period` and at the same period last year."""
    links = list(UnitCostLink.objects.select_related("indicator", "unit").order_by("unit__path"))
    if not links:
        return []
    indicators = [link.indicator for link in links]
    now = {a.indicator.pk: a for a in assess_indicators(indicators, period, today=today)}
    before = {
        a.indicator.pk: a
        for a in assess_indicators(indicators, period.same_period_last_year(), today=today)
    }
    spend = _Spend(links, {period.year, period.year - 1})
    rows = []
    for link in links:
        current = _cost(link, now[link.indicator.pk], spend)
        previous = _cost(link, before[link.indicator.pk], spend)
        trend = direction(current.cost, previous.cost, Polarity.LOWER)
        rows.append(ValueRow(link, current, previous, trend))
    return rows


def unit_cost_trend(link: UnitCostLink, period: Period, *, today: date | None = None):
    """Return (this year's unit costs period by period up to the indicator's own period at
    `period`, the same periods last year) for the PI page's chart."""
    indicator = link.indicator
    own = Period.latest_for(indicator.frequency, period)
    periods = own.year_to_date()
    last_year = [p.same_period_last_year() for p in periods]
    history = indicator_history(indicator, periods + last_year, today=today)
    spend = _Spend([link], {own.year, own.year - 1})
    costs = [_cost(link, a, spend) for a in history]
    return costs[: len(periods)], costs[len(periods) :]


def _cost(link: UnitCostLink, assessment, spend: _Spend) -> UnitCost:
    amount = spend.at(link, assessment.period)
    # Without the period's own figure the year to date stops at an earlier period: dividing
    # this period's spend by it would overstate the cost.
    quantity = assessment.ytd_value if assessment.value is not None else None
    return UnitCost(assessment.period, amount, quantity, unit_cost(amount, quantity))
