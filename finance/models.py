"""Budgets beside performance: revenue (and capital) lines per unit and financial year, and
what the finance system reports for each period (spend to date, forecast outturn).

Money is Decimal, in pounds. The variance rule is indicators.rag.variance_rag; the roll-up
from service to directorate to council is finance.variance.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from core.models import OrgUnit
from indicators.models import Indicator
from indicators.periods import Period


class BudgetLine(models.Model):
    """One budget line (cost centre or line name) of a directorate or service for a year."""

    year = models.PositiveSmallIntegerField(
        help_text="Financial year by its start: 2025 = 2025/26."
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="budget_lines")
    name = models.CharField("line", max_length=200, help_text="Cost centre or line name.")
    original_budget = models.DecimalField(max_digits=14, decimal_places=2)
    current_budget = models.DecimalField(
        "current (revised) budget", max_digits=14, decimal_places=2
    )
    is_capital = models.BooleanField("capital scheme", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__path", "is_capital", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "name", "is_capital"], name="one_budget_line_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.name} {self.year}"


class BudgetFigure(models.Model):
    """A line's position at the end of a period (a month or a quarter, as exported)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="figures")
    frequency = models.CharField(max_length=10)  # monthly or quarterly (indicators.periods)
    number = models.PositiveSmallIntegerField()
    # Kept so that "the latest position at a date" is one indexed comparison.
    period_end = models.DateField(editable=False)
    actual = models.DecimalField("actual to date", max_digits=14, decimal_places=2)
    forecast = models.DecimalField("forecast outturn", max_digits=14, decimal_places=2)
    commentary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["line", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["line", "frequency", "number"], name="one_budget_figure_per_period"
            )
        ]
        indexes = [models.Index(fields=["period_end"])]

    def __str__(self) -> str:
        return f"{self.line} {self.period.label}"

    def save(self, *args, **kwargs) -> None:
        self.period_end = Period(self.frequency, self.line.year, self.number).end
        super().save(*args, **kwargs)

    @property
    def period(self) -> Period:
        return Period(self.frequency, self.line.year, self.number)


class UnitCostLink(models.Model):
    """A PI whose value divides a budget line's spend: a unit cost (value for money).

    The line is named by unit and line name, not by one year's row, so the link holds from
    year to year and last year's unit cost can be compared.
    """

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="unit_cost_link"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    line_name = models.CharField("budget line", max_length=200)
    label = models.CharField(
        max_length=100, blank=True, help_text="What one unit is, e.g. 'household collection'."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__code"]

    def __str__(self) -> str:
        return f"Cost per {self.label or self.indicator.title}"
