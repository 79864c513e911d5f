"""The register and indicator page run a fixed number of queries, whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import CouncilSettings
from indicators.models import Figure, Target
from tests.factories import IndicatorFactory, UserFactory

pytestmark = pytest.mark.django_db

# Session, user, permissions, profile and the navigation's counts take about eight of these;
# test_counts_are_equal_at_both_sizes checks that nothing grows with the data.
# With the shared assessments' version and workflow states (indicators.cached).
LIST_QUERIES = 26
DETAIL_QUERIES = 19  # with the comparison (benchmarking) and the partner scope look-up


def make_register(org, people, count: int, years: int, prefix: str = "LPI Q") -> list:
    """Create `count` PIs with monthly figures for `years` years, owners spread over users."""
    owners = [people.officer, people.other_officer, *UserFactory.create_batch(3)]
    indicators = [
        IndicatorFactory(
            code=f"{prefix} {n:03d}",
            owner=owners[n % len(owners)],
            deputy=owners[(n + 1) % len(owners)],
            service=org.housing_team if n % 2 else org.planning,
            aggregation=["sum", "ratio", "latest", "average"][n % 4],
            multiplier=100,
        )
        for n in range(count)
    ]
    Target.objects.bulk_create(
        Target(indicator=i, year=y, annual_target=100)
        for i in indicators
        for y in range(2026 - years + 1, 2027)
    )
    Figure.objects.bulk_create(
        Figure(
            indicator=i,
            year=y,
            number=m,
            value=90 + m,
            numerator=90 + m,
            denominator=100,
            state=["verified", "submitted", "draft"][m % 3],
            commentary="Note",
        )
        for i in indicators
        for y in range(2026 - years + 1, 2027)
        for m in range(1, 13)
        if (y, m) < (2026, 8)
    )
    return indicators


@pytest.mark.parametrize(("count", "years"), [(3, 1), (60, 3)])
@pytest.mark.parametrize("persona", ["perf", "manager", "officer", "board"])
def test_register_list_queries_do_not_grow(
    client, org, people, django_assert_max_num_queries, count, years, persona
):
    make_register(org, people, count, years)
    client.force_login(getattr(people, persona))
    url = reverse("indicators:list")
    for params in ({}, {"rag": "green", "period": "2026-06"}, {"ordering": "-owner"}):
        client.get(url, params)  # warm the session and permission caches
        with django_assert_max_num_queries(LIST_QUERIES):
            response = client.get(url, params)
        assert response.status_code == 200


@pytest.mark.parametrize(("count", "years"), [(3, 1), (60, 3)])
@pytest.mark.parametrize("persona", ["perf", "officer", "board"])
def test_indicator_page_queries_do_not_grow(
    client, org, people, django_assert_max_num_queries, count, years, persona
):
    indicators = make_register(org, people, count, years)
    client.force_login(getattr(people, persona))
    url = reverse("indicators:detail", args=[indicators[1].pk])
    client.get(url)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(url, {"year": 2025})
    assert response.status_code == 200


def test_counts_are_equal_at_both_sizes(client, org, people):
    """The limits above are not loose: more PIs and years take exactly the same queries."""
    client.force_login(people.manager)
    CouncilSettings.load()  # created on first use: a change the cached assessments see
    make_register(org, people, 2, 1)
    pages = [reverse("indicators:list"), reverse("indicators:detail", args=[1])]

    def measure() -> list[int]:
        counts = []
        for url in pages:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts.append(len(captured))
        return counts

    small = measure()
    make_register(org, people, 60, 3, prefix="LPI B")
    assert measure() == small
