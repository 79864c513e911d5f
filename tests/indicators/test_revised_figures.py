"""A restated figure (amended after its period was closed, or once verified) is marked
"revised", with the date and the reason, wherever it appears: the PI page, the dashboard,
the public pages, open data and report tables; the performance team reaches the amendment
from the PI page and comes back to where they were."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from indicators.choices import FigureState
from indicators.models import Figure, PeriodClosure
from reporting.reports import build_report
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

REASON = "Supplier corrected the count"


@pytest.fixture
def figure(people, org):
    pi = housing_pi(people, org, code="HS 01", is_public=True)
    figure = FigureFactory(
        indicator=pi,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=40,
        state=FigureState.VERIFIED,
        commentary="Short of target",
        corrective_action="Recovery plan",
    )
    PeriodClosure.objects.create(
        frequency="monthly", year=OCTOBER.year, number=OCTOBER.number, closed_at=timezone.now()
    )
    return figure


def _amend(client, people, figure, value="50", **extra):
    client.force_login(people.perf)
    url = reverse("indicators:figure_amend", args=[figure.pk])
    data = {
        "version": figure.version,
        "value": value,
        "commentary": "Short of target",
        "corrective_action": "Recovery plan",
        "reason": REASON,
    }
    return client.post(url, data | extra)


@pytest.fixture
def revised(client, people, figure):
    assert _amend(client, people, figure).status_code == 302
    figure.refresh_from_db()
    return figure


def _today_text() -> str:
    return date_format(timezone.localdate(), "j F Y")


def test_an_amendment_records_when_and_why_the_figure_was_revised(revised):
    revision = revised.revision
    assert revision is not None and revision.reason == REASON
    assert revision.on == timezone.localdate()
    assert revised.value == 50 and revised.is_restatement


def test_a_figure_never_amended_is_not_revised(figure):
    assert figure.revision is None


def test_the_pi_page_marks_the_revised_figure_with_its_date_and_reason(client, people, revised):
    client.force_login(people.board)
    page = client.get(reverse("indicators:detail", args=[revised.indicator_id])).content.decode()
    assert "Revised" in page and REASON in page and _today_text() in page


def test_the_dashboard_marks_a_revised_figure(client, people, revised):
    client.force_login(people.board)
    page = client.get(reverse("dashboards:pmb"), {"period": OCTOBER.label}).content.decode()
    assert "HS 01" in page and "Revised" in page and REASON in page


def test_the_public_page_and_open_data_mark_the_revised_figure(client, revised):
    client.logout()
    page = client.get(reverse("dashboards:public_indicator", args=["hs-01"])).content.decode()
    assert "Revised" in page and REASON in page and _today_text() in page

    data = client.get(reverse("dashboards:public_indicator_json", args=["hs-01"])).json()
    (row,) = data["figures"]
    assert (row["revised"], row["revised_on"], row["revision_reason"]) == (
        True,
        timezone.localdate().isoformat(),
        REASON,
    )
    latest = client.get(reverse("dashboards:public_json")).json()["indicators"][0]["latest"]
    assert latest["revised"] is True and latest["revision_reason"] == REASON

    for url in (
        reverse("dashboards:public_indicator_csv", args=["hs-01"]),
        reverse("dashboards:public_csv"),
    ):
        rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
        assert rows[-1]["revised"] == "yes", url
        assert rows[-1]["revised_on"] == timezone.localdate().isoformat(), url
        assert rows[-1]["revision_reason"] == REASON, url


def test_open_data_of_an_unrevised_figure_says_so(client, figure):
    client.logout()
    data = client.get(reverse("dashboards:public_indicator_json", args=["hs-01"])).json()
    (row,) = data["figures"]
    assert (row["revised"], row["revised_on"], row["revision_reason"]) == (False, None, "")


def test_report_tables_mark_the_revised_figure(revised):
    report = build_report("pi_monthly", OCTOBER.label)
    rows = [
        row
        for section in report["sections"]
        if section["kind"] == "pi_table"
        for group in section["groups"]
        for row in group["rows"]
    ]
    assert rows and all(row["code"] == "HS 01" for row in rows)
    for row in rows:
        assert row["revised"] == f"Revised {_today_text()}: {REASON}"


def test_the_performance_team_amends_from_the_pi_page_and_returns_to_it(client, people, figure):
    detail = reverse("indicators:detail", args=[figure.indicator_id]) + "?year=" + str(OCTOBER.year)
    client.force_login(people.perf)
    page = client.get(detail).content.decode()
    amend = reverse("indicators:figure_amend", args=[figure.pk])
    assert f'href="{amend}?next=' in page
    form = client.get(amend, {"next": detail}).content.decode()
    assert 'name="next"' in form
    response = _amend(client, people, figure, next=detail)
    assert response.status_code == 302 and response["Location"] == detail


def test_the_amend_link_is_only_for_the_performance_team(client, people, figure):
    client.force_login(people.officer)
    page = client.get(reverse("indicators:detail", args=[figure.indicator_id])).content.decode()
    assert reverse("indicators:figure_amend", args=[figure.pk]) not in page


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
)
def test_amending_never_redirects_off_the_site(client, people, figure, next_url):
    response = _amend(client, people, figure, next=next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:detail", args=[figure.indicator_id])
    assert Figure.objects.get(pk=figure.pk).value == 50


def test_the_register_and_the_plan_pages_mark_a_revised_figure(client, people, revised):
    from tests.factories import ObjectiveFactory, PlanFactory

    objective = ObjectiveFactory(plan=PlanFactory())
    objective.indicators.set([revised.indicator])
    client.force_login(people.board)
    for url, params in (
        (reverse("indicators:list"), {"period": OCTOBER.label}),
        (reverse("plans:beneath", args=[objective.pk]), {"period": OCTOBER.label}),
    ):
        page = client.get(url, params).content.decode()
        assert "Revised" in page and REASON in page, url


def test_the_outturn_report_has_a_revised_column_only_when_a_figure_was_revised(
    client, people, org
):
    last_year = OCTOBER.year - 1
    pi = housing_pi(people, org, code="HS 02", active_from=None)
    march = FigureFactory(
        indicator=pi, year=last_year, number=12, value=40, state=FigureState.VERIFIED
    )
    PeriodClosure.objects.create(
        frequency="monthly", year=last_year, number=12, closed_at=timezone.now()
    )
    label = f"{last_year}/{(last_year + 1) % 100:02d}"
    table = build_report("annual_outturn", label)["sections"][1]
    assert ["revised", "Revised"] not in table["columns"]
    assert _amend(client, people, march).status_code == 302
    table = build_report("annual_outturn", label)["sections"][1]
    assert ["revised", "Revised"] in table["columns"]
    (row,) = [r for g in table["groups"] for r in g["rows"]]
    assert row["revised"] == f"Revised {_today_text()}: {REASON}"
