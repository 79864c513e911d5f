"""A period typed the way pages show it ('October 2026') is understood wherever a period is
asked for: report pages, the register and dashboard filters, the periods page."""

import pytest
from django.urls import reverse

from indicators.models import PeriodClosure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["October 2026", "Oct 2026", "2026-10"])
def test_the_monthly_report_opens_on_a_month_in_words(client, people, typed):
    client.force_login(people.perf)
    response = client.get(reverse("reporting:report", args=["pi_monthly"]), {"period": typed})
    assert response.status_code == 200
    assert "October 2026" in response.content.decode()


@pytest.mark.parametrize("typed", ["Q2 2026/27", "2026/27Q2", "2026/27 Q2"])
def test_a_quarterly_report_opens_on_a_quarter_spelt_any_way_pages_show_it(client, people, typed):
    client.force_login(people.perf)
    response = client.get(reverse("reporting:report", args=["risk_register"]), {"period": typed})
    assert response.status_code == 200


def test_the_dashboard_filter_takes_a_month_in_words(client, people):
    client.force_login(people.board)
    response = client.get(reverse("dashboards:pmb"), {"period": "Sept 2026"})
    assert response.status_code == 200
    assert response.context["filter"].chosen_period.label == "2026-09"


def test_the_register_takes_a_month_in_words(client, people):
    client.force_login(people.perf)
    response = client.get(reverse("indicators:list"), {"period": "September 2026"})
    assert response.status_code == 200
    assert response.context["view"].period.label == "2026-09"


def test_closing_a_period_named_in_words_asks_about_that_period(client, people):
    client.force_login(people.perf)
    data = {"period": "September 2026", "reason": "Done"}
    response = client.post(reverse("indicators:periods"), data)
    assert response.status_code == 302
    assert "period=2026-09" in response.url
    assert not PeriodClosure.objects.exists()  # closing is confirmed on the next page


def test_a_period_that_is_not_one_gets_a_message_not_a_server_error(client, people):
    client.force_login(people.perf)
    response = client.post(reverse("indicators:periods"), {"period": "Octember 2026"})
    assert response.status_code == 400
    assert "is not a period" in response.content.decode()
