"""The assessment/export benchmark cases run against whatever data exists."""

import pytest

from indicators import bench
from tests.factories import FigureFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_engine_bench_cases_run(client, people, org):
    FigureFactory(indicator=TargetFactory().indicator)
    for case in bench.cases("demo"):
        if case.name.startswith("figures:"):
            continue  # tests/indicators/test_bench_figures.py runs these with their data
        if case.func:
            assert case.func() == 1
        else:
            client.force_login(getattr(people, case.username))
            assert client.get(case.url).status_code == 200, case.name
