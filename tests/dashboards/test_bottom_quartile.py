"""The dashboard's "bottom quartile" filter: PIs whose figure ranks in the bottom quarter of
their comparators (indicators.benchmarking), refreshed when comparator data is imported."""

import pytest
from django.urls import reverse

from indicators.comparators import import_benchmarks
from tests.dashboards.conftest import PERIOD

pytestmark = pytest.mark.django_db

FILE = (
    "code,authority,period,value\n"
    # H 01's 80 in October among 90, 95, 99: rank 4 of 4, bottom quartile.
    "LPI H 01,A,2026-10,90\nLPI H 01,B,2026-10,95\nLPI H 01,C,2026-10,99\n"
    # H 02's 97 among 90, 80, 70: rank 1 of 4, top quartile.
    "LPI H 02,A,2026-10,90\nLPI H 02,B,2026-10,80\nLPI H 02,C,2026-10,70\n"
)


def test_bottom_quartile_filter_lists_only_those_pis(client, people, scenario):
    client.force_login(people.board)
    url = reverse("dashboards:indicators")
    params = {"period": PERIOD, "concern": "bottom_quartile"}
    before = client.get(url, params)
    assert before.status_code == 200
    assert before.context["summary"].selected == []
    import_benchmarks("b.csv", FILE.encode())
    after = client.get(url, params)  # the cached assessments are refreshed by the import
    assert [a.indicator.code for a in after.context["summary"].selected] == ["LPI H 01"]
    page = after.content.decode()
    assert "Bottom quartile among comparators" in page
    pmb = client.get(reverse("dashboards:pmb"), params)
    assert pmb.context["summary"].overall.total == 1
