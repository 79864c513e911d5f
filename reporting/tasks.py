"""Celery tasks: thin wrappers taking ids; the work is in services and notifications."""

from celery import shared_task
from django.utils import timezone

from reporting.services import pack_generate, pack_recover


# Acknowledged only when done, and put back on the queue if its worker dies, so a pack whose
# worker is killed is generated again. Nobody reads its result (the pack records everything),
# so queueing it never waits on the result store.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def generate_pack_task(self, pack_id: int) -> str:
    """Generate a pack; a failure is recorded on the pack (status failed, reason) by the service."""
    try:
        pack = pack_generate(pack_id, task_id=self.request.id or "")
    except Exception:  # noqa: BLE001 - the reason is on the pack; people retry from its page
        return "failed"
    return pack.status


@shared_task(ignore_result=True)
def recover_packs_task() -> dict[str, int]:
    """Send again packs the queue never took and take back those whose worker was lost."""
    return pack_recover()


@shared_task(ignore_result=True)
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


@shared_task(ignore_result=True)
def verification_digest_task() -> int:
    """E-mail verifiers the day's digest of figures waiting for them (Celery beat)."""
    from reporting.notifications import send_verification_digests

    return send_verification_digests()
