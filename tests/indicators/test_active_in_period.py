""" "Active in a period" has one definition: every list that asks which PIs owe a period a
figure (My indicators, chasing, the register's export, the dashboard, the assessment) gives
the same answer, for PIs starting or ending before, inside and after the period."""

from datetime import timedelta

import pytest
from django.urls import reverse

from indicators.assessment import assess_indicators
from indicators.exports import register_for_export
from indicators.figures.due import chase_items, due_items, my_indicators
from indicators.models import Indicator
from indicators.querysets import active_between_q, is_active_between
from tests.indicators.entry_helpers import OCTOBER, SEPTEMBER, TODAY, housing_pi

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def spread(people, org):
    """PIs whose active dates fall before, inside, across and after OCTOBER."""
    dates = {
        "OPEN": (None, None),
        "STARTED INSIDE": (OCTOBER.start + 10 * DAY, None),
        "STARTED ON LAST DAY": (OCTOBER.end, None),
        "STARTED AFTER": (OCTOBER.end + DAY, None),
        "ENDED INSIDE": (None, OCTOBER.start + 10 * DAY),
        "ENDED ON FIRST DAY": (None, OCTOBER.start),
        "ENDED BEFORE": (None, SEPTEMBER.end),
        "INSIDE ONLY": (OCTOBER.start + 3 * DAY, OCTOBER.start + 5 * DAY),
        "BEFORE ONLY": (SEPTEMBER.start, SEPTEMBER.end),
    }
    for code, (start, end) in dates.items():
        housing_pi(people, org, code=code, active_from=start, active_to=end)
    return {
        "STARTED INSIDE",
        "STARTED ON LAST DAY",
        "ENDED INSIDE",
        "ENDED ON FIRST DAY",
        "INSIDE ONLY",
        "OPEN",
    }


def october_codes(items) -> set[str]:
    return {item.indicator.code for item in items if item.period == OCTOBER}


def test_a_pi_retired_during_the_last_period_is_chased_for_it(client, people, org):
    housing_pi(people, org, code="LPI HO 77", active_to=OCTOBER.start + 10 * DAY)
    owed = october_codes(due_items(my_indicators(people.officer), today=TODAY))
    assert owed == {"LPI HO 77"}
    assert october_codes(chase_items(TODAY)) == {"LPI HO 77"}
    client.force_login(people.perf)
    assert "LPI HO 77" in client.get(reverse("indicators:chase")).content.decode()


def test_every_caller_agrees_on_which_pis_are_active_in_a_period(client, people, spread):
    indicators = list(Indicator.objects.all())
    assert {i.code for i in indicators if i.is_active_in(OCTOBER)} == spread
    assert {i.code for i in Indicator.objects.active_in(OCTOBER)} == spread
    assert {i.code for i in register_for_export(OCTOBER)} == spread
    assessed = assess_indicators(indicators, OCTOBER, today=TODAY)
    assert {a.indicator.code for a in assessed if a.is_active} == spread
    # Figures owed for October: the officer's list and the performance team's chasing.
    assert october_codes(due_items(my_indicators(people.officer), today=TODAY)) == spread
    assert october_codes(chase_items(TODAY)) == spread
    # The officer's dashboard for October.
    client.force_login(people.officer)
    response = client.get(reverse("dashboards:mine"), {"period": OCTOBER.label})
    assert {a.indicator.code for a in response.context["summary"].assessments} == spread


def test_the_sql_rule_and_the_one_object_rule_are_the_same(people, spread):
    for start, end in [
        (OCTOBER.start, OCTOBER.end),
        (OCTOBER.end, OCTOBER.end),
        (SEPTEMBER.start, OCTOBER.end),
    ]:
        in_sql = set(Indicator.objects.filter(active_between_q(start, end)))
        one_by_one = {i for i in Indicator.objects.all() if is_active_between(i, start, end)}
        assert in_sql == one_by_one
