"""The demo council shows a full thread: a community priority down to a person's objective."""

import io

import pytest
from django.contrib.auth.models import User

from core.models import OrgUnit
from indicators.models import Indicator
from plans import demo
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_demo_thread_runs_from_a_community_priority_to_the_officers_objective(seeded_demo):
    housing = OrgUnit.objects.get(name="Housing")
    officer = User.objects.get(username="officer")
    # Indicators of whatever the register seeds; here two of our own for Housing.
    for code in ("DEMO H1", "DEMO H2"):
        IndicatorFactory(code=code, service=housing, owner=User.objects.get(username="manager"))
    Objective.indicators.through.objects.all().delete()
    counts = (Plan.objects.count(), Objective.objects.count())
    demo.seed(size="demo", stdout=io.StringIO())
    assert (Plan.objects.count(), Objective.objects.count()) == counts  # idempotent

    plan = Plan.objects.get(kind=PlanKind.INDIVIDUAL, owner=officer)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_by.username == "manager"
    objective = plan.objectives.get(number=1)
    assert objective.indicators.exists()
    chain = []
    node = objective
    while node is not None:
        chain.append((node.plan.kind, node.title))
        node = node.contributes_to
    assert [kind for kind, _ in chain] == [
        PlanKind.INDIVIDUAL,
        PlanKind.TEAM,
        PlanKind.SERVICE,
        PlanKind.COUNCIL,
        PlanKind.COMMUNITY,
    ]
    assert chain[-1][1] == "Affordable Housing"
    assert Plan.objects.filter(kind=PlanKind.IMPROVEMENT).exists()
    # Every demo service has its business plan; every indicator hangs on the thread.
    for service in OrgUnit.objects.services():
        assert Plan.objects.filter(kind=PlanKind.SERVICE, unit=service).exists(), service
    assert not Indicator.objects.filter(objectives__isnull=True).exists()
