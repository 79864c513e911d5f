"""The PI page's "How we compare" panel in Chromium, on the demo council, at 1366 and 375 px:
our rank and quartile in words, the dot plot with ours labelled in text, nothing off screen."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"1366": {"width": 1366, "height": 900}, "375": {"width": 375, "height": 740}}


@pytest.mark.parametrize("size", SIZES)
def test_how_we_compare_panel(browser, live_server, shot, size):
    call_command("seed_demo", stdout=io.StringIO())
    pk = Indicator.objects.get(code="NI 191").pk
    context = browser.new_context(viewport=SIZES[size], locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("perf")
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
    page.goto(f"{live_server.url}/indicators/{pk}/")
    panel = page.get_by_role("region", name="How we compare")
    expect(panel).to_be_visible()
    expect(panel.locator(".bench-summary strong")).to_have_text(re.compile(r"^\d+ of 21$"))
    expect(panel.locator(".quartile").first).to_have_text(
        re.compile("^(Top quartile|Quartile 2|Quartile 3|Bottom quartile)$")
    )
    plot = panel.locator("svg.gt-dot-plot")
    expect(plot.locator("text.us-label")).to_have_text(re.compile(r"^Us: "))
    assert plot.locator("circle.dot").count() == 20
    # Nothing spills sideways: the plot scales down with the page.
    box = plot.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    panel.locator("summary").click()
    expect(panel.get_by_role("cell", name="Us (our figure)")).to_be_visible()
    panel.scroll_into_view_if_needed()
    shot(f"how we compare {size}", on=page)
    context.close()
