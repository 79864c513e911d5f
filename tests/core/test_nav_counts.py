"""The navigation's counts are worked out only for pages that show the navigation: an htmx
fragment (the entry preview, at every keystroke) does not pay for them."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.navigation import nav_for
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

PREVIEW = reverse("indicators:entry_preview")
SITE = "core.context_processors.site"


def _preview_queries(client, pi, value: str) -> int:
    data = {"key": f"{pi.pk}:{OCTOBER.label}", "prefix": "form-0", "form-0-version": "0"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(PREVIEW, data | {"form-0-value": value}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Red" in response.content.decode()
    return len(queries)


def test_the_entry_preview_runs_no_navigation_queries(client, people, org, settings):
    pi = housing_pi(people, org)
    client.force_login(people.officer)
    with CaptureQueriesContext(connection) as navigation:
        nav_for(people.officer)
    assert len(navigation) > 0  # the counts do cost queries
    _preview_queries(client, pi, "40")  # the session's and settings' first reads
    with_navigation = _preview_queries(client, pi, "41")

    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    processors.remove(SITE)
    settings.TEMPLATES = templates
    without_navigation = _preview_queries(client, pi, "42")
    assert with_navigation == without_navigation


def test_a_whole_page_still_shows_the_navigation_with_its_counts(client, people, org):
    housing_pi(people, org)
    client.force_login(people.officer)
    page = client.get(reverse("core:home"))
    shown = list(page.context["nav_items"])
    assert shown == nav_for(people.officer)
    assert any("count" in item for item in shown) and "My indicators" in page.content.decode()
