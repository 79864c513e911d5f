"""Benchmark cases of the PI register's assessment engine and its export (manage.py bench)."""

from django.utils import timezone

from core.bench import BenchCase
from indicators.assessment import assess_indicators
from indicators.choices import Frequency
from indicators.models import Indicator
from indicators.periods import Period


def _assess_all() -> int:
    period = Period.last_ended(Frequency.MONTHLY, timezone.localdate())
    return len(assess_indicators(Indicator.objects.all(), period))


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("indicators: assess every PI", func=_assess_all, repeat=5),
        BenchCase("indicators: export register CSV (perf)", "perf", "/indicators/export/"),
        BenchCase(
            "indicators: export register Excel (perf)",
            "perf",
            "/indicators/export/?format=xlsx",
            repeat=5,
        ),
        BenchCase("indicators: export register CSV (manager)", "manager", "/indicators/export/"),
    ]
