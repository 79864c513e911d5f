"""The shared cache of assessments (indicators.cached) answers what the engine answers, after
every kind of change, and a change a basis cannot see leaves that basis's entry alone."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone

from core.models import CouncilSettings
from indicators import cached
from indicators.assessment import Basis, assess_indicators
from indicators.choices import FigureState, Frequency, Polarity
from indicators.models import ComparatorValue, Figure, Indicator, PeriodClosure
from indicators.periods import Period
from indicators.visibility import figure_basis_for
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

pytestmark = pytest.mark.django_db

PERIOD = Period.month(2026, 5)
TODAY = date(2026, 10, 20)
VERIFIED, SUBMITTED, DRAFT = FigureState.VERIFIED, FigureState.SUBMITTED, FigureState.DRAFT


@pytest.fixture
def pis():
    """Three monthly PIs with targets and figures in May 2026 and the months before."""
    made = []
    for n in range(3):
        pi = IndicatorFactory(code=f"C{n}", frequency=Frequency.MONTHLY)
        TargetFactory(indicator=pi, year=2026, annual_target=D("100"))
        for month in (3, 4):
            FigureFactory(indicator=pi, year=2026, number=month, value=D(90 + n), state=VERIFIED)
        made.append(pi)
    FigureFactory(indicator=made[0], year=2026, number=5, value=D("80"), state=VERIFIED)
    FigureFactory(indicator=made[1], year=2026, number=5, value=D("99"), state=SUBMITTED)
    FigureFactory(indicator=made[2], year=2026, number=5, value=D("40"), state=DRAFT)
    return made


def _seen(assessments) -> list[tuple]:
    """What a page reads of each assessment."""
    return [
        (
            a.indicator.pk,
            a.period,
            a.rag,
            a.value,
            a.target,
            a.ytd_value,
            a.ytd_rag,
            a.dot_previous,
            a.forecast,
            a.forecast_rag,
            a.state,
            a.has_draft,
            a.closed,
            a.due_date,
            a.is_active,
            a.comparison,
            None if a.figure is None else (a.figure.pk, a.figure.commentary, a.revision),
        )
        for a in assessments
    ]


def _agree(basis) -> None:
    indicators = list(Indicator.objects.order_by("code"))
    fresh = assess_indicators(indicators, PERIOD, basis=basis, today=TODAY)
    kept = cached.assess(indicators, PERIOD, basis=basis, today=TODAY)
    assert _seen(kept) == _seen(fresh)
    assert [a.indicator for a in kept] == indicators  # the caller's own objects


def _figure(pi) -> Figure:
    return Figure.objects.get(indicator=pi, year=2026, number=5)


def _submit(pis):
    figure = _figure(pis[2])
    figure.state = SUBMITTED
    figure.save()


def _verify(pis):
    figure = _figure(pis[1])
    figure.state = VERIFIED
    figure.save()


def _return(pis):
    figure = _figure(pis[1])
    figure.state = FigureState.RETURNED
    figure.save()


def _save_draft(pis):
    figure = _figure(pis[2])
    figure.value = D("70")
    figure.save()


def _amend_verified(pis):
    figure = _figure(pis[0])
    figure.value, figure.commentary = D("120"), "Restated"
    figure.save()


def _delete(pis):
    _figure(pis[0]).delete()


def _new_figure(pis):
    FigureFactory(indicator=pis[0], year=2026, number=6, value=D("1"), state=VERIFIED)


def _target(pis):
    target = pis[0].targets.get(year=2026)
    target.annual_target = D("50")
    target.save()


def _tolerance(pis):
    pis[0].tolerance_pct = D("30")
    pis[0].save()


def _direction(pis):
    pis[0].polarity = Polarity.LOWER
    pis[0].save()


def _closure(pis):
    PeriodClosure.objects.create(
        frequency=Frequency.MONTHLY, year=2026, number=5, closed_at=timezone.now()
    )


def _council(pis):
    council = CouncilSettings.load()
    council.default_tolerance_pct = D("1")
    council.save()


def _comparator(pis):
    for authority, value in (("Elsewhere", D("10")), ("Further", D("200"))):
        ComparatorValue.objects.create(
            indicator=pis[0], year=2026, number=5, authority=authority, value=value
        )


CHANGES = [
    _submit,
    _verify,
    _return,
    _save_draft,
    _amend_verified,
    _delete,
    _new_figure,
    _target,
    _tolerance,
    _direction,
    _closure,
    _council,
    _comparator,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_cached_and_fresh_answers_agree_after_every_change(pis, change):
    for basis in Basis.ALL:
        _agree(basis)  # fills the cache
        _agree(basis)  # read from it
    change(pis)
    for basis in Basis.ALL:
        _agree(basis)


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_a_persons_own_rule_agrees_after_every_change(pis, change):
    officer = UserFactory()
    pis[1].owner = officer
    pis[1].save()
    basis = figure_basis_for(officer)
    _agree(basis)
    change(pis)
    _agree(basis)


@pytest.mark.parametrize("change", [_submit, _save_draft, _return])
def test_a_change_the_verified_basis_cannot_see_keeps_its_version(pis, change):
    before = cached.versions()
    change(pis)
    after = cached.versions()
    assert after[Basis.VERIFIED] == before[Basis.VERIFIED]
    assert after[Basis.PUBLISHED] == before[Basis.PUBLISHED]
    assert after[Basis.DRAFTS] != before[Basis.DRAFTS]


@pytest.mark.parametrize("change", [_verify, _amend_verified, _delete, _target, _closure])
def test_a_change_the_verified_basis_can_see_moves_its_version(pis, change):
    before = cached.versions()
    change(pis)
    assert cached.versions()[Basis.VERIFIED] != before[Basis.VERIFIED]


def test_a_cached_answer_costs_two_queries(pis, django_assert_num_queries):
    CouncilSettings.load()  # created on first use, a change like any other
    indicators = list(Indicator.objects.all())
    cached.assess(indicators, PERIOD, basis=Basis.VERIFIED, today=TODAY)
    with django_assert_num_queries(2):  # the version, and the periods' workflow states
        cached.assess(indicators, PERIOD, basis=Basis.VERIFIED, today=TODAY)


def test_a_submission_still_shows_as_submitted_to_a_verified_reader(pis):
    indicators = list(Indicator.objects.order_by("code"))
    cached.assess(indicators, PERIOD, basis=Basis.VERIFIED, today=TODAY)
    _submit(pis)
    (*_, third) = cached.assess(indicators, PERIOD, basis=Basis.VERIFIED, today=TODAY)
    assert third.state == SUBMITTED and third.value is None  # its workflow, not its figure


def test_pages_answer_when_the_shared_cache_is_down(pis, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    _agree(Basis.VERIFIED)


def test_indicators_may_be_given_as_a_generator(pis):
    indicators = list(Indicator.objects.filter(pk__in=[i.pk for i in pis]).order_by("code"))
    given = cached.assess((i for i in indicators), PERIOD, basis=Basis.VERIFIED, today=TODAY)
    assert [a.indicator.pk for a in given] == [i.pk for i in indicators]
