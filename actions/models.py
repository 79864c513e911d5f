"""Action plans (themes, actions, progress updates) and risk registers (risks, reviews).

An action plan is grouped in numbered themes ("1 Performance culture..."), each holding
numbered actions ("1.1"). Progress updates are dated and kept as history; whether an action is
overdue or lacks an update this month is derived from dates, never stored. A risk register
holds risks scored likelihood x impact before (inherent) and after (residual) controls; each
quarterly review is kept so that the trend shows.
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actions.choices import (
    ActionRag,
    ActionStatus,
    PlanKind,
    Priority,
    RegisterKind,
    RiskStatus,
    WhenKind,
)
from actions.querysets import ActionPlanQuerySet, ActionQuerySet, RiskQuerySet, RiskRegisterQuerySet
from actions.risk import risk_band
from core.models import OrgUnit

SCORE = [MinValueValidator(1), MaxValueValidator(5)]

# The suggested RAG compares actual progress with the progress expected by today.
ON_TRACK_RATIO = Decimal("0.9")
OFF_TRACK_RATIO = Decimal("0.7")


class ActionPlan(models.Model):
    """A plan of actions: the strategy implementation plan, Improvement Plan, service plans."""

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=PlanKind.choices, default=PlanKind.SERVICE)
    description = models.TextField(blank=True)
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="action_plans",
        help_text="The service (or directorate, or the council) whose plan this is.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_action_plans",
    )
    start_date = models.DateField(
        null=True,
        blank=True,
        help_text="Where an action has no start date of its own, progress is expected from here.",
    )
    history = HistoricalRecords()

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:plan_detail", args=[self.pk])


class Theme(models.Model):
    """A numbered group of actions within a plan, e.g. "2 Clear Accountabilities"."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="theme_number_unique_in_plan")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


ACTION_NUMBER = re.compile(r"^(\d+)\.(\d+)$")


def normalise_action_number(text: str) -> str:
    """Return an action number as "3.4" from "3.4." or " 3.4 "; raise ValueError if not one."""
    cleaned = text.strip().rstrip(".")
    if not ACTION_NUMBER.match(cleaned):
        raise ValueError(f"'{text.strip()}' is not an action number like 1.1.")
    major, minor = cleaned.split(".")
    return f"{int(major)}.{int(minor)}"


class Action(models.Model):
    """One row of an action plan: No / Action / How / Who / When / Priority, and progress."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="actions")
    number = models.CharField(max_length=20, help_text="e.g. 1.1 (theme 1, action 1).")
    # The part after the dot, so that 1.10 sorts after 1.9.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    title = models.TextField("action")
    how = models.TextField(blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_actions",
        help_text="People who lead the action and record its progress.",
    )
    teams = models.ManyToManyField(
        OrgUnit, blank=True, related_name="team_actions", help_text="Named teams or services."
    )
    who_text = models.CharField(
        "who (as written)",
        max_length=300,
        blank=True,
        help_text="Who as the plan states it, e.g. 'HoS' or 'HROD (Dee Severn)'.",
    )
    service = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_actions",
        help_text="The service responsible; left blank, the plan's unit.",
    )
    when_kind = models.CharField(
        "when", max_length=20, choices=WhenKind.choices, default=WhenKind.DATE
    )
    when_text = models.CharField(
        "when (as written)",
        max_length=200,
        blank=True,
        help_text="e.g. 'End July 2009' or 'Need to wait and see what impact CAA has'.",
    )
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)]
    )
    rag_override = models.CharField(
        "RAG set by the lead",
        max_length=20,
        choices=ActionRag.choices,
        blank=True,
        help_text="Leave blank to use the RAG suggested from expected progress.",
    )
    rag_override_reason = models.TextField("reason for the RAG set by the lead", blank=True)
    objectives = models.ManyToManyField("plans.Objective", related_name="actions", blank=True)
    indicators = models.ManyToManyField("indicators.Indicator", related_name="actions", blank=True)
    history = HistoricalRecords(excluded_fields=["sequence"])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["theme__plan", "theme__number", "sequence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="action_number_unique"),
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100), name="action_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs) -> None:
        match = ACTION_NUMBER.match(self.number.strip().rstrip("."))
        self.sequence = int(match.group(2)) if match else 0
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        try:
            self.number = normalise_action_number(self.number)
        except ValueError as exc:
            errors["number"] = str(exc)
        if self.when_kind == WhenKind.DATE and not self.due_date:
            errors["due_date"] = "Give the date the action is due, or choose another 'when'."
        if self.start_date and self.due_date and self.start_date > self.due_date:
            errors["due_date"] = "The due date is before the start date."
        if self.rag_override and not self.rag_override_reason.strip():
            errors["rag_override_reason"] = "Say why the RAG differs from the suggested one."
        if errors:
            raise ValidationError(errors)

    @property
    def responsible_unit_id(self) -> int:
        """Return the id of the unit whose managers manage this action."""
        return self.service_id or self.theme.plan.unit_id

    @property
    def when_display(self) -> str:
        """Return the When column as a person reads it."""
        if self.when_text:
            return self.when_text
        if self.when_kind == WhenKind.DATE and self.due_date:
            return self.due_date.strftime("%-d %B %Y")
        return self.get_when_kind_display()

    def expected_percent(self, today: datetime.date) -> Decimal | None:
        """Return the progress expected by `today` (0-100), or None without start and due dates.

        Expected progress rises linearly from the start date (the action's, else the plan's)
        to the due date.
        """
        start = self.start_date or self.theme.plan.start_date
        if not start or not self.due_date or self.when_kind != WhenKind.DATE:
            return None
        if today <= start:
            return Decimal(0)
        if today >= self.due_date or self.due_date <= start:
            return Decimal(100)
        return Decimal(100) * (today - start).days / (self.due_date - start).days

    def suggested_rag(self, today: datetime.date) -> str | None:
        """Return the RAG suggested from progress (an ActionRag value), or None when no basis.

        Complete actions are complete; otherwise on track at >= 90% of expected progress, off
        track at <= 70%, at risk between. Without dates there is no suggestion.
        """
        if self.status == ActionStatus.COMPLETE:
            return ActionRag.COMPLETE
        expected = self.expected_percent(today)
        if expected is None:
            return None
        actual = Decimal(self.percent_complete)
        if actual >= ON_TRACK_RATIO * expected:
            return ActionRag.ON_TRACK
        if actual <= OFF_TRACK_RATIO * expected:
            return ActionRag.OFF_TRACK
        return ActionRag.AT_RISK

    def get_rag(self, today: datetime.date) -> str | None:
        """Return the RAG to show: the lead's override when set, else the suggestion."""
        if self.status == ActionStatus.COMPLETE:
            return ActionRag.COMPLETE
        return self.rag_override or self.suggested_rag(today)

    def is_overdue(self, today: datetime.date) -> bool:
        """Return whether the action is past its due date and still open."""
        return (
            self.when_kind == WhenKind.DATE
            and self.due_date is not None
            and self.due_date < today
            and self.status not in ActionStatus.closed()
        )


class ActionUpdate(models.Model):
    """A dated progress note by one of the action's leads; the history of an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_updates"
    )
    note = models.TextField("progress")
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    rag = models.CharField("RAG at the time", max_length=20, choices=ActionRag.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["action", "date"])]

    def __str__(self) -> str:
        return f"Update to {self.action.number} on {self.date}"


class RiskRegister(models.Model):
    """A register of risks: the corporate register, or one per directorate or service."""

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=RegisterKind.choices)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="risk_registers")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_risk_registers",
    )
    history = HistoricalRecords()

    objects = RiskRegisterQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:register_detail", args=[self.pk])


class Risk(models.Model):
    """A risk scored likelihood x impact before (inherent) and after (residual) controls."""

    register = models.ForeignKey(RiskRegister, on_delete=models.CASCADE, related_name="risks")
    ref = models.CharField("risk ref", max_length=30)
    title = models.CharField(max_length=300)
    cause = models.TextField(blank=True)
    effect = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_risks"
    )
    inherent_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    inherent_impact = models.PositiveSmallIntegerField(validators=SCORE)
    residual_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    residual_impact = models.PositiveSmallIntegerField(validators=SCORE)
    target_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    target_impact = models.PositiveSmallIntegerField(validators=SCORE)
    controls = models.TextField("controls in place", blank=True)
    mitigating_actions = models.ManyToManyField(Action, blank=True, related_name="mitigated_risks")
    objectives = models.ManyToManyField("plans.Objective", related_name="risks", blank=True)
    review_date = models.DateField("next review due")
    status = models.CharField(max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    history = HistoricalRecords()

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["register", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["register", "ref"], name="risk_ref_unique_in_register")
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:risk_detail", args=[self.pk])

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def target_score(self) -> int:
        return self.target_likelihood * self.target_impact

    def residual_band(self, size: int) -> str:
        """Return the RiskBand of the residual score on a matrix of `size`."""
        return risk_band(self.residual_score, size)

    def validate_scores(self, size: int) -> None:
        """Raise ValidationError for any score outside 1..size (the council's matrix)."""
        errors = {}
        for name in SCORE_FIELDS:
            value = getattr(self, name)
            if value is not None and not 1 <= value <= size:
                errors[name] = (
                    f"Give a score from 1 to {size} (the council's {size}x{size} matrix)."
                )
        if errors:
            raise ValidationError(errors)

    def is_review_overdue(self, today: datetime.date) -> bool:
        """Return whether the next review date has passed on an open risk."""
        return self.status != RiskStatus.CLOSED and self.review_date < today


SCORE_FIELDS = (
    "inherent_likelihood",
    "inherent_impact",
    "residual_likelihood",
    "residual_impact",
    "target_likelihood",
    "target_impact",
)


class RiskReview(models.Model):
    """A (quarterly) review of a risk: the residual scores then, commentary and reviewer."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="risk_reviews"
    )
    likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    impact = models.PositiveSmallIntegerField(validators=SCORE)
    commentary = models.TextField()
    status = models.CharField(max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["risk", "date"])]

    def __str__(self) -> str:
        return f"Review of {self.risk.ref} on {self.date}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


def objectives():
    """Return the plans' objectives (their default manager), as actions and risks link to them.

    Actions and plans are peers, so neither imports the other: the link's declared model is
    the one way in (its rules, such as who may see which, stay the plans' own).
    """
    return Action._meta.get_field("objectives").related_model._default_manager
