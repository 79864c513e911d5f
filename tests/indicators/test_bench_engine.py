"""The register's benchmark cases (assessment, export, pages) run against whatever data exists."""

import pytest

from devtools.bench import indicators as bench
from tests.factories import FigureFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_engine_bench_cases_run(client, people, org):
    # The page cases open these two demo PIs by code.
    for code in ("LPI HO 01", "NI 192"):
        FigureFactory(indicator=TargetFactory(indicator__code=code).indicator)
    for case in bench.cases("demo"):
        if case.name.startswith("figures:"):
            continue  # tests/indicators/test_bench_figures.py runs these with their data
        if case.func:
            assert case.func() == 2
        else:
            client.force_login(getattr(people, case.username))
            url = case.url() if callable(case.url) else case.url
            assert client.get(url).status_code == 200, case.name
