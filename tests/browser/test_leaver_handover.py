"""An administrator deactivates a leaver who still holds a PI, an action and a risk: the page
lists them, refuses until each has someone, then hands them over and deactivates (issue 15)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from actions.models import Risk
from indicators.models import Indicator
from tests.factories import ActionFactory, IndicatorFactory, RiskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leaver(people, org):
    IndicatorFactory(
        code="LPI HO 07", title="Rough sleepers helped", service=org.housing, owner=people.officer
    )
    action = ActionFactory(title="Open a winter night shelter")
    action.leads.add(people.officer)
    RiskFactory(ref="HO R3", title="Shelter funding ends", owner=people.officer)
    return people.officer


def test_a_leaver_hands_over_everything_and_is_deactivated(
    page, live_server, people, leaver, sign_in, shot
):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("admin")
    page.locator("summary", has_text="Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    page.get_by_label("Name, username or e-mail").fill(leaver.username)
    page.get_by_role("button", name="Filter").click()
    page.set_viewport_size({"width": 375, "height": 800})
    shot("people list at 375")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name=leaver.get_full_name()).click()
    expect(page.get_by_text("PIs owned (1)")).to_be_visible()
    shot("person page at 1366")
    page.set_viewport_size({"width": 375, "height": 800})
    shot("person page at 375")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.get_by_role("link", name="Deactivate (leaver)").click()
    expect(page.get_by_role("heading", name="They still hold 3 items")).to_be_visible()
    page.get_by_role("button", name="Hand over and deactivate").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(
        "PI owner: LPI HO 07 Rough sleepers helped needs someone to go to."
    )
    assert User.objects.get(pk=leaver.pk).is_active
    shot("handover refused at 1366")
    page.set_viewport_size({"width": 375, "height": 800})
    shot("handover refused at 375")
    page.set_viewport_size({"width": 1366, "height": 900})

    manager, perf = people.manager, people.perf
    page.get_by_label("Hand everything over to").select_option(
        label=f"{manager.get_full_name()} ({manager.username})"
    )
    page.get_by_label("Risk owner: HO R3 Shelter funding ends").select_option(
        label=f"{perf.get_full_name()} ({perf.username})"
    )
    shot("handover chosen at 1366")
    page.get_by_role("button", name="Hand over and deactivate").click()
    expect(
        page.get_by_text("is deactivated and can no longer sign in; 3 items handed over")
    ).to_be_visible()
    expect(page.get_by_text("Inactive: cannot sign in")).to_be_visible()
    shot("deactivated at 1366")
    page.set_viewport_size({"width": 375, "height": 800})
    shot("deactivated at 375")

    assert not User.objects.get(pk=leaver.pk).is_active
    assert Indicator.objects.get(code="LPI HO 07").owner == manager
    assert Risk.objects.get(ref="HO R3").owner == perf
    assert not Indicator.objects.filter(owner=leaver).exists()
