"""Celery tasks: thin wrappers taking ids; the work is in services and notifications."""

from celery import shared_task
from django.utils import timezone

from reporting.services import pack_assemble, pack_generate, pack_recover, pack_render_part


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


# Each part of a large pack is a task of its own, on whichever worker is free; like the pack's,
# it is redelivered if its worker dies, and then lays out that part alone. Its result (a
# flag; the PDF is in storage) is kept only for the chord, which counts the parts done.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=False)
def render_pack_part_task(self, pack_id: int, attempt: int, part: int) -> bool:
    """Lay out one part of a pack; a failure is recorded on the pack by the service."""
    try:
        return pack_render_part(pack_id, attempt=attempt, part=part)
    except Exception:  # noqa: BLE001 - the reason is on the pack; the chord goes on to clean up
        return False


# Run by the chord once every part is laid out. A part counted twice (its worker was lost after
# it finished) can fire it early: then it waits for the missing parts.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def assemble_pack_task(self, pack_id: int, attempt: int) -> str:
    """Put a pack's parts together and mark it ready (or failed, with the reason, on the pack)."""
    try:
        pack = pack_assemble(pack_id, attempt=attempt)
    except Exception:  # noqa: BLE001 - the reason is on the pack; people retry from its page
        return "failed"
    if pack is None:
        raise self.retry(countdown=5, max_retries=120)
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
