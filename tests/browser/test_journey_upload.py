"""An officer uploads a spreadsheet with a ratio row lacking its parts: refused by name and
row, and the figure already submitted stays as it was (issue 13 item 1)."""

import pytest
from playwright.sync_api import expect

from indicators.choices import FigureState
from indicators.models import Figure
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted_ratio(people, org):
    indicator = housing_pi(
        people,
        org,
        code="LPI HO 05",
        title="Homelessness cases closed within 56 days",
        aggregation="ratio",
        unit="percentage",
        multiplier=100,
    )
    return Figure.objects.create(
        indicator=indicator,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=96,
        numerator=96,
        denominator=100,
        state=FigureState.SUBMITTED,
        submitted_by=people.officer,
    )


def test_an_officer_upload_is_refused_by_name_and_row_and_the_submitted_figure_stays(
    page, live_server, submitted_ratio, sign_in, shot, tmp_path
):
    upload = tmp_path / "my-figures.csv"
    upload.write_text(
        f"code,period,value,numerator,denominator,commentary\nLPI HO 05,{OCTOBER.label},97,,,\n"
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("officer")
    page.get_by_role("link", name="My indicators").first.click()
    page.get_by_role("link", name="Upload a filled spreadsheet").click()
    expect(page.get_by_role("heading", name="Upload my figures")).to_be_visible()
    page.get_by_label("Filled spreadsheet (.xlsx or .csv)").set_input_files(str(upload))
    page.get_by_label("Submit the figures for verification (untick to save drafts)").uncheck()
    page.get_by_role("button", name="Upload").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was saved")
    expect(alert).to_contain_text("Row 2: value: LPI HO 05 is a ratio measure")
    expect(alert).not_to_contain_text("Row 1")
    shot("refused at 1366")
    page.set_viewport_size({"width": 375, "height": 800})
    expect(alert).to_be_visible()
    shot("refused at 375")

    submitted_ratio.refresh_from_db()
    assert submitted_ratio.state == FigureState.SUBMITTED
    assert (submitted_ratio.numerator, submitted_ratio.denominator) == (96, 100)
    assert submitted_ratio.version == 1

    # Corrected with its parts and submitted: saved, and the officer is told so.
    upload.write_text(
        "code,period,value,numerator,denominator,commentary\n"
        f"LPI HO 05,{OCTOBER.label},,97,100,Two cases waited for a court date\n"
    )
    page.get_by_label("Filled spreadsheet (.xlsx or .csv)").set_input_files(str(upload))
    page.get_by_label("Submit the figures for verification (untick to save drafts)").check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("1 figure(s) submitted from the spreadsheet.")).to_be_visible()
    submitted_ratio.refresh_from_db()
    assert (submitted_ratio.state, submitted_ratio.numerator) == (FigureState.SUBMITTED, 97)


def test_an_upload_with_hundreds_of_bad_rows_lists_the_first_100_and_counts_the_rest(
    page, live_server, people, sign_in, shot, tmp_path
):
    upload = tmp_path / "many.csv"
    rows = "".join(f"LPI ZZ {n:03d},{OCTOBER.label},1,,,\n" for n in range(130))
    upload.write_text("code,period,value,numerator,denominator,commentary\n" + rows)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("officer")
    page.goto(f"{live_server.url}/indicators/my/upload/")
    page.get_by_label("Filled spreadsheet (.xlsx or .csv)").set_input_files(str(upload))
    page.get_by_role("button", name="Upload").click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("listitem")).to_have_count(101)
    expect(alert).to_contain_text("Row 2: code 'LPI ZZ 000' is not in the register")
    expect(alert).to_contain_text("… and 30 more problems (only the first 100 are listed).")
    shot("many problems at 1366")
    page.set_viewport_size({"width": 375, "height": 800})
    shot("many problems at 375")
    assert not Figure.objects.exists()
