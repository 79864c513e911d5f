"""Quarterly risk reviews: history, trend, and scores within the council's matrix."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions.choices import RiskStatus
from actions.models import Risk, RiskReview
from actions.risk import register_trend, score_trend
from actions.services import risk_review_record
from core.models import CouncilSettings
from indicators.periods import Period
from tests.factories import RiskFactory, RiskReviewFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_a_review_updates_the_risk_and_keeps_history(people):
    risk = RiskFactory(residual_likelihood=4, residual_impact=4)
    risk_review_record(
        risk=risk,
        reviewer=people.manager,
        date=datetime.date(2026, 9, 15),
        likelihood=3,
        impact=4,
        commentary="Controls working",
        status=RiskStatus.OPEN,
        next_review_date=datetime.date(2026, 12, 15),
        matrix_size=5,
    )
    risk.refresh_from_db()
    assert (risk.residual_score, risk.review_date) == (12, datetime.date(2026, 12, 15))
    assert risk.history.count() == 2
    # An older review added later is history only.
    risk_review_record(
        risk=risk,
        reviewer=people.manager,
        date=datetime.date(2026, 6, 15),
        likelihood=5,
        impact=5,
        commentary="Back-filled",
        status=RiskStatus.OPEN,
        next_review_date=datetime.date(2026, 9, 15),
        matrix_size=5,
    )
    risk.refresh_from_db()
    assert risk.residual_score == 12
    assert score_trend(risk.reviews.all()) == [25, 12]


def test_scores_beyond_the_matrix_are_refused(people):
    risk = RiskFactory()
    with pytest.raises(ValidationError):
        risk_review_record(
            risk=risk,
            reviewer=people.manager,
            date=TODAY,
            likelihood=5,
            impact=2,
            commentary="x",
            status=RiskStatus.OPEN,
            next_review_date=TODAY + datetime.timedelta(days=90),
            matrix_size=4,
        )
    assert not RiskReview.objects.exists()


def test_the_review_form_offers_only_the_council_matrix(client, people, items):
    settings = CouncilSettings.load()
    settings.risk_matrix_size = 4
    settings.save()
    client.force_login(people.manager)
    response = client.post(
        reverse("actions:risk_review", args=[items.housing_risk.pk]),
        {
            "date": TODAY.isoformat(),
            "likelihood": "5",
            "impact": "2",
            "commentary": "Typed commentary",
            "status": "open",
            "next_review_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Typed commentary" in text and "Select a valid choice" in text
    assert "The next review must be after this review" in text
    assert not RiskReview.objects.exists()


def test_the_risk_form_validates_scores_against_the_matrix(client, people, items):
    settings = CouncilSettings.load()
    settings.risk_matrix_size = 4
    settings.save()
    client.force_login(people.manager)
    data = {
        "ref": "H9",
        "title": "New risk",
        "owner": people.manager.pk,
        "inherent_likelihood": "5",
        "inherent_impact": "4",
        "residual_likelihood": "3",
        "residual_impact": "3",
        "target_likelihood": "2",
        "target_impact": "2",
        "review_date": "2027-01-31",
        "status": "open",
    }
    url = reverse("actions:risk_create", args=[items.housing_register.pk])
    response = client.post(url, data)
    assert response.status_code == 200 and "inherent_likelihood" in response.context["form"].errors
    assert client.post(url, data | {"inherent_likelihood": "4"}).status_code == 302
    assert Risk.objects.get(ref="H9").inherent_score == 16


def test_register_trend_counts_risks_by_band_as_last_reviewed():
    a = RiskFactory()
    b = RiskFactory(register=a.register)
    RiskReviewFactory(risk=a, date=datetime.date(2026, 5, 1), likelihood=5, impact=5)
    RiskReviewFactory(risk=a, date=datetime.date(2026, 8, 1), likelihood=2, impact=2)
    RiskReviewFactory(risk=b, date=datetime.date(2026, 8, 1), likelihood=3, impact=4)
    risks = list(Risk.objects.prefetch_related("reviews"))
    quarters = [Period.quarter(2026, 1), Period.quarter(2026, 2)]
    q1, q2 = register_trend(risks, quarters, 5)
    # counts: Very high, High, Medium, Low
    assert (q1.counts, q1.reviewed, q1.average) == ([1, 0, 0, 0], 1, 25.0)
    assert (q2.counts, q2.reviewed, q2.average) == ([0, 1, 0, 1], 2, 8.0)


def test_the_register_page_shows_heat_map_trend_and_sorted_risks(client, people, items):
    register = items.housing_register
    low = RiskFactory(register=register, ref="LOW", residual_likelihood=1, residual_impact=1)
    high = RiskFactory(register=register, ref="HIGH", residual_likelihood=5, residual_impact=4)
    RiskReviewFactory(risk=high, date=datetime.date(2026, 6, 1), likelihood=5, impact=5)
    RiskReviewFactory(risk=high, date=datetime.date(2026, 9, 1), likelihood=5, impact=4)
    late = RiskFactory(
        register=register, ref="LATE", review_date=TODAY - datetime.timedelta(days=1)
    )
    client.force_login(people.board)
    response = client.get(register.get_absolute_url())
    text = response.content.decode()
    refs = [r.ref for r in response.context["risks"]]
    assert refs.index("HIGH") < refs.index(items.housing_risk.ref) < refs.index("LOW")
    assert "Score 20 · Very high" in text and "HIGH" in text
    assert "25 → 20" in text
    assert "Review overdue" in text and late.ref in text
    assert "Trend by quarter" in text
    assert low.ref in text
