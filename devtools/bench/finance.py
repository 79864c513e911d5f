"""Benchmark cases of the finance pages (manage.py bench): the council's position, a
directorate's and a service's budget, value for money, and the finance and performance
report's PDF, at the latest month with figures."""

from django.utils import timezone

from devtools.bench import BenchCase
from indicators.periods import Period
from reporting.pdf import render_pdf
from reporting.reports import build_report


def _quarter() -> str:
    return Period.last_ended("quarterly", timezone.localdate()).label


def _finance_pdf() -> int:
    _pdf_bytes, pages = render_pdf(build_report("finance_performance", _quarter()))
    return pages


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("finance: council position (board)", username="board", url="/finance/"),
        BenchCase("finance: Place (manager)", username="manager", url="/finance/units/place/"),
        BenchCase(
            "finance: Housing (accountant)", username="accountant", url="/finance/units/housing/"
        ),
        BenchCase("finance: value for money", username="board", url="/finance/value-for-money/"),
        BenchCase(
            "finance: finance and performance report PDF",
            func=_finance_pdf,
            cold=True,
        ),
    ]
