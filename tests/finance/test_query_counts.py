"""The finance pages' queries do not grow with the number of services, lines or figures
(the pages of devtools/bench/finance.py's cases, at a small and a larger council)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import CouncilSettings
from finance.importer import budgets_import
from tests.factories import OrgUnitFactory
from tests.finance.conftest import budget_csv

pytestmark = pytest.mark.django_db
PAGES = ["/finance/", "/finance/units/place/", "/finance/value-for-money/", "/dashboard/"]


def _counts(client) -> dict[str, int]:
    counts = {}
    for url in PAGES:
        client.get(url)  # warm: the settings row, the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_the_page_queries_stay_the_same_as_the_council_grows(client, people, org, imported):
    CouncilSettings.load()  # created on first use, which changes the cached positions' version
    client.force_login(people.board)
    small = _counts(client)
    rows = []
    for number in range(12):
        unit = OrgUnitFactory(code=f"service-{number}", kind="service", parent=org.place)
        for line in range(6):
            for month in ("2026-09", "2026-10"):
                rows.append(
                    f"2026/27,{unit.code},Line {line},1000,1000,{month},500,{1000 + number},"
                )
    budgets_import("more.csv", budget_csv(*rows))
    assert _counts(client) == small
