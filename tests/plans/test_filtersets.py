"""The plan list's filters, without HTTP."""

import pytest

from plans.choices import PlanKind, PlanStatus
from plans.filtersets import PlanFilterSet
from plans.models import Plan
from tests.factories import ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _titles(data) -> set[str]:
    return {plan.title for plan in PlanFilterSet(data, Plan.objects.all()).qs}


def test_filters_by_kind_year_status_and_unit(org):
    PlanFactory(kind=PlanKind.SERVICE, title="Housing 2026", unit=org.housing)
    PlanFactory(kind=PlanKind.SERVICE, title="Housing 2025", unit=org.housing, year=2025)
    PlanFactory(kind=PlanKind.TEAM, title="Team draft", unit=org.housing_team, status="draft")
    assert _titles({"kind": "service"}) == {"Housing 2026", "Housing 2025"}
    assert _titles({"year": "2025"}) == {"Housing 2025"}
    assert _titles({"status": PlanStatus.DRAFT}) == {"Team draft"}
    assert _titles({"unit": org.housing_team.pk}) == {"Team draft"}


def test_search_finds_plans_by_title_or_objective_once():
    plan = PlanFactory(title="Council Plan")
    ObjectiveFactory(plan=plan, title="Affordable homes")
    ObjectiveFactory(plan=plan, title="More affordable rents")
    PlanFactory(title="Waste plan")
    results = list(PlanFilterSet({"q": "afford"}, Plan.objects.all()).qs)
    assert [p.title for p in results] == ["Council Plan"]
    assert _titles({"q": "waste"}) == {"Waste plan"}
