"""Benchmark cases of the reports (manage.py bench): monthly PI report for 60 and 600 PIs as a
page and a PDF, and the quarterly pack with charts for 600 PIs.

The cases make their own indicators (codes 'BENCH n', under a unit per size) so the figures
do not depend on what other apps seed; they are created once and reused.
"""

import random
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from core.bench import BenchCase
from core.models import OrgUnit
from indicators.models import Figure, Indicator, Target
from reporting.pdf import render_pdf
from reporting.reports import build_report

MONTH = "2026-10"
QUARTER = "2026/27 Q2"


@transaction.atomic
def bench_indicators(count: int) -> OrgUnit:
    """Return the unit holding `count` bench PIs with 19 months of figures, creating them once."""
    council = OrgUnit.objects.filter(parent=None).first()
    unit, _ = OrgUnit.objects.get_or_create(
        code=f"bench-{count}",
        defaults={"name": f"Bench service ({count} PIs)", "kind": "service", "parent": council},
    )
    if Indicator.objects.filter(service=unit).count() >= count:
        return unit
    owner = User.objects.order_by("pk").first()
    rng = random.Random(count)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"BENCH {count}-{n:04d}",
            title=f"Bench indicator {n} of {count}",
            unit="percentage" if n % 2 else "number",
            decimal_places=1 if n % 2 else 0,
            polarity="higher" if n % 3 else "lower",
            aggregation="latest" if n % 2 else "sum",
            owner=owner,
            service=unit,
        )
        for n in range(1, count + 1)
    )
    Target.objects.bulk_create(
        Target(
            indicator=i, year=year, annual_target=Decimal(80 if i.unit == "percentage" else 1200)
        )
        for i in indicators
        for year in (2025, 2026)
    )
    figures = []
    for indicator in indicators:
        base = 80 if indicator.unit == "percentage" else 100
        for year, months in ((2025, range(1, 13)), (2026, range(1, 8))):
            for number in months:
                figures.append(
                    Figure(
                        indicator=indicator,
                        year=year,
                        number=number,
                        value=Decimal(base + rng.randint(-12, 12)),
                        state="verified",
                        commentary="Bench commentary about this month's figure.",
                    )
                )
    Figure.objects.bulk_create(figures, batch_size=2000)
    return unit


def _pdf(report_type: str, period: str, count: int):
    def run() -> int:
        unit = OrgUnit.objects.get(code=f"bench-{count}")
        _pdf_bytes, pages = render_pdf(build_report(report_type, period, scope_unit=unit))
        return pages

    return run


def cases(size: str) -> list[BenchCase]:
    for count in (60, 600):
        bench_indicators(count)
    page = "/reports/view/pi_monthly/?period=" + MONTH + "&scope=bench-{}"
    return [
        BenchCase("reporting: monthly PI report page, 60 PIs", "perf", page.format(60), repeat=5),
        BenchCase("reporting: monthly PI report page, 600 PIs", "perf", page.format(600), repeat=3),
        BenchCase(
            "reporting: monthly PI report PDF, 60 PIs", func=_pdf("pi_monthly", MONTH, 60), repeat=2
        ),
        BenchCase(
            "reporting: monthly PI report PDF, 600 PIs",
            func=_pdf("pi_monthly", MONTH, 600),
            repeat=1,
            cold=True,
        ),
        BenchCase(
            "reporting: quarterly pack PDF + charts, 600 PIs",
            func=_pdf("quarterly_pack", QUARTER, 600),
            repeat=1,
            cold=True,
        ),
    ]
