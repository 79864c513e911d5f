"""An officer enters a month's figures on one page, with the live traffic-light preview."""

import pytest
from playwright.sync_api import expect

from indicators.choices import FigureState
from indicators.models import Figure
from tests.indicators.entry_helpers import OCTOBER, history, housing_pi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pis(people, org):
    names = [
        ("LPI HO 01", "Households prevented from becoming homeless"),
        ("LPI HO 02", "Average days in temporary accommodation"),
        ("LPI HO 03", "Homeless applications decided within 33 days"),
    ]
    made = [housing_pi(people, org, code=code, title=title) for code, title in names]
    history(made[0], [96, 104, 99, 101, 100, 98, 103, 102])
    return made


def test_an_officer_enters_and_submits_a_page_of_figures(page, live_server, pis, sign_in, shot):
    sign_in("officer")
    page.get_by_role("link", name="My indicators").first.click()
    expect(page.get_by_role("heading", name="My indicators")).to_be_visible()
    shot("my indicators")
    page.get_by_role("link", name="Enter all due figures").click()
    expect(page.get_by_role("heading", name="Enter due figures")).to_be_visible()

    rows = page.locator(".entry-row")
    expect(rows).to_have_count(3)
    first, second, third = rows.nth(0), rows.nth(1), rows.nth(2)

    first.get_by_label("Value (number)").fill("104")
    expect(first.locator(".preview")).to_contain_text("Green")
    second.get_by_label("Value (number)").fill("12O")  # a letter O typed for a zero
    expect(second.locator(".preview")).to_contain_text("not a number")
    third.get_by_label("Value (number)").fill("60")
    expect(third.locator(".preview")).to_contain_text("Red")
    expect(third.locator(".preview")).to_contain_text("corrective action")
    third.get_by_label("Commentary", exact=True).fill("Two caseworkers on long-term leave.")
    third.get_by_label("Corrective action").fill("Agency caseworkers start in December.")
    shot("typed with live preview")

    page.get_by_role("button", name="Submit for verification").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    expect(second.get_by_label("Value (number)")).to_have_value("12O")
    expect(third.get_by_label("Corrective action")).to_have_value(
        "Agency caseworkers start in December."
    )
    expect(second.locator(".invalid-feedback")).to_contain_text("not a number")
    shot("bad value refused, typing kept")
    assert not Figure.objects.filter(year=OCTOBER.year, number=OCTOBER.number).exists()

    second.get_by_label("Value (number)").fill("120")
    expect(second.locator(".preview")).to_contain_text("Green")
    page.get_by_role("button", name="Submit for verification").click()
    expect(page.get_by_text("3 figure(s) submitted for verification")).to_be_visible()
    shot("submitted")
    states = {
        f.indicator.code: (f.value, f.state)
        for f in Figure.objects.filter(year=OCTOBER.year, number=OCTOBER.number).select_related(
            "indicator"
        )
    }
    assert states == {
        "LPI HO 01": (104, FigureState.SUBMITTED),
        "LPI HO 02": (120, FigureState.SUBMITTED),
        "LPI HO 03": (60, FigureState.SUBMITTED),
    }


def test_an_unusual_value_asks_for_confirmation_as_it_is_typed(
    page, live_server, pis, sign_in, shot
):
    sign_in("officer")
    page.goto(f"{live_server.url}/indicators/my/enter/")
    first = page.locator(".entry-row").nth(0)
    expect(first.get_by_label("I confirm this unusual value is right")).to_be_hidden()
    first.get_by_label("Value (number)").fill("400")
    expect(first.locator(".preview")).to_contain_text("Unusual value")
    expect(first.get_by_label("I confirm this unusual value is right")).to_be_visible()
    shot("unusual value")
