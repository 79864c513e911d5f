"""The demo council's budgets: every service has a year of monthly figures, a few are over
budget and one is under, and three PIs have unit costs."""

import datetime

import pytest
from django.core.management import call_command

from core.models import OrgUnit
from devtools.bench.finance import cases as bench_cases
from finance.models import BudgetLine, UnitCostLink
from finance.value import value_for_money_rows
from finance.variance import finance_position
from indicators.choices import Rag
from indicators.periods import Period

pytestmark = pytest.mark.django_db


def test_the_demo_has_real_variance(client):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    month = Period.last_ended("monthly", datetime.date.today())
    position = finance_position(period=month)
    services = {row.unit.code: row for row in position.services()}
    assert set(services) == set(OrgUnit.objects.services().values_list("code", flat=True))
    assert services["housing"].rag == Rag.RED
    assert services["environmental-services"].rag == Rag.AMBER
    assert services["planning-and-regeneration"].position.variance < 0
    over = [code for code, row in services.items() if row.position.variance > 40000]
    assert len(over) == 3
    assert BudgetLine.objects.filter(year=month.year - 1).exists()  # last year, for unit costs
    assert UnitCostLink.objects.count() == 3
    # The month just ended waits for its PI figures; the one before has unit costs.
    rows = value_for_money_rows(month.previous())
    assert len(rows) == 3
    assert all(row.now.cost is not None and row.last_year.cost is not None for row in rows)
    # The bench cases run on it: every page answers, the report has pages.
    from django.contrib.auth.models import User

    for case in bench_cases("demo"):
        if case.func:
            assert case.func() > 1
        else:
            client.force_login(User.objects.get(username=case.username))
            assert client.get(case.url).status_code == 200, case.name
