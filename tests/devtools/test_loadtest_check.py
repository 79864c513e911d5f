"""The load test's database check catches a lost update, a double save and a duplicate."""

from decimal import Decimal

import pytest

from devtools.loadtest.check import check
from devtools.loadtest.pages import parse_fields
from devtools.loadtest.prepare import prepare
from indicators.choices import Aggregation, Frequency
from indicators.models import Figure, Indicator
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people, org):
    for _ in range(4):
        IndicatorFactory(frequency=Frequency.MONTHLY, service=org.housing)
    IndicatorFactory(
        frequency=Frequency.MONTHLY, service=org.housing, aggregation=Aggregation.RATIO
    )
    return prepare(pairs=1, per_pair=4, board=1)


def _saved(user: str, value: str = "50", numerator: str = "45") -> dict:
    return {"user": user, "status": "saved", "typed": {"value": value, "numerator": numerator}}


def _store(plan, value: Decimal, state: str = "submitted") -> None:
    for indicator in Indicator.objects.filter(owner__username="load-owner-000"):
        FigureFactory(
            indicator=indicator,
            year=plan.period.year,
            number=plan.period.number,
            value=None if indicator.aggregation == "ratio" else value,
            numerator=Decimal("45") if indicator.aggregation == "ratio" else None,
            denominator=Decimal("90") if indicator.aggregation == "ratio" else None,
            state=state,
        )


def test_prepare_gives_each_pair_due_indicators_and_board_readers(plan):
    owned = Indicator.objects.filter(owner__username="load-owner-000")
    assert owned.count() == 4
    assert set(owned.values_list("deputy__username", flat=True)) == {"load-deputy-000"}
    assert not Figure.objects.filter(year=plan.period.year, number=plan.period.number).exists()


def test_a_clean_run_passes(plan):
    _store(plan, Decimal("50"))
    result = check(
        outcomes=[
            _saved("load-owner-000"),
            {
                "user": "load-deputy-000",
                "status": "conflict",
                "typed": {"value": "51", "numerator": "46"},
            },
        ],
        pairs=1,
        period=plan.period,
    )
    assert result.ok, result.problems
    assert (result.submitted_pages, result.conflicts, result.figures_checked) == (1, 1, 4)


def test_a_lost_update_is_caught(plan):
    # The owner was told their 50 was saved, but the deputy's 51 is what the database holds.
    _store(plan, Decimal("51"))
    result = check(outcomes=[_saved("load-owner-000")], pairs=1, period=plan.period)
    assert not result.ok
    assert any("was told their 50 was saved" in p for p in result.problems)


def test_two_people_told_saved_for_the_same_figures_is_caught(plan):
    _store(plan, Decimal("51"))
    outcomes = [_saved("load-owner-000"), _saved("load-deputy-000", "51", "46")]
    result = check(outcomes=outcomes, pairs=1, period=plan.period)
    assert any("both" in p for p in result.problems)


def test_a_figure_left_as_draft_after_a_submit_is_caught(plan):
    _store(plan, Decimal("50"), state="draft")
    result = check(outcomes=[_saved("load-owner-000")], pairs=1, period=plan.period)
    assert any("is draft" in p for p in result.problems)


def test_the_page_parser_keeps_hidden_inputs_textareas_and_checked_boxes_only():
    html = (
        '<input type="hidden" name="form-TOTAL_FORMS" value="2">'
        '<input type="checkbox" name="a"><input type="checkbox" name="b" checked value="on">'
        '<textarea name="form-0-commentary">Kept text</textarea>'
    )
    fields = parse_fields(html)
    assert fields["form-TOTAL_FORMS"] == ("hidden", "2")
    assert "a" not in fields
    assert fields["b"] == ("checkbox", "on")
    assert fields["form-0-commentary"] == ("textarea", "Kept text")


def test_an_unexpected_answer_is_explained_by_the_pages_alerts():
    from devtools.loadtest.pages import alert_text

    html = (
        '<div class="alert alert-warning" role="alert">Nothing was <b>typed</b>.</div>'
        '<div class="invalid-feedback d-block" id="x">Enter a number.</div><p>Other text</p>'
    )
    assert alert_text(html) == "Nothing was typed . | Enter a number."


def _sent(user, value="50", numerator="45"):
    return {"user": user, "status": "sent", "typed": {"value": value, "numerator": numerator}}


def test_a_submit_unanswered_when_the_run_stopped_must_hold_what_was_typed(plan):
    _store(plan, Decimal("50"))
    result = check(outcomes=[_sent("load-owner-000")], pairs=1, period=plan.period)
    assert result.ok, result.problems
    assert result.unanswered == 1


def test_an_unanswered_submit_does_not_excuse_other_values(plan):
    _store(plan, Decimal("51"))
    result = check(outcomes=[_sent("load-owner-000")], pairs=1, period=plan.period)
    assert any("holds 51" in p for p in result.problems)


def test_a_submit_that_was_answered_is_not_unanswered(plan):
    _store(plan, Decimal("50"))
    outcomes = [_sent("load-owner-000"), _saved("load-owner-000")]
    result = check(outcomes=outcomes, pairs=1, period=plan.period)
    assert result.ok and result.unanswered == 0
