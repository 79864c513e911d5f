"""The demo council's comparator data: a dozen PIs, plausible, the same on every seed."""

import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from core.models import CouncilSettings
from indicators import demo
from indicators.assessment import assess_indicators
from indicators.models import ComparatorValue, Indicator
from indicators.periods import Period

pytestmark = pytest.mark.django_db


def test_demo_has_comparator_data_for_a_dozen_pis(client):
    call_command("seed_demo", stdout=io.StringIO())
    benchmarked = Indicator.objects.filter(comparator_values__isnull=False).distinct()
    assert benchmarked.count() == 12
    council = CouncilSettings.load()
    assert council.comparator_name == council.council_name
    first = sorted(
        ComparatorValue.objects.values_list(
            "indicator__code", "year", "number", "authority", "value"
        )
    )
    demo.seed(size="demo", stdout=io.StringIO())  # idempotent
    assert (
        sorted(
            ComparatorValue.objects.values_list(
                "indicator__code", "year", "number", "authority", "value"
            )
        )
        == first
    )
    # Plausible: percentages within 0-100, and our council ranked among 21 with its groups.
    for indicator in benchmarked:
        period = Period.last_ended(indicator.frequency, date.today())
        (a,) = assess_indicators([indicator], period)
        assert a.comparison is not None and a.comparison.of in (20, 21), indicator.code
        assert [g.name for g in a.comparison.groups] == ["Nearest neighbours", "Shire districts"]
        if indicator.unit == "percentage":
            assert all(0 <= e.value <= 100 for e in a.comparison.overall.entries)
    client.force_login(User.objects.get(username="perf"))
    page = client.get(reverse("indicators:detail", args=[Indicator.objects.get(code="NI 191").pk]))
    assert "How we compare" in page.content.decode()
