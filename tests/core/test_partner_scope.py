"""A partner contributor sees only the PIs their organisation owns or shares, the Community
Plan's thread and published packs; they enter their own organisation's figures only."""

import pytest
from django.urls import reverse

from indicators.choices import FigureState, Frequency
from indicators.models import Indicator
from indicators.visibility import may_enter_figures_for, sees_drafts_of, visible_indicators
from plans.choices import PlanKind, PlanStatus
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    FigureFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PackFactory,
    PlanFactory,
    TargetFactory,
    ThemeFactory,
)
from tests.indicators.test_register_editing import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(org, people):
    police = people.partner.profile.unit
    own = IndicatorFactory(
        code="CSP 01", title="Police-recorded crime", service=police, owner=people.partner
    )
    shared = IndicatorFactory(
        code="CSP 02", title="Antisocial behaviour reports", service=org.housing
    )
    shared.partners.add(police)
    council = IndicatorFactory(
        code="LPI HO 09", title="Council-only housing PI", service=org.housing
    )
    for pi in (own, shared, council):
        pi.frequency = Frequency.MONTHLY
        pi.save()
        TargetFactory(indicator=pi, year=2026, annual_target=100)
    community = PlanFactory(kind=PlanKind.COMMUNITY, unit=org.council, title="Community Plan")
    priority = ObjectiveFactory(plan=community, title="Safer communities")
    priority.indicators.add(own, shared, council)
    council_plan = PlanFactory(
        kind=PlanKind.COUNCIL, unit=org.council, title="Council Plan", parent=community
    )
    ObjectiveFactory(plan=council_plan, title="Council internal aim", contributes_to=priority)
    action = ActionFactory(
        title="Council internal action",
        theme=ThemeFactory(plan=ActionPlanFactory(unit=org.housing)),
    )
    action.objectives.add(priority)
    return {"own": own, "shared": shared, "council": council, "community": community}


def test_the_register_lists_only_the_partners_own_and_shared_pis(client, people, partnership):
    client.force_login(people.partner)
    page = client.get(reverse("indicators:list")).content.decode()
    assert "CSP 01" in page
    assert "CSP 02" in page
    assert "LPI HO 09" not in page


def test_council_staff_still_see_the_whole_register(people, partnership):
    assert visible_indicators(people.board).count() == Indicator.objects.count()


def test_a_council_pi_not_shared_is_not_found(client, people, partnership):
    client.force_login(people.partner)
    for key in ("own", "shared"):
        assert (
            client.get(reverse("indicators:detail", args=[partnership[key].pk])).status_code == 200
        )
    council = partnership["council"]
    assert client.get(reverse("indicators:detail", args=[council.pk])).status_code == 404


def test_partners_see_and_enter_drafts_of_their_own_pis_only(people, partnership):
    partner = people.partner
    assert sees_drafts_of(partner, partnership["own"])
    assert may_enter_figures_for(partner, partnership["own"])
    assert not sees_drafts_of(partner, partnership["shared"])
    assert not may_enter_figures_for(partner, partnership["shared"])
    assert not may_enter_figures_for(partner, partnership["council"])


def test_a_shared_pi_shows_verified_figures_never_drafts(client, people, partnership):
    shared = partnership["shared"]
    FigureFactory(indicator=shared, year=2026, number=1, value=41, state=FigureState.VERIFIED)
    FigureFactory(
        indicator=shared,
        year=2026,
        number=2,
        value=77,
        state=FigureState.SUBMITTED,
        commentary="Internal draft note",
    )
    client.force_login(people.partner)
    page = client.get(reverse("indicators:detail", args=[shared.pk]) + "?year=2026")
    text = page.content.decode()
    assert "41" in text
    assert "Internal draft note" not in text
    client.force_login(people.perf)  # who sees drafts sees the note: the check means something
    staff_page = client.get(reverse("indicators:detail", args=[shared.pk]) + "?year=2026")
    assert "Internal draft note" in staff_page.content.decode()


def test_the_partners_thread_is_the_community_plan_with_their_pis_only(client, people, partnership):
    client.force_login(people.partner)
    page = client.get(reverse("plans:thread") + "?period=2026-04").content.decode()
    assert "Safer communities" in page
    assert "Council internal aim" not in page
    assert "Council internal action" not in page
    staff = client
    staff.force_login(people.board)
    assert (
        "Council internal aim"
        in staff.get(reverse("plans:thread") + "?period=2026-04").content.decode()
    )


def test_partners_see_the_community_plan_but_no_council_plan(client, people, partnership, org):
    client.force_login(people.partner)
    assert client.get(partnership["community"].get_absolute_url()).status_code == 200
    service_plan = PlanFactory(kind=PlanKind.SERVICE, unit=org.housing, status=PlanStatus.APPROVED)
    assert client.get(service_plan.get_absolute_url()).status_code == 404


def test_partners_see_published_packs_only(client, people, org):
    published = PackFactory(status="published", scope_unit=None, report_type="pi_monthly")
    draft = PackFactory(status="ready", scope_unit=None, report_type="pi_monthly")
    client.force_login(people.partner)
    detail = "reporting:pack_detail"
    assert client.get(reverse(detail, args=[published.pk])).status_code == 200
    assert client.get(reverse(detail, args=[draft.pk])).status_code == 404


def test_every_other_page_is_closed_to_partners(client, people):
    client.force_login(people.partner)
    for name in ("actions:plan_list", "dashboards:pmb", "reporting:calendar", "indicators:export"):
        assert client.get(reverse(name)).status_code == 403, name
    client.force_login(people.board)
    assert client.get(reverse("actions:plan_list")).status_code == 200


def test_the_performance_team_shares_a_pi_with_partners_on_its_edit_page(
    client, people, org, partnership
):
    council = partnership["council"]
    police = people.partner.profile.unit
    client.force_login(people.perf)
    page = client.get(reverse("indicators:edit", args=[council.pk])).content.decode()
    assert "Shared with partner organisations" in page
    data = valid_data(people, org, code=council.code, partners=[police.pk])
    response = client.post(reverse("indicators:edit", args=[council.pk]), data)
    assert response.status_code == 302
    assert list(council.partners.all()) == [police]


def test_the_navigation_offers_partners_only_their_pages(client, people):
    client.force_login(people.partner)
    page = client.get(reverse("core:home")).content.decode()
    nav = page[page.index('id="main-nav"') : page.index("</nav>")]
    assert f'href="{reverse("indicators:list")}"' in nav
    assert f'href="{reverse("plans:thread")}"' in nav
    assert f'href="{reverse("actions:plan_list")}"' not in nav
    assert f'href="{reverse("dashboards:pmb")}"' not in nav
