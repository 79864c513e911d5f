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


# A page posted after its due list changed ------------------------------------------------


def two_pis_and_a_page(client, people, org):
    """Two PIs the officer owns and the manager deputises; the officer's page as loaded."""
    from tests.indicators.test_entry_pages import page_keys

    first = housing_pi(people, org, code="LPI HO 01", deputy=people.manager)
    second = housing_pi(people, org, code="LPI HO 02", deputy=people.manager)
    client.force_login(people.officer)
    keys = page_keys(client)
    assert keys == [f"{pi.pk}:{OCTOBER.label}" for pi in (first, second)]
    return first, second, keys


def submit_first_as_the_deputy(client, people, pi):
    client.force_login(people.manager)
    url = reverse("indicators:enter") + f"?item={pi.pk}:{OCTOBER.label}"
    data = page_data(0, "77", "Deputy's count") | {
        "action": "submit",
        "form-0-corrective_action": "Agency cover",
    }
    assert client.post(url, data).status_code == 302
    client.force_login(people.officer)


def page_post(keys, values):
    data = {"form-TOTAL_FORMS": str(len(keys)), "form-INITIAL_FORMS": "0", "action": "submit"}
    for index, (key, value) in enumerate(zip(keys, values, strict=True)):
        data |= {f"form-{index}-figure_key": key, f"form-{index}-version": "0"}
        if value:
            data |= {
                f"form-{index}-value": value,
                f"form-{index}-commentary": "Counted from the case system.",
                f"form-{index}-corrective_action": "Agency cover",
            }
    return data


def test_a_value_is_never_saved_against_another_figure_when_the_list_changed(client, people, org):
    first, second, keys = two_pis_and_a_page(client, people, org)
    submit_first_as_the_deputy(client, people, first)
    # The first is no longer due for the officer; the page still posts both, in its order.
    response = client.post(reverse("indicators:enter"), page_post(keys, ["10", "20"]))
    assert response.status_code == 409
    assert "Someone else saved this figure" in response.content.decode()
    assert Figure.objects.get(indicator=first).value == 77
    assert not Figure.objects.filter(indicator=second).exists()  # all or nothing


def test_the_other_figures_of_a_changed_page_save_where_they_were_typed(client, people, org):
    first, second, keys = two_pis_and_a_page(client, people, org)
    submit_first_as_the_deputy(client, people, first)
    response = client.post(reverse("indicators:enter"), page_post(keys, ["", "20"]))
    assert response.status_code == 302
    assert Figure.objects.get(indicator=first).value == 77
    assert Figure.objects.get(indicator=second).value == 20


def test_a_page_naming_a_figure_twice_or_without_names_is_refused(client, people, org):
    first, _second, keys = two_pis_and_a_page(client, people, org)
    url = reverse("indicators:enter")
    assert client.post(url, page_post([keys[0], keys[0]], ["1", "2"])).status_code == 400
    assert client.post(url, page_post(["", keys[1]], ["1", "2"])).status_code == 400
    assert not Figure.objects.exists()


def test_a_page_naming_someone_elses_figure_is_refused(client, people, org):
    _first, _second, keys = two_pis_and_a_page(client, people, org)
    theirs = housing_pi(people, org, code="LPI PL 01", owner=people.other_officer)
    forged = [keys[0], f"{theirs.pk}:{OCTOBER.label}"]
    response = client.post(reverse("indicators:enter"), page_post(forged, ["1", "2"]))
    assert response.status_code in (403, 404)
    assert not Figure.objects.exists()
