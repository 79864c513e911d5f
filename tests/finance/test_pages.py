"""The finance pages: who may use them, what they show, upload, edit and history."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from core.models import CouncilSettings
from finance.models import BudgetFigure, BudgetLine
from tests.finance.conftest import budget_csv

pytestmark = pytest.mark.django_db


def test_the_overview_shows_directorates_services_and_overspends(client, people, imported):
    client.force_login(people.board)
    page = client.get(reverse("finance:overview")).content.decode()
    assert "Revenue by directorate" in page and "Place" in page
    assert "£3,700,000" in page  # Place's current budget
    assert "£200,000 over" in page and "£300,000 over" in page and "£100,000 under" in page
    assert "Homelessness" in page  # the largest overspend
    assert "Green within 1% or £50,000 (whichever is larger), Amber within 5%" in page


def test_a_services_page_lists_its_lines_with_commentary(client, people, imported, org):
    client.force_login(people.manager)
    response = client.get(reverse("finance:unit", args=[org.housing.code]), {"period": "2026-10"})
    page = response.content.decode()
    assert "Bed and breakfast" in page and "Housing options" in page
    assert "Development control" not in page  # Planning's line
    assert "Edit" not in page  # managers read, the finance team edits


def test_a_period_that_cannot_be_read_is_said_and_the_latest_shown(client, people, imported):
    client.force_login(people.board)
    response = client.get(reverse("finance:overview"), {"period": "next tuesday"})
    assert response.status_code == 200
    assert response.context["period"].label == "2026-10"
    assert "Showing the latest period instead" in response.content.decode()


@pytest.mark.parametrize("role", ["finance", "perf"])
def test_the_finance_team_imports_and_sees_row_errors(client, people, org, role):
    client.force_login(getattr(people, role))
    url = reverse("finance:import")
    bad = budget_csv("2026/27,nowhere,Homelessness,1,2,2026-10,1,2,")
    page = client.post(url, {"file": _upload("bad.csv", bad)}).content.decode()
    assert "Nothing was imported" in page and "Row 2: unit &#x27;nowhere&#x27;" in page
    assert not BudgetLine.objects.exists()
    good = budget_csv("2026/27,housing,Homelessness,1,2,2026-10,1,2,")
    response = client.post(url, {"file": _upload("good.csv", good)}, follow=True)
    assert "Imported budgets: 1 figures imported" in response.content.decode()
    assert BudgetLine.objects.get().history.get().history_user == getattr(people, role)


def test_the_template_has_the_import_columns(client, people):
    client.force_login(people.finance)
    response = client.get(reverse("finance:template", args=["csv"]))
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert (
        header == "year,unit,line,budget,current_budget,period,actual,forecast,commentary,capital"
    )


def test_the_finance_role_edits_a_figure_and_audit_reads_the_change(client, people, imported, org):
    figure = BudgetFigure.objects.get(line__name="Homelessness")
    client.force_login(people.finance)
    url = reverse("finance:figure_edit", args=[figure.pk])
    refused = client.post(url, {"actual": "lots", "forecast": "1400000", "commentary": "Typed"})
    assert refused.status_code == 200 and "Typed" in refused.content.decode()  # kept
    client.post(url, {"actual": "800000", "forecast": "1400000", "commentary": "Fewer B&B"})
    figure.refresh_from_db()
    assert figure.forecast == D("1400000")
    client.force_login(people.audit)
    history = client.get(reverse("finance:history", args=[org.housing.code])).content.decode()
    assert "Fewer B&amp;B" in history and "forecast £1,500,000" in history
    assert "Edited" in history and "Imported" in history


def test_finance_role_sees_and_manages_but_not_the_pi_workflow(client, people, imported):
    client.force_login(people.finance)
    assert client.get(reverse("finance:overview")).status_code == 200
    assert client.get(reverse("finance:import")).status_code == 200
    assert client.get(reverse("indicators:verify_queue")).status_code == 403
    assert client.get(reverse("finance:history", args=["housing"])).status_code == 403


def test_public_pages_never_show_money(client, imported):
    page = client.get(reverse("dashboards:public")).content.decode()
    assert "£" not in page and "Homelessness" not in page
    assert client.get(reverse("finance:overview")).status_code == 302  # sign in first


def test_the_finance_pages_need_few_queries(
    client, people, imported, org, django_assert_max_num_queries
):
    CouncilSettings.load()  # created on first use, which changes the cached positions' version
    client.force_login(people.board)
    client.get(reverse("finance:overview"))  # warm: session, cached positions
    with django_assert_max_num_queries(14):
        client.get(reverse("finance:overview"))
    client.get(reverse("finance:unit", args=[org.place.code]))  # warm
    with django_assert_max_num_queries(14):
        client.get(reverse("finance:unit", args=[org.place.code]))


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")
