"""Uploading a filled spreadsheet of due figures: the pre-filled template, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from indicators.choices import FigureState
from indicators.models import Figure
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

TEMPLATE = reverse("indicators:entry_template")
UPLOAD = reverse("indicators:entry_upload")
HEADER = "code,period,value,commentary,corrective_action,explanation\n"


def csv_file(text):
    return SimpleUploadedFile("mine.csv", (HEADER + text).encode(), content_type="text/csv")


def test_the_template_lists_my_due_figures(client, people, org):
    housing_pi(people, org, code="LPI HO 01")
    housing_pi(people, org, code="LPI PL 01", owner=people.other_officer, service=org.planning)
    client.force_login(people.officer)
    workbook = load_workbook(io.BytesIO(client.get(TEMPLATE).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("code", "title", "period")
    assert [(r[0], r[2]) for r in rows[1:]] == [("LPI HO 01", OCTOBER.label)]
    csv = client.get(TEMPLATE + "?format=csv").content.decode()
    assert "LPI HO 01" in csv and "LPI PL 01" not in csv


def test_a_good_file_submits_every_figure(client, people, org):
    a = housing_pi(people, org, code="LPI HO 01")
    b = housing_pi(people, org, code="LPI HO 02")
    client.force_login(people.officer)
    upload = csv_file(
        f"LPI HO 01,{OCTOBER.label},120,,,\n"
        f"LPI HO 02,{OCTOBER.label},50,Short staffed,Agency cover,\n"
    )
    response = client.post(UPLOAD, {"file": upload, "submit": "on"})
    assert response.status_code == 302
    assert {f.indicator: f.state for f in Figure.objects.all()} == {
        a: FigureState.SUBMITTED,
        b: FigureState.SUBMITTED,
    }


def test_a_file_with_any_bad_row_saves_nothing_and_lists_every_problem(client, people, org):
    housing_pi(people, org, code="LPI HO 01")
    housing_pi(people, org, code="LPI HO 02")
    housing_pi(people, org, code="LPI PL 01", owner=people.other_officer, service=org.planning)
    client.force_login(people.officer)
    upload = csv_file(
        f"LPI HO 01,{OCTOBER.label},120,,,\n"
        f"LPI HO 02,{OCTOBER.label},50,,,\n"
        f"LPI PL 01,{OCTOBER.label},5,,,\n"
        f"LPI HO 01,{OCTOBER.next().label},5,,,\n"
    )
    response = client.post(UPLOAD, {"file": upload, "submit": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 4: you may not enter figures for LPI PL 01" in page
    assert "Row 5:" in page and "has not ended" in page
    assert not Figure.objects.exists()
    upload = csv_file(f"LPI HO 01,{OCTOBER.label},1x,,,\nLPI HO 02,{OCTOBER.label},50,,,\n")
    page = client.post(UPLOAD, {"file": upload, "submit": "on"}).content.decode()
    assert "Row 2: value:" in page and "not a number" in page
    assert "Row 3: commentary:" in page
    assert not Figure.objects.exists()


def test_a_file_of_the_wrong_kind_is_refused(client, people):
    client.force_login(people.officer)
    upload = SimpleUploadedFile("figures.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(UPLOAD, {"file": upload})
    assert response.status_code == 400 and "Upload a CSV" in response.content.decode()


@pytest.mark.parametrize("role", ["board", "audit"])
def test_roles_without_entry_cannot_download_or_upload(client, people, org, role):
    housing_pi(people, org, code="LPI HO 01")
    client.force_login(getattr(people, role))
    assert client.get(TEMPLATE).status_code == 403
    response = client.post(UPLOAD, {"file": csv_file(f"LPI HO 01,{OCTOBER.label},1,,,\n")})
    assert response.status_code == 403 and not Figure.objects.exists()


RATIO_HEADER = "code,period,value,numerator,denominator,commentary\n"


def ratio_pi_with_submitted_figure(people, org):
    """LPI HO 05, a percentage ratio PI whose OCTOBER figure was submitted as 96/100."""
    indicator = housing_pi(
        people, org, code="LPI HO 05", aggregation="ratio", unit="percentage", multiplier=100
    )
    figure = Figure.objects.create(
        indicator=indicator,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=96,
        numerator=96,
        denominator=100,
        commentary="On track",
        state=FigureState.SUBMITTED,
        submitted_by=people.officer,
    )
    return indicator, figure


def ratio_upload(text):
    return SimpleUploadedFile("mine.csv", (RATIO_HEADER + text).encode(), content_type="text/csv")


@pytest.mark.parametrize("submit", [False, True])
def test_a_ratio_row_without_numerator_and_denominator_is_refused_by_name_and_row(
    client, people, org, submit
):
    _indicator, figure = ratio_pi_with_submitted_figure(people, org)
    client.force_login(people.officer)
    data = {"file": ratio_upload(f"LPI HO 05,{OCTOBER.label},97,,,\n")}
    if submit:
        data["submit"] = "on"
    response = client.post(UPLOAD, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 2:" in page and "LPI HO 05 is a ratio" in page
    assert "Row 1:" not in page
    figure.refresh_from_db()
    assert (figure.state, figure.value, figure.numerator, figure.denominator) == (
        FigureState.SUBMITTED,
        96,
        96,
        100,
    )
    assert figure.version == 1


def test_an_upload_never_blanks_the_numbers_or_text_already_saved(client, people, org):
    _indicator, figure = ratio_pi_with_submitted_figure(people, org)
    client.force_login(people.officer)
    # Only a new commentary: the saved numbers stay; blank cells keep what was saved.
    upload = ratio_upload(f'LPI HO 05,{OCTOBER.label},,,,"Checked with the team"\n')
    response = client.post(UPLOAD, {"file": upload, "submit": "on"})
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.numerator, figure.denominator, figure.value) == (96, 100, 96)
    assert figure.commentary == "Checked with the team"
    upload = ratio_upload(f"LPI HO 05,{OCTOBER.label},,97,100,\n")
    assert client.post(UPLOAD, {"file": upload, "submit": "on"}).status_code == 302
    figure.refresh_from_db()
    assert (figure.numerator, figure.commentary) == (97, "Checked with the team")


def test_a_draft_upload_never_takes_back_a_submitted_figure(client, people, org):
    _indicator, figure = ratio_pi_with_submitted_figure(people, org)
    client.force_login(people.officer)
    upload = ratio_upload(f"LPI HO 05,{OCTOBER.label},,97,100,\n")
    response = client.post(UPLOAD, {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 2:" in page and "already submitted" in page
    figure.refresh_from_db()
    assert (figure.state, figure.numerator) == (FigureState.SUBMITTED, 96)


def test_an_unchanged_row_leaves_its_figure_alone(client, people, org):
    _indicator, figure = ratio_pi_with_submitted_figure(people, org)
    client.force_login(people.officer)
    upload = ratio_upload(f"LPI HO 05,{OCTOBER.label},96,96,100,On track\n")
    response = client.post(UPLOAD, {"file": upload}, follow=True)
    assert "0 figure(s) saved as drafts" in response.content.decode()
    figure.refresh_from_db()
    assert (figure.state, figure.version) == (FigureState.SUBMITTED, 1)


def test_submitting_a_row_with_no_figure_is_refused_on_its_own_row(client, people, org):
    housing_pi(people, org, code="LPI HO 01")
    housing_pi(people, org, code="LPI HO 02")
    client.force_login(people.officer)
    upload = csv_file(f"LPI HO 01,{OCTOBER.label},120,,,\nLPI HO 02,{OCTOBER.label},,Note,,\n")
    response = client.post(UPLOAD, {"file": upload, "submit": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 3:" in page and "LPI HO 02" in page and "Row 1:" not in page
    assert not Figure.objects.exists()


def test_a_row_giving_only_parts_for_a_plain_measure_is_refused(client, people, org):
    housing_pi(people, org, code="LPI HO 01")
    client.force_login(people.officer)
    upload = ratio_upload(f"LPI HO 01,{OCTOBER.label},,5,10,\n")
    page = client.post(UPLOAD, {"file": upload}).content.decode()
    assert "Row 2: LPI HO 01 is not a ratio measure" in page
    assert not Figure.objects.exists()
