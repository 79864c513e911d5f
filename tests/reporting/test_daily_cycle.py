"""The daily beat job: generation of what falls due, e-mailed links and figure reminders."""

from datetime import date

import pytest
from django.core import mail

from reporting.models import Pack, SentNotification
from reporting.notifications import generate_due_items, run_daily, send_figure_reminders
from reporting.services import pack_publish
from tests.factories import AudienceFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def test_items_falling_due_are_generated_once_and_audiences_get_a_link_on_publishing(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    AudienceFactory(name="Cabinet").members.add(people.board)
    with django_capture_on_commit_callbacks(execute=True):
        result = run_daily(today=date(2026, 11, 18))
    assert result["generated"] == 3
    packs = {p.report_type: p for p in Pack.objects.all()}
    # The seed's "Quarterly Fin/ perf report" is the finance and performance report.
    assert set(packs) == {"pi_monthly", "finance_performance", "risk_register"}
    assert packs["pi_monthly"].period_label == "2026-10"
    assert packs["finance_performance"].period_label == "2026/27 Q2"
    assert packs["finance_performance"].occurrence == date(2026, 11, 1)
    assert all(p.status == "ready" for p in Pack.objects.all())
    # The performance team hears each is ready, with a link, not an attachment.
    ready = [m for m in mail.outbox if m.to == [people.perf.email]]
    assert len(ready) == 3
    assert all(not m.attachments and "/reports/packs/" in m.body for m in ready)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = run_daily(today=date(2026, 11, 18))
    assert again == {"generated": 0, "ready_emails": 0, "published_emails": 0, "reminders": 0}
    assert mail.outbox == []
    assert Pack.objects.count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        pack_publish(pack=packs["finance_performance"], published_by=people.perf)
    to_board = [m for m in mail.outbox if m.to == [people.board.email]]
    assert len(to_board) == 1
    assert to_board[0].subject == (
        "Published: Quarterly finance and performance report, 2026/27 Q2"
    )
    assert f"/reports/packs/{packs['finance_performance'].pk}/" in to_board[0].body
    assert not to_board[0].attachments
    mail.outbox.clear()
    run_daily(today=date(2026, 11, 19))
    assert [m for m in mail.outbox if m.to == [people.board.email]] == []


def test_nothing_is_generated_before_its_due_date(demo_cycle, people):
    assert generate_due_items(date(2026, 11, 12)) == []


@pytest.fixture
def owed(org, people):
    """A monthly PI owned by the officer (deputy: planner) with no October figure."""
    return IndicatorFactory(
        code="LPI HO 09",
        title="Rent collected",
        owner=people.officer,
        deputy=people.other_officer,
        service=org.housing,
    )


def _recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_reminders_before_due_then_escalating_once_overdue(owed, people):
    # October's figure is due ten working days after 31 October: Friday 13 November.
    assert send_figure_reminders(date(2026, 11, 5)) == 0
    assert send_figure_reminders(date(2026, 11, 11)) == 2
    assert _recipients() == {people.officer.email, people.other_officer.email}
    assert "due 13 Nov 2026" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Performance figures due soon"

    mail.outbox.clear()
    assert send_figure_reminders(date(2026, 11, 11)) == 0  # same day again: nothing new
    send_figure_reminders(date(2026, 11, 16))
    assert _recipients() == {people.officer.email, people.other_officer.email}
    assert "OVERDUE" in mail.outbox[0].body

    mail.outbox.clear()
    send_figure_reminders(date(2026, 11, 20))  # five working days late: the manager too
    assert people.manager.email in _recipients()
    assert people.perf.email not in _recipients()

    mail.outbox.clear()
    send_figure_reminders(date(2026, 11, 27))  # ten working days late: the performance team
    assert people.perf.email in _recipients()
    assert SentNotification.objects.filter(key__startswith=f"remind:{owed.pk}:2026-10:3").exists()
    # The figures' chasing record shows the automatic reminders too.
    from indicators.models import FigureReminder

    reminded = FigureReminder.objects.filter(indicator=owed, year=2026, number=7)
    assert people.perf.pk in set(reminded.values_list("recipient_id", flat=True))
    assert all(r.sent_at is not None and r.sent_by is None for r in reminded)


def test_a_submitted_figure_stops_the_reminders(owed, people):
    from tests.factories import FigureFactory

    FigureFactory(indicator=owed, year=2026, number=7, value=5, state="submitted")
    assert send_figure_reminders(date(2026, 11, 20)) == 0
