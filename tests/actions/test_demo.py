"""Demo data: the strategy's plan with statuses and updates, registers with a year of reviews."""

import io

import pytest

from actions import demo
from actions.choices import ActionStatus, RegisterKind
from actions.models import Action, ActionPlan, ActionUpdate, Risk, RiskRegister
from core import demo as core_demo

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    core_demo.seed(size="demo", stdout=out)
    demo.seed(size="demo", stdout=out)
    return out.getvalue()


def test_demo_has_the_strategy_plan_registers_and_is_idempotent():
    seed()
    plan = ActionPlan.objects.get(title=demo.STRATEGY_TITLE)
    actions = Action.objects.filter(theme__plan=plan)
    assert actions.count() == 25
    assert actions.filter(status=ActionStatus.COMPLETE).count() == 21
    assert ActionUpdate.objects.filter(action__theme__plan=plan).count() >= 25
    assert actions.get(number="5.2").rag_override  # open-ended: the lead's RAG
    corporate = RiskRegister.objects.get(kind=RegisterKind.CORPORATE)
    assert corporate.risks.count() == 8
    for risk in Risk.objects.all():
        assert risk.reviews.count() == 4  # a year of quarterly reviews
    assert RiskRegister.objects.filter(kind=RegisterKind.SERVICE).exists()
    assert Action.objects.filter(leads__username="officer").exists()
    counts = (Action.objects.count(), ActionUpdate.objects.count(), Risk.objects.count())
    seed()
    assert (Action.objects.count(), ActionUpdate.objects.count(), Risk.objects.count()) == counts
