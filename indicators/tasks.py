from celery import shared_task

from indicators.figures.reminders import (
    deliver_pending_reminders,
    deliver_pending_return_notices,
    deliver_reminders,
    deliver_return_notices,
)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def send_figure_reminders_task(reminder_ids: list[int]) -> int:
    """E-mail the queued figure reminders; returns how many e-mails went."""
    return deliver_reminders(reminder_ids)


@shared_task(ignore_result=True)
def send_pending_reminders_task() -> int:
    """E-mail reminders the queue could not take when they were asked for (Celery beat)."""
    return deliver_pending_reminders()


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def send_return_notices_task(notice_ids: list[int]) -> int:
    """E-mail the owners of returned figures why; returns how many e-mails went."""
    return deliver_return_notices(notice_ids)


@shared_task(ignore_result=True)
def send_pending_return_notices_task() -> int:
    """E-mail returns the queue could not take when they were made (Celery beat)."""
    return deliver_pending_return_notices()
