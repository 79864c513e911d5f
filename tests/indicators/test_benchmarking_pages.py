"""Where the comparison shows: the PI page's panel, the register's quartile, the export's
columns, the upload page; and who sees which of our figures in it."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import CouncilSettings
from indicators.exports import ASSESSMENT_COLUMNS
from indicators.models import ComparatorValue, PeriodClosure
from indicators.periods import Period
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = pytest.mark.django_db

Q4 = Period.quarter(2025, 4)  # ended 31 March 2026: before today whenever these tests run


@pytest.fixture
def compared(org, people):
    """A quarterly PI with our 85 (submitted, not yet verified) among A 90, B 70, C 60."""
    pi = IndicatorFactory(
        code="LPI B1",
        title="Benchmarked thing",
        frequency="quarterly",
        owner=people.officer,
        service=org.housing_team,
        is_public=True,
    )
    FigureFactory(indicator=pi, year=Q4.year, number=Q4.number, value=85, state="submitted")
    council = CouncilSettings.load()
    council.comparator_name = "Our Council"
    council.save()
    for name, value, groups in (
        ("A", 90, ["Family 2"]),
        ("B", 70, ["Family 2"]),
        ("C", 60, ["Family 9"]),
        ("Our Council", 5, ["Family 2"]),
    ):
        ComparatorValue.objects.create(
            indicator=pi, year=Q4.year, number=Q4.number, authority=name, value=value, groups=groups
        )
    return pi


def export(client, **params) -> list[dict]:
    response = client.get(reverse("indicators:export"), {"period": "2025/26 Q4", **params})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_has_the_benchmark_columns_once_defined(client, people, compared):
    assert ASSESSMENT_COLUMNS[-7:] == (
        "bench_rank", "bench_of", "bench_quartile", "bench_median", "group_name", "group_rank",
        "group_of",
    )  # fmt: skip
    IndicatorFactory(code="LPI Z9", frequency="quarterly")  # no comparator data
    client.force_login(people.perf)
    rows = {r["code"]: r for r in export(client)}
    ours = rows["LPI B1"]
    assert [ours[c] for c in ASSESSMENT_COLUMNS[-7:]] == ["2", "4", "2", "78", "Family 2", "2", "3"]
    assert [rows["LPI Z9"][c] for c in ASSESSMENT_COLUMNS[-7:]] == [""] * 7


def test_unpublished_own_figures_stay_private(client, people, compared):
    # The board sees verified figures only: our submitted 85 is not in its comparison.
    client.force_login(people.board)
    ours = next(r for r in export(client) if r["code"] == "LPI B1")
    assert (ours["bench_rank"], ours["bench_of"], ours["bench_median"]) == ("", "3", "70")
    page = client.get(reverse("indicators:detail", args=[compared.pk])).content.decode()
    assert "How we compare" in page
    assert "None to compare yet" in page
    assert "85" not in page.split("How we compare")[1].split("Targets")[0]
    # The performance team sees it, ranked.
    client.force_login(people.perf)
    page = client.get(reverse("indicators:detail", args=[compared.pk])).content.decode()
    assert "<strong>2 of 4</strong>" in page
    assert "Us: 85" in page  # the dot plot names ours in text, not only by colour
    assert "Family 2" in page and "2 of 3" in page


def test_public_page_compares_published_figures_only(client, compared):
    slug = "lpi-b1"
    page = client.get(reverse("dashboards:public_indicator", args=[slug]))
    assert page.status_code == 200
    assert "How we compare" not in page.content.decode()  # Q4 not closed, nothing published
    figure = compared.figures.get()
    figure.state = "verified"
    figure.save()
    PeriodClosure.objects.create(
        frequency="quarterly", year=Q4.year, number=Q4.number, closed_at=timezone.now()
    )
    page = client.get(reverse("dashboards:public_indicator", args=[slug])).content.decode()
    assert "How we compare" in page and "<strong>2 of 4</strong>" in page


def test_register_shows_the_quartile_in_words(client, people, compared):
    client.force_login(people.perf)
    page = client.get(reverse("indicators:list"), {"period": "2026-03"}).content.decode()
    assert 'Rank<span class="visually-hidden"> and quartile among comparators' in page
    assert "Quartile 2" in page and "rank 2 of 4" in page


def test_upload_page_imports_or_lists_every_problem(client, people, compared):
    url = reverse("indicators:benchmark_import")
    client.force_login(people.perf)
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile(
        "b.csv", b"code,authority,period,value\nLPI B1,D,2025/26 Q4,x\nNOPE,D,2025/26 Q4,1\n"
    )
    response = client.post(url, {"file": bad, "council_name": "Renamed"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was imported" in text
    assert "Row 2: value &#x27;x&#x27; is not a number" in text
    assert "Row 3: code &#x27;NOPE&#x27; is not in the register" in text
    assert 'value="Renamed"' in text  # what was typed is kept
    assert CouncilSettings.load().comparator_name == "Our Council"
    good = SimpleUploadedFile(
        "b.csv", b"code,authority,period,value,group\nLPI B1,D,2025/26 Q4,1,Family 2\n"
    )
    response = client.post(url, {"file": good, "council_name": "Our Council"}, follow=True)
    assert "Imported 1 comparator value for 1 PI period (1 replaced)" in response.content.decode()
    assert list(ComparatorValue.objects.values_list("authority", flat=True)) == ["D"]
    client.force_login(people.board)
    assert client.post(url, {"file": good}).status_code == 403


def _with_comparators(indicators) -> None:
    ComparatorValue.objects.bulk_create(
        ComparatorValue(indicator=i, year=y, number=m, authority=f"Authority {n}", value=80 + n)
        for i in indicators
        for y in (2025, 2026)
        for m in range(1, 13)
        for n in range(12)
    )


def test_register_queries_with_the_quartile_column_do_not_grow(client, org, people):
    """Small and large registers, every PI with comparator data: the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.indicators.test_register_queries import LIST_QUERIES, make_register

    CouncilSettings.load()  # created on first use: a change the cached assessments see
    client.force_login(people.perf)
    url = reverse("indicators:list")

    def measure() -> int:
        client.get(url, {"period": "2026-06"})
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"period": "2026-06"})
        assert "rank " in response.content.decode()  # the quartile column is filled
        return len(captured)

    _with_comparators(make_register(org, people, 3, 1))
    small = measure()
    _with_comparators(make_register(org, people, 60, 3, prefix="LPI L"))
    assert measure() == small <= LIST_QUERIES
