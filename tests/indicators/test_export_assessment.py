"""Export of the assessed register: columns, vocabularies, command, download view by role."""

import csv
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from core.models import CouncilSettings
from indicators.choices import Aggregation, Direction, FigureState, Frequency, PeriodState, Rag
from indicators.exports import ASSESSMENT_COLUMNS
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

URL = "/indicators/export/"
HEADER = (
    "code,title,period,value,target,rag,ytd_value,ytd_target,ytd_rag,dot_previous,"
    "dot_last_year,forecast,forecast_rag,state,bench_rank,bench_of,bench_quartile,bench_median,"
    "group_name,group_rank,group_of"
)
RAGS = set(Rag.values) | {""}
DIRECTIONS = set(Direction.values) | {""}


def read_csv(content: bytes) -> list[dict]:
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def register(people, org):
    """Housing PI owned by the officer (verified to October, November submitted, and a draft
    on another PI), a Planning PI with a submitted November, and an inactive PI."""
    housing = IndicatorFactory(
        code="LPI H01",
        title="Homes delivered",
        aggregation=Aggregation.SUM,
        owner=people.officer,
        service=org.housing_team,
    )
    TargetFactory(indicator=housing, year=2025, annual_target=D("120"))
    for number in range(1, 8):
        FigureFactory(
            indicator=housing, year=2025, number=number, value=D(10), state=FigureState.VERIFIED
        )
    FigureFactory(indicator=housing, year=2025, number=8, value=D(4), state=FigureState.SUBMITTED)
    for number in range(1, 9):
        FigureFactory(
            indicator=housing, year=2024, number=number, value=D(9), state=FigureState.VERIFIED
        )
    drafted = IndicatorFactory(
        code="LPI H02", title='=HYPERLINK("x")', owner=people.officer, service=org.housing_team
    )
    FigureFactory(indicator=drafted, year=2025, number=8, value=D(1), state=FigureState.DRAFT)
    planning = IndicatorFactory(
        code="LPI P01",
        title="Applications decided",
        frequency=Frequency.QUARTERLY,
        service=org.planning,
    )
    TargetFactory(indicator=planning, year=2025, annual_target=D("80"))
    FigureFactory(indicator=planning, year=2025, number=2, value=D(85), state=FigureState.SUBMITTED)
    IndicatorFactory(code="LPI OLD", active_to=date(2024, 3, 31))
    return {"housing": housing, "drafted": drafted, "planning": planning}


def by_code(rows):
    return {row["code"]: row for row in rows}


# The command -----------------------------------------------------------------------------------


def test_command_writes_csv_with_the_exact_columns(register):
    out = io.StringIO()
    call_command("export_assessment", "--period", "2025-11", "--today", "2026-01-05", stdout=out)
    rows = by_code(read_csv(out.getvalue().encode()))
    assert set(rows) == {"LPI H01", "LPI H02", "LPI P01"}  # the inactive PI is left out
    housing = rows["LPI H01"]
    assert housing == {
        "code": "LPI H01",
        "title": "Homes delivered",
        "period": "2025-11",
        "value": "4",
        "target": "10",
        "rag": "red",
        "ytd_value": "74",
        "ytd_target": "80",
        "ytd_rag": "red",  # 74 is short of 80 by more than 5%
        "dot_previous": "declining",
        "dot_last_year": "declining",
        "forecast": "111",  # 74 over 8 months at that pace (last year is incomplete)
        "forecast_rag": "red",
        "state": "submitted",
        # No comparator data: the benchmarking columns are empty.
        **dict.fromkeys(("bench_rank", "bench_of", "bench_quartile", "bench_median"), ""),
        **dict.fromkeys(("group_name", "group_rank", "group_of"), ""),
    }
    planning = rows["LPI P01"]
    assert planning["period"] == "2025/26 Q2"
    assert planning["rag"] == "green"
    assert rows["LPI H02"]["state"] == PeriodState.OVERDUE
    assert rows["LPI H02"]["rag"] == "missing"  # a draft does not count by default
    for row in rows.values():
        assert {row["rag"], row["ytd_rag"], row["forecast_rag"]} <= RAGS
        assert {row["dot_previous"], row["dot_last_year"]} <= DIRECTIONS
        assert row["state"] in PeriodState.values


def test_command_basis_option(register):
    out = io.StringIO()
    call_command(
        "export_assessment",
        "--period",
        "2025-11",
        "--basis",
        "verified",
        "--today",
        "2026-01-05",
        stdout=out,
    )
    housing = by_code(read_csv(out.getvalue().encode()))["LPI H01"]
    assert housing["value"] == ""
    assert housing["rag"] == "missing"
    assert housing["ytd_value"] == "70"


def test_command_writes_excel(register, tmp_path):
    target = tmp_path / "out.xlsx"
    call_command(
        "export_assessment",
        "--period",
        "2025-11",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    sheet = load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ASSESSMENT_COLUMNS
    housing = next(row for row in rows if row[0] == "LPI H01")
    assert housing[3] == 4  # a number, not text
    assert housing[5] == "red"


def test_command_writes_csv_to_a_file(register, tmp_path):
    target = tmp_path / "out.csv"
    call_command(
        "export_assessment", "--period", "2025/26 Q2", "--output", str(target), stderr=io.StringIO()
    )
    rows = by_code(read_csv(target.read_bytes()))
    assert rows["LPI P01"]["period"] == "2025/26 Q2"
    assert rows["LPI H01"]["period"] == "2025-09"  # the month that ends the quarter


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "2025-13"],
        ["--period", "November"],
        ["--period", "2025-11", "--format", "xlsx"],  # no --output
        ["--period", "2025-11", "--today", "yesterday"],
    ],
)
def test_command_refuses_bad_arguments(args, db):
    with pytest.raises(CommandError):
        call_command("export_assessment", *args, stdout=io.StringIO())


def test_formulas_are_neutralised(register):
    out = io.StringIO()
    call_command("export_assessment", "--period", "2025-11", stdout=out)
    assert by_code(read_csv(out.getvalue().encode()))["LPI H02"]["title"].startswith("'=")


# The download view ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, register):
    response = client.get(URL, {"period": "2025-11"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_url_name():
    assert reverse("indicators:export") == URL


def _download(client, user, **params):
    client.force_login(user)
    return client.get(URL, {"period": "2025-11", **params})


@pytest.mark.parametrize(
    ("who", "housing_value", "planning_value"),
    [
        ("admin", "4", "85"),
        ("perf", "4", "85"),
        ("audit", "4", "85"),
        ("manager", "4", ""),  # Housing's manager: submitted figures of Housing only
        ("officer", "4", ""),  # owner of the Housing PI
        ("other_officer", "", ""),  # verified figures only
        ("board", "", ""),
    ],
)
def test_each_role_sees_the_figures_it_may(
    client, people, register, who, housing_value, planning_value
):
    response = _download(client, getattr(people, who))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="assessment-2025-11.csv"' in response["Content-Disposition"]
    rows = by_code(read_csv(response.content))
    assert rows["LPI H01"]["value"] == housing_value
    assert rows["LPI P01"]["value"] == planning_value


@pytest.mark.parametrize(
    ("who", "draft_value"),
    [
        ("admin", "1"),
        ("perf", "1"),
        ("audit", "1"),
        ("manager", "1"),
        ("officer", "1"),
        ("other_officer", ""),  # may ask, but sees only the drafts of PIs they own
    ],
)
def test_drafts_on_request_for_those_allowed(client, people, register, who, draft_value):
    response = _download(client, getattr(people, who), drafts="1")
    assert response.status_code == 200
    assert by_code(read_csv(response.content))["LPI H02"]["value"] == draft_value


def test_board_may_not_ask_for_drafts(client, people, register):
    assert _download(client, people.board, drafts="1").status_code == 403


def test_excel_download(client, people, register):
    response = _download(client, people.perf, format="xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert next(sheet.iter_rows(values_only=True)) == ASSESSMENT_COLUMNS


@pytest.mark.parametrize(
    ("params", "message"),
    [({"period": "2025-13"}, "no month 13"), ({"format": "pdf"}, "csv or xlsx")],
)
def test_bad_parameters_are_refused_with_a_message(client, people, register, params, message):
    response = _download(client, people.perf, **params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_default_period_is_the_last_month_ended(client, people, register, settings):
    client.force_login(people.perf)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'filename="assessment-' in response["Content-Disposition"]


def test_post_is_not_allowed(client, people, register):
    client.force_login(people.perf)
    assert client.post(URL, {"period": "2025-11"}).status_code == 405


def test_view_query_count_does_not_grow_with_indicators(
    client, people, org, django_assert_max_num_queries
):
    CouncilSettings.load()
    client.force_login(people.manager)

    def add(count):
        for _ in range(count):
            pi = IndicatorFactory(service=org.housing, aggregation=Aggregation.SUM)
            TargetFactory(indicator=pi, year=2025)
            FigureFactory(indicator=pi, year=2025, number=8, state=FigureState.VERIFIED)

    add(3)
    with django_assert_max_num_queries(17) as few:
        client.get(URL, {"period": "2025-11"})
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, {"period": "2025-11"})
    assert len(read_csv(response.content)) == 33


def test_register_filters_narrow_the_export(client, people, org, register):
    response = _download(client, people.perf, service=org.planning.pk)
    assert set(by_code(read_csv(response.content))) == {"LPI P01"}
    response = _download(client, people.perf, rag="red")
    assert set(by_code(read_csv(response.content))) == {"LPI H01"}
    response = _download(client, people.perf, q="homes")
    assert set(by_code(read_csv(response.content))) == {"LPI H01"}


def test_invalid_filters_are_ignored_rather_than_failing(client, people, register):
    response = _download(client, people.perf, service="not-a-unit", rag="purple")
    assert response.status_code == 200
    assert len(read_csv(response.content)) == 3


@pytest.mark.parametrize(
    ("basis", "housing_value", "housing_ytd"), [("verified", "", "70"), ("published", "", "")]
)
def test_a_narrower_basis_shows_what_the_board_or_public_would_see(
    client, people, register, basis, housing_value, housing_ytd
):
    response = _download(client, people.perf, basis=basis)
    housing = by_code(read_csv(response.content))["LPI H01"]
    assert (housing["value"], housing["ytd_value"]) == (housing_value, housing_ytd)


def test_a_wider_basis_cannot_be_asked_for(client, people, register):
    response = _download(client, people.board, basis="drafts")
    assert response.status_code == 400
    response = _download(client, people.board, basis="submitted")
    assert response.status_code == 400
