"""Pages that fit (#13 item 11): measured in Chromium on the demo council.

The register shows every column at 1366 px, every role's navigation is one line at 1366 px,
the officer's Enter links are on screen at 375 px, and the Board's dashboard leads with its
numbers and stays a phone's scroll long.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 740}
ROLES = ("admin", "perf", "manager", "officer", "board", "audit")


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def open_as(browser, demo):
    """Return a function giving a signed-in page for `username` at a viewport size."""
    contexts = []

    def _open(username: str, viewport: dict):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{demo}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).not_to_have_url(re.compile("/accounts/login/"))
        return page

    yield _open
    for context in contexts:
        context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_every_roles_navigation_is_one_line_at_1366_px(open_as, shot):
    for role in ROLES:
        page = open_as(role, DESKTOP)
        nav = page.get_by_role("navigation", name="Main")
        brand = nav.get_by_role("link", name="Golden Thread", exact=True).bounding_box()
        sign_out = nav.get_by_role("button", name="Sign out").bounding_box()
        # One line: the bar is no taller than its tallest item, and the last item sits on
        # the same line as the first.
        assert nav.bounding_box()["height"] <= 60, role
        assert abs(sign_out["y"] - brand["y"]) < brand["height"], role
        assert page_width(page) <= DESKTOP["width"], role
        shot(f"{role} navigation 1366", on=page)


def test_the_performance_teams_month_end_entries_are_one_menu_that_opens_by_keyboard(open_as, shot):
    page = open_as("perf", DESKTOP)
    nav = page.get_by_role("navigation", name="Main")
    chase = nav.get_by_role("link", name="Chase figures")
    expect(chase).to_be_hidden()
    menu = nav.get_by_text("Month end", exact=True)
    menu.focus()
    page.keyboard.press("Enter")
    expect(chase).to_be_visible()
    expect(nav.get_by_role("link", name="Periods")).to_be_visible()
    shot("performance team menu open", on=page)
    page.keyboard.press("Escape")
    expect(chase).to_be_hidden()
    menu.click()
    chase_box = chase.bounding_box()
    assert chase_box["x"] + chase_box["width"] <= DESKTOP["width"]
    chase.click()
    expect(page.get_by_role("heading", name="Chase missing figures", level=1)).to_be_visible()


def test_the_register_shows_its_last_column_at_1366_px(open_as, demo, shot):
    page = open_as("perf", DESKTOP)
    page.goto(f"{demo}/indicators/")
    table = page.locator("table.register-table")
    last = table.get_by_role("columnheader").last
    expect(last).to_have_text("Rank and quartile among comparators")
    box, frame = last.bounding_box(), table.locator("xpath=..").bounding_box()
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    assert box["x"] + box["width"] <= DESKTOP["width"]
    assert page_width(page) <= DESKTOP["width"]
    shot("register 1366", on=page)


def test_the_officers_enter_links_are_on_screen_at_375_px(open_as, demo, shot):
    page = open_as("officer", PHONE)
    page.goto(f"{demo}/indicators/my/")
    links = page.get_by_role("region", name="My figures").get_by_role(
        "link", name=re.compile("^Enter ")
    )
    assert links.count()
    for link in links.all():
        box = link.bounding_box()  # where it is with the page scrolled down, not sideways
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page_width(page) <= PHONE["width"]
    shot("my indicators 375", on=page)


def test_the_board_dashboard_leads_with_its_numbers_on_a_phone(open_as, demo, shot):
    page = open_as("board", PHONE)
    page.goto(f"{demo}/dashboard/")
    overall = page.get_by_role("heading", name="RAG status overall")
    # The filters are folded behind one "Filter" control: the numbers come first.
    expect(page.get_by_label("Period")).to_be_hidden()
    assert overall.bounding_box()["y"] < PHONE["height"]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height  # with the finance panel and the Community Plan breakdown
    assert page_width(page) <= PHONE["width"]
    shot("dashboard 375", on=page)
    page.get_by_text("Filter", exact=True).click()
    expect(page.get_by_label("Period")).to_be_visible()
    shot("dashboard 375 filters open", on=page)
    # On a wide screen the filters are simply there.
    wide = open_as("board", DESKTOP)
    wide.goto(page.url)
    expect(wide.get_by_label("Period")).to_be_visible()
    expect(wide.get_by_role("heading", name="Exceptions", exact=False)).to_be_visible()
    shot("dashboard 1366", on=wide)


def test_risk_pages_reflow_at_375_px_with_descriptors(open_as, demo, shot):
    from actions.models import Risk

    risk = Risk.objects.order_by("pk").first()
    page = open_as("perf", PHONE)
    for url in (risk.get_absolute_url(), risk.register.get_absolute_url()):
        page.goto(f"{demo}{url}")
        assert page_width(page) <= PHONE["width"], url
        shot(f"risk page {url} 375", on=page)
    page.goto(f"{demo}{risk.get_absolute_url()}")
    expect(page.get_by_text(re.compile(r"likelihood \d – \w+")).first).to_be_visible()
