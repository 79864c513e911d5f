"""An officer enters a month's figures on one page, with the live traffic-light preview."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from indicators.choices import FigureState
from indicators.models import Figure
from tests.indicators.entry_helpers import OCTOBER, history, housing_pi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious_violations(page) -> list[str]:
    """Return axe-core's serious and critical findings on the page as it is now."""
    from tests.browser.test_accessibility import AXE_OPTIONS, FAILING_IMPACTS

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]


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
    assert not serious_violations(page)
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


def test_a_manager_verifies_and_returns_then_perf_closes_and_chases(
    page, live_server, people, pis, sign_in, shot
):
    from tests.factories import FigureFactory

    for pi, value in zip(pis, (104, 98, 101), strict=True):
        FigureFactory(
            indicator=pi,
            year=OCTOBER.year,
            number=OCTOBER.number,
            value=value,
            state=FigureState.SUBMITTED,
            submitted_by=people.officer,
            commentary="Counted from the case system.",
        )
    sign_in("manager")
    page.get_by_role("link", name="Verify").first.click()
    expect(page.get_by_role("heading", name="Verify figures")).to_be_visible()
    shot("verification queue")
    page.get_by_role("button", name=f"Verify LPI HO 01 {OCTOBER.label}").click()
    expect(page.get_by_text("1 figure(s) verified")).to_be_visible()
    page.get_by_role("link", name=f"Return LPI HO 02 {OCTOBER.label}").click()
    page.get_by_label("Reason").fill("Please include the out-of-hours cases.")
    page.get_by_role("button", name="Return with this reason").click()
    expect(page.get_by_text("LPI HO 02 returned to its owner")).to_be_visible()
    page.get_by_label("Select every figure you may verify").check()
    page.get_by_role("button", name="Verify the selected figures").click()
    expect(page.get_by_text("1 figure(s) verified")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting for verification")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in("officer")
    page.goto(f"{live_server.url}/indicators/my/")
    expect(page.get_by_text("Please include the out-of-hours cases.").first).to_be_visible()
    shot("officer sees the returned figure")

    page.get_by_role("button", name="Sign out").click()
    sign_in("perf")
    page.goto(f"{live_server.url}/indicators/chase/")
    expect(page.get_by_role("heading", name="Chase missing figures")).to_be_visible()
    shot("chasing")
    page.get_by_role("button", name="Remind everyone listed").click()
    expect(page.get_by_text("Reminders about")).to_be_visible()
    page.goto(f"{live_server.url}/indicators/periods/")
    page.get_by_label(f"Reason for closing {OCTOBER.long_label}").fill("Reported to CMT")
    page.get_by_role("button", name=f"Close {OCTOBER.long_label}").click()
    # Closing is confirmed on a page naming what it leaves behind.
    expect(page.get_by_role("heading", name=f"Close {OCTOBER.long_label}?")).to_be_visible()
    page.get_by_role("button", name=re.compile(rf"^Close {re.escape(OCTOBER.long_label)}")).click()
    expect(page.get_by_text(f"{OCTOBER.long_label} closed.")).to_be_visible()
    shot("periods")
    page.goto(f"{live_server.url}/indicators/{pis[0].pk}/history/")
    expect(page.get_by_role("heading", name="History of changes")).to_be_visible()
    shot("history")
    assert not serious_violations(page)
