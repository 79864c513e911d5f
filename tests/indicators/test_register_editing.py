"""Changing the register: only the performance team and administrators; validation explains."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from indicators.importers import FIGURE_COLUMNS, INDICATOR_COLUMNS
from indicators.models import Figure, Indicator, Target
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = pytest.mark.django_db

REFUSED = ("officer", "other_officer", "manager", "board", "audit")


def valid_data(people, org, **overrides) -> dict:
    data = {
        "code": "LPI  HO 20",
        "title": "Households helped into private rented homes",
        "description": "",
        "definition": "Count of tenancies started.",
        "data_source": "Case system",
        "service": org.housing_team.pk,
        "owner": people.officer.pk,
        "deputy": people.manager.pk,
        "unit": "number",
        "decimal_places": 0,
        "polarity": "higher",
        "frequency": "monthly",
        "aggregation": "sum",
        "multiplier": "1",
        "indicator_type": "outcome",
        "data_quality_risk": "low",
        "tolerance_kind": "percent",
        "tolerance_pct": "",
        "tolerance_abs": "",
        "due_working_days": "",
        "is_public": "on",
        "active_from": "",
        "active_to": "",
    }
    return data | overrides


@pytest.fixture
def indicator(people, org):
    return IndicatorFactory(code="LPI HO 01", owner=people.officer, service=org.housing_team)


def urls(indicator) -> list[str]:
    return [
        reverse("indicators:create"),
        reverse("indicators:edit", args=[indicator.pk]),
        reverse("indicators:targets", args=[indicator.pk]),
        reverse("indicators:import"),
        reverse("indicators:import_template", args=["figures", "csv"]),
    ]


@pytest.mark.parametrize("persona", REFUSED)
def test_others_may_not_open_or_post_to_register_management(
    client, people, org, indicator, persona
):
    client.force_login(getattr(people, persona))
    for url in urls(indicator):
        assert client.get(url).status_code == 403
        assert client.post(url, {"code": "X", "year": 2026}).status_code == 403
    # A forged create leaves the register as it was.
    client.post(reverse("indicators:create"), valid_data(people, org))
    assert list(Indicator.objects.values_list("code", flat=True)) == ["LPI HO 01"]


def test_anonymous_is_sent_to_sign_in(client, indicator):
    for url in urls(indicator):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["perf", "admin"])
def test_performance_team_and_admin_create_indicators(client, people, org, persona):
    client.force_login(getattr(people, persona))
    response = client.post(reverse("indicators:create"), valid_data(people, org))
    indicator = Indicator.objects.get(code="LPI HO 20")
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:detail", args=[indicator.pk])
    assert indicator.deputy == people.manager
    assert indicator.is_public and indicator.aggregation == "sum"
    assert indicator.history.count() == 1


def test_invalid_indicator_explains_and_keeps_what_was_typed(client, people, org):
    client.force_login(people.perf)
    data = valid_data(
        people,
        org,
        deputy=people.officer.pk,
        active_from="2026-04-01",
        active_to="2025-04-01",
        multiplier="0",
        tolerance_kind="absolute",
    )
    response = client.post(reverse("indicators:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The deputy must be someone other than the owner." in html
    assert "must be on or after" in html
    assert "The multiplier must be above zero" in html
    assert "Give the absolute tolerance" in html
    assert 'value="Households helped into private rented homes"' in html
    assert not Indicator.objects.filter(title__startswith="Households helped").exists()


def test_editing_keeps_history_and_refuses_a_frequency_change_once_figures_exist(
    client, people, org, indicator
):
    FigureFactory(indicator=indicator)
    client.force_login(people.perf)
    url = reverse("indicators:edit", args=[indicator.pk])
    data = valid_data(people, org, code="LPI HO 01", frequency="quarterly")
    response = client.post(url, data)
    assert "frequency cannot change" in response.content.decode()
    response = client.post(url, valid_data(people, org, code="LPI HO 01", title="New title"))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.title == "New title"
    assert indicator.history.count() == 2


def test_targets_with_a_monthly_profile(client, people, indicator):
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    months = {f"profile_{n}": "40" for n in range(1, 13)}
    data = {"year": 2026, "annual_target": "480", "baseline": "455"} | months
    data["profile_12"] = ""
    response = client.post(url, data)
    html = response.content.decode()
    assert "Give a target for every month, or leave them all blank (blank: March)." in html
    assert 'value="480"' in html
    assert not Target.objects.exists()
    response = client.post(url, data | months)
    assert response.status_code == 302
    target = Target.objects.get(indicator=indicator, year=2026)
    assert target.profile == ["40"] * 12 and target.annual_target == 480
    # Opening the year again shows what is saved, ready to change.
    html = client.get(url, {"year": 2026}).content.decode()
    assert html.count('value="40"') == 24  # each month, and the value it was shown with
    shown = {f"initial-{name}": value for name, value in (data | months).items()}
    changed = {f"profile_{n}": "" for n in range(1, 13)} | {"annual_target": "500"}
    client.post(url, data | months | shown | changed)
    target.refresh_from_db()
    assert (target.annual_target, target.profile) == (500, [])
    assert target.history.count() == 2


def test_floor_tolerance_needs_a_floor_on_the_targets_page(client, people, indicator):
    indicator.tolerance_kind = "floor"
    indicator.save()
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    response = client.post(url, {"year": 2026, "annual_target": "90", "floor": "95"})
    assert "Higher is better, so the floor must not exceed the target." in response.content.decode()
    assert client.post(url, {"year": 2026, "annual_target": "90", "floor": "85"}).status_code == 302


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_import_page_shows_row_errors_and_saves_nothing(client, people, org):
    client.force_login(people.perf)
    text = ",".join(INDICATOR_COLUMNS) + (
        "\nNI 1,Fine,,number,0,higher,monthly,sum,output,housing,officer,,,no,no"
        "\nNI 2,Bad,,number,0,higher,weekly,sum,output,housing,officer,,,no,no\n"
    )
    response = client.post(
        reverse("indicators:import"), {"kind": "indicators", "file": upload("r.csv", text)}
    )
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Row 3: frequency &#x27;weekly&#x27; should be one of" in html
    assert not Indicator.objects.exists()


def test_import_page_imports_figures_as_submitted_by_the_uploader(client, people, indicator):
    client.force_login(people.perf)
    text = ",".join(FIGURE_COLUMNS) + "\nLPI HO 01,2025-04,12,,,Fine,\n"
    response = client.post(
        reverse("indicators:import"),
        {"kind": "figures", "file": upload("f.csv", text)},
        follow=True,
    )
    assert "Imported figures: 1 created, 0 updated." in response.content.decode()
    figure = Figure.objects.get()
    assert (figure.state, figure.entered_by) == ("submitted", people.perf)


def test_import_page_refuses_other_file_types(client, people):
    client.force_login(people.perf)
    response = client.post(
        reverse("indicators:import"), {"kind": "targets", "file": upload("t.txt", "hello")}
    )
    assert "Upload a CSV (.csv) or Excel (.xlsx) file." in response.content.decode()


@pytest.mark.parametrize("kind", ["indicators", "targets", "figures"])
def test_templates_download_in_csv_and_excel(client, people, kind):
    client.force_login(people.perf)
    csv_response = client.get(reverse("indicators:import_template", args=[kind, "csv"]))
    assert csv_response["Content-Disposition"] == f'attachment; filename="{kind}-template.csv"'
    assert csv_response.content.decode("utf-8-sig").startswith("code,")
    xlsx = client.get(reverse("indicators:import_template", args=[kind, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "code"
    assert client.get(reverse("indicators:import_template", args=[kind, "pdf"])).status_code == 404


def test_a_code_differing_only_in_case_or_spaces_is_refused(client, people, org, indicator):
    client.force_login(people.perf)
    response = client.post(reverse("indicators:create"), valid_data(people, org, code="lpi  ho 01"))
    assert "LPI HO 01 is already in the register." in response.content.decode()
    assert Indicator.objects.count() == 1
