"""Plans and their objectives: the golden thread from the Community Plan to each person.

A plan has a kind, a version year, an owner and unit, and may sit under a parent plan. Each
objective may contribute to an objective of a plan above its own; indicators (and, from the
actions app, actions and risks) link to objectives.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import OrgUnit
from indicators.periods import fy_label
from plans.choices import PlanKind, PlanStatus
from plans.querysets import ObjectiveQuerySet, PlanQuerySet


class Plan(models.Model):
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    title = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField(
        "version year", help_text="Financial year of this version, e.g. 2026 = 2026/27."
    )
    period_start = models.DateField("covers from")
    period_end = models.DateField("covers to")
    # For an individual plan the owner is the person whose plan it is.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_plans",
    )
    unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name="organisation unit",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name="parent plan",
    )
    summary = models.TextField(blank=True)
    vision = models.TextField(blank=True)
    values = models.TextField(blank=True)
    resources = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The version this one was copied from (last year's plan).
    previous_version = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "title"]

    def __str__(self) -> str:
        return f"{self.title} {fy_label(self.year)}"

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def year_label(self) -> str:
        return fy_label(self.year)

    @property
    def is_individual(self) -> bool:
        return self.kind == PlanKind.INDIVIDUAL

    def ancestor_ids(self) -> list[int]:
        """Return the ids of the plans above this one, nearest first (one query per level)."""
        ids: list[int] = []
        current = self.parent
        while current is not None and current.pk not in ids and current.pk != self.pk:
            ids.append(current.pk)
            current = current.parent
        return ids

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "The plan must end after it starts."
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or self.pk in self.parent.ancestor_ids())
        ):
            errors["parent"] = "A plan cannot sit under itself or a plan below it."
        if self.kind == PlanKind.INDIVIDUAL and not self.owner_id:
            errors["owner"] = "An individual plan belongs to a person: choose them as owner."
        if errors:
            raise ValidationError(errors)


def financial_year_dates(year: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of financial year `year` (1 April to 31 March)."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


class Objective(models.Model):
    """A numbered objective or priority of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_objectives",
        verbose_name="lead",
    )
    contributes_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributors",
        help_text="The objective of a plan above this one that this objective serves.",
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", related_name="objectives", blank=True
    )
    previous_version = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
    )
    history = HistoricalRecords()

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_number_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:beneath", args=[self.pk])

    def clean(self) -> None:
        if self.contributes_to_id and self.plan_id:
            target_plan_id = (
                Objective.objects.filter(pk=self.contributes_to_id)
                .values_list("plan_id", flat=True)
                .first()
            )
            if target_plan_id not in self.plan.ancestor_ids():
                raise ValidationError(
                    {
                        "contributes_to": (
                            "An objective can only contribute to an objective of a plan "
                            "above its own plan."
                        )
                    }
                )
