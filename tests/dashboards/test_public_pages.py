"""Public pages and open data: only verified figures of closed periods of public PIs leak."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import CouncilSettings
from indicators.choices import FigureState, Frequency
from indicators.models import PeriodClosure
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

VERIFIED = FigureState.VERIFIED


def close(year: int, number: int, frequency: str = Frequency.MONTHLY) -> None:
    PeriodClosure.objects.create(
        frequency=frequency, year=year, number=number, closed_at=timezone.now()
    )


@pytest.fixture
def published(org, people):
    """A public PI with September (closed, verified), October (closed, verified, internal
    note) and November (verified but not closed) figures, plus a draft in an older month."""
    indicator = IndicatorFactory(
        code="NI 191",
        title="Residual household waste per household",
        description="How much rubbish each home throws away.",
        is_public=True,
        owner=people.officer,
        service=org.housing,
        polarity="lower",
    )
    TargetFactory(indicator=indicator, year=2026, annual_target=500)
    FigureFactory(
        indicator=indicator,
        year=2026,
        number=5,
        value=999,
        state=FigureState.DRAFT,
        commentary="Draft thoughts",
    )
    FigureFactory(
        indicator=indicator,
        year=2026,
        number=6,
        value=480,
        state=VERIFIED,
        commentary="Better recycling rounds",
    )
    FigureFactory(
        indicator=indicator,
        year=2026,
        number=7,
        value=520,
        state=VERIFIED,
        commentary="Staff-only remark",
        commentary_is_internal=True,
    )
    FigureFactory(indicator=indicator, year=2026, number=8, value=777, state=VERIFIED)
    for number in (5, 6, 7):
        close(2026, number)
    hidden = IndicatorFactory(
        code="LPI X 01",
        title="Secret measure",
        is_public=False,
        owner=people.officer,
        service=org.housing,
    )
    FigureFactory(indicator=hidden, year=2026, number=7, value=12345, state=VERIFIED)
    return indicator


def get(client, name: str, *args):
    return client.get(reverse(f"dashboards:{name}", args=args))


PUBLIC_PAGES = [
    ("public", ()),
    ("public_csv", ()),
    ("public_json", ()),
    ("public_indicator", ("ni-191",)),
    ("public_indicator_csv", ("ni-191",)),
    ("public_indicator_json", ("ni-191",)),
]


@pytest.mark.parametrize("name,args", PUBLIC_PAGES)
def test_public_pages_need_no_login(client, published, name, args):
    response = get(client, name, *args)
    assert response.status_code == 200


def all_text(client) -> str:
    return "\n".join(get(client, name, *args).content.decode() for name, args in PUBLIC_PAGES)


def test_only_verified_figures_of_closed_periods_are_published(client, published):
    text = all_text(client)
    assert "480" in text and "520" in text
    assert "999" not in text and "Draft thoughts" not in text  # a draft
    assert "777" not in text  # November is verified but not closed


def test_non_public_indicators_do_not_leak(client, published):
    text = all_text(client)
    assert "Secret measure" not in text and "12345" not in text and "LPI X 01" not in text
    assert get(client, "public_indicator", "lpi-x-01").status_code == 404
    assert get(client, "public_indicator_json", "lpi-x-01").status_code == 404


def test_internal_commentary_does_not_leak(client, published):
    text = all_text(client)
    assert "Better recycling rounds" in text
    assert "Staff-only remark" not in text


def test_owner_names_follow_the_council_setting(client, published, people):
    name = people.officer.get_full_name()
    assert name not in all_text(client)
    settings = CouncilSettings.load()
    settings.publish_owner_names = True
    settings.save()
    text = all_text(client)
    assert name in text
    assert json.loads(get(client, "public_indicator_json", "ni-191").content)["owner"] == name


def test_a_reopened_period_is_withdrawn(client, published):
    PeriodClosure.objects.filter(year=2026, number=7).delete()
    text = all_text(client)
    assert "520" not in text and "480" in text


def test_the_whole_set_as_json_gives_each_pis_latest_published_figure(client, published):
    data = json.loads(get(client, "public_json").content)
    [record] = data["indicators"]
    assert record["code"] == "NI 191"
    assert record["description"] == "How much rubbish each home throws away."
    assert record["latest"]["period"] == "2026-10"
    assert record["latest"]["value"] == "520"
    assert record["latest"]["rag"] in ("amber", "red")
    assert record["json"].endswith("/public/indicators/ni-191.json")
    assert "owner" not in record


def test_the_whole_set_as_csv(client, published):
    response = get(client, "public_csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == ["NI 191"]
    assert rows[0]["period"] == "2026-10" and rows[0]["commentary"] == ""
    assert "owner" not in rows[0]


def test_one_indicators_history_as_csv_and_json(client, published):
    rows = list(
        csv.DictReader(
            io.StringIO(get(client, "public_indicator_csv", "ni-191").content.decode("utf-8-sig"))
        )
    )
    assert [(r["period"], r["value"]) for r in rows] == [("2026-09", "480"), ("2026-10", "520")]
    data = json.loads(get(client, "public_indicator_json", "ni-191").content)
    assert [f["period"] for f in data["figures"]] == ["2026-09", "2026-10"]
    assert data["figures"][0]["commentary"] == "Better recycling rounds"


def test_the_indicator_page_has_a_chart_rag_and_direction_in_words(client, published):
    html = get(client, "public_indicator", "ni-191").content.decode()
    assert "<svg" in html and "published figures against target" in html
    assert "How much rubbish each home throws away." in html
    assert "Declining" in html  # 480 -> 520 with lower is better
    assert ("Red" in html) or ("Amber" in html)


def test_the_index_groups_by_council_plan_priority(client, published):
    from plans.choices import PlanKind, PlanStatus
    from tests.factories import ObjectiveFactory, PlanFactory

    plan = PlanFactory(kind=PlanKind.COUNCIL, status=PlanStatus.APPROVED, year=2026)
    ObjectiveFactory(plan=plan, number=1, title="Clean and green").indicators.add(published)
    html = get(client, "public").content.decode()
    assert "1. Clean and green" in html
    assert "Residual household waste per household" in html


def test_a_draft_council_plan_is_not_shown(client, published):
    from plans.choices import PlanKind, PlanStatus
    from tests.factories import ObjectiveFactory, PlanFactory

    plan = PlanFactory(kind=PlanKind.COUNCIL, status=PlanStatus.DRAFT, year=2026)
    ObjectiveFactory(plan=plan, number=1, title="Unannounced priority").indicators.add(published)
    assert "Unannounced priority" not in all_text(client)


def count_queries(client, name: str, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert get(client, name, *args).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name,args", [("public", ()), ("public_json", ()), ("public_indicator", ("ni-191",))]
)
def test_the_public_pages_run_a_fixed_number_of_queries(client, published, org, people, name, args):
    def add(count: int) -> None:
        for _ in range(count):
            indicator = IndicatorFactory(is_public=True, owner=people.officer, service=org.housing)
            FigureFactory(indicator=indicator, year=2026, number=7, value=5, state=VERIFIED)

    add(2)
    count_queries(client, name, *args)  # creates the council settings row on first use
    small = count_queries(client, name, *args)
    add(30)
    count_queries(client, name, *args)  # the change is assessed once, then read from the cache
    # 19: the PI page's comparison, and the shared assessments' version and states.
    assert count_queries(client, name, *args) == small <= 19
