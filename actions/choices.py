"""Choices of action plans and risk registers. Each status keeps its colour (for badges)."""

from django.db import models


class PlanKind(models.TextChoices):
    STRATEGY = "strategy", "Strategy implementation plan"
    IMPROVEMENT = "improvement", "Improvement Plan"
    SERVICE = "service", "Service plan actions"


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"

    @classmethod
    def from_text(cls, text: str) -> "Priority | None":
        """Return the priority written as 'H', 'High', 'm'... or None when not recognised."""
        letter = text.strip()[:1].lower()
        return {"h": cls.HIGH, "m": cls.MEDIUM, "l": cls.LOW}.get(letter) if text.strip() else None


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ON_HOLD = "on_hold", "On hold"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"

    @classmethod
    def closed(cls) -> list[str]:
        """Return the statuses for which an action is no longer due."""
        return [cls.COMPLETE, cls.CANCELLED]


class WhenKind(models.TextChoices):
    """How the "When" column of a plan reads: a date, or one of the open-ended phrases."""

    DATE = "date", "By a date"
    ONGOING = "ongoing", "On-going"
    AS_AND_WHEN = "as_and_when", "As and when"
    TEXT = "text", "Other (free text)"


class ActionRag(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"


# The colour of each action RAG's badge (CSS rag-<colour>) on pages and in PDFs alike:
# "complete" is shown with its own text and the neutral style, as is no RAG.
ACTION_RAG_COLOUR: dict[str, str] = {
    ActionRag.ON_TRACK: "green",
    ActionRag.AT_RISK: "amber",
    ActionRag.OFF_TRACK: "red",
    ActionRag.COMPLETE: "none",
}


class RegisterKind(models.TextChoices):
    CORPORATE = "corporate", "Corporate"
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    ESCALATED = "escalated", "Escalated"
    CLOSED = "closed", "Closed"


class RiskBand(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


RISK_BAND_COLOURS = {
    RiskBand.LOW: "#d8efdc",
    RiskBand.MEDIUM: "#fff1c2",
    RiskBand.HIGH: "#f9d3b4",
    RiskBand.VERY_HIGH: "#f4b6b2",
}
