"""Celery tasks: thin wrappers taking ids; the work is in services and notifications."""

from celery import shared_task
from django.utils import timezone

from reporting.services import pack_generate


@shared_task(acks_late=True)
def generate_pack_task(pack_id: int) -> str:
    """Generate a pack; a failure is recorded on the pack (status failed, reason) by the service."""
    try:
        pack = pack_generate(pack_id)
    except Exception:  # noqa: BLE001 - the reason is on the pack; people retry from its page
        return "failed"
    return pack.status


@shared_task
def notify_pack_audience_task(pack_id: int) -> int:
    """E-mail a published pack's audiences a link; return how many e-mails were sent."""
    from reporting.models import Pack
    from reporting.notifications import notify_pack_audience

    pack = Pack.objects.filter(pk=pack_id).first()
    return notify_pack_audience(pack) if pack else 0


@shared_task
def daily_cycle_task() -> dict:
    """The daily run (Celery beat): generate items falling due, e-mail links, remind owners."""
    from reporting.notifications import run_daily

    return run_daily(today=timezone.localdate())
