"""The PI register: indicators, their yearly targets, figures per period, and period closure.

Periods are identified by (financial year, number): the year is the April-start year (2025 is
2025/26); the number is the month of the year (1 = April .. 12 = March), the quarter (1..4),
or 1 for an annual indicator. See indicators/periods.py.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from core.choices import UnitKind
from core.models import OrgUnit
from indicators.choices import (
    Aggregation,
    DataQualityRisk,
    FigureState,
    Frequency,
    IndicatorType,
    Polarity,
    ToleranceKind,
    Unit,
)
from indicators.querysets import IndicatorQuerySet, is_active_between

DECIMAL: dict[str, Any] = {"max_digits": 18, "decimal_places": 4}


class Indicator(models.Model):
    code = models.CharField(
        max_length=30, unique=True, help_text="National (e.g. NI 191) or local (e.g. LPI CS 04)."
    )
    title = models.CharField(max_length=300)
    description = models.TextField("plain-English description", blank=True)
    definition = models.TextField(
        "definition and calculation method", blank=True, help_text="The PI procedure note."
    )
    data_source = models.CharField(max_length=300, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    decimal_places = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(4)])
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    aggregation = models.CharField(
        max_length=10, choices=Aggregation.choices, default=Aggregation.LATEST
    )
    indicator_type = models.CharField(
        "type", max_length=12, choices=IndicatorType.choices, default=IndicatorType.OUTPUT
    )
    # For ratio measures: value = numerator / denominator x multiplier (100 for a percentage).
    multiplier = models.DecimalField(max_digits=12, decimal_places=4, default=Decimal("1"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_indicators"
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputised_indicators",
    )
    service = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="indicators")
    # Partner organisations this PI is shared with: their staff see it (docs/partners.md).
    partners = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="shared_indicators",
        limit_choices_to={"kind": UnitKind.PARTNER},
        help_text="Partner organisations that may see this PI and its verified figures.",
    )
    data_quality_risk = models.CharField(
        max_length=10, choices=DataQualityRisk.choices, default=DataQualityRisk.LOW
    )
    is_public = models.BooleanField("published to the public", default=False)
    is_national = models.BooleanField("national indicator", default=False)
    active_from = models.DateField(null=True, blank=True)
    active_to = models.DateField(null=True, blank=True)
    tolerance_kind = models.CharField(
        max_length=10, choices=ToleranceKind.choices, default=ToleranceKind.PERCENT
    )
    tolerance_pct = models.DecimalField(
        "tolerance (% of target)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Blank: the council-wide default.",
    )
    tolerance_abs = models.DecimalField(
        "tolerance (absolute)",
        **DECIMAL,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    allow_negative = models.BooleanField("negative values allowed", default=False)
    allow_over_100 = models.BooleanField("percentages over 100 allowed", default=False)
    due_working_days = models.PositiveSmallIntegerField(
        "due (working days after period end)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text="Blank: the council-wide default.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def uses_ratio(self) -> bool:
        return self.aggregation == Aggregation.RATIO

    def is_active_in(self, period) -> bool:
        """Return whether the indicator was active at some time in `period` (so it owes that
        period a figure); blank active dates are open-ended."""
        return is_active_between(self, period.start, period.end)

    def assess(self, period, **options):
        """Return this indicator's Assessment at `period` (indicators.assessment; `options`
        as for assess_indicators). For many indicators use assess_indicators directly."""
        from indicators.assessment import assess_indicators

        return assess_indicators([self], period, **options)[0]

    def get_rag(self, period, **options) -> str:
        """Return the indicator's RAG (an indicators.choices.Rag value) at `period`."""
        return self.assess(period, **options).rag


class Target(models.Model):
    """An indicator's target for one financial year, with an optional per-period profile."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(help_text="Financial year start, e.g. 2025 = 2025/26")
    annual_target = models.DecimalField(**DECIMAL, null=True, blank=True)
    baseline = models.DecimalField(
        **DECIMAL, null=True, blank=True, help_text="Last year's outturn."
    )
    floor = models.DecimalField(
        **DECIMAL, null=True, blank=True, help_text="Floor standard: worse than this is Red."
    )
    # On-target-band indicators: Green between band_low and band_high.
    band_low = models.DecimalField(**DECIMAL, null=True, blank=True)
    band_high = models.DecimalField(**DECIMAL, null=True, blank=True)
    # Per-period targets as decimal strings, index 0 = period 1 (12 months or 4 quarters);
    # empty means no profile.
    profile = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}/{(self.year + 1) % 100:02d}"


class Figure(models.Model):
    """One indicator's figure for one period, with its commentary and workflow state."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    value = models.DecimalField(**DECIMAL, null=True, blank=True)
    numerator = models.DecimalField(**DECIMAL, null=True, blank=True)
    denominator = models.DecimalField(**DECIMAL, null=True, blank=True)
    commentary = models.TextField(blank=True)
    commentary_is_internal = models.BooleanField(
        "commentary is internal (not published)", default=False
    )
    corrective_action = models.TextField(blank=True)
    plausibility_explanation = models.TextField(
        blank=True, help_text="Why a value far outside the usual range is right."
    )
    state = models.CharField(max_length=10, choices=FigureState.choices, default=FigureState.DRAFT)
    return_reason = models.TextField(blank=True)
    # A restatement: the figure was amended after its period was closed or it was verified.
    # Set only by indicators.services (figures_enter); shown as "revised" wherever it appears.
    revised_at = models.DateTimeField(
        null=True, blank=True, help_text="When the figure was last amended after closing."
    )
    revision_reason = models.TextField(blank=True, help_text="Why it was amended (published).")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(null=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "number"], name="one_figure_per_period"
            )
        ]
        indexes = [models.Index(fields=["year", "number", "state"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}#{self.number}"

    @property
    def is_restatement(self) -> bool:
        return self.revised_at is not None

    @property
    def revision(self) -> "Revision | None":
        """Return the figure's latest revision (date and reason), or None if never revised."""
        if self.revised_at is None:
            return None
        return Revision(timezone.localdate(self.revised_at), self.revision_reason)


@dataclass(frozen=True)
class Revision:
    """When and why a published (closed or verified) figure was changed."""

    on: date
    reason: str

    @property
    def note(self) -> str:
        """Return the date and reason as readers see them: '1 December 2026: <reason>'."""
        when = date_format(self.on, "j F Y")
        return f"{when}: {self.reason}" if self.reason else when

    def __str__(self) -> str:
        return f"Revised {self.note}"


class PeriodClosure(models.Model):
    """A closed reporting period: its figures are read-only until it is reopened.

    Closing month M of a year closes the monthly figures of that month; a quarterly or annual
    period is closed by its own row.
    """

    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "year", "number"], name="one_closure_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"Closed {self.frequency} {self.year}#{self.number}"


class FigureReminder(models.Model):
    """A reminder e-mailed to a PI owner (or deputy) about a missing or overdue figure.

    Kept so the chasing page can say who was reminded when, and so nobody is chased twice
    in a day by accident.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reminders")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the task once the e-mail has gone; empty while it is queued.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["indicator", "year", "number"])]
        constraints = [
            # A click retried while the queue is down, or two at once, never adds a second
            # reminder that waits to go to the same person about the same figure.
            models.UniqueConstraint(
                fields=["indicator", "year", "number", "recipient"],
                condition=models.Q(sent_at__isnull=True),
                name="one_unsent_reminder_per_person_and_figure",
            )
        ]

    def __str__(self) -> str:
        return f"Reminder {self.indicator_id} {self.year}#{self.number} to {self.recipient_id}"


class FigureReturnNotice(models.Model):
    """The e-mail telling a PI's owner (or deputy) that their figure was returned, and why.

    Written with the return itself, so that when the task queue is down the e-mail waits
    here and a beat job sends it later.
    """

    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="return_notices")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The reason as given at this return (the figure's own may be replaced by a later one).
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the e-mail has gone; empty while it is queued.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Return of figure {self.figure_id} to {self.recipient_id}"


class ComparatorValue(models.Model):
    """Another authority's reported value of one of our PIs for one period (benchmarking).

    Loaded from a comparator file (indicators.benchmarking.import_benchmarks); a re-import of
    a PI's period replaces all of its rows. `groups` are the comparator groups the file puts
    the authority in for this PI and period (e.g. "LGBF family group 3"): family groups can
    differ by PI, so membership is kept with the value. The row that names this council
    (CouncilSettings.comparator_name) gives only the council's groups: its value is never
    compared, our own figure is.
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="comparator_values"
    )
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    authority = models.CharField(max_length=200)
    value = models.DecimalField(**DECIMAL)
    numerator = models.DecimalField(**DECIMAL, null=True, blank=True)
    denominator = models.DecimalField(**DECIMAL, null=True, blank=True)
    groups = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "number", "authority"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "number", "authority"],
                name="one_comparator_value_per_authority_and_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}#{self.number} {self.authority}"
