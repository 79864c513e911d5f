"""A Board member answers "what is off track, why, and what is being done" in a few clicks."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.small_council import small_council  # noqa: F401 (fixture "council")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_board_drills_from_the_dashboard_to_an_exception(
    page,
    live_server,
    people,
    council,
    sign_in,
    shot,
):
    sign_in("board")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Performance dashboard", level=1)).to_be_visible()
    page.get_by_label("Period").select_option("2026-10")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"period=2026-10"))
    exceptions = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("Exceptions"))
    )
    expect(exceptions.get_by_text("Two staff off sick")).to_be_visible()
    expect(exceptions.get_by_text("Agency cover")).to_be_visible()
    shot("dashboard for the board")

    # htmx: choosing a directorate updates the results and the address, without a reload.
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Directorate or service").select_option(label="Place")
    expect(page).to_have_url(re.compile(r"unit=\d+"))
    expect(page.get_by_role("heading", name="By service")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True

    page.get_by_role("link", name=re.compile(r"1 Red indicators: show the list")).click()
    expect(page.get_by_role("heading", name="Indicators", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Two staff off sick Action: Agency cover")).to_be_visible()
    shot("drill-down list of red indicators")


def test_the_dashboard_filters_work_without_javascript(browser, live_server, people, council):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("board")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/dashboard/?period=2026-10")
    page.get_by_label("RAG", exact=True).select_option("red")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"rag=red"))
    expect(page.locator("#dashboard-period")).to_contain_text("1 indicator,")
    context.close()


@pytest.mark.parametrize("username", ["perf", "manager", "officer"])
def test_dashboards_of_other_roles(page, live_server, people, council, sign_in, shot, username):
    sign_in(username)
    page.goto(f"{live_server.url}/dashboard/?period=2026-10&figures=entered")
    expect(page.get_by_role("heading", name="Performance dashboard", level=1)).to_be_visible()
    shot(f"dashboard for {username}")
    page.goto(f"{live_server.url}/dashboard/mine/?period=2026-10")
    expect(page.get_by_role("heading", name="My dashboard")).to_be_visible()
    shot(f"my dashboard for {username}")


def test_the_public_pages(page, live_server, council, shot):
    page.goto(f"{live_server.url}/public/")
    expect(page.get_by_role("heading", name=re.compile("is performing"))).to_be_visible()
    shot("public index")
    page.get_by_role("link", name="Indicator LPI H 01").click()
    expect(
        page.get_by_role("img", name=re.compile("published figures against target"))
    ).to_be_visible()
    shot("public indicator")
