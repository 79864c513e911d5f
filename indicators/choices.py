"""Choices of the PI register and figures. Each status keeps its colour (for badges)."""

from django.db import models


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    BAND = "band", "On target band (closest to target is best)"
    DATA = "data", "Data only"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class Aggregation(models.TextChoices):
    SUM = "sum", "Sum (counts)"
    RATIO = "ratio", "Ratio (numerator / denominator)"
    AVERAGE = "average", "Average of periods"
    LATEST = "latest", "Latest value (snapshot)"


class IndicatorType(models.TextChoices):
    INPUT = "input", "Input"
    PROCESS = "process", "Process"
    OUTPUT = "output", "Output"
    OUTCOME = "outcome", "Outcome"
    PERCEPTION = "perception", "Perception"


class Unit(models.TextChoices):
    NUMBER = "number", "Number"
    PERCENTAGE = "percentage", "Percentage"
    CURRENCY = "currency", "Currency (£)"
    DAYS = "days", "Days"
    RATE = "rate", "Rate"
    SCORE = "score", "Score"


class DataQualityRisk(models.TextChoices):
    HIGH = "high", "High (audited)"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ToleranceKind(models.TextChoices):
    PERCENT = "percent", "Percentage of target"
    ABSOLUTE = "absolute", "Absolute amount"
    FLOOR = "floor", "Floor standard (set with the year's target)"


class FigureState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    VERIFIED = "verified", "Verified"
    RETURNED = "returned", "Returned"


class Rag(models.TextChoices):
    """Assessment outcomes; the first three are traffic lights, the rest say why there is none."""

    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    DATA_ONLY = "data_only", "Data only"
    NO_TARGET = "no_target", "No target"
    MISSING = "missing", "Missing"
    NOT_DUE = "not_due", "Not yet due"


RAG_COLOURS = {
    Rag.GREEN: "#1e6b34",
    Rag.AMBER: "#8a5a00",
    Rag.RED: "#b3261e",
}


class Direction(models.TextChoices):
    IMPROVING = "improving", "Improving"
    DECLINING = "declining", "Declining"
    NO_CHANGE = "no_change", "No change"
    UP = "up", "Up"
    DOWN = "down", "Down"


class PeriodState(models.TextChoices):
    """Where an indicator's figure for a period stands."""

    NOT_DUE = "not_due", "Not yet due"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    VERIFIED = "verified", "Verified"
    RETURNED = "returned", "Returned"
