"""The API's assessed register (a page, and the flat range) runs the same number of queries
at both sizes: more PIs and years of figures cost no more queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.services import token_create
from tests.indicators.test_register_queries import make_register

pytestmark = pytest.mark.django_db

CASES = (
    ("api:register", "?period=2026-06&page_size=50"),
    ("api:register", "?period=2026-06&rag=green"),
    # A page of the flat register costs a count per period of the range and one assessment
    # per period the page touches: a page of 2 rows lies in the first month at both sizes.
    ("api:register_flat", "?from=2026-04&to=2026-06&page_size=2"),
    ("api:indicators", ""),
)


def _counts(client, secret) -> list[int]:
    counts = []
    for name, query in CASES:
        url = reverse(name) + query
        # Warmed twice: the first request creates the council's settings row, a change that
        # the cached assessments' version rightly sees, so the second assesses afresh.
        for _ in range(2):
            client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 200, response.content
        counts.append(len(captured))
    return counts


@pytest.mark.parametrize("persona", ["perf", "manager", "board"])
def test_the_registers_queries_do_not_grow_with_the_data(client, org, people, persona):
    _token, secret = token_create(person=getattr(people, persona), name="bench")
    make_register(org, people, 3, 1)
    small = _counts(client, secret)
    make_register(org, people, 60, 3, prefix="LPI R")
    large = _counts(client, secret)
    assert small == large
    assert max(large) <= 30


def test_the_bench_cases_of_the_api_answer(client, org, people):
    from devtools.bench.api import cases

    make_register(org, people, 3, 1)
    for case in cases("demo"):
        client.force_login(getattr(people, case.username))
        assert client.get(case.url).status_code == 200, case.name
