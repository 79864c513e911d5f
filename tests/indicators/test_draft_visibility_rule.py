"""Who sees an indicator's drafts has one definition (indicators.visibility.DraftScope): the
SQL filters, the one-indicator check and the assessment's basis rule agree for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from indicators.assessment import Basis
from indicators.choices import FigureState
from indicators.models import Figure, Indicator
from indicators.visibility import (
    draft_scope_q,
    figure_basis_for,
    figures_visible_q,
    sees_drafts_of,
    visible_indicators,
)
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(people, org):
    """PIs owned, deputised, in the officer's team, in Housing and in Planning, each with a
    draft and a verified figure."""
    indicators = [
        IndicatorFactory(owner=people.officer, service=org.housing_team),
        IndicatorFactory(owner=people.other_officer, deputy=people.officer, service=org.planning),
        IndicatorFactory(owner=people.manager, service=org.housing_team),
        IndicatorFactory(owner=people.manager, service=org.housing),
        IndicatorFactory(owner=people.other_officer, service=org.planning),
    ]
    for indicator in indicators:
        FigureFactory(indicator=indicator, year=2025, number=1, state=FigureState.DRAFT)
        FigureFactory(indicator=indicator, year=2025, number=2, state=FigureState.VERIFIED)
    return indicators


def users(people):
    return [*people.by_role().values(), people.other_officer, AnonymousUser()]


def test_the_sql_and_the_one_indicator_rule_agree_for_every_role(people, register):
    for user in users(people):
        one_by_one = {i.pk for i in Indicator.objects.all() if sees_drafts_of(user, i)}
        in_sql = set(
            Indicator.objects.filter(draft_scope_q(user) or Q()).values_list("pk", flat=True)
        )
        assert in_sql == one_by_one, user
        # A partner contributor sees only their organisation's PIs at all (visible_indicators).
        seen_at_all = set(visible_indicators(user).values_list("pk", flat=True))
        figures = {
            f.pk
            for f in Figure.objects.select_related("indicator")
            if (f.state == FigureState.VERIFIED or f.indicator_id in one_by_one)
            and f.indicator_id in seen_at_all
        }
        assert set(Figure.objects.filter(figures_visible_q(user)).values_list("pk", flat=True)) == (
            figures
        ), user


def test_the_assessment_basis_widens_exactly_where_drafts_are_seen(people, register):
    for user in users(people):
        if not user.is_authenticated:
            assert {figure_basis_for(user)(i) for i in register} == {Basis.PUBLISHED}
            continue
        rule, drafts = figure_basis_for(user), figure_basis_for(user, drafts=True)
        for indicator in register:
            seen = sees_drafts_of(user, indicator)
            assert rule(indicator) == (Basis.SUBMITTED if seen else Basis.VERIFIED), user
            assert drafts(indicator) == (Basis.DRAFTS if seen else Basis.VERIFIED), user


def test_the_scope_differs_by_role(people, register):
    """The agreement above is not empty: each role sees a different set."""

    def seen(user):
        return {i.pk for i in register if sees_drafts_of(user, i)}

    assert seen(people.perf) == {i.pk for i in register}
    assert seen(people.officer) == {register[0].pk, register[1].pk}
    assert seen(people.manager) == {register[0].pk, register[2].pk, register[3].pk}
    assert seen(people.board) == set()
