"""Untrusted input: text typed by users shows as text everywhere it goes (pages, exports, PDFs),
spreadsheet exports cannot run formulas, uploads are bounded in size and type, and filters and
searches treat whatever they are given as data."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.models import Action
from indicators.choices import FigureState
from indicators.models import Figure, Indicator, PeriodClosure
from reporting.models import CycleItem
from tests.dashboards.conftest import OCT, PERIOD, SEP, make_pi
from tests.reporting.conftest import pdf_text

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("owned")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;"
FORMULA = '=HYPERLINK("http://evil.example/","Click")'
FORMULA_STARTS = ("=1+2", "+1+2", "-1+2", "@SUM(A1)")


@pytest.fixture
def hostile(org, people) -> Indicator:
    """Public Red PIs: one's October commentary is a script; the other's title and
    commentary are a formula."""
    v = FigureState.VERIFIED
    indicator = make_pi(
        "LPI H 01",
        org.housing,
        people.officer,
        {SEP: (100, v), OCT: (80, v, SCRIPT, SCRIPT)},
        is_public=True,
        description=SCRIPT,
    )
    make_pi(
        "LPI H 02",
        org.housing,
        people.officer,
        {SEP: (100, v), OCT: (80, v, FORMULA, FORMULA)},
        is_public=True,
    )
    Indicator.objects.filter(code="LPI H 02").update(title=FORMULA)
    for number in (SEP, OCT):
        PeriodClosure.objects.create(
            frequency="monthly", year=2026, number=number, closed_at=timezone.now()
        )
    return indicator


def page_as(client, user, url: str) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# Pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("perf", lambda pi: reverse("indicators:detail", args=[pi.pk])),
        ("board", lambda pi: f"/dashboard/?period={PERIOD}"),
        ("board", lambda pi: f"/dashboard/indicators/?period={PERIOD}&rag=red"),
        ("perf", lambda pi: f"/reports/view/pi_monthly/?period={PERIOD}"),
        (None, lambda pi: reverse("dashboards:public_indicator", args=["lpi-h-01"])),
    ],
    ids=["indicator page", "dashboard", "drill-down", "monthly report", "public page"],
)
def test_commentary_with_script_shows_as_text_in_pages(client, people, hostile, role, url):
    html = page_as(client, getattr(people, role) if role else None, url(hostile))
    assert SCRIPT not in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert ESCAPED in html


@pytest.mark.pdf
def test_commentary_with_script_shows_as_text_in_a_pdf(client, people, hostile):
    client.force_login(people.perf)
    response = client.get(f"/reports/view/pi_monthly/pdf/?period={PERIOD}")
    assert response.status_code == 200
    text, _pages = pdf_text(response.content)
    # The markup is printed as the characters typed, not interpreted (pypdf may wrap lines).
    assert '<script>alert("owned")</script>' in text.replace("\n", "")


def test_public_open_data_carries_the_text_as_data(client, hostile):
    data = json.loads(client.get(reverse("dashboards:public_json")).content)
    assert SCRIPT in json.dumps(data, ensure_ascii=False).replace("\\/", "/").replace('\\"', '"')
    response = client.get(reverse("dashboards:public_json"))
    assert response["Content-Type"].startswith("application/json")


# Exports ----------------------------------------------------------------------------------


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def xlsx_cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row]


EXPORTS = [
    ("perf", f"/indicators/export/?period={PERIOD}&format={{fmt}}"),
    (
        "perf",
        f"/reports/view/pi_monthly/export/?period={PERIOD}&section=all-indicators&format={{fmt}}",
    ),
    (None, "/public/indicators.csv"),
]


@pytest.mark.parametrize(("role", "url"), EXPORTS, ids=["register", "report", "open data"])
def test_csv_exports_neutralise_formulas(client, people, hostile, role, url):
    if role:
        client.force_login(getattr(people, role))
    response = client.get(url.format(fmt="csv"))
    assert response.status_code == 200
    cells = csv_cells(response.content)
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]


@pytest.mark.parametrize(("role", "url"), EXPORTS[:2], ids=["register", "report"])
def test_excel_exports_store_formulas_as_text(client, people, hostile, role, url):
    client.force_login(getattr(people, role))
    response = client.get(url.format(fmt="xlsx"))
    assert response.status_code == 200
    cells = xlsx_cells(response.content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + FORMULA in [c.value for c in cells]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_neutralised_in_an_action_plan_export(client, people, start):
    from tests.factories import ActionFactory

    action = ActionFactory(title=start, how=start, leads=[people.officer])
    client.force_login(people.perf)
    response = client.get(f"/actions/plans/{action.theme.plan.pk}/?export=csv")
    cells = csv_cells(response.content)
    assert "'" + start in cells and start not in cells


# Uploads ----------------------------------------------------------------------------------

UPLOADS = [
    ("perf", "indicators:import", {"kind": "indicators"}),
    ("officer", "indicators:entry_upload", {"submit": "on"}),
    ("perf", "actions:import", {"title": "Imported plan"}),
    ("admin", "reporting:cycle_import", {}),
]
UPLOAD_IDS = ["register import", "figures upload", "action plan import", "cycle import"]


def post_upload(client, people, org, role, name, extra, upload) -> str:
    client.force_login(getattr(people, role))
    data = {**extra, "file": upload}
    if name == "actions:import":
        data["unit"] = org.housing.pk
    response = client.post(reverse(name), data)
    assert response.status_code in (200, 400), response.status_code
    return response.content.decode()


def counts() -> tuple[int, ...]:
    return (
        Indicator.objects.count(),
        Figure.objects.count(),
        Action.objects.count(),
        CycleItem.objects.count(),
    )


@pytest.mark.parametrize(("role", "name", "extra"), UPLOADS, ids=UPLOAD_IDS)
def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    client, people, org, settings, role, name, extra
):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.csv", b"code,title\n" + b"x" * (1024 * 1024 + 1))
    before = counts()
    html = post_upload(client, people, org, role, name, extra, big)
    assert "The file is larger than the 1 MB allowed." in html
    assert counts() == before


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", "Upload a CSV (.csv) or Excel (.xlsx) file."),
        ("page.html", SCRIPT.encode(), "Upload a CSV (.csv) or Excel (.xlsx) file."),
        ("figures.xlsx", b"code,value\n", "is named .xlsx but is not an Excel workbook"),
        ("figures.csv", b"PK\x03\x04\x00\x00binary", "is named .csv but is not text"),
    ],
    ids=["program", "html", "csv named xlsx", "binary named csv"],
)
@pytest.mark.parametrize(("role", "name", "extra"), UPLOADS, ids=UPLOAD_IDS)
def test_an_upload_of_another_type_is_refused(
    client, people, org, role, name, extra, filename, content, message
):
    before = counts()
    html = post_upload(
        client, people, org, role, name, extra, SimpleUploadedFile(filename, content)
    )
    assert message in html
    assert counts() == before


# Filters and searches ---------------------------------------------------------------------

INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE indicators_indicator; --",
    '"><script>alert(1)</script>',
    "%' UNION SELECT password FROM auth_user --",
]


@pytest.mark.parametrize("text", INJECTIONS)
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("perf", "/indicators/?q={q}&rag={q}&unit={q}&ordering={q}"),
        ("board", "/dashboard/?period={q}&unit={q}&priority={q}&rag={q}"),
        ("board", "/dashboard/indicators/?rag={q}&unit={q}&period={q}"),
        ("perf", "/plans/?q={q}"),
        ("perf", "/actions/risks/?q={q}"),
        ("perf", "/reports/view/pi_monthly/?period={q}&scope={q}"),
    ],
    ids=["register", "dashboard", "drill-down", "plans", "risks", "report"],
)
def test_filters_and_searches_treat_input_as_data(client, people, hostile, role, url, text):
    from urllib.parse import quote

    client.force_login(getattr(people, role))
    response = client.get(url.format(q=quote(text)))
    # A clear refusal or an empty result, never a server error, a leak or a reflected script.
    assert response.status_code in (200, 400, 404)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "pbkdf2_" not in html and "md5$" not in html
    assert Indicator.objects.filter(code="LPI H 01").exists()


def test_a_search_matching_nothing_finds_nothing(client, people, hostile):
    client.force_login(people.perf)
    html = page_as(client, None, "/indicators/?q=" + "' OR '1'='1")
    assert "LPI H 01" not in html
