"""E-mailing figure reminders (one message per person listing the figures they owe) and the
reasons figures were returned."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.links import absolute_url
from core.models import CouncilSettings
from indicators.figures.due import due_date_for, entry_path
from indicators.models import FigureReminder, FigureReturnNotice
from indicators.periods import Period

# A reminder younger than this may still be on its way through the queue.
PENDING_AFTER = timedelta(minutes=2)


def deliver_pending_reminders(*, now=None) -> int:
    """E-mail every reminder still unsent a while after it was asked for; return e-mails sent."""
    cutoff = (now or timezone.now()) - PENDING_AFTER
    ids = list(
        FigureReminder.objects.filter(sent_at__isnull=True, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    return deliver_reminders(ids) if ids else 0


def deliver_reminders(reminder_ids: list[int]) -> int:
    """E-mail the queued reminders with these ids and mark them sent; returns e-mails sent.

    Reminders already sent, or to people without an e-mail address, are skipped.
    """
    reminders = (
        FigureReminder.objects.filter(pk__in=reminder_ids, sent_at__isnull=True)
        .select_related("indicator", "recipient")
        .order_by("recipient_id", "indicator__code", "year", "number")
    )
    council = CouncilSettings.load()
    by_person = defaultdict(list)
    for reminder in reminders:
        by_person[reminder.recipient].append(reminder)
    sent = 0
    entry_url = absolute_url(reverse("indicators:my"))
    for person, items in by_person.items():
        if not person.email:
            continue
        lines = []
        for reminder in items:
            indicator = reminder.indicator
            period = Period(indicator.frequency, reminder.year, reminder.number)
            due = due_date_for(indicator, period, council)
            lines.append({"indicator": indicator, "period": period, "due": due})
        body = render_to_string(
            "indicators/entry/reminder_email.txt",
            {"person": person, "lines": lines, "entry_url": entry_url},
        )
        subject = f"Performance figures needed: {len(lines)} indicator figure(s)"
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        FigureReminder.objects.filter(pk__in=[r.pk for r in items]).update(sent_at=timezone.now())
        sent += 1
    return sent


def deliver_pending_return_notices(*, now=None) -> int:
    """E-mail every return notice still unsent a while after the return; return e-mails sent."""
    cutoff = (now or timezone.now()) - PENDING_AFTER
    ids = list(
        FigureReturnNotice.objects.filter(sent_at__isnull=True, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    return deliver_return_notices(ids) if ids else 0


def deliver_return_notices(notice_ids: list[int]) -> int:
    """E-mail the return notices with these ids not yet sent; returns e-mails sent.

    Each is claimed (marked sent) in the transaction that sends it, so the queued task and
    the beat job never both send one; a failure to send leaves it waiting.
    """
    notices = FigureReturnNotice.objects.filter(
        pk__in=notice_ids, sent_at__isnull=True
    ).select_related("figure__indicator", "recipient", "returned_by")
    sent = 0
    for notice in notices:
        if not notice.recipient.email:
            continue
        with transaction.atomic():
            claimed = FigureReturnNotice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
            if not claimed:
                continue
            figure = notice.figure
            indicator = figure.indicator
            period = Period(indicator.frequency, figure.year, figure.number)
            body = render_to_string(
                "indicators/entry/returned_email.txt",
                {
                    "notice": notice,
                    "indicator": indicator,
                    "period": period,
                    "entry_url": absolute_url(entry_path(indicator.pk, period)),
                },
            )
            subject = f"Figure returned: {indicator.code} {period.long_label}"
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notice.recipient.email])
        sent += 1
    return sent
