"""A renamed page fails loudly: its links raise, they do not quietly vanish from the pages."""

import copy
from types import ModuleType

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, reverse

from config import urls as config_urls
from core.navigation import NAV_ITEMS, nav_for
from tests.factories.indicators import IndicatorFactory

pytestmark = pytest.mark.django_db


def _with_renamed(patterns: list, namespace: str, name: str) -> list:
    """Return a copy of the URL patterns with `namespace:name` renamed, as a refactoring that
    forgot its links would leave them."""
    renamed = []
    for entry in patterns:
        if isinstance(entry, URLResolver) and entry.namespace == namespace:
            inner = []
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLPattern) and pattern.name == name:
                    pattern = copy.copy(pattern)
                    pattern.name = f"{name}_renamed"
                inner.append(pattern)
            entry = URLResolver(
                entry.pattern, inner, entry.default_kwargs, entry.app_name, entry.namespace
            )
        renamed.append(entry)
    return renamed


def test_every_navigation_entry_names_a_page_that_exists():
    for item in NAV_ITEMS:
        assert reverse(item.url_name)


@pytest.mark.parametrize(
    ("namespace", "name", "page"),
    [
        ("plans", "thread", "/"),  # the navigation
        ("indicators", "my", "/dashboard/mine/"),  # the navigation and the page's own link
        ("indicators", "detail", "/dashboard/indicators/"),  # a list's links, not the menu's
    ],
)
def test_a_renamed_page_makes_the_pages_linking_to_it_fail(
    client, people, org, settings, namespace, name, page
):
    IndicatorFactory(owner=people.officer, service=org.housing)
    client.force_login(people.officer)
    assert client.get(page).status_code == 200
    renamed = ModuleType("renamed_urls")
    renamed.urlpatterns = _with_renamed(config_urls.urlpatterns, namespace, name)
    settings.ROOT_URLCONF = renamed
    with pytest.raises(NoReverseMatch):
        client.get(page)


def test_the_navigation_raises_for_an_entry_whose_page_was_renamed(people, monkeypatch):
    from core import navigation
    from core.navigation import NavItem

    monkeypatch.setattr(navigation, "NAV_ITEMS", [*NAV_ITEMS, NavItem("Gone", "plans:gone")])
    with pytest.raises(NoReverseMatch):
        nav_for(people.officer)
