"""Messages say a thing once: a page never repeats the same news in two places."""

import pytest
from django.urls import reverse

from indicators.choices import FigureState
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db


def test_my_indicators_gives_a_returned_figures_reason_once(client, people, org):
    pi = housing_pi(people, org)
    FigureFactory(
        indicator=pi,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=10,
        state=FigureState.RETURNED,
        return_reason="Please include the out-of-hours cases.",
    )
    client.force_login(people.officer)
    page = client.get(reverse("indicators:my")).content.decode()
    assert page.count("Please include the out-of-hours cases.") == 1
    assert "Correct and resubmit" in page


def test_the_entry_page_says_a_figure_is_due_once(client, people, org):
    housing_pi(people, org, code="LPI HO 01")
    client.force_login(people.officer)
    page = client.get(reverse("indicators:enter")).content.decode()
    header = page[page.index("LPI HO 01") : page.index("card-body")]
    assert header.count("Due") == 1, header
