"""The site name in the header leads somewhere each visitor may go."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _brand_href(html: str) -> str:
    start = html.index('class="navbar-brand" href="') + len('class="navbar-brand" href="')
    return html[start : html.index('"', start)]


def test_the_public_see_the_site_name_lead_to_the_public_pages(client):
    page = client.get(reverse("dashboards:public")).content.decode()
    assert _brand_href(page) == reverse("dashboards:public")


def test_signed_in_people_see_it_lead_to_their_start_page(client, people):
    client.force_login(people.officer)
    page = client.get(reverse("dashboards:public")).content.decode()
    assert _brand_href(page) == reverse("core:home")
