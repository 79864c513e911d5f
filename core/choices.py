"""Choices for the organisation, roles and council-wide settings."""

from django.db import models


class UnitKind(models.TextChoices):
    COUNCIL = "council", "Council"
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"
    TEAM = "team", "Team"
    # A partner organisation (police, health board...) sits beside the council tree, not in it.
    PARTNER = "partner", "Partner organisation"


class RagScheme(models.TextChoices):
    TOLERANCE = "tolerance", "Tolerance bands"
    TOLERANCE_OR_TREND = "tolerance_or_trend", "Tolerance or trend (Amber if improved on last year)"


class RiskMatrix(models.IntegerChoices):
    FOUR = 4, "4 x 4"
    FIVE = 5, "5 x 5"


class AdverseVariance(models.TextChoices):
    """Which side of a budget's variance counts against it (councils differ)."""

    OVERSPEND = "overspend", "Overspends only"
    UNDERSPEND = "underspend", "Underspends only"
    BOTH = "both", "Overspends and underspends"
