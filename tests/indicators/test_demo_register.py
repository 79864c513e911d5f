"""The demo register: idempotent, the officer's PIs and missing current figures, closed history."""

import io
from datetime import date

import pytest

from indicators import demo
from indicators.assessment import assess_indicators
from indicators.models import Figure, Indicator, PeriodClosure, Target
from indicators.periods import Period

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_seed_is_idempotent_and_sized(seeded_demo):
    counts = (Indicator.objects.count(), Figure.objects.count(), Target.objects.count())
    assert 55 <= counts[0] <= 70
    demo.seed(size="demo", stdout=io.StringIO())
    assert (Indicator.objects.count(), Figure.objects.count(), Target.objects.count()) == counts


def test_officer_owns_about_twenty_pis_with_figures_to_enter(seeded_demo):
    owned = Indicator.objects.filter(owner__username="officer")
    assert 18 <= owned.count() <= 22
    assert owned.filter(deputy__isnull=False).exists()
    october = Period.last_ended("monthly", date.today())
    monthly = owned.filter(frequency="monthly")
    entered = Figure.objects.filter(
        indicator__in=monthly, year=october.year, number=october.number
    ).count()
    assert monthly.count() - entered >= 5  # several still to enter this month


def test_history_is_verified_and_closed_with_some_reds_explained(seeded_demo):
    october = Period.last_ended("monthly", date.today())
    previous = october.previous()
    assert PeriodClosure.objects.filter(
        frequency="monthly", year=previous.year, number=previous.number
    ).exists()
    assert not PeriodClosure.objects.filter(
        frequency="monthly", year=october.year, number=october.number
    ).exists()
    old = Figure.objects.filter(year__lt=october.year)
    assert old.exclude(state="verified").count() == 0
    assessments = assess_indicators(Indicator.objects.all(), previous, basis="verified")
    rags = [a.rag for a in assessments]
    assert rags.count("red") >= 3
    assert rags.count("green") >= 10
    for a in assessments:
        if a.rag == "red":
            assert a.figure.commentary and a.figure.corrective_action, a.indicator.code


def test_three_years_of_figures_up_to_last_month(seeded_demo):
    indicator = Indicator.objects.get(code="LPI HO 01")
    years = set(Figure.objects.filter(indicator=indicator).values_list("year", flat=True))
    current = Period.last_ended("monthly", date.today()).year
    assert years == {current - 2, current - 1, current}
    assert Indicator.objects.filter(code__startswith="NI ", is_national=True).count() >= 8
