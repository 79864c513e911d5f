"""A figure's due date has one definition (indicators.figures.due.due_date_for): My
indicators, the entry page, the spreadsheet template, the assessment, the closing page and
the reminder e-mails give the same day, for a PI with its own working days and one without."""

import pytest
from django.core import mail

from core.models import CouncilSettings
from indicators.assessment import assess_indicators
from indicators.closing import closing_summary
from indicators.figures.due import due_date_for, due_items, my_indicators
from indicators.figures.reminders import deliver_reminders
from indicators.figures.uploads import template_rows
from indicators.figures.views.base import item_for
from indicators.models import FigureReminder
from indicators.periods import due_date
from tests.indicators.entry_helpers import OCTOBER, TODAY, housing_pi

pytestmark = pytest.mark.django_db


def test_every_caller_gives_the_same_due_date(people, org):
    council = CouncilSettings.load()
    own = housing_pi(people, org, code="OWN DAYS", due_working_days=council.due_working_days + 7)
    default = housing_pi(people, org, code="COUNCIL DAYS")
    expected = {
        own.pk: due_date(OCTOBER, council.due_working_days + 7),
        default.pk: due_date(OCTOBER, council.due_working_days),
    }
    assert {pi.pk: due_date_for(pi, OCTOBER, council) for pi in (own, default)} == expected

    items = [
        i for i in due_items(my_indicators(people.officer), today=TODAY) if i.period == OCTOBER
    ]
    assert {i.indicator.pk: i.due for i in items} == expected
    for pi in (own, default):
        assert item_for(people.officer, f"{pi.pk}:{OCTOBER.label}", TODAY).due == expected[pi.pk]
    rows = {row[0]: row[3] for row in template_rows(items)}
    assert rows == {pi.code: expected[pi.pk].isoformat() for pi in (own, default)}
    assessed = assess_indicators([own, default], OCTOBER, today=TODAY)
    assert {a.indicator.pk: a.due_date for a in assessed} == expected
    assert closing_summary(OCTOBER, today=TODAY).due == max(expected.values())

    reminder = FigureReminder.objects.create(
        indicator=own,
        year=OCTOBER.year,
        number=OCTOBER.number,
        recipient=people.officer,
        sent_by=people.perf,
    )
    deliver_reminders([reminder.pk])
    day = expected[own.pk]
    assert f"due {day.day} {day:%B %Y}" in mail.outbox[0].body
