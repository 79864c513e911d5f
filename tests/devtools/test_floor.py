"""The bench's floors: the signed-in base page and a plain document of a given page count."""

import pytest
from django.test import Client
from django.urls import reverse

from devtools.floor import plain_document


def test_the_plain_document_has_exactly_the_pages_asked_for():
    pdf, pages = plain_document(3)
    assert pages == 3 and pdf.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_base_page_is_the_layout_alone_for_a_signed_in_person(people):
    client = Client()
    client.force_login(people.officer)
    response = client.get(reverse("devtools:base"))
    assert response.status_code == 200
    assert [t.name for t in response.templates if not t.name.startswith("partials/")] == [
        "base.html"
    ]
