"""Benchmark cases of the PI register: assessment, export, list and indicator pages (bench)."""

from django.urls import reverse
from django.utils import timezone

from devtools.bench import BenchCase
from indicators.assessment import assess_indicators
from indicators.choices import Frequency
from indicators.models import Indicator
from indicators.periods import Period


def _assess_all() -> int:
    period = Period.last_ended(Frequency.MONTHLY, timezone.localdate())
    return len(assess_indicators(Indicator.objects.all(), period))


def _detail_url(code: str):
    def url() -> str:
        return reverse("indicators:detail", args=[Indicator.objects.get(code=code).pk])

    return url


def cases(size: str) -> list[BenchCase]:
    register = "/indicators/"
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
        BenchCase("indicators: register (perf)", "perf", register),
        BenchCase("indicators: register, RAG red (perf)", "perf", register + "?rag=red"),
        BenchCase("indicators: register by owner (board)", "board", register + "?ordering=owner"),
        BenchCase("indicators: PI page monthly (officer)", "officer", _detail_url("LPI HO 01")),
        BenchCase("indicators: PI page quarterly (board)", "board", _detail_url("NI 192")),
    ]


# Monthly figures (entry, verification, chasing) ---------------------------------------------


def _officer_item() -> tuple[Indicator, Period]:
    """Return one of the demo officer's monthly, non-ratio PIs and its latest month."""
    indicator = (
        Indicator.objects.filter(owner__username="officer", frequency=Frequency.MONTHLY)
        .exclude(aggregation="ratio")
        .order_by("code")
        .first()
    )
    return indicator, Period.last_ended(Frequency.MONTHLY, timezone.localdate())


def _submit_url() -> str:
    indicator, period = _officer_item()
    return reverse("indicators:enter") + f"?item={indicator.pk}:{period.label}"


def _submit_data() -> dict:
    """Return the entry form for one figure: last month's value, explained in full."""
    from indicators.models import Figure

    indicator, period = _officer_item()
    figure = Figure.objects.filter(
        indicator=indicator, year=period.year, number=period.number
    ).first()
    earlier = period.previous()
    last = Figure.objects.filter(
        indicator=indicator, year=earlier.year, number=earlier.number
    ).first()
    value = last.value if last and last.value is not None else 1
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "action": "submit",
        "form-0-version": str(figure.version if figure else 0),
        "form-0-value": str(value),
        "form-0-commentary": "As last month.",
        "form-0-corrective_action": "None needed.",
        "form-0-plausibility_confirmed": "on",
        "form-0-plausibility_explanation": "Benchmark.",
    }


def figure_cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("figures: my indicators (officer)", "officer", "/indicators/my/"),
        BenchCase("figures: entry page (officer)", "officer", "/indicators/my/enter/"),
        BenchCase(
            "figures: submit one figure (officer)",
            "officer",
            _submit_url,
            method="post",
            data=_submit_data,
        ),
        BenchCase("figures: verification queue (perf)", "perf", "/indicators/verify/"),
        BenchCase("figures: verification queue (manager)", "manager", "/indicators/verify/"),
        BenchCase("figures: chase missing figures (perf)", "perf", "/indicators/chase/"),
    ]


_register_cases = cases


def cases(size: str) -> list[BenchCase]:  # noqa: F811 (the figures' cases join the register's)
    return _register_cases(size) + figure_cases(size)
