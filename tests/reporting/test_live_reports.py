import csv
import io

import pytest
from django.urls import reverse

from tests.reporting.sample import make_pis

pytestmark = pytest.mark.django_db


@pytest.fixture
def pis(org, people):
    return make_pis(org, people)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("perf", 200),
        ("audit", 200),
        ("manager", 403),
        ("officer", 403),
        ("board", 403),
    ],
)
def test_council_wide_live_reports_are_for_those_who_see_all_drafts(
    client, people, pis, who, status
):
    client.force_login(getattr(people, who))
    url = reverse("reporting:report", args=["pi_monthly"]) + "?period=2026-10"
    assert client.get(url).status_code == status
    assert (
        client.get(
            reverse("reporting:report_pdf", args=["pi_monthly"]) + "?period=2026-10"
        ).status_code
        == status
    )


def test_a_manager_sees_their_own_service_live_but_not_another(client, people, pis, org):
    client.force_login(people.manager)
    base = reverse("reporting:report", args=["pi_monthly"]) + "?period=2026-10&scope="
    page = client.get(base + "housing")
    assert page.status_code == 200
    assert "LPI HO 01" in page.content.decode()
    assert "LPI PL 01" not in page.content.decode()
    assert client.get(base + "planning").status_code == 403


def test_live_page_query_count_does_not_grow_with_indicators(
    client, people, pis, django_assert_max_num_queries
):
    client.force_login(people.perf)
    with django_assert_max_num_queries(140):
        response = client.get(reverse("reporting:report", args=["pi_monthly"]) + "?period=2026-10")
    content = response.content.decode()
    assert "<h1>Monthly traffic-lighted PI report" in content
    assert "Homelessness cases prevented" in content
    assert "&#10007; Red" in content


def test_report_tables_download_as_csv_and_excel(client, people, pis):
    client.force_login(people.perf)
    url = (
        reverse("reporting:report_export", args=["pi_monthly"])
        + "?period=2026-10&section=all-indicators"
    )
    rows = list(
        csv.reader(io.StringIO(client.get(url + "&format=csv").content.decode("utf-8-sig")))
    )
    assert rows[0][:8] == [
        "Directorate",
        "Code",
        "Indicator",
        "Owner",
        "Period",
        "Actual",
        "Target",
        "RAG",
    ]
    ho1 = next(row for row in rows if row[1] == "LPI HO 01")
    assert ho1[5:8] == ["80.0%", "90.0%", "Red"]
    xlsx = client.get(url + "&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(url.replace("all-indicators", "nope") + "&format=csv").status_code == 404


def test_a_bad_period_on_the_live_page_is_explained(client, people, pis):
    client.force_login(people.perf)
    response = client.get(reverse("reporting:report", args=["quarterly_pack"]) + "?period=2026-13")
    assert response.status_code == 400
    assert "not a period" in response.content.decode()
    assert client.get(reverse("reporting:report", args=["nonsense"])).status_code == 404
