"""Accessibility (WCAG 2.2 AA): axe-core in Debian's Chromium over the main pages of every role.

The pages are those each role's navigation offers, plus the detail pages of a small council's
objects and the public pages, so a page another app adds is checked as soon as its URL exists.
A serious or critical violation fails the test, with the rule and the elements it found.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.urls import reverse

from core.navigation import nav_for
from core.roles import Role
from tests.browser.small_council import small_council  # noqa: F401 (fixture "council")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
ROLES = {
    Role.BOARD: "board",
    Role.OFFICER: "officer",
    Role.MANAGER: "manager",
    Role.PERFORMANCE: "perf",
    Role.AUDIT: "audit",
    Role.ADMIN: "admin",
}


def pages_for(user: User, council: dict) -> list[str]:
    """Return the URLs to check as `user`: their navigation, the detail and public pages."""
    urls = [item["url"] for item in nav_for(user)]
    indicator = council["indicator"]
    urls += [
        reverse("indicators:detail", args=[indicator.pk]),
        reverse("dashboards:indicators") + "?period=2026-10&rag=red",
        reverse("dashboards:mine"),
        reverse("dashboards:unit", args=[council["unit"].code]),
    ] + [obj.get_absolute_url() for obj in council["objects"]]
    return list(dict.fromkeys(urls))


PUBLIC_PAGES = ["/accounts/login/", "/public/", "/public/indicators/lpi-h-01/"]


def violations_on(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status < 500, f"{url} answered {response.status}"
    results = Axe().run(page, options=AXE_OPTIONS)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            found.append(
                f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} "
                f"-> {targets}"
            )
    return found


def test_public_pages_have_no_serious_violations(page, live_server, council):
    found = []
    for path in PUBLIC_PAGES:
        found += violations_on(page, live_server.url + path)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("role", list(ROLES))
def test_each_roles_pages_have_no_serious_violations(
    page, live_server, people, council, sign_in, role
):
    user = people.by_role()[role]
    sign_in(user.username)
    urls = pages_for(user, council)
    assert reverse("dashboards:pmb") in urls
    found = []
    for url in urls:
        found += violations_on(page, live_server.url + url)
    assert not found, "\n".join(found)
