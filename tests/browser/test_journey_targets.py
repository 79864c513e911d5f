"""The performance team sets a year's targets, then changes only the profile: nothing else
is lost, and the page always shows what is stored."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from indicators.models import Target
from indicators.periods import fy_label, fy_of
from tests.factories import IndicatorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONTHS = (
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "January",
    "February",
    "March",
)


def test_editing_only_the_profile_keeps_the_annual_target_and_baseline(
    page, live_server, people, org, sign_in, shot
):
    pi = IndicatorFactory(
        code="LPI HO 07",
        title="Homelessness cases prevented",
        owner=people.officer,
        service=org.housing,
        aggregation="sum",
    )
    year = fy_of(timezone.localdate())
    sign_in("perf")
    page.goto(f"{live_server.url}/indicators/{pi.pk}/")
    page.get_by_role("link", name="Edit targets").click()
    expect(page.get_by_role("heading", name=f"Targets for {fy_label(year)}")).to_be_visible()

    page.get_by_label("Annual target").fill("480")
    page.get_by_label("Baseline").fill("455")
    shot("annual target and baseline typed")
    page.get_by_role("button", name="Save targets").click()
    expect(page.get_by_text(f"Targets for LPI HO 07 {fy_label(year)} saved.")).to_be_visible()
    # The page comes back with what was saved, not a blank form.
    expect(page.get_by_label("Annual target")).to_have_value("480")
    expect(page.get_by_label("Baseline")).to_have_value("455")
    shot("saved and shown")

    grid = page.get_by_role("group", name="Profile")
    for number, month in enumerate(MONTHS, start=1):
        grid.get_by_label(month, exact=True).fill(str(30 + number))
    shot("profile typed in the grid")
    page.get_by_role("button", name="Save targets").click()
    expect(page.get_by_text(f"Targets for LPI HO 07 {fy_label(year)} saved.")).to_be_visible()
    expect(page.get_by_label("Annual target")).to_have_value("480")
    expect(page.get_by_label("Baseline")).to_have_value("455")
    expect(grid.get_by_label("March", exact=True)).to_have_value("42")
    shot("profile saved, annual target and baseline kept")

    target = Target.objects.get(indicator=pi, year=year)
    assert (target.annual_target, target.baseline) == (480, 455)
    assert target.profile == [str(30 + n) for n in range(1, 13)]
    # The year's row on the right says the same.
    row = page.get_by_role("row", name=fy_label(year))
    expect(row).to_contain_text("480")
    expect(row).to_contain_text("455")
    expect(row).to_contain_text("31, 32, 33")
