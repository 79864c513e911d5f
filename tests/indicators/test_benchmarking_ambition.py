"""The targets page's ambition check: where next year's target would have ranked among the
comparators' latest values, flagged when below our own last outturn or the group median."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import CouncilSettings
from indicators.models import ComparatorValue, Target
from indicators.periods import Period, fy_of
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pi(org, people):
    """Our outturn last year 80 (each quarter); comparators at its Q4: A 90, B 85, C 70, with
    us, A and C in group G."""
    today = timezone.localdate()
    ended = Period.last_ended("annual", today).year
    pi = IndicatorFactory(
        code="LPI AM", frequency="quarterly", aggregation="average", owner=people.officer,
        service=org.housing_team,
    )  # fmt: skip
    for number in range(1, 5):
        FigureFactory(indicator=pi, year=ended, number=number, value=80, state="verified")
    council = CouncilSettings.load()
    council.comparator_name = "Us"
    council.save()
    for name, value, groups in (
        ("A", 90, ["G"]),
        ("B", 85, []),
        ("C", 70, ["G"]),
        ("Us", 1, ["G"]),
    ):
        ComparatorValue.objects.create(
            indicator=pi, year=ended, number=4, authority=name, value=value, groups=groups
        )
    pi.next_year = fy_of(today) + 1
    return pi


def page(client, people, pi, target) -> str:
    Target.objects.update_or_create(
        indicator=pi, year=pi.next_year, defaults={"annual_target": target}
    )
    client.force_login(people.perf)
    response = client.get(reverse("indicators:targets", args=[pi.pk]), {"year": pi.next_year})
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_a_target_below_our_outturn_and_the_group_median_is_flagged(client, people, pi):
    text = page(client, people, pi, 75)
    # Among 90, 85, 70: 75 is third of four.
    assert (
        "target of <strong>75</strong> would have ranked <strong>3 of 4</strong> (quartile 3)"
        in text
    )
    assert "Below our own outturn:</strong> our" in text and "outturn was 80" in text
    # Group G at that quarter: A 90, C 70 and our 80: median 80.
    assert "Below the G median:</strong> the G median was 80" in text


def test_an_ambitious_target_is_not_flagged(client, people, pi):
    text = page(client, people, pi, 95)
    assert "would have ranked <strong>1 of 4</strong> (top quartile)" in text
    assert "Below" not in text
    assert "no less ambitious than our last outturn or the group median" in text


def test_no_check_without_comparator_data(client, people, pi):
    ComparatorValue.objects.all().delete()
    assert "Ambition check" not in page(client, people, pi, 75)


def test_comparator_data_of_another_frequency_is_passed_over(client, people, pi):
    # The PI became annual after quarterly comparator data was loaded: no Q4 of an annual PI.
    pi.frequency = "annual"
    pi.save()
    assert "Ambition check" not in page(client, people, pi, 75)
