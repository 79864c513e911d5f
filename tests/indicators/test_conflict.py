"""Two people saving the same figure: the second is told, shown the other value, keeps typing."""

import pytest
from django.urls import reverse

from indicators.models import Figure
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db


def page_data(version, value, commentary=""):
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "action": "draft",
        "form-0-version": str(version),
        "form-0-value": value,
        "form-0-commentary": commentary,
    }


def test_the_second_save_is_refused_with_the_other_value_and_the_typing_kept(client, people, org):
    pi = housing_pi(people, org, deputy=people.manager)
    url = reverse("indicators:enter") + f"?item={pi.pk}:{OCTOBER.label}"
    # Both open the page when there is no figure yet (version 0).
    client.force_login(people.officer)
    assert client.post(url, page_data(0, "101", "Officer's count")).status_code == 302
    client.force_login(people.manager)
    response = client.post(url, page_data(0, "250", "Manager's count"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this figure" in page
    assert "101" in page and "Officer&#x27;s count" in page  # their figure
    assert 'value="250"' in page and "Manager&#x27;s count" in page  # my typing, kept
    assert Figure.objects.get().value == 101
    # The form now carries the current version: saving again deliberately replaces it.
    form = response.context["formset"].forms[0]
    assert form["version"].value() == "1"
    assert client.post(url, page_data(1, "250", "Manager's count")).status_code == 302
    assert Figure.objects.get().value == 250


def test_a_save_racing_past_the_version_check_is_still_refused(people, org, monkeypatch):
    """Two first saves at once: the second insert hits the one-figure-per-period constraint,
    and the loser is told of a conflict (not an error page)."""
    from decimal import Decimal

    from indicators.services import FigureConflict, FigureInput, figure_save_draft

    pi = housing_pi(people, org, deputy=people.manager)
    figure_save_draft(
        user=people.officer, entry=FigureInput(indicator=pi, period=OCTOBER, value=Decimal(1))
    )
    # As if the manager read before the officer's figure was committed.
    monkeypatch.setattr(Figure.objects, "select_for_update", lambda: Figure.objects.none())
    with pytest.raises(FigureConflict) as refused:
        figure_save_draft(
            user=people.manager, entry=FigureInput(indicator=pi, period=OCTOBER, value=Decimal(2))
        )
    assert refused.value.figures[(pi.pk, OCTOBER.year, OCTOBER.number)].value == 1


def test_an_update_racing_past_the_version_check_is_still_refused(people, org, monkeypatch):
    """Without row locks (SQLite), two saves from version 1: the conditional update lets only
    the first through."""
    from decimal import Decimal

    from indicators.services import FigureConflict, FigureInput, figure_save_draft

    pi = housing_pi(people, org, deputy=people.manager)
    first = figure_save_draft(
        user=people.officer, entry=FigureInput(indicator=pi, period=OCTOBER, value=Decimal(1))
    )
    stale = Figure.objects.get(pk=first.pk)  # what the manager read, at version 1
    figure_save_draft(
        user=people.officer,
        entry=FigureInput(indicator=pi, period=OCTOBER, value=Decimal(3), expected_version=1),
    )
    monkeypatch.setattr(Figure.objects, "select_for_update", lambda: _Frozen(stale))
    with pytest.raises(FigureConflict):
        figure_save_draft(
            user=people.manager,
            entry=FigureInput(indicator=pi, period=OCTOBER, value=Decimal(2), expected_version=1),
        )
    assert Figure.objects.get().value == 3


class _Frozen:
    """A stand-in queryset returning the figure as it was read (an old version)."""

    def __init__(self, figure):
        self.figure = figure

    def filter(self, **kwargs):
        return [self.figure]
