"""Dated progress updates: kept as history, bring the action up to date, refuse bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions.choices import ActionRag, ActionStatus
from actions.models import Action, ActionUpdate
from actions.services import action_update_record
from tests.factories import ActionFactory, ActionUpdateFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def record(action, author, day, percent, status=ActionStatus.IN_PROGRESS, **kwargs):
    return action_update_record(
        action=action,
        author=author,
        date=day,
        note=f"At {percent}%",
        status=status,
        percent_complete=percent,
        **kwargs,
    )


def test_updates_are_kept_and_the_latest_sets_progress(people):
    action = ActionFactory(
        start_date=datetime.date(2026, 4, 1), due_date=datetime.date(2027, 3, 31)
    )
    record(action, people.officer, datetime.date(2026, 9, 20), 30)
    record(action, people.officer, datetime.date(2026, 10, 20), 45)
    action.refresh_from_db()
    assert action.percent_complete == 45
    assert list(action.updates.values_list("percent_complete", flat=True)) == [45, 30]
    # A back-dated note is kept but does not roll progress back.
    record(action, people.officer, datetime.date(2026, 8, 20), 10)
    action.refresh_from_db()
    assert action.percent_complete == 45 and action.updates.count() == 3


def test_each_update_keeps_the_rag_it_had_then(people):
    action = ActionFactory(
        start_date=datetime.date(2026, 4, 1), due_date=datetime.date(2026, 12, 1)
    )
    update = record(action, people.officer, datetime.date(2026, 10, 1), 10)
    assert update.rag == ActionRag.OFF_TRACK


def test_completing_sets_100_percent_and_clears_an_override(people):
    action = ActionFactory(rag_override=ActionRag.AT_RISK, rag_override_reason="Slow")
    record(action, people.officer, TODAY, 80, status=ActionStatus.COMPLETE)
    action.refresh_from_db()
    assert (action.status, action.percent_complete, action.rag_override) == (
        ActionStatus.COMPLETE,
        100,
        "",
    )
    assert action.get_rag(TODAY) == ActionRag.COMPLETE


def test_an_override_needs_a_reason(people):
    action = ActionFactory()
    with pytest.raises(ValidationError):
        record(action, people.officer, TODAY, 20, rag_override=ActionRag.ON_TRACK)
    assert not ActionUpdate.objects.exists()
    record(
        action,
        people.officer,
        TODAY,
        20,
        rag_override=ActionRag.ON_TRACK,
        rag_override_reason="Funded",
    )
    action.refresh_from_db()
    assert action.get_rag(TODAY) == ActionRag.ON_TRACK
    assert action.rag_override_reason == "Funded"


def test_no_update_this_month_is_derived(people):
    fresh = ActionFactory()
    ActionUpdateFactory(action=fresh, date=TODAY.replace(day=1))
    stale = ActionFactory()
    ActionUpdateFactory(action=stale, date=TODAY.replace(day=1) - datetime.timedelta(days=1))
    never = ActionFactory()
    done = ActionFactory(status=ActionStatus.COMPLETE)
    result = set(Action.objects.without_update_this_month(TODAY))
    assert result == {stale, never}
    assert fresh not in result and done not in result


def test_the_page_keeps_typed_values_on_error(client, people, items):
    client.force_login(people.officer)
    url = reverse("actions:action_progress", args=[items.housing_action.pk])
    response = client.post(
        url,
        {
            "date": (TODAY + datetime.timedelta(days=3)).isoformat(),
            "note": "Typed words stay",
            "status": "in_progress",
            "percent_complete": "140",
            "rag_override": "on_track",
            "rag_override_reason": "",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Typed words stay" in text
    assert "cannot be dated in the future" in text
    assert "Say why the RAG differs" in text
    assert not ActionUpdate.objects.exists()


def test_the_page_records_an_update(client, people, items):
    client.force_login(people.officer)
    response = client.post(
        reverse("actions:action_progress", args=[items.housing_action.pk]),
        {
            "date": TODAY.isoformat(),
            "note": "Half way",
            "status": "in_progress",
            "percent_complete": "50",
        },
    )
    assert response.status_code == 302
    page = client.get(items.housing_action.get_absolute_url()).content.decode()
    assert "Half way" in page and "50%" in page
    assert ActionUpdate.objects.get().author == people.officer


def test_editing_an_action_validates_the_when(client, people, items):
    client.force_login(people.manager)
    action = items.housing_action
    response = client.post(
        reverse("actions:action_edit", args=[action.pk]),
        {
            "theme": action.theme_id,
            "number": "2.1",
            "title": "Edited",
            "when_kind": "date",
            "priority": "high",
            "status": "in_progress",
            "percent_complete": "10",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "number" in form.errors and "due_date" in form.errors
    response = client.post(
        reverse("actions:action_edit", args=[action.pk]),
        {
            "theme": action.theme_id,
            "number": "1.9.",
            "title": "Edited",
            "when_kind": "as_and_when",
            "priority": "high",
            "status": "in_progress",
            "percent_complete": "10",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.number, action.title, action.sequence) == ("1.9", "Edited", 9)
