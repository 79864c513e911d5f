"""The reports' benchmark cases run against the council's own data, whatever its size."""

import pytest
from django.core.management import call_command

from devtools.bench import reporting as bench

pytestmark = pytest.mark.django_db


def test_each_report_case_runs_on_the_demo_council(client):
    call_command("seed_demo", verbosity=0)
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="perf"))
    names = []
    for case in bench.cases("demo"):
        names.append(case.name)
        if case.func:
            assert case.func() > 1  # pages in the PDF
        else:
            assert client.get(case.url()).status_code == 200
    assert len(names) == 3
