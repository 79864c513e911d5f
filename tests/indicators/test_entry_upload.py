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
