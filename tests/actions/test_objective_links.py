"""Actions and risks link to plan objectives; individual plans' objectives stay private."""

import pytest
from django.urls import reverse

from plans.choices import PlanKind
from tests.factories import ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objectives(org, people):
    shared = ObjectiveFactory(plan=PlanFactory(unit=org.housing), title="More homes")
    personal = ObjectiveFactory(
        plan=PlanFactory(kind=PlanKind.INDIVIDUAL, unit=org.housing_team, owner=people.officer),
        title="Officer's personal goal",
    )
    return shared, personal


def test_action_and_risk_pages_show_linked_objectives_the_reader_may_see(
    client, people, items, objectives
):
    shared, personal = objectives
    items.housing_action.objectives.add(shared, personal)
    items.housing_risk.objectives.add(shared, personal)
    client.force_login(people.board)
    for url in (items.housing_action.get_absolute_url(), items.housing_risk.get_absolute_url()):
        text = client.get(url).content.decode()
        assert "More homes" in text
        assert "personal goal" not in text
    client.force_login(people.officer)
    text = client.get(items.housing_action.get_absolute_url()).content.decode()
    assert "personal goal" in text  # their own


def test_forms_offer_only_shared_objectives(client, people, items, objectives):
    shared, personal = objectives
    client.force_login(people.perf)
    for name, obj in (
        ("actions:action_edit", items.housing_action),
        ("actions:risk_edit", items.housing_risk),
    ):
        choices = set(
            client.get(reverse(name, args=[obj.pk])).context["form"].fields["objectives"].queryset
        )
        assert shared in choices and personal not in choices
