"""Where the money stands at a period, rolled up from lines to service, directorate and council.

Each line's position is its latest figure at or before the period's end in the period's
financial year. Totals are summed up the organisation tree and every level is judged by the
one variance rule, indicators.rag.variance_rag, with the council's tolerances. A fixed number
of queries, however many lines and units there are; worked out once per change and kept in
the shared cache (core.cached) for the dashboards, finance pages and packs that read it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from core import cached
from core.models import CouncilSettings, OrgUnit
from finance.models import BudgetFigure, BudgetLine
from indicators.choices import Rag
from indicators.periods import Period
from indicators.rag import HUNDRED, ZERO, VarianceTolerance, variance_rag

OVERSPEND, UNDERSPEND, ON_BUDGET = "Overspend", "Underspend", "On budget"
# Everything a position is worked out from: a change to any of their rows changes its key.
POSITION_READS = (BudgetLine, BudgetFigure, OrgUnit, CouncilSettings)


def council_tolerance(council: CouncilSettings | None = None) -> VarianceTolerance:
    """Return the council's budget tolerances as the variance rule takes them."""
    council = council or CouncilSettings.load()
    return VarianceTolerance(
        green_pct=council.finance_green_pct,
        green_amount=council.finance_green_amount,
        amber_pct=council.finance_amber_pct,
        adverse=council.finance_adverse,
    )


@dataclass
class Position:
    """Money of one line or the sum of many: budgets, spend to date and forecast outturn."""

    original: Decimal = ZERO
    budget: Decimal = ZERO  # the current (revised) budget
    actual: Decimal = ZERO
    forecast: Decimal = ZERO
    lines: int = 0
    unforecast: int = 0  # lines with no figure yet, counted at their budget

    def add(self, other: "Position") -> None:
        self.original += other.original
        self.budget += other.budget
        self.actual += other.actual
        self.forecast += other.forecast
        self.lines += other.lines
        self.unforecast += other.unforecast

    @property
    def variance(self) -> Decimal:
        """Forecast outturn less current budget: positive is an overspend."""
        return self.forecast - self.budget

    @property
    def variance_pct(self) -> Decimal | None:
        """The variance as a percentage of the current budget; None for a zero budget."""
        if not self.budget:
            return None
        pct = (self.variance * HUNDRED / abs(self.budget)).quantize(Decimal("0.1"))
        return pct.copy_abs() if pct.is_zero() else pct  # never "-0.0"

    @property
    def side(self) -> str:
        if self.variance > 0:
            return OVERSPEND
        return UNDERSPEND if self.variance < 0 else ON_BUDGET


@dataclass
class LineRow:
    line: BudgetLine
    figure: BudgetFigure | None
    position: Position
    rag: str


@dataclass
class UnitRow:
    unit: OrgUnit
    position: Position = field(default_factory=Position)
    rag: str = Rag.MISSING
    lines: list[LineRow] = field(default_factory=list)  # the unit's own lines
    children: list["UnitRow"] = field(default_factory=list)


@dataclass
class FinancePosition:
    """The roll-up at a period: `root` is the council (or the unit asked for)."""

    period: Period
    root: UnitRow | None
    by_unit: dict[int, UnitRow]
    tolerance: VarianceTolerance
    as_at: Period | None  # the latest period any figure counted is for

    def row(self, unit: OrgUnit) -> UnitRow | None:
        return self.by_unit.get(unit.pk)

    def directorates(self) -> list[UnitRow]:
        return sorted(
            (r for r in self.by_unit.values() if r.unit.kind == "directorate"),
            key=lambda r: r.unit.name,
        )

    def services(self) -> list[UnitRow]:
        """Return the services in the tree's order: by directorate, then by name."""
        return sorted(
            (r for r in self.by_unit.values() if r.unit.kind == "service"), key=self._tree_key
        )

    def _tree_key(self, row: UnitRow) -> tuple[str, ...]:
        # The names from the root down: a path of ids sorts "/10/" before "/9/" as text.
        return tuple(
            self.by_unit[pk].unit.name for pk in row.unit.ancestor_ids() if pk in self.by_unit
        )

    def all_lines(self) -> list[LineRow]:
        return [line for row in self.by_unit.values() for line in row.lines]

    def largest_overspends(self, count: int = 10) -> list[LineRow]:
        """Return the lines forecast furthest over budget, largest first."""
        over = [row for row in self.all_lines() if row.position.variance > 0]
        over.sort(key=lambda row: (-row.position.variance, row.line.name))
        return over[:count]


def finance_position(
    *,
    period: Period,
    within: OrgUnit | None = None,
    capital: bool = False,
    council: CouncilSettings | None = None,
) -> FinancePosition:
    """Return the revenue (or, with `capital`, the capital) position at `period`, within a
    unit's subtree or the whole council. `root` is None when there are no lines at all.

    Shared with other readers (the shared cache): read it, do not change it. With `council`
    given (settings not yet saved), worked out afresh.
    """
    if council is not None:
        return _finance_position(period, within, capital, council)
    key = (
        f"gt:finance:position:v1:{cached.marks(POSITION_READS)}:"
        f"{period.label.replace(' ', '_')}:{within.pk if within else 'all'}:{capital}"
    )
    return cached.remembered(key, lambda: _finance_position(period, within, capital, None))


def _finance_position(
    period: Period, within: OrgUnit | None, capital: bool, council: CouncilSettings | None
) -> FinancePosition:
    tolerance = council_tolerance(council)
    lines = BudgetLine.objects.filter(year=period.year, is_capital=capital).select_related("unit")
    if within is not None:
        lines = lines.filter(unit__path__startswith=within.path)
    # Each line's latest figure at the period's end, chosen in the database: a year's lines
    # carry a figure a month, and only the last one counts.
    latest_of_line = (
        BudgetFigure.objects.filter(line=OuterRef("pk"), period_end__lte=period.end)
        .order_by("-period_end", "-pk")
        .values("pk")[:1]
    )
    line_list = list(lines.annotate(latest_figure=Subquery(latest_of_line)))
    chosen = [line.latest_figure for line in line_list if line.latest_figure]
    latest = {found.line_id: found for found in BudgetFigure.objects.filter(pk__in=chosen)}
    ancestor_ids = {pk for line in line_list for pk in line.unit.ancestor_ids()}
    units = {
        unit.pk: unit
        for unit in OrgUnit.objects.filter(pk__in=ancestor_ids)
        if within is None or unit.path.startswith(within.path)
    }
    by_unit = {pk: UnitRow(unit) for pk, unit in units.items()}
    as_at = None
    for line in line_list:
        figure = latest.get(line.pk)
        position = _line_position(line, figure)
        if figure is not None:
            figure.line = line
            as_at = max(as_at, figure.period) if as_at else figure.period
        rag = (
            variance_rag(figure.forecast, line.current_budget, tolerance) if figure else Rag.MISSING
        )
        by_unit[line.unit_id].lines.append(LineRow(line, figure, position, rag))
        for pk in line.unit.ancestor_ids():
            if pk in by_unit:
                by_unit[pk].position.add(position)
    root = None
    for row in sorted(by_unit.values(), key=lambda r: r.unit.path):
        row.rag = variance_rag(row.position.forecast, row.position.budget, tolerance)
        parent = by_unit.get(row.unit.parent_id)
        if parent is None:
            root = root or row
        else:
            parent.children.append(row)
    for row in by_unit.values():
        row.children.sort(key=lambda child: child.unit.name)
    return FinancePosition(period, root, by_unit, tolerance, as_at)


def _line_position(line: BudgetLine, figure: BudgetFigure | None) -> Position:
    if figure is None:
        return Position(
            original=line.original_budget,
            budget=line.current_budget,
            forecast=line.current_budget,
            lines=1,
            unforecast=1,
        )
    return Position(
        original=line.original_budget,
        budget=line.current_budget,
        actual=figure.actual,
        forecast=figure.forecast,
        lines=1,
    )


def latest_budget_period() -> Period | None:
    """Return the latest period any budget figure is for, or None before the first import."""
    figure = BudgetFigure.objects.select_related("line").order_by("-period_end").first()
    return figure.period if figure else None


def budget_periods() -> list[Period]:
    """Return every period some budget figure is for, latest first (one query)."""
    found = (
        BudgetFigure.objects.values_list("frequency", "line__year", "number").distinct().order_by()
    )
    return sorted({Period(f, y, n) for f, y, n in found}, key=lambda p: p.end, reverse=True)
