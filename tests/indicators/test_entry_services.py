"""Saving, submitting, verifying and returning figures; conflicts; closed periods."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.choices import FigureState
from indicators.periods import Period
from indicators.services import (
    FigureConflict,
    FigureInput,
    PeriodClosed,
    figure_amend_closed,
    figure_return,
    figure_save_draft,
    figure_submit,
    figure_verify,
    figures_enter,
    period_close,
    period_reopen,
)
from tests.indicators.entry_helpers import OCTOBER, TODAY, housing_pi

pytestmark = pytest.mark.django_db


def entry(indicator, value="42", version=0, period=OCTOBER, **kwargs):
    return FigureInput(
        indicator=indicator, period=period, value=Decimal(value), expected_version=version, **kwargs
    )


def test_an_officer_saves_a_draft_then_submits(people, org):
    pi = housing_pi(people, org)
    draft = figure_save_draft(user=people.officer, entry=entry(pi), today=TODAY)
    assert (draft.state, draft.value, draft.version) == (FigureState.DRAFT, 42, 1)
    assert draft.entered_by == people.officer
    submitted = figure_submit(user=people.officer, entry=entry(pi, "43", version=1), today=TODAY)
    assert (submitted.state, submitted.value, submitted.version) == ("submitted", 43, 2)
    assert submitted.submitted_by == people.officer
    assert submitted.history.first().history_change_reason == "Submitted"


def test_the_second_of_two_saves_from_the_same_version_is_refused(people, org):
    pi = housing_pi(people, org, deputy=people.manager)
    figure_save_draft(user=people.officer, entry=entry(pi, "40"), today=TODAY)
    with pytest.raises(FigureConflict) as refused:
        figure_save_draft(user=people.manager, entry=entry(pi, "50"), today=TODAY)
    other = refused.value.figures[(pi.pk, OCTOBER.year, OCTOBER.number)]
    assert other.value == 40 and other.entered_by == people.officer
    assert pi.figures.get().value == 40


def test_an_officer_cannot_enter_another_services_pi(people, org):
    pi = housing_pi(people, org)
    with pytest.raises(PermissionDenied):
        figure_save_draft(user=people.other_officer, entry=entry(pi), today=TODAY)
    with pytest.raises(PermissionDenied):
        figure_save_draft(user=people.audit, entry=entry(pi), today=TODAY)
    with pytest.raises(PermissionDenied):
        figure_save_draft(user=people.board, entry=entry(pi), today=TODAY)
    assert not pi.figures.exists()


def test_a_period_not_yet_ended_is_refused(people, org):
    pi = housing_pi(people, org)
    with pytest.raises(ValidationError):
        figure_save_draft(user=people.officer, entry=entry(pi, period=OCTOBER.next()), today=TODAY)


def test_invalid_numbers_are_refused_by_the_service_too(people, org):
    pi = housing_pi(people, org)
    with pytest.raises(ValidationError):
        figure_save_draft(user=people.officer, entry=entry(pi, "-5"), today=TODAY)
    assert not pi.figures.exists()


def test_a_page_of_figures_is_saved_all_or_nothing(people, org):
    good, other = housing_pi(people, org), housing_pi(people, org)
    figure_save_draft(user=people.perf, entry=entry(other, "1"), today=TODAY)
    with pytest.raises(FigureConflict):
        figures_enter(
            user=people.officer, entries=[entry(good), entry(other)], submit=True, today=TODAY
        )
    assert not good.figures.exists()


def test_a_manager_verifies_and_returns_within_their_service(people, org):
    pi = housing_pi(people, org)
    figure = figure_submit(user=people.officer, entry=entry(pi), today=TODAY)
    returned = figure_return(figure=figure, user=people.manager, reason="Check the source")
    assert returned.state == FigureState.RETURNED and returned.return_reason == "Check the source"
    figure = figure_submit(
        user=people.officer, entry=entry(pi, "44", version=returned.version), today=TODAY
    )
    verified = figure_verify(figure=figure, user=people.manager)
    assert verified.state == FigureState.VERIFIED and verified.verified_by == people.manager


def test_verification_is_refused_outside_scope_and_to_the_submitter(people, org):
    planning_pi = housing_pi(people, org, service=org.planning, owner=people.other_officer)
    figure = figure_submit(user=people.other_officer, entry=entry(planning_pi), today=TODAY)
    for user in (people.manager, people.officer, people.audit, people.board):
        with pytest.raises(PermissionDenied):
            figure_verify(figure=figure, user=user)
    own = housing_pi(people, org, owner=people.perf)
    own_figure = figure_submit(user=people.perf, entry=entry(own), today=TODAY)
    with pytest.raises(PermissionDenied):
        figure_verify(figure=own_figure, user=people.perf)
    assert figure_verify(figure=figure, user=people.perf).state == FigureState.VERIFIED


def test_a_return_needs_a_reason(people, org):
    figure = figure_submit(user=people.officer, entry=entry(housing_pi(people, org)), today=TODAY)
    with pytest.raises(ValidationError):
        figure_return(figure=figure, user=people.manager, reason="  ")


def test_a_closed_period_is_read_only_until_amended_with_a_reason(people, org):
    pi = housing_pi(people, org)
    figure = figure_submit(user=people.officer, entry=entry(pi), today=TODAY)
    period_close(period=OCTOBER, user=people.perf, reason="Reported to CMT")
    with pytest.raises(PeriodClosed):
        figure_save_draft(
            user=people.officer, entry=entry(pi, "50", version=figure.version), today=TODAY
        )
    with pytest.raises(PeriodClosed):
        figure_verify(figure=figure, user=people.manager)
    with pytest.raises(PermissionDenied):
        figure_amend_closed(
            user=people.officer,
            entry=entry(pi, "50", version=figure.version),
            reason="Late correction",
            today=TODAY,
        )
    with pytest.raises(ValidationError):
        figure_amend_closed(
            user=people.perf, entry=entry(pi, "50", version=figure.version), reason="", today=TODAY
        )
    amended = figure_amend_closed(
        user=people.perf,
        entry=entry(pi, "50", version=figure.version),
        reason="Late correction from the supplier",
        today=TODAY,
    )
    assert amended.is_restatement and amended.value == 50
    assert amended.state == FigureState.SUBMITTED
    assert "Late correction" in amended.history.first().history_change_reason


def test_only_the_performance_team_closes_and_reopens_with_a_reason(people, org):
    for user in (people.officer, people.manager, people.audit, people.board):
        with pytest.raises(PermissionDenied):
            period_close(period=OCTOBER, user=user)
    closure = period_close(period=OCTOBER, user=people.perf, reason="Month end")
    with pytest.raises(ValidationError):
        period_close(period=OCTOBER, user=people.perf)
    with pytest.raises(PermissionDenied):
        period_reopen(period=OCTOBER, user=people.manager, reason="x")
    with pytest.raises(ValidationError):
        period_reopen(period=OCTOBER, user=people.perf, reason="")
    period_reopen(period=OCTOBER, user=people.perf, reason="Supplier resent the data")
    last = closure.history.model.objects.filter(id=closure.pk).order_by("-history_id").first()
    assert last.history_type == "-" and "Supplier" in last.history_change_reason


def test_a_period_not_ended_cannot_be_closed(people):
    with pytest.raises(ValidationError):
        period_close(period=Period.month(2030, 1), user=people.perf)
