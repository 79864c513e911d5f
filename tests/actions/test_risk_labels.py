"""Risk pages speak the council's words: history by field label, scores with descriptors."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from actions.forms import RiskForm, RiskReviewForm
from actions.risk import score_label
from tests.factories import RiskFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_score_reads_with_its_descriptor_on_each_matrix():
    assert score_label("likelihood", 3, 5) == "3 – Possible"
    assert score_label("impact", 4, 4) == "4 – Critical"
    assert score_label("impact", None, 5) == "–"


def test_risk_history_shows_field_labels_and_descriptors_not_column_names(client, people, org):
    risk = RiskFactory(register__unit=org.housing, owner=people.manager)
    risk.residual_likelihood = 4
    risk.owner = people.officer
    risk.save()
    client.force_login(people.audit)
    page = client.get(reverse("actions:risk_history", args=[risk.pk])).content.decode()
    assert "residual_likelihood" not in page and "<li>owner:" not in page
    assert "Residual likelihood: 3 – Possible → 4 – Likely" in page
    manager, officer = (escape(p.get_full_name()) for p in (people.manager, people.officer))
    assert f"Owner: {manager} → {officer}" in page  # as written (a name may hold an apostrophe)


def test_the_risk_page_shows_likelihood_and_impact_with_descriptors(client, people, org):
    risk = RiskFactory(register__unit=org.housing, residual_likelihood=2, residual_impact=5)
    client.force_login(people.audit)
    page = client.get(risk.get_absolute_url()).content.decode()
    assert "likelihood 2 – Unlikely × impact 5 – Severe" in page


def test_score_choices_in_the_forms_carry_descriptors():
    risk = RiskFactory()
    form = RiskForm(register=risk.register, user=UserFactory(), instance=risk)
    assert (3, "3 – Possible") in form.fields["residual_likelihood"].choices
    assert (5, "5 – Severe") in RiskReviewForm(size=5).fields["impact"].choices
