"""The verification queue: managers for their service, the performance team for all."""

import pytest
from django.urls import reverse

from indicators.choices import FigureState
from indicators.models import Figure
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

QUEUE = reverse("indicators:verify_queue")


def submitted(pi, **kwargs):
    defaults = {
        "year": OCTOBER.year,
        "number": OCTOBER.number,
        "value": 100,
        "state": FigureState.SUBMITTED,
    }
    return FigureFactory(indicator=pi, **(defaults | kwargs))


@pytest.fixture
def figures(people, org):
    housing = submitted(housing_pi(people, org, code="LPI HO 01"), submitted_by=people.officer)
    planning = submitted(
        housing_pi(people, org, code="LPI PL 01", owner=people.other_officer, service=org.planning),
        submitted_by=people.other_officer,
    )
    return housing, planning


def test_a_manager_sees_only_their_services_figures(client, people, figures):
    client.force_login(people.manager)
    page = client.get(QUEUE).content.decode()
    assert "LPI HO 01" in page and "LPI PL 01" not in page


def test_the_performance_team_sees_every_submitted_figure(client, people, figures):
    client.force_login(people.perf)
    page = client.get(QUEUE).content.decode()
    assert "LPI HO 01" in page and "LPI PL 01" in page


@pytest.mark.parametrize("role", ["officer", "board", "audit"])
def test_roles_without_verification_are_refused(client, people, figures, role):
    client.force_login(getattr(people, role))
    assert client.get(QUEUE).status_code == 403
    assert client.post(QUEUE, {"figure": [f.pk for f in figures]}).status_code == 403
    return_url = reverse("indicators:figure_return", args=[figures[0].pk])
    assert client.post(return_url, {"reason": "x"}).status_code == 403
    assert not Figure.objects.exclude(state=FigureState.SUBMITTED).exists()


def test_a_manager_verifies_ticked_figures_but_not_another_services(client, people, figures):
    housing, planning = figures
    client.force_login(people.manager)
    response = client.post(QUEUE, {"figure": [housing.pk, planning.pk]}, follow=True)
    housing.refresh_from_db()
    planning.refresh_from_db()
    assert housing.state == FigureState.VERIFIED and housing.verified_by == people.manager
    assert planning.state == FigureState.SUBMITTED
    assert "Not verified" in response.content.decode()


def test_one_figure_is_verified_by_its_own_button(client, people, figures):
    housing, planning = figures
    client.force_login(people.perf)
    client.post(QUEUE, {"only": housing.pk, "figure": [planning.pk]})
    assert Figure.objects.get(pk=housing.pk).state == FigureState.VERIFIED
    assert Figure.objects.get(pk=planning.pk).state == FigureState.SUBMITTED


def test_a_figure_changed_since_the_list_was_shown_is_not_verified(client, people, figures):
    housing, _ = figures
    client.force_login(people.perf)
    client.post(QUEUE, {"only": housing.pk, f"version-{housing.pk}": housing.version - 1 or 99})
    assert Figure.objects.get(pk=housing.pk).state == FigureState.SUBMITTED


def test_return_with_a_reason_shows_on_the_officers_page(client, people, figures):
    housing, _ = figures
    url = reverse("indicators:figure_return", args=[housing.pk])
    client.force_login(people.manager)
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Please use the validated extract"}).status_code == 302
    client.force_login(people.officer)
    page = client.get(reverse("indicators:my")).content.decode()
    assert "Please use the validated extract" in page


def test_a_manager_cannot_return_another_services_figure(client, people, figures):
    _, planning = figures
    client.force_login(people.manager)
    url = reverse("indicators:figure_return", args=[planning.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "forged"}).status_code == 404
    assert Figure.objects.get(pk=planning.pk).state == FigureState.SUBMITTED


def test_the_navigation_counts_figures_waiting_for_this_verifier(client, people, figures):
    client.force_login(people.manager)
    nav = {i["name"]: i for i in client.get(QUEUE).context["nav_items"]}
    assert nav["indicators:verify_queue"]["count"] == 1  # Housing's, not Planning's
    client.force_login(people.perf)
    nav = {i["name"]: i for i in client.get(QUEUE).context["nav_items"]}
    assert nav["indicators:verify_queue"]["count"] == 2


def test_a_long_queue_is_shown_a_hundred_at_a_time(client, people, org):
    from tests.indicators.test_entry_queries import make_pis

    make_pis(105, people.officer, org.housing, submitted_by=people.officer)
    client.force_login(people.perf)
    first = client.get(QUEUE)
    assert len(first.context["rows"]) == 100 and "Next page" in first.content.decode()
    second = client.get(QUEUE + "?page=2")
    assert len(second.context["rows"]) == 5
