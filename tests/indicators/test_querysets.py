"""Register-level queryset rules: active in a period, RAG annotation and filter."""

from datetime import date
from decimal import Decimal as D

import pytest

from indicators.assessment import Basis, assess_indicators
from indicators.choices import FigureState, Rag
from indicators.models import Indicator
from indicators.periods import Period
from indicators.querysets import RAG_SEVERITY
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

NOV = Period.month(2025, 8)
TODAY = date(2026, 1, 10)


def test_active_in_period_counts_any_overlap():
    always = IndicatorFactory(code="A")
    starts_mid_month = IndicatorFactory(code="B", active_from=date(2025, 11, 30))
    ends_first_day = IndicatorFactory(code="C", active_to=date(2025, 11, 1))
    IndicatorFactory(code="D", active_from=date(2025, 12, 1))
    IndicatorFactory(code="E", active_to=date(2025, 10, 31))
    assert list(Indicator.objects.active_in(NOV)) == [always, starts_mid_month, ends_first_day]
    assert list(Indicator.objects.active_on(date(2025, 11, 15))) == [always]


@pytest.fixture
def mixed():
    """Green, amber, red, missing and no-target PIs for November 2025."""
    made = {}
    for code, value in [("G", "100"), ("A", "96"), ("R", "50"), ("M", None)]:
        pi = IndicatorFactory(code=code)
        TargetFactory(indicator=pi, year=2025, annual_target=D("100"))
        if value:
            FigureFactory(
                indicator=pi, year=2025, number=8, value=D(value), state=FigureState.VERIFIED
            )
        made[code] = pi
    made["N"] = IndicatorFactory(code="N")
    FigureFactory(indicator=made["N"], year=2025, number=8, state=FigureState.VERIFIED)
    return made


def test_with_rag_annotates_what_the_assessment_says(mixed):
    annotated = {pi.code: pi.rag for pi in Indicator.objects.with_rag(NOV, today=TODAY)}
    assessed = {
        a.indicator.code: a.rag
        for a in assess_indicators(Indicator.objects.all(), NOV, today=TODAY)
    }
    assert annotated == assessed
    assert annotated == {
        "G": Rag.GREEN,
        "A": Rag.AMBER,
        "R": Rag.RED,
        "M": Rag.MISSING,
        "N": Rag.NO_TARGET,
    }


def test_with_rag_orders_worst_first(mixed):
    ordered = Indicator.objects.with_rag(NOV, today=TODAY).order_by("rag_rank", "code")
    assert [pi.code for pi in ordered] == ["R", "A", "M", "G", "N"]
    assert [pi.rag_rank for pi in ordered] == [
        RAG_SEVERITY[r] for r in (Rag.RED, Rag.AMBER, Rag.MISSING, Rag.GREEN, Rag.NO_TARGET)
    ]


def test_with_rag_of_ytd_and_basis(mixed):
    pi = mixed["G"]
    pi.figures.update(state=FigureState.DRAFT)
    rags = {p.code: p.rag for p in Indicator.objects.with_rag(NOV, today=TODAY, which="ytd_rag")}
    assert rags["G"] == ""  # a snapshot (latest) indicator has no YTD RAG
    assert {p.code: p.rag for p in Indicator.objects.with_rag(NOV, today=TODAY)}["G"] == (
        Rag.MISSING
    )
    drafts = Indicator.objects.with_rag(NOV, today=TODAY, basis=Basis.DRAFTS)
    assert {p.code: p.rag for p in drafts}["G"] == Rag.GREEN


def test_rag_in_filters_by_rag(mixed):
    chosen = Indicator.objects.rag_in(NOV, [Rag.RED, Rag.AMBER], today=TODAY)
    assert sorted(pi.code for pi in chosen) == ["A", "R"]


def test_rag_filter_keeps_other_filters(mixed):
    chosen = Indicator.objects.filter(code__in=["G", "R"]).rag_in(NOV, [Rag.RED], today=TODAY)
    assert [pi.code for pi in chosen] == ["R"]
