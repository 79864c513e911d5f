"""Benchmark cases of the plans pages (manage.py bench)."""

from django.urls import reverse

from devtools.bench import BenchCase
from plans.choices import PlanKind
from plans.models import Objective, Plan


def _plan_url(title: str) -> str:
    plan = Plan.objects.filter(kind=PlanKind.SERVICE, title=title).order_by("-year").first()
    return reverse("plans:detail", args=[plan.pk]) if plan else reverse("plans:list")


def _beneath_first_priority() -> str:
    priority = (
        Objective.objects.filter(plan__kind=PlanKind.COMMUNITY).order_by("-plan__year", "number")
    ).first()
    return reverse("plans:beneath", args=[priority.pk]) if priority else reverse("plans:thread")


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("plans: golden thread (perf)", "perf", "/plans/thread/"),
        BenchCase("plans: golden thread (officer)", "officer", "/plans/thread/"),
        BenchCase("plans: everything beneath a priority", "perf", _beneath_first_priority),
        BenchCase(
            "plans: Housing business plan page",
            "manager",
            lambda: _plan_url("Housing Service Business Plan"),
        ),
        BenchCase("plans: plan list", "perf", "/plans/"),
        BenchCase("plans: orphans", "perf", "/plans/orphans/"),
    ]
