"""A client written with nothing but `requests` pages through the assessed register of the
live server and gets exactly the rows of the CSV export for the same person and period."""

import csv
import io
from decimal import Decimal

import pytest
import requests
from django.test import Client
from django.urls import reverse

from api.services import token_create
from indicators.exports import ASSESSMENT_COLUMNS
from indicators.periods import Period
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _as_csv_cell(value) -> str:
    if value is None:
        return ""
    return str(value)


def _same(api_row: dict, csv_row: list[str]) -> bool:
    for column, cell in zip(ASSESSMENT_COLUMNS, csv_row, strict=True):
        value = api_row[column]
        if isinstance(value, int | float) and not isinstance(value, bool):
            if Decimal(cell) != Decimal(str(value)):
                return False
        elif _as_csv_cell(value) != cell:
            return False
    return True


def _pages(base: str, path: str, secret: str) -> tuple[list[dict], int]:
    """Follow `next` links from `path`; returns the rows and the number of requests."""
    rows, calls, url = [], 0, base + path
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {secret}"
    while url:
        response = session.get(url, timeout=30)
        response.raise_for_status()
        calls += 1
        body = response.json()
        rows += body.get("results", body.get("value", []))
        url = body.get("next") or body.get("@odata.nextLink")
    return rows, calls


@pytest.mark.parametrize("role", ["officer", "manager", "board"])
def test_paging_the_api_gives_the_csv_exports_rows(role, live_server, org, people):
    for n in range(7):
        indicator = IndicatorFactory(
            code=f"LPI T {n:02}", frequency="monthly", service=org.housing, owner=people.officer
        )
        TargetFactory(indicator=indicator, year=2026, annual_target=100 + n)
        FigureFactory(indicator=indicator, year=2026, number=6, value=90 + n, state="submitted")
    period = Period("monthly", 2026, 6).label
    _token, secret = token_create(person=getattr(people, role), name="requests")
    rows, calls = _pages(live_server.url, f"/api/v1/register/?period={period}&page_size=3", secret)
    assert calls == 3
    web = Client()
    web.force_login(getattr(people, role))
    csv_text = web.get(reverse("indicators:export") + f"?period={period}").content.decode(
        "utf-8-sig"
    )
    header, *csv_rows = list(csv.reader(io.StringIO(csv_text)))
    assert tuple(header) == ASSESSMENT_COLUMNS
    assert len(rows) == len(csv_rows) == 7
    assert all(_same(a, c) for a, c in zip(rows, csv_rows, strict=True))

    # The flat register over two months: each month's rows are that month's export.
    flat, calls = _pages(
        live_server.url, "/api/v1/register/flat/?from=2026-09&to=2026-10&page_size=5", secret
    )
    assert calls == 3 and len(flat) == 14
    assert all(_same(a, c) for a, c in zip(flat[:7], csv_rows, strict=True))
