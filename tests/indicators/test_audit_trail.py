"""The audit trail: every change of a figure, target or definition, to those who may see it."""

import pytest
from django.urls import reverse

from indicators.periods import Period
from indicators.services import FigureInput, figure_save_draft, figure_submit
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db


@pytest.fixture
def pi(people, org):
    pi = housing_pi(people, org, code="LPI HO 01", title="Preventions")
    figure_save_draft(
        user=people.officer, entry=FigureInput(indicator=pi, period=OCTOBER, value=40)
    )
    figure_submit(
        user=people.officer,
        entry=FigureInput(
            indicator=pi, period=OCTOBER, value=45, expected_version=1, commentary="Revised count"
        ),
    )
    pi.title = "Homelessness preventions"
    pi.save()
    target = pi.targets.get()
    target.annual_target = 120
    target.save()
    return pi


def url(pi):
    return reverse("indicators:history", args=[pi.pk])


@pytest.mark.parametrize("role", ["officer", "manager", "perf", "audit", "admin"])
def test_those_who_may_see_the_pi_read_its_history(client, people, pi, role):
    client.force_login(getattr(people, role))
    page = client.get(url(pi)).content.decode()
    assert f"Figure {OCTOBER.label}" in page
    assert "Saved as draft" in page and "Submitted" in page
    assert "Preventions" in page and "Homelessness preventions" in page
    assert f"Target {Period.month(OCTOBER.year, 1).fy_label}" in page and "120" in page


@pytest.mark.parametrize("role", ["other_officer", "board"])
def test_others_cannot_read_it(client, people, pi, role):
    client.force_login(getattr(people, role))
    assert client.get(url(pi)).status_code == 403


def test_htmx_gets_just_the_partial(client, people, pi):
    client.force_login(people.audit)
    page = client.get(url(pi), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in page and "History of changes" in page


def test_each_change_shows_old_and_new_values(people, pi):
    from indicators.history import history_entries

    figure_changes = [e for e in history_entries(pi) if e.what.startswith("Figure")]
    latest = figure_changes[0]
    value = next(c for c in latest.changes if c.field == "value")
    assert (value.old, value.new) == ("40", "45") and latest.who


@pytest.mark.parametrize(
    ("role", "shown"),
    [("officer", True), ("audit", True), ("other_officer", False), ("board", False)],
)
def test_the_history_block_for_the_indicator_page_shows_to_those_allowed(
    rf, people, pi, role, shown
):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = getattr(people, role)
    html = Template("{% load figures_tags %}{% indicator_history_block pi %}").render(
        Context({"request": request, "pi": pi})
    )
    assert (url(pi) in html) is shown


def test_a_change_of_owner_reads_as_names(people, pi):
    from indicators.history import history_entries

    pi.owner = people.manager
    pi.save()
    owner = next(c for c in history_entries(pi)[0].changes if c.field == "owner")
    assert owner.old == people.officer.get_full_name()
    assert owner.new == people.manager.get_full_name()


def test_the_indicator_page_offers_its_history_to_those_allowed(client, people, pi):
    page = reverse("indicators:detail", args=[pi.pk])
    client.force_login(people.officer)
    assert url(pi) in client.get(page).content.decode()
    client.force_login(people.board)
    assert url(pi) not in client.get(page).content.decode()
