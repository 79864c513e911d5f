"""Choices of plans: their kinds (with their place in the golden thread) and statuses."""

from django.db import models


class PlanKind(models.TextChoices):
    """Kinds of plan, top of the golden thread first."""

    COMMUNITY = "community", "Community Plan"
    COUNCIL = "council", "Council (Corporate) Plan"
    IMPROVEMENT = "improvement", "Improvement Plan"
    SERVICE = "service", "Service Business Plan"
    TEAM = "team", "Team plan"
    INDIVIDUAL = "individual", "Individual plan"


# Which kinds a manager may keep for their own service (the performance team keeps every kind).
SERVICE_KINDS = (PlanKind.SERVICE, PlanKind.TEAM)

# Rank of each kind in the thread: lists sort by it so the Community Plan comes first.
KIND_RANK = {kind: rank for rank, kind in enumerate(PlanKind.values)}


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    ARCHIVED = "archived", "Archived"
