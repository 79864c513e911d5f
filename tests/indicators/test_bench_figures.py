"""The monthly figures' benchmark cases run, as the bench command runs them."""

import pytest
from django.test import Client

from devtools.bench import indicators as bench
from devtools.management.commands.bench import Command
from indicators.choices import FigureState
from indicators.models import Figure
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db


def test_the_figures_bench_cases_run(people, org):
    housing_pi(people, org, code="LPI HO 01")
    cases = [c for c in bench.cases("demo") if c.name.startswith("figures:")]
    assert len(cases) == 6
    for case in cases:
        client = Client()
        client.force_login(getattr(people, case.username))
        for _ in range(2):  # the bench repeats each case
            status, _result = Command.run_case(case, client)
            assert status in (200, 302), case.name
    figure = Figure.objects.get(year=OCTOBER.year, number=OCTOBER.number)
    assert figure.state == FigureState.SUBMITTED and figure.version == 2
