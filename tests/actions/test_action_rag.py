"""The suggested RAG of an action from expected progress, in Python and in the database."""

import datetime

import pytest

from actions.choices import ActionRag, ActionStatus, WhenKind
from actions.models import Action
from tests.factories import ActionFactory, ActionPlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 4, 1)
DUE = datetime.date(2026, 12, 31)  # 274 days
TODAY = datetime.date(2026, 8, 31)  # 152 days in: 55.47% expected


def make(percent: int, **kwargs) -> Action:
    defaults = {"start_date": START, "due_date": DUE, "percent_complete": percent}
    return ActionFactory(**(defaults | kwargs))


def db_rag(action: Action, today=TODAY) -> str:
    return Action.objects.with_suggested_rag(today).get(pk=action.pk).rag


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        (56, ActionRag.ON_TRACK),
        (50, ActionRag.ON_TRACK),  # 50 >= 0.9 * 55.47 = 49.9
        (49, ActionRag.AT_RISK),
        (39, ActionRag.AT_RISK),  # 0.7 * 55.47 = 38.8
        (38, ActionRag.OFF_TRACK),
        (0, ActionRag.OFF_TRACK),
    ],
)
def test_suggested_rag_compares_actual_with_linear_expected_progress(percent, expected):
    action = make(percent)
    assert action.suggested_rag(TODAY) == expected
    assert db_rag(action) == expected


def test_boundaries_are_inclusive_at_90_and_70_percent_of_expected():
    # 100 days of 200: 50% expected; 45 is exactly 90%, 35 exactly 70%.
    start = datetime.date(2026, 1, 1)
    due = start + datetime.timedelta(days=200)
    today = start + datetime.timedelta(days=100)
    on = make(45, start_date=start, due_date=due)
    off = make(35, start_date=start, due_date=due)
    between = make(40, start_date=start, due_date=due)
    for action, rag in (
        (on, ActionRag.ON_TRACK),
        (off, ActionRag.OFF_TRACK),
        (between, ActionRag.AT_RISK),
    ):
        assert action.suggested_rag(today) == rag
        assert db_rag(action, today) == rag


def test_before_start_nothing_is_expected_and_after_due_everything_is():
    action = make(0)
    assert action.suggested_rag(START - datetime.timedelta(days=3)) == ActionRag.ON_TRACK
    assert db_rag(action, START - datetime.timedelta(days=3)) == ActionRag.ON_TRACK
    late = make(80)
    after = DUE + datetime.timedelta(days=1)
    assert late.suggested_rag(after) == ActionRag.AT_RISK
    assert db_rag(late, after) == ActionRag.AT_RISK


def test_start_date_falls_back_to_the_plan_start():
    theme = ThemeFactory(plan=ActionPlanFactory(start_date=START))
    action = make(10, theme=theme, start_date=None)
    assert action.suggested_rag(TODAY) == ActionRag.OFF_TRACK
    assert db_rag(action) == ActionRag.OFF_TRACK


def test_open_ended_actions_have_no_suggestion():
    action = make(10, when_kind=WhenKind.ONGOING, due_date=None)
    assert action.suggested_rag(TODAY) is None
    assert db_rag(action) == ""


def test_complete_is_complete_whatever_the_dates_or_override():
    action = make(100, status=ActionStatus.COMPLETE, rag_override=ActionRag.AT_RISK)
    assert action.get_rag(TODAY) == ActionRag.COMPLETE
    assert db_rag(action) == ActionRag.COMPLETE


def test_override_wins_over_the_suggestion():
    action = make(0, rag_override=ActionRag.ON_TRACK, rag_override_reason="Funding agreed")
    assert action.suggested_rag(TODAY) == ActionRag.OFF_TRACK
    assert action.get_rag(TODAY) == ActionRag.ON_TRACK
    row = Action.objects.with_suggested_rag(TODAY).get(pk=action.pk)
    assert (row.suggested_rag, row.rag) == (ActionRag.OFF_TRACK, ActionRag.ON_TRACK)


def test_off_track_queryset_matches_the_model_method():
    actions = [make(p) for p in (0, 20, 45, 60, 90)]
    expected = {a.pk for a in actions if a.get_rag(TODAY) == ActionRag.OFF_TRACK}
    assert set(Action.objects.off_track(TODAY).values_list("pk", flat=True)) == expected
    assert expected


def test_overdue_is_derived_from_the_due_date_and_status():
    overdue = make(50, due_date=datetime.date(2026, 8, 1))
    done = make(100, due_date=datetime.date(2026, 8, 1), status=ActionStatus.COMPLETE)
    ongoing = make(50, when_kind=WhenKind.ONGOING, due_date=datetime.date(2026, 8, 1))
    future = make(50)
    assert overdue.is_overdue(TODAY)
    assert not any(a.is_overdue(TODAY) for a in (done, ongoing, future))
    assert list(Action.objects.overdue(TODAY)) == [overdue]
