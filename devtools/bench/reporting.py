"""Benchmark cases of the reports (manage.py bench): the monthly PI report as a page and a PDF,
and the quarterly Cabinet pack with its charts, each PDF also as a pack on Celery workers, for
the whole council at each size (about 60 PIs in the demo council, 600 in the large one), at the
latest month and quarter ended."""

from django.utils import timezone

from devtools.bench import BenchCase
from indicators.periods import Period
from reporting.choices import ReportType
from reporting.pdf import render_pdf
from reporting.reports import build_report


def _latest(frequency: str) -> str:
    return Period.last_ended(frequency, timezone.localdate()).label


def _pdf(report_type: str, frequency: str):
    def run() -> int:
        _pdf_bytes, pages = render_pdf(build_report(report_type, _latest(frequency)))
        return pages

    return run


def _quarterly_pack() -> dict:
    return {"report_type": ReportType.QUARTERLY_PACK, "period_label": _latest("quarterly")}


def _monthly_report() -> dict:
    return {"report_type": ReportType.PI_MONTHLY, "period_label": _latest("monthly")}


def cases(size: str) -> list[BenchCase]:
    large = size == "large"
    return [
        BenchCase(
            "reporting: monthly PI report page",
            "perf",
            lambda: "/reports/view/pi_monthly/?period=" + _latest("monthly"),
            repeat=3 if large else 5,
        ),
        BenchCase(
            "reporting: monthly PI report PDF",
            func=_pdf("pi_monthly", "monthly"),
            cold=True,
            pack=_monthly_report,
        ),
        BenchCase(
            "reporting: quarterly Cabinet pack PDF, with charts",
            func=_pdf("quarterly_pack", "quarterly"),
            cold=True,
            pack=_quarterly_pack,
        ),
    ]
