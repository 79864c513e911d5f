"""The PI register list and an indicator's page: filters, sorting, RAG and who sees what."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from core.roles import Role
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

SEPTEMBER = {"period": "2026-09"}  # month 6 of 2026/27


@pytest.fixture
def register(people, org):
    """Three PIs: Housing (owned by the officer), Planning (other officer), a national one."""
    housing = IndicatorFactory(
        code="LPI HO 01",
        title="Homelessness preventions",
        owner=people.officer,
        service=org.housing_team,
        polarity="higher",
    )
    planning = IndicatorFactory(
        code="PS01",
        title="Major applications in time",
        owner=people.other_officer,
        service=org.planning,
        polarity="lower",
        frequency="quarterly",
    )
    national = IndicatorFactory(
        code="NI 191",
        title="Residual waste",
        owner=people.other_officer,
        service=org.planning,
        is_national=True,
        is_public=True,
    )
    for indicator in (housing, planning, national):
        TargetFactory(indicator=indicator, year=2026, annual_target=100)
    return {"housing": housing, "planning": planning, "national": national}


def get(client, user, url, data=None):
    client.force_login(user)
    return client.get(url, data or {})


def codes(response) -> list[str]:
    return [indicator.code for indicator, _a in response.context["rows"]]


def test_anonymous_visitors_are_sent_to_sign_in(client, register):
    for url in (
        reverse("indicators:list"),
        reverse("indicators:detail", args=[register["housing"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


# Partner contributors see their own PIs only (tests/core/test_partner_scope.py).
@pytest.mark.parametrize("role", Role.STAFF)
def test_every_role_may_read_the_register_and_indicator_pages(client, people, register, role):
    user = people.by_role()[role]
    assert get(client, user, reverse("indicators:list")).status_code == 200
    page = get(client, user, reverse("indicators:detail", args=[register["housing"].pk]))
    assert page.status_code == 200
    assert b"<svg" in page.content


def test_filters_search_and_sorting(client, people, register, org):
    url = reverse("indicators:list")
    assert codes(get(client, people.perf, url, {"q": "homeless"})) == ["LPI HO 01"]
    assert codes(get(client, people.perf, url, {"q": "ps0"})) == ["PS01"]
    assert codes(get(client, people.perf, url, {"service": org.planning.pk})) == ["NI 191", "PS01"]
    assert codes(get(client, people.perf, url, {"directorate": org.place.pk})) == [
        "LPI HO 01",
        "NI 191",
        "PS01",
    ]
    assert codes(get(client, people.perf, url, {"owner": people.officer.pk})) == ["LPI HO 01"]
    assert codes(get(client, people.perf, url, {"polarity": "lower"})) == ["PS01"]
    assert codes(get(client, people.perf, url, {"frequency": "quarterly"})) == ["PS01"]
    assert codes(get(client, people.perf, url, {"national": "national"})) == ["NI 191"]
    assert codes(get(client, people.perf, url, {"national": "local"})) == ["LPI HO 01", "PS01"]
    assert codes(get(client, people.perf, url, {"public": "yes"})) == ["NI 191"]
    assert codes(get(client, people.perf, url, {"ordering": "-code"})) == [
        "PS01",
        "NI 191",
        "LPI HO 01",
    ]
    assert codes(get(client, people.perf, url, {"ordering": "title"}))[0] == "LPI HO 01"


def test_active_filter_uses_the_dates(client, people, register):
    register["planning"].active_to = "2020-03-31"
    register["planning"].save()
    url = reverse("indicators:list")
    assert "PS01" not in codes(get(client, people.perf, url, {"active": "yes"}))
    assert codes(get(client, people.perf, url, {"active": "no"})) == ["PS01"]


def test_rag_filter_for_the_chosen_month(client, people, register):
    FigureFactory(indicator=register["housing"], year=2026, number=6, value=50, state="verified")
    FigureFactory(indicator=register["national"], year=2026, number=6, value=100, state="verified")
    url = reverse("indicators:list")
    assert codes(get(client, people.perf, url, {**SEPTEMBER, "rag": "red"})) == ["LPI HO 01"]
    assert codes(get(client, people.perf, url, {**SEPTEMBER, "rag": "green"})) == ["NI 191"]
    page = get(client, people.perf, url, {**SEPTEMBER, "rag": "green"})
    assert page.context["period"].label == "2026-09"


def test_filters_stay_in_pagination_and_sort_links(client, people, register):
    for n in range(30):
        IndicatorFactory(code=f"LPI Z {n:02d}", owner=people.officer, polarity="lower")
    url = reverse("indicators:list")
    page = get(client, people.perf, url, {"polarity": "lower", "period": "2026-09"})
    html = page.content.decode()
    assert page.context["paginator"].num_pages == 2
    assert "?polarity=lower&amp;period=2026-09&amp;page=2" in html
    assert "polarity=lower&amp;period=2026-09&amp;ordering=code" in html


def test_board_sees_only_verified_figures(client, people, register):
    FigureFactory(indicator=register["housing"], year=2026, number=6, value=50, state="submitted")
    url = reverse("indicators:list")
    board_rows = dict(get(client, people.board, url, SEPTEMBER).context["rows"])
    assert board_rows[register["housing"]].value is None
    assert board_rows[register["housing"]].rag == "missing"
    perf_rows = dict(get(client, people.perf, url, SEPTEMBER).context["rows"])
    assert perf_rows[register["housing"]].rag == "red"


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("officer", True),  # owner
        ("manager", True),  # the PI's service
        ("perf", True),
        ("audit", True),
        ("admin", True),
        ("other_officer", False),
        ("board", False),
    ],
)
def test_drafts_and_internal_commentary_by_role(client, people, register, persona, sees):
    FigureFactory(
        indicator=register["housing"],
        year=2026,
        number=4,
        value=77,
        state="draft",
        commentary="Internal note about the Smith family case",
        commentary_is_internal=True,
    )
    FigureFactory(
        indicator=register["housing"],
        year=2026,
        number=5,
        value=88,
        state="verified",
        commentary="Published commentary",
        corrective_action="Extra triage sessions",
    )
    user = getattr(people, persona)
    page = get(
        client, user, reverse("indicators:detail", args=[register["housing"].pk]), {"year": 2026}
    )
    html = page.content.decode()
    assert "Published commentary" in html
    assert "Extra triage sessions" in html
    assert ("Internal note about the Smith family case" in html) is sees
    rows = {row["assessment"].period.label: row["assessment"] for row in page.context["rows"]}
    assert (rows["2026-07"].value == 77) is sees


def test_detail_shows_definition_owner_targets_and_chart(client, people, register):
    indicator = register["housing"]
    indicator.definition = "Count of cases closed as prevented."
    indicator.deputy = people.manager
    indicator.save()
    for number, value in enumerate([90, 95, 101], start=1):
        FigureFactory(indicator=indicator, year=2026, number=number, value=value, state="verified")
    page = get(client, people.board, reverse("indicators:detail", args=[indicator.pk]))
    html = page.content.decode()
    assert "Count of cases closed as prevented." in html
    # Names as the page writes them (a name may hold an apostrophe: O'Donnell).
    assert escape(people.officer.get_full_name()) in html
    assert escape(people.manager.get_full_name()) in html
    assert "2026/27" in html
    assert 'class="actual-point"' in html
    assert "2026-06 actual: 101" in html
    # The chart starts where the history starts (no empty years before the first target).
    assert "Actual from 2026-04 to 2026-06" in html
    assert "2025-" not in page.context["chart"]


def test_unknown_indicator_is_404(client, people):
    assert get(client, people.perf, reverse("indicators:detail", args=[999])).status_code == 404


def test_register_links_to_the_export_for_the_chosen_month(client, people, register):
    html = get(client, people.board, reverse("indicators:list"), SEPTEMBER).content.decode()
    assert reverse("indicators:export") + "?period=2026-09&amp;format=csv" in html
    assert reverse("indicators:export") + "?period=2026-09&amp;format=xlsx" in html
