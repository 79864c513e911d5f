"""The reports' benchmark cases run against the council's own data, whatever its size.

A small council of four PIs is enough to show each case is set up right (its page answers,
its PDF renders); `make bench` does the measuring at the demo and large sizes.
"""

import pytest

from devtools.bench import reporting as bench
from tests.reporting.sample import make_pis

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_each_report_case_runs_on_a_small_council(client, org, people):
    make_pis(org, people)
    client.force_login(people.perf)
    names = []
    for case in bench.cases("demo"):
        names.append(case.name)
        if case.func:
            assert case.func() > 1  # pages in the PDF
        else:
            assert client.get(case.url()).status_code == 200
    assert len(names) == 3
