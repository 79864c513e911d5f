"""The journeys of the product, each by its people on the demo council, as they would go.

Each test seeds the demo council (`seed_demo`) into a live server and then only clicks
visible links and buttons and types into labelled fields, as the role would; screenshots of
every step go to test-artifacts/screenshots/<test name>/. The demo is seeded for today's
date, so periods are named relative to it.
"""

import hashlib
import io
import re
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from indicators.choices import FigureState
from indicators.models import Figure
from indicators.periods import Period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONTH = Period.last_ended("monthly", timezone.localdate())  # the month being reported now


@pytest.fixture
def demo(live_server):
    """Seed the demo council; return a sign-in function taking the demo password."""
    call_command("seed_demo", stdout=io.StringIO())
    return settings.DEMO_PASSWORD


@pytest.fixture
def log_in(page, sign_in, demo):
    """Return a function signing out whoever is in, then signing `username` in."""

    def _log_in(username: str) -> None:
        sign_out = page.get_by_role("button", name="Sign out")
        if sign_out.count():
            sign_out.click()
        sign_in(username, demo)
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    return _log_in


def nav(page, label: str):
    """Return the main navigation's link whose visible name starts with `label`."""
    return page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile(rf"^{re.escape(label)}\b")
    )


def assert_menu_items_on_one_line(page) -> None:
    """Each menu item keeps its label on one line, however many items the role has."""
    links = page.get_by_role("navigation", name="Main").get_by_role("link").all()
    heights = [link.bounding_box()["height"] for link in links if link.is_visible()]
    assert max(heights) < 1.5 * min(heights), heights


def entry_row(page, code: str):
    """Return the entry page's section for one indicator's figure."""
    return page.locator(".entry-row", has=page.get_by_role("heading", name=re.compile(code)))


def shown_target(row) -> Decimal:
    """Return the target the entry row shows beside the figure."""
    return Decimal(row.locator("dt:has-text('Target') + dd").inner_text())


# 1. Monthly figures: enter, refuse, submit, return, resubmit, verify --------------------------

# The demo leaves these of the officer's figures for the month to be entered.
ENTERED = ("LPI HO 01", "LPI HO 02", "NI 156")


def test_an_officers_month_from_entry_to_verification(page, live_server, log_in, shot):
    log_in("officer")
    nav(page, "My indicators").click()
    expect(page.get_by_role("heading", name="My indicators")).to_be_visible()
    figures = page.get_by_role("region", name="My figures")
    for code in ENTERED:
        row = figures.get_by_role("row", name=re.compile(code))
        expect(row).to_contain_text(MONTH.long_label)
        expect(row.get_by_role("link", name=f"Enter {code} {MONTH.label}")).to_be_visible()
    shot("my indicators: the month's figures are due")

    page.get_by_role("link", name=re.compile("Enter all due figures")).click()
    expect(page.get_by_role("heading", name="Enter due figures")).to_be_visible()
    red, days, homes = (entry_row(page, code) for code in ("LPI HO 01", "LPI HO 02", "NI 156"))

    # Well below its target: Red, which needs a commentary and a corrective action.
    red_value = int(shown_target(red) * Decimal("0.8"))
    red.get_by_label("Value (number)").fill(str(red_value))
    expect(red.locator(".preview")).to_contain_text("Red")
    expect(red.locator(".preview")).to_contain_text("corrective action")
    red.get_by_label("Commentary", exact=True).fill("Two prevention officers left in the month.")
    red.get_by_label("Corrective action").fill("Agency officers start on Monday; weekly review.")
    # A letter O typed for a zero is not a number.
    days.get_by_label("Value (days)").fill("3O.5")
    expect(days.locator(".preview")).to_contain_text("not a number")
    homes_value = shown_target(homes) - 1  # lower is better: just under target is Green
    homes.get_by_label("Value (number)").fill(str(homes_value))
    expect(homes.locator(".preview")).to_contain_text("Green")
    homes.get_by_label("Commentary", exact=True).fill("Two families moved on to settled homes.")
    shot("figures typed, each with its traffic light")

    page.get_by_role("button", name="Submit for verification").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    expect(days.locator(".invalid-feedback")).to_contain_text("not a number")
    expect(red.get_by_label("Corrective action")).to_have_value(
        "Agency officers start on Monday; weekly review."
    )
    shot("the bad value is refused and the typing kept")
    assert not Figure.objects.filter(
        year=MONTH.year, number=MONTH.number, indicator__code__in=ENTERED
    ).exists()

    days.get_by_label("Value (days)").fill("30.5")
    expect(days.locator(".preview")).not_to_contain_text("not a number")
    expect(days.locator(".preview")).to_contain_text("Would be")
    days.get_by_label("Commentary", exact=True).fill("Counted from the case system.")
    page.get_by_role("button", name="Submit for verification").click()
    # With any draft the demo had already started (it shows filled in on the page).
    expect(
        page.get_by_text(re.compile(r"\d+ figure\(s\) submitted for verification"))
    ).to_be_visible()
    for code in ENTERED:
        expect(figures.get_by_role("row", name=re.compile(code))).to_contain_text("Submitted")
    shot("figures submitted")

    # The manager checks them: verifies two, returns one with a reason.
    log_in("manager")
    nav(page, "Verify").click()
    expect(page.get_by_role("heading", name="Verify figures")).to_be_visible()
    assert_menu_items_on_one_line(page)
    queue = page.get_by_role("region", name="Figures waiting for verification")
    expect(queue.get_by_role("row", name=re.compile("LPI HO 01"))).to_contain_text(
        "Agency officers"
    )
    shot("the manager's verification queue")
    page.get_by_role("button", name=f"Verify LPI HO 01 {MONTH.label}").click()
    expect(page.get_by_text("1 figure(s) verified")).to_be_visible()
    page.get_by_role("button", name=f"Verify NI 156 {MONTH.label}").click()
    expect(page.get_by_text("1 figure(s) verified")).to_be_visible()
    page.get_by_role("link", name=f"Return LPI HO 02 {MONTH.label}").click()
    expect(page.get_by_role("heading", name="Return LPI HO 02 to its owner")).to_be_visible()
    expect(page.get_by_text("value 30.5 days, submitted by")).to_be_visible()
    page.get_by_label("Reason").fill("30.5 days looks low: please include the cases decided late.")
    shot("the manager returns one with a reason")
    page.get_by_role("button", name="Return with this reason").click()
    expect(page.get_by_text("LPI HO 02 returned to its owner")).to_be_visible()

    # The officer sees why, corrects the figure and submits it again.
    log_in("officer")
    nav(page, "My indicators").click()
    returned = page.get_by_role("alert").filter(has_text="LPI HO 02")
    expect(returned).to_contain_text("please include the cases decided late")
    shot("the officer sees the returned figure and why")
    returned.get_by_role("link", name="Correct and resubmit").click()
    expect(page.get_by_role("heading", name="Enter a figure")).to_be_visible()
    days = entry_row(page, "LPI HO 02")
    expect(days.get_by_label("Value (days)")).to_have_value("30.5")
    days.get_by_label("Value (days)").fill("32.5")
    days.get_by_label("Commentary", exact=True).fill("Now includes the cases decided late.")
    shot("the corrected figure")
    page.get_by_role("button", name="Submit for verification").click()
    expect(page.get_by_text("1 figure(s) submitted for verification")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="LPI HO 02")).to_have_count(0)

    # The manager verifies the corrected figure.
    log_in("manager")
    nav(page, "Verify").click()
    expect(
        page.get_by_role("region", name="Figures waiting for verification").get_by_role(
            "row", name=re.compile("LPI HO 02")
        )
    ).to_contain_text("Now includes the cases decided late.")
    page.get_by_role("button", name=f"Verify LPI HO 02 {MONTH.label}").click()
    expect(page.get_by_text("1 figure(s) verified")).to_be_visible()
    shot("every figure verified")

    figures = {
        f.indicator.code: (f.value, f.state, f.verified_by.username)
        for f in Figure.objects.filter(
            year=MONTH.year, number=MONTH.number, indicator__code__in=ENTERED
        ).select_related("indicator", "verified_by")
    }
    assert figures == {
        "LPI HO 01": (red_value, FigureState.VERIFIED, "manager"),
        "LPI HO 02": (Decimal("32.5"), FigureState.VERIFIED, "manager"),
        "NI 156": (homes_value, FigureState.VERIFIED, "manager"),
    }


# 2. The board: dashboard, filters, drill down to an indicator --------------------------------

PRIORITY = "Council Plan: 2. Deliver more affordable homes and prevent homelessness"


def test_a_board_member_drills_from_a_red_count_to_an_indicators_story(
    page, live_server, log_in, shot
):
    log_in("board")
    nav(page, "Dashboard").click()
    expect(page.get_by_role("heading", name="Performance dashboard", level=1)).to_be_visible()
    everything = page.locator("#dashboard-period").inner_text()
    shot("the whole council's dashboard")

    # Each choice updates the results in place (htmx) and the address, so it can be shared.
    page.get_by_label("Priority or objective").select_option(label=PRIORITY)
    expect(page).to_have_url(re.compile(r"priority=\d+"))
    page.get_by_label("Directorate or service").select_option(label="Place")
    expect(page).to_have_url(re.compile(r"priority=\d+.*unit=\d+"))
    expect(page.locator("#dashboard-period")).not_to_have_text(everything)
    by_service = page.locator("section", has=page.get_by_role("heading", name="By service"))
    expect(by_service.get_by_role("row", name=re.compile("Housing"))).to_be_visible()
    expect(by_service.get_by_role("row", name=re.compile("Planning|Leisure"))).to_have_count(0)
    shot("filtered to a priority and a directorate")

    page.get_by_role("link", name=re.compile(r"^\d+ Red indicators: show the list")).click()
    expect(page.get_by_role("heading", name="Indicators", level=1)).to_be_visible()
    expect(page.get_by_label("RAG", exact=True)).to_have_value("red")
    expect(page.get_by_label("Directorate or service")).to_have_value(re.compile(r"\d+"))
    listed = page.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("link"))
    expect(listed.first).to_contain_text("Red")
    shot("the red indicators of that priority and directorate")

    first = listed.first
    link = first.get_by_role("link").first
    code_and_title = link.inner_text()
    commentary = first.locator("td").last.locator("p").first.inner_text()
    assert commentary, "a Red figure carries its owner's commentary"
    link.click()
    expect(page.get_by_role("heading", name=code_and_title, level=1)).to_be_visible()
    chart = page.get_by_role("img", name=re.compile("actual and target"))
    expect(chart).to_be_visible()
    expect(
        page.get_by_role("table", name=re.compile("^Figures of")).get_by_text(commentary).first
    ).to_be_visible()
    shot("the indicator's chart and commentary")


# 3. The quarterly Cabinet pack: generate, watch, read, publish; the quarter closes ----------

QUARTER = Period.last_ended("quarterly", timezone.localdate())
LATE = "LPI HO 14"  # a quarterly PI of the officer's


@pytest.fixture
def worker(monkeypatch):
    """Stand in for the Celery worker, so the pack's page can be watched while it works.

    A pack asked for waits, queued, until the test runs its job (the same service the task
    runs) as a worker would. Returns the ids of the packs queued.
    """
    import reporting.tasks

    queued: list[int] = []

    class Queue:
        @staticmethod
        def delay(pack_id: int) -> None:
            queued.append(pack_id)

    monkeypatch.setattr(reporting.tasks, "generate_pack_task", Queue)
    return queued


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_cabinet_pack_is_generated_published_read_and_closes_the_quarter(
    page, browser, browser_context_args, live_server, log_in, sign_in, demo, shot, worker
):
    from django.contrib.auth.models import User

    from indicators.models import PeriodClosure
    from indicators.services import period_reopen
    from reporting.services import pack_generate

    # The demo closes every period before the month being reported; a council keeps the
    # quarter open until its Cabinet pack is published. The officer still owes one figure.
    perf = User.objects.get(username="perf")
    period_reopen(period=QUARTER, user=perf, reason="Open until the Cabinet pack is published")
    Figure.objects.filter(indicator__code=LATE, year=QUARTER.year, number=QUARTER.number).delete()

    # The officer starts typing the quarter's late figure in a browser of their own.
    officer = browser.new_context(**browser_context_args).new_page()
    sign_in("officer", demo, on=officer)
    nav(officer, "My indicators").click()
    late = officer.get_by_role("region", name="My figures").get_by_role(
        "row", name=re.compile(LATE)
    )
    expect(late).to_contain_text(QUARTER.long_label)
    late.get_by_role("link", name=f"Enter {LATE} {QUARTER.label}").click()
    entry = entry_row(officer, LATE)
    entry.get_by_label("Value (number)").fill("11")
    entry.get_by_label("Commentary", exact=True).fill("The empty homes survey came in late.")
    shot("the officer types the quarter's late figure", on=officer)

    # The performance team asks for the quarterly pack and watches it being generated.
    log_in("perf")
    nav(page, "Reports").click()
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Reporting calendar", exact=True)).to_have_count(1)
    assert_menu_items_on_one_line(page)
    page.get_by_label("Report").select_option(label="Quarterly performance pack")
    page.get_by_label("Period").fill(QUARTER.label)
    shot("asking for the quarterly pack")
    page.get_by_role("button", name="Generate").click()
    status = page.locator("#pack-status")
    expect(
        page.get_by_role("heading", name=re.compile("Quarterly performance pack"))
    ).to_be_visible()
    expect(status).to_contain_text("Queued")
    expect(status.get_by_role("progressbar", name="Generation progress")).to_be_visible()
    shot("queued, waiting for a worker")

    watched: list[str] = []

    def watch(percent: int, note: str) -> None:
        # The page polls the pack's status every 2 s; look once it is well under way.
        if percent >= 40 and not watched:
            expect(status).to_contain_text(f"{percent}%", timeout=10_000)
            expect(status).to_contain_text(note)
            watched.append(note)
            shot("generation in progress")

    (pack_id,) = worker
    assert pack_generate(pack_id, progress=watch).status == "ready"
    assert watched, "the progress was seen on the page"
    # When it is done the page reloads by itself and shows the report.
    expect(status).to_contain_text("Ready (draft)", timeout=10_000)
    expect(page.get_by_role("heading", name="Executive summary")).to_be_visible()
    shot("ready: the report on the page")

    # The PDF opens in the browser; its text is the report.
    download = page.get_by_role("link", name=re.compile("^Download PDF"))
    pdf = page.request.get(live_server.url + download.get_attribute("href")).body()
    download.click()
    page.wait_for_load_state()
    page.wait_for_timeout(1500)  # the browser's PDF viewer draws the pages
    shot("the PDF in the browser")
    text = pdf_text(pdf)
    for expected in (
        "Quarterly performance pack",
        QUARTER.long_label,
        "Executive summary",
        "Deliver more affordable homes and prevent homelessness",
        LATE,
    ):
        assert expected in text, expected
    cover = shot.folder / "pdf-page-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", str(cover)],
        input=pdf,
        check=True,
    )

    page.go_back()
    expect(status).to_contain_text("Ready (draft)")
    # Publishing asks first: what it does, the quarter it closes with what that leaves
    # behind, and (a pack asked for by hand) whom to tell.
    page.get_by_role("link", name=re.compile("^Publish")).click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Publish Quarterly performance pack"))
    ).to_be_visible()
    expect(page.get_by_text("Publishing cannot be undone.")).to_be_visible()
    expect(page.get_by_text(f"close the figures of {QUARTER.long_label}")).to_be_visible()
    left = page.get_by_role("table", name="What closing leaves behind, by service")
    expect(left.get_by_role("link", name=LATE)).to_be_visible()
    whom = page.get_by_role("group", name="Whom to tell")
    whom.get_by_role("checkbox", name=re.compile(r"^Cabinet \(")).check()
    shot("asked to confirm publishing")
    page.get_by_role("button", name=f"Publish version 1 and close {QUARTER.long_label}").click()
    expect(page.get_by_text("Published Quarterly performance pack version 1")).to_be_visible()
    expect(page.get_by_text("The members of Cabinet are e-mailed a link.")).to_be_visible()
    expect(status).to_contain_text("Published")
    expect(status).to_contain_text("SHA-256 of the PDF")
    shot("published")
    closure = PeriodClosure.objects.get(
        frequency="quarterly", year=QUARTER.year, number=QUARTER.number
    )
    assert "Quarterly performance pack" in closure.reason

    # A Cabinet member finds it among the reports and downloads the same file.
    log_in("board")
    nav(page, "Reports").click()
    published = page.get_by_role("row", name=re.compile("Quarterly performance pack"))
    expect(published).to_contain_text("Published")
    expect(published).to_contain_text(QUARTER.label)
    shot("the published pack among the board member's reports")
    published.get_by_role("link").click()
    download = page.get_by_role("link", name=re.compile("^Download PDF"))
    expect(download).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Publish"))).to_have_count(0)
    expect(page.locator("#pack-status code")).to_have_text(
        hashlib.sha256(pdf).hexdigest()
    )  # the checksum a clerk cites
    shot("the board member's copy")
    assert page.request.get(live_server.url + download.get_attribute("href")).body() == pdf

    # The quarter is now closed: the officer's figure is not taken.
    officer.get_by_role("button", name="Submit for verification").click()
    expect(officer.get_by_role("heading", name="My indicators")).to_be_visible()
    expect(
        officer.get_by_text(re.compile(f"Nothing was saved: {LATE} .* is closed"))
    ).to_be_visible()
    expect(officer.get_by_text("You had typed 11.")).to_be_visible()
    expect(
        officer.get_by_role("region", name="My figures").get_by_text(QUARTER.long_label)
    ).to_have_count(0)
    shot("the officer is told the quarter is closed", on=officer)
    assert not Figure.objects.filter(
        indicator__code=LATE, year=QUARTER.year, number=QUARTER.number
    ).exists()
    officer.context.close()


# 4. The reporting cycle: an administrator adds an item and moves another -----------------

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MOVED = "VFM quarterly review"  # Feb, May, Aug and Nov in the demo's cycle


def ticked(page, item: str) -> list[str]:
    """Return the months the calendar grid ticks for the item."""
    grid = page.get_by_role("table", name=re.compile("Annual planning & reporting cycle"))
    row = grid.get_by_role("row", name=re.compile(f"^{re.escape(item)}"))
    cells = row.get_by_role("cell").all_inner_texts()
    return [month for month, cell in zip(MONTHS, cells, strict=True) if "✓" in cell]


def feed_events(page, live_server) -> dict[str, set]:
    """Fetch the whole-cycle feed as a calendar app would; return each event's dates.

    A person has no feed addresses until they create them, once.
    """
    from icalendar import Calendar

    create = page.get_by_role("button", name="Create my calendar addresses")
    if create.count():
        create.click()
    address = page.get_by_label("The whole cycle").input_value()
    # Feed addresses are built on SITE_URL (what a calendar app outside would use); fetch the
    # same path from the test's live server.
    assert address.startswith(settings.SITE_URL) and address.endswith(".ics")
    response = page.request.get(live_server.url + address.removeprefix(settings.SITE_URL))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events: dict[str, set] = {}
    for event in Calendar.from_ical(response.body()).walk("VEVENT"):
        events.setdefault(str(event["summary"]), set()).add(event.decoded("dtstart"))
    return events


def test_an_administrator_changes_the_reporting_cycle_and_calendars_follow(
    page, live_server, log_in, shot, settings
):
    settings.SITE_URL = live_server.url  # the feed addresses are absolute, on the site's address
    year = timezone.localdate().year
    log_in("admin")
    nav(page, "Calendar").click()
    expect(page.get_by_role("heading", name=f"Reporting calendar {year}")).to_be_visible()
    assert ticked(page, MOVED) == ["Feb", "May", "Aug", "Nov"]
    before = feed_events(page, live_server)
    assert {d.month for d in before[f"{MOVED} due"] if d.year == year} == {2, 5, 8, 11}
    assert "Budget scrutiny panel due" not in before
    shot("the calendar before")

    page.get_by_role("link", name="Configure the cycle").click()
    expect(page.get_by_role("heading", name="Reporting cycle items")).to_be_visible()
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Name").fill("Budget scrutiny panel")
    for month in ("March", "September"):
        page.get_by_label(month, exact=True).check()
    page.get_by_label("Cabinet", exact=True).check()
    page.get_by_label("Responsible", exact=True).fill("Finance")
    page.get_by_label("Due rule").select_option(label="On a day of the month")
    page.get_by_label("Due value").fill("10")
    shot("a new item")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved 'Budget scrutiny panel'.")).to_be_visible()

    page.get_by_role("link", name=MOVED).click()
    expect(page.get_by_role("heading", name=f"Change {MOVED}")).to_be_visible()
    for month in ("February", "May", "August", "November"):
        page.get_by_label(month, exact=True).uncheck()
    for month in ("January", "April", "July", "October"):
        page.get_by_label(month, exact=True).check()
    shot("moving an item to other months")
    page.get_by_role("button", name="Save").click()
    items = page.get_by_role("table")
    expect(items.get_by_role("row", name=re.compile("^Budget scrutiny panel"))).to_contain_text(
        "March, September"
    )
    expect(items.get_by_role("row", name=re.compile(f"^{MOVED}"))).to_contain_text(
        "January, April, July, October"
    )
    shot("the cycle's items")

    page.get_by_role("link", name="Reporting calendar").click()
    assert ticked(page, "Budget scrutiny panel") == ["Mar", "Sep"]
    assert ticked(page, MOVED) == ["Jan", "Apr", "Jul", "Oct"]
    shot("the calendar after")
    after = feed_events(page, live_server)
    assert {d for d in after["Budget scrutiny panel due"] if d.year == year} == {
        date(year, 3, 10),
        date(year, 9, 10),
    }
    assert {d.month for d in after[f"{MOVED} due"] if d.year == year} == {1, 4, 7, 10}
    unchanged = {name: dates for name, dates in before.items() if name != f"{MOVED} due"}
    assert {name: after[name] for name in unchanged} == unchanged


# 5. Closing the month: what it leaves behind is shown and confirmed by name ---------------


def test_the_performance_team_closes_the_month_after_seeing_what_it_leaves_behind(
    page, log_in, shot
):
    from indicators.closing import closing_summary
    from indicators.models import PeriodClosure

    def closed() -> bool:
        return PeriodClosure.objects.filter(
            frequency=MONTH.frequency, year=MONTH.year, number=MONTH.number
        ).exists()

    # The demo closes every month before the one being reported; this one is still open,
    # with figures not in, drafts and figures waiting for verification.
    summary = closing_summary(MONTH, today=timezone.localdate())
    assert summary.left_behind and not closed()

    log_in("perf")
    page.get_by_role("navigation", name="Main").get_by_text("Month end", exact=True).click()
    nav(page, "Periods").click()
    expect(page.get_by_role("heading", name="Reporting periods")).to_be_visible()
    page.get_by_label(f"Reason for closing {MONTH.long_label}").fill("Reported to CMT")
    page.get_by_role("button", name=f"Close {MONTH.long_label}").click()

    expect(page.get_by_role("heading", name=f"Close {MONTH.long_label}?")).to_be_visible()
    left = page.get_by_role("table", name="What closing leaves behind, by service")
    for row in summary.services:
        expect(
            left.get_by_role("row", name=re.compile(rf"^{re.escape(row.service.name)}"))
        ).to_be_visible()
        for indicator in row.missing + row.unfinished + row.unverified:
            expect(left.get_by_role("link", name=indicator.code, exact=True)).to_be_visible()
    expect(page.get_by_text("Closing early:")).to_have_count(1 if summary.is_early else 0)
    expect(page.get_by_label("Reason for closing (optional)")).to_have_value("Reported to CMT")
    shot("asked to confirm closing, with what it leaves behind")

    # Changing their mind keeps the month open.
    page.get_by_role("link", name="Cancel: keep it open").click()
    expect(page.get_by_role("heading", name="Reporting periods")).to_be_visible()
    assert not closed()

    page.get_by_label(f"Reason for closing {MONTH.long_label}").fill("Reported to CMT")
    page.get_by_role("button", name=f"Close {MONTH.long_label}").click()
    page.get_by_role(
        "button", name=f"Close {MONTH.long_label}, leaving {summary.sentence()}"
    ).click()
    expect(page.get_by_text(f"{MONTH.long_label} closed.")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile(rf"^{re.escape(MONTH.long_label)}"))
    ).to_contain_text("Closed")
    shot("the month closed")
    closure = PeriodClosure.objects.get(
        frequency=MONTH.frequency, year=MONTH.year, number=MONTH.number
    )
    assert closure.reason == "Reported to CMT"
