"""Benchmark cases of action plans and risk registers (`manage.py bench`)."""

from django.db.models import Count

from actions.models import ActionPlan, RiskRegister
from devtools.bench import BenchCase


def _biggest_plan_url() -> str:
    plan = ActionPlan.objects.annotate(n=Count("themes__actions")).order_by("-n").first()
    return f"/actions/plans/{plan.pk}/"


def _corporate_register_url() -> str:
    register = RiskRegister.objects.annotate(n=Count("risks")).order_by("-n").first()
    return f"/actions/risks/{register.pk}/"


def _strategy_plan_url() -> str:
    plan = ActionPlan.objects.get(kind="strategy")
    return f"/actions/plans/{plan.pk}/"


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("action plans", username="perf", url="/actions/"),
        BenchCase("strategy action plan table", username="board", url=_strategy_plan_url),
        BenchCase("largest action plan table", username="perf", url=_biggest_plan_url),
        BenchCase(
            "action plan filtered (off track, overdue)",
            username="perf",
            url=lambda: _biggest_plan_url() + "?rag=off_track&overdue=true",
        ),
        BenchCase(
            "action plan CSV export",
            username="perf",
            url=lambda: _biggest_plan_url() + "?export=csv",
        ),
        BenchCase("my actions", username="officer", url="/actions/mine/"),
        BenchCase("risk registers", username="board", url="/actions/risks/"),
        BenchCase("risk register with heat map", username="manager", url=_corporate_register_url),
    ]
