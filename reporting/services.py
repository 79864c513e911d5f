"""Writes of the reporting app: importing the cycle, requesting, generating and publishing packs.

Generation is a plain function (`pack_generate`) that the Celery task, the pack pages and
`manage.py build_report` share. The PDF is built fully in memory first; only then is the file
written to storage (whole: a temporary file renamed into place) and the pack marked ready in
one transaction, so a half-built pack is never visible, let alone published.

Asking for a pack never depends on the task queue answering: the pack is saved first, and a
pack the queue could not take, or whose worker was lost, is sent again by `pack_recover`.
"""

import json
import logging
import os
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from celery import chord
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone

from core.files import sha256_hex, store_whole, stored_sha256
from core.models import OrgUnit
from core.parsing import ParseError, parse_int
from core.queue import try_enqueue
from core.tabular import ImportRefused, RowErrors, check_lengths, column_limits, read_table
from reporting.choices import MONTH_NAMES, DueRule, ExportFormat, PackStatus, ReportType
from reporting.models import Audience, CycleItem, Pack, PackExport

logger = logging.getLogger(__name__)

# A pack whose worker is lost this many times (e.g. killed for memory each time) is failed.
PACK_MAX_ATTEMPTS = 3
WAITING_FOR_QUEUE = (
    "Waiting for the task service, which is not answering: the pack will be generated "
    "automatically once it is back"
)
QUEUED_AFTER_LOSS = "Queued again: the worker generating it stopped"
GAVE_UP_AFTER_LOSSES = (
    f"Generation stopped {PACK_MAX_ATTEMPTS} times before it finished (the worker generating "
    "it was lost each time). Try again; if it stops again, tell the system administrator."
)

CYCLE_COLUMNS = ("name", "months")
# Limits of the columns the rows go into: too long is refused by row, never cut short.
CYCLE_LIMITS = column_limits(CycleItem, name="name", group="group", responsible="responsible")
AUDIENCE_NAME_LIMIT = Audience._meta.get_field("name").max_length
CYCLE_OPTIONAL = (
    "group",
    "audiences",
    "responsible",
    "due_rule",
    "due_value",
    "report_type",
    "scope",
)


def _month_named(word: str) -> int | None:
    """Return the number of the month `word` names ('Sep', 'sept', 'September'), or None."""
    if len(word) < 3:
        return None
    for number, name in enumerate(MONTH_NAMES, start=1):
        if name.lower().startswith(word.lower()):
            return number
    return None


def parse_months(text: str) -> list[int]:
    """Return month numbers from 'all', 'Feb May Aug Nov', 'February, May' or '2 5 8 11'.

    Raises ValueError naming the word it cannot read.
    """
    words = text.replace(",", " ").replace(";", " ").split()
    if [w.lower() for w in words] == ["all"]:
        return list(range(1, 13))
    months = []
    for word in words:
        try:
            number = parse_int(word)
        except ParseError:
            number = _month_named(word)
        if number is None or not 1 <= number <= 12:
            raise ValueError(f"'{word}' is not a month")
        if number not in months:
            months.append(number)
    if not months:
        raise ValueError("no months given")
    return sorted(months)


@transaction.atomic
def cycle_import(*, name: str, content: bytes, replace: bool = False) -> list[CycleItem]:
    """Create or update cycle items from a CSV/Excel table; all rows or none.

    Items are matched by name. With `replace`, items not in the file are deactivated (they
    stay on past calendars via their packs). Raises ImportRefused listing every bad row, and
    core.tabular.TableError for an unreadable file.
    """
    rows = read_table(name, content, CYCLE_COLUMNS, CYCLE_OPTIONAL)
    errors = RowErrors()
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    parsed = []
    seen: set[str] = set()
    for position, row in enumerate(rows, start=1):
        values = row.values
        item_name = values.get("name", "")
        if not item_name:
            errors.add(row.number, "The name is empty.")
            continue
        check_lengths(row, errors, CYCLE_LIMITS)
        if item_name.lower() in seen:
            errors.add(row.number, f"'{item_name}' appears twice.")
        seen.add(item_name.lower())
        try:
            months = parse_months(values.get("months", ""))
        except ValueError as exc:
            errors.add(row.number, f"Months: {exc}.")
            months = []
        due_rule = values.get("due_rule") or DueRule.END_OF_MONTH
        if due_rule not in DueRule.values:
            errors.add(
                row.number, f"Due rule '{due_rule}' is not one of {', '.join(DueRule.values)}."
            )
        try:
            due_value = parse_int(values.get("due_value") or "0", minimum=0, maximum=60)
        except ParseError:
            due_value = None
            errors.add(row.number, "Due value must be a whole number from 0 to 60.")
        report_type = values.get("report_type", "")
        if report_type and report_type not in ReportType.values:
            errors.add(row.number, f"Report type '{report_type}' is not known.")
        scope_code = values.get("scope", "")
        if scope_code and scope_code not in units:
            errors.add(row.number, f"No organisation unit has the code '{scope_code}'.")
        audiences = [a.strip() for a in values.get("audiences", "").split(";") if a.strip()]
        for audience in audiences:
            if len(audience) > AUDIENCE_NAME_LIMIT:
                errors.add(
                    row.number,
                    f"audience '{audience[:40]}…' is {len(audience):,} characters long; "
                    f"at most {AUDIENCE_NAME_LIMIT:,} fit.",
                )
        parsed.append(
            (
                item_name,
                {
                    "group": values.get("group", ""),
                    "position": position,
                    "months": months,
                    "responsible": values.get("responsible", ""),
                    "due_rule": due_rule,
                    "due_value": due_value or 0,
                    "report_type": report_type,
                    "scope_unit": units.get(scope_code),
                    "is_active": True,
                },
                audiences,
            )
        )
    if errors:
        raise ImportRefused(errors)
    items = []
    for item_name, fields, audience_names in parsed:
        item, _ = CycleItem.objects.update_or_create(name=item_name, defaults=fields)
        item.audiences.set([Audience.objects.get_or_create(name=a)[0] for a in audience_names])
        items.append(item)
    if replace:
        CycleItem.objects.exclude(pk__in=[i.pk for i in items]).update(is_active=False)
    return items


def _next_version(report_type: str, period_label: str, scope_unit: OrgUnit | None) -> int:
    latest = Pack.objects.filter(
        report_type=report_type, period_label=period_label, scope_unit=scope_unit
    ).aggregate(v=Max("version"))["v"]
    return (latest or 0) + 1


# Two requests for the same report at once both count the same latest version; the unique
# constraint refuses the second insert, which then counts again. Each retry means another
# request won a race, so a handful is plenty.
_VERSION_TRIES = 10


def canonical_period_label(report_type: str, period_label: str) -> str:
    """Return the period as packs store and name it ('Q2 2026/27' -> '2026/27 Q2').

    Every spelling of a period is one period: lookups, versions, titles and file names are
    made from this label only. Raises ValidationError when the period does not suit the type.
    """
    from reporting.reports import resolve_period

    label = (period_label or "").strip()
    period = resolve_period(report_type, label)
    return label if period is None else period.label


@transaction.atomic
def pack_request(
    *,
    report_type: str,
    period_label: str,
    scope_unit: OrgUnit | None = None,
    requested_by: User | None = None,
    cycle_item: CycleItem | None = None,
    occurrence: date | None = None,
) -> Pack:
    """Create a queued pack (the next version) and queue its generation after commit.

    Raises ValidationError when the period does not suit the report type.
    """
    from reporting.reports import report_title

    label = canonical_period_label(report_type, period_label)
    for _ in range(_VERSION_TRIES):
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the outer one usable
                pack = Pack.objects.create(
                    report_type=report_type,
                    period_label=label,
                    scope_unit=scope_unit,
                    cycle_item=cycle_item,
                    occurrence=occurrence,
                    version=_next_version(report_type, label, scope_unit),
                    title=report_title(report_type, label, scope_unit),
                    requested_by=requested_by,
                )
            break
        except IntegrityError:
            continue
    else:
        raise ValidationError("Too many versions of this report were asked for at once; try again.")
    _queue(pack)
    return pack


def _queue(pack: Pack) -> None:
    pack_id = pack.pk
    transaction.on_commit(lambda: pack_send(pack_id))


def pack_send(pack_id: int) -> bool:
    """Hand a queued pack's generation to the task queue; return whether the queue took it.

    When the broker cannot be reached the request is not lost: the pack stays queued, its
    note says it waits for the task service, and `pack_recover` sends it once the broker
    answers again.
    """
    from reporting.tasks import generate_pack_task

    if not try_enqueue(generate_pack_task, pack_id):
        Pack.objects.filter(pk=pack_id, status=PackStatus.QUEUED).update(
            sent_at=None, progress_note=WAITING_FOR_QUEUE
        )
        return False
    Pack.objects.filter(pk=pack_id).update(sent_at=timezone.now())
    return True


@transaction.atomic
def pack_retry(*, pack: Pack) -> Pack:
    """Queue a failed pack again. Raises ValidationError unless it failed."""
    pack = Pack.objects.select_for_update().get(pk=pack.pk)
    if pack.status != PackStatus.FAILED:
        raise ValidationError("Only a pack whose generation failed can be retried.")
    pack.status = PackStatus.QUEUED
    pack.progress = 0
    pack.progress_note = "Queued again"
    pack.error = ""
    pack.save()
    _queue(pack)
    return pack


def _lost_attempt_limit() -> timedelta:
    """Return how long after it started an attempt must have ended, dead or alive.

    The worker kills a task at the hard time limit, so an attempt still marked generating
    after that (plus a margin for clocks and the kill itself) belongs to a worker that is gone.
    """
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def _fail_lost(packs: QuerySet[Pack]) -> int:
    """Mark failed those of these lost attempts that used up their tries; return how many."""
    return packs.filter(attempts__gte=PACK_MAX_ATTEMPTS).update(
        status=PackStatus.FAILED, progress_note="Failed", error=GAVE_UP_AFTER_LOSSES
    )


def pack_recover(*, now: datetime | None = None) -> dict[str, int]:
    """Make sure no pack is silently lost; return counts of what was done (for the logs).

    Celery beat runs it every minute. A pack still generating after the hard time limit lost
    its worker (a redelivered task usually takes it back sooner): it is queued again, or
    marked failed once it has had PACK_MAX_ATTEMPTS. Then every queued pack the task queue
    never took (the broker was down when it was asked for), or took so long ago that the
    message must be gone (e.g. Redis restarted without its data), is sent again. A message
    sent twice is harmless: only one attempt can claim the pack.
    """
    now = now or timezone.now()
    lost = Pack.objects.filter(
        status=PackStatus.GENERATING, started_at__lt=now - _lost_attempt_limit()
    )
    failed = _fail_lost(lost)
    requeued = lost.update(
        status=PackStatus.QUEUED, progress=0, progress_note=QUEUED_AFTER_LOSS, sent_at=None
    )
    resend_after = timedelta(seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"])
    waiting = Pack.objects.filter(status=PackStatus.QUEUED).filter(
        Q(sent_at__isnull=True) | Q(sent_at__lt=now - resend_after)
    )
    sent = sum(pack_send(pack_id) for pack_id in waiting.values_list("pk", flat=True))
    return {"failed": failed, "requeued": requeued, "sent": sent}


def _set_progress(pack_id: int, percent: int, note: str) -> None:
    # A plain UPDATE outside any transaction, so the page polling the pack sees it at once.
    Pack.objects.filter(pk=pack_id).update(progress=min(max(percent, 0), 100), progress_note=note)


def readable_error(exc: BaseException) -> str:
    """Return a one-line reason a person can act on for an exception raised while generating."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = type(exc).__name__
    return f"{kind}: {text}" if text else f"{kind} (no detail)"


def _claim(pack_id: int, task_id: str) -> bool:
    """Mark the pack generating for this attempt; return False when it is not this one's.

    A queued or failed pack is claimed. So is one generating under this same task id: the
    queue delivers a message again only when the worker that took it was lost (it was killed,
    or its machine went), so that attempt is over; after PACK_MAX_ATTEMPTS such losses the
    pack is marked failed instead. Anything else (ready, published, or generating under
    another task) is left alone.
    """
    if task_id:
        lost = Pack.objects.filter(pk=pack_id, status=PackStatus.GENERATING, task_id=task_id)
        if _fail_lost(lost):
            return False
        claimable = Q(status__in=[PackStatus.QUEUED, PackStatus.FAILED]) | Q(
            status=PackStatus.GENERATING, task_id=task_id
        )
    else:
        claimable = Q(status__in=[PackStatus.QUEUED, PackStatus.FAILED])
    return bool(
        Pack.objects.filter(claimable, pk=pack_id).update(
            status=PackStatus.GENERATING,
            task_id=task_id,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            progress=1,
            progress_note="Started",
            error="",
        )
    )


def pack_generate(
    pack_id: int, *, task_id: str = "", progress: Callable[[int, str], None] | None = None
) -> Pack:
    """Build the pack's data and PDF, then store the file and mark it ready, atomically.

    `task_id` names the queued task doing it, so that the same task delivered again after
    its worker was lost can take the pack back (see `_claim`). A large pack is laid out in
    parts by tasks of their own (see `_start_parts`): then the pack is still generating when
    this returns, unless the tasks ran in-process. Returns the pack. On failure the pack is
    marked failed with a readable reason (and no file), and the exception is re-raised for
    the caller (the task) to log.
    """
    from reporting.assembly import plan_parts, report_weight
    from reporting.pdf import render_pdf
    from reporting.reports import build_report

    claimed = _claim(pack_id, task_id)
    pack = Pack.objects.get(pk=pack_id)
    if not claimed:
        # Already generated (a redelivered task), or being generated by another worker.
        return pack

    def report_progress(percent: int, note: str) -> None:
        _set_progress(pack_id, percent, note)
        if progress:
            progress(percent, note)

    try:
        data = build_report(
            pack.report_type,
            pack.period_label,
            scope_unit=pack.scope_unit,
            progress=lambda p, n: report_progress(5 + int(p * 0.6), n),
        )
        data["meta"]["version"] = pack.version
        parts = plan_parts(data["sections"], settings.PACK_PARTS)
        if report_weight(data) > settings.PACK_PARTS_ABOVE and len(parts) > 1:
            _start_parts(pack, data, parts)
            return Pack.objects.get(pk=pack_id)
        report_progress(70, "Laying out the PDF")
        pdf, pages = render_pdf(data)
        report_progress(95, "Saving")
        return _store_ready(pack_id, data, pdf, pages)
    except Exception as exc:
        _fail_attempt(pack_id, pack.attempts, exc)
        raise


def _store_ready(pack_id: int, data: dict, pdf: bytes, pages: int, attempt: int = 0) -> Pack:
    """Store the PDF and mark the pack ready in one transaction; return the pack.

    With `attempt`, only while that attempt is still the pack's: an assembly delivered again
    after another finished it leaves the pack as it is (and stores nothing).
    """
    stored = store_whole(pack_file_name(Pack.objects.get(pk=pack_id)), pdf)
    try:
        with transaction.atomic():
            locked = Pack.objects.select_for_update().get(pk=pack_id)
            if attempt and (locked.status, locked.attempts) != (PackStatus.GENERATING, attempt):
                default_storage.delete(stored)
                return locked
            locked.data = data
            locked.file.name = stored
            locked.sha256 = sha256_hex(pdf)
            locked.page_count = pages
            locked.status = PackStatus.READY
            locked.progress = 100
            locked.progress_note = "Ready"
            locked.generated_at = timezone.now()
            locked.save()
    except Exception:
        default_storage.delete(stored)  # never leave a file no pack points at
        raise
    if locked.cycle_item_id:
        from reporting.notifications import notify_pack_ready

        notify_pack_ready(locked)
    return locked


def _fail_attempt(pack_id: int, attempt: int, exc: BaseException) -> None:
    """Mark the pack failed with a readable reason, unless a later attempt has taken it."""
    logger.exception("Generating pack %s failed", pack_id)
    Pack.objects.filter(pk=pack_id, attempts=attempt).exclude(status=PackStatus.READY).update(
        status=PackStatus.FAILED, error=readable_error(exc), progress_note="Failed"
    )
    _remove_parts(pack_id, attempt)


# Where the parts of a pack being generated wait for its assembly (never served to anyone).
PARTS_FOLDER = "pack-parts"


def _part_file(pack_id: int, attempt: int, part: int | str) -> str:
    what = part if isinstance(part, str) else f"part-{part:03}.pdf"
    return f"{PARTS_FOLDER}/p{pack_id}-a{attempt}-{what}"


def _parts_note(done: int, total: int) -> str:
    return f"Laying out: {done} of {total} sections"


def _start_parts(pack: Pack, data: dict, parts: list[list[int]]) -> None:
    """Store the pack's data and plan, then queue a task per part and the assembly after them.

    The parts' tasks read the data from storage, and store their PDFs there, rather than pass
    megabytes through the broker and the result store.
    """
    from reporting.assembly import heaviest_first

    attempt = pack.attempts
    plan = json.dumps({"data": data, "parts": parts}, cls=DjangoJSONEncoder).encode()
    store_whole(_part_file(pack.pk, attempt, "plan.json"), plan)
    total = sum(len(part) for part in parts)
    Pack.objects.filter(pk=pack.pk).update(
        sections_total=total, sections_done=0, progress=65, progress_note=_parts_note(0, total)
    )
    _send_parts(pack.pk, attempt, heaviest_first(data["sections"], parts))


def _send_parts(pack_id: int, attempt: int, order: list[int]) -> None:
    """Queue the parts' tasks in `order` (the parts' numbers) and the assembly after them."""
    from reporting.tasks import assemble_pack_task, render_pack_part_task

    header = [render_pack_part_task.si(pack_id, attempt, part) for part in order]
    chord(header)(assemble_pack_task.si(pack_id, attempt))


def _attempt_running(pack_id: int, attempt: int) -> bool:
    return Pack.objects.filter(pk=pack_id, status=PackStatus.GENERATING, attempts=attempt).exists()


def _read_plan(pack_id: int, attempt: int) -> dict:
    with default_storage.open(_part_file(pack_id, attempt, "plan.json")) as stream:
        return json.load(stream)


def _remove_parts(pack_id: int, attempt: int) -> None:
    prefix = os.path.basename(_part_file(pack_id, attempt, ""))
    if not default_storage.exists(PARTS_FOLDER):
        return
    for name in default_storage.listdir(PARTS_FOLDER)[1]:
        if name.startswith(prefix):
            default_storage.delete(f"{PARTS_FOLDER}/{name}")


def pack_render_part(pack_id: int, *, attempt: int, part: int) -> bool:
    """Lay out one part of a pack and store it; return False when the attempt is over.

    A part already stored (its task delivered again) is not laid out again; a part of an
    attempt that ended (failed, or taken back by a later attempt) is left alone. Counts the
    sections of the stored parts on the pack, for its page. On failure the pack is marked
    failed and the exception re-raised.
    """
    from reporting.assembly import render_part

    if not _attempt_running(pack_id, attempt):
        return False
    try:
        plan = _read_plan(pack_id, attempt)
        name = _part_file(pack_id, attempt, part)
        if not default_storage.exists(name):
            store_whole(name, render_part(plan["data"], plan["parts"][part]))
    except Exception as exc:
        _fail_attempt(pack_id, attempt, exc)
        raise
    parts = plan["parts"]
    done = sum(
        len(sections)
        for index, sections in enumerate(parts)
        if default_storage.exists(_part_file(pack_id, attempt, index))
    )
    total = sum(len(sections) for sections in parts)
    # Parts finish in any order: the count only goes up.
    Pack.objects.filter(
        pk=pack_id, status=PackStatus.GENERATING, attempts=attempt, sections_done__lt=done
    ).update(
        sections_done=done, progress=65 + 30 * done // total, progress_note=_parts_note(done, total)
    )
    return True


def pack_assemble(pack_id: int, *, attempt: int) -> Pack | None:
    """Put a pack's stored parts together as its PDF, store it and mark the pack ready.

    Returns the pack; None while a part is still missing (the caller asks again later). An
    assembly delivered again, or of an attempt that ended, changes nothing but removes the
    attempt's parts. On failure the pack is marked failed and the exception re-raised.
    """
    from reporting.assembly import assemble

    if not _attempt_running(pack_id, attempt):
        _remove_parts(pack_id, attempt)
        return Pack.objects.get(pk=pack_id)
    try:
        plan = _read_plan(pack_id, attempt)
        names = [_part_file(pack_id, attempt, index) for index in range(len(plan["parts"]))]
        if not all(default_storage.exists(name) for name in names):
            return None
        _set_progress(pack_id, 96, "Putting the sections together")
        parts = []
        for name in names:
            with default_storage.open(name) as stream:
                parts.append(stream.read())
        pdf, pages = assemble(plan["data"], parts)
        pack = _store_ready(pack_id, plan["data"], pdf, pages, attempt=attempt)
    except Exception as exc:
        _fail_attempt(pack_id, attempt, exc)
        raise
    _remove_parts(pack_id, attempt)
    return pack


@transaction.atomic
def pack_publish(
    *, pack: Pack, published_by: User, audiences: Iterable[Audience] | None = None
) -> Pack:
    """Publish a ready pack: it becomes immutable, visible to all, and its period is closed.

    The audiences told are the cycle item's for a pack made from the cycle, else `audiences`
    (none: no one is e-mailed); they are recorded on the pack. Raises ValidationError unless
    the pack is ready and its file still matches its checksum.
    """
    from reporting.closing import close_period_for_pack

    pack = Pack.objects.select_for_update().get(pk=pack.pk)
    if pack.status != PackStatus.READY:
        raise ValidationError(
            f"Only a ready pack can be published; this one is {pack.get_status_display().lower()}."
        )
    check_pack_file(pack)
    pack_exports_store(pack=pack)
    close_period_for_pack(pack=pack, closed_by=published_by)
    pack.audiences.set(publish_audiences(pack, audiences))
    pack.status = PackStatus.PUBLISHED
    pack.published_by = published_by
    pack.published_at = timezone.now()
    pack.save()
    pack_id = pack.pk
    transaction.on_commit(lambda: _notify_after_publish(pack_id))
    return pack


def publish_audiences(pack: Pack, chosen: Iterable[Audience] | None = None) -> list[Audience]:
    """Return whom publishing the pack tells: its cycle item's audiences, else those chosen."""
    if pack.cycle_item_id is not None:
        return list(pack.cycle_item.audiences.all())
    return list(chosen or [])


def _notify_after_publish(pack_id: int) -> None:
    from reporting.tasks import notify_pack_audience_task

    # When the queue is down, the daily run e-mails every published pack's audiences it has
    # not yet told.
    try_enqueue(notify_pack_audience_task, pack_id)


def pack_file_name(pack: Pack, extension: str = "pdf", part: str = "") -> str:
    """Return the storage name for a file of the pack, unique to that pack (its id is in it).

    e.g. 'packs/risk_register-2026-27-Q2-council-v2-p41.pdf'; `part` names an export's table.
    """
    period = "".join(ch if ch.isalnum() else "-" for ch in pack.period_label)
    scope = pack.scope_unit.code if pack.scope_unit else "council"
    name = f"{pack.report_type}-{period}-{scope}-v{pack.version}-p{pack.pk}"
    if part:
        name += "-" + "".join(ch if ch.isalnum() else "-" for ch in part)
    folder = "packs" if extension == "pdf" else "packs/exports"
    return f"{folder}/{name}.{extension}"


class FileChanged(Exception):
    """A stored file no longer has the checksum recorded when it was made."""

    def __init__(self, what: str, expected: str, found: str | None) -> None:
        self.what = what
        self.expected = expected
        self.found = found
        super().__init__(
            f"The stored file of {what} no longer matches the SHA-256 recorded when it was "
            f"made ({expected}); " + ("it is missing." if found is None else f"it now has {found}.")
        )


def check_stored_file(name: str, expected: str, *, what: str) -> None:
    """Raise FileChanged (and log it) unless the stored file `name` has SHA-256 `expected`."""
    found = stored_sha256(name) if name else None
    if not expected or found != expected:
        error = FileChanged(what, expected, found)
        logger.error("%s File: %s", error, name)
        raise error


def check_pack_file(pack: Pack) -> None:
    """Raise ValidationError (and log) when the pack's PDF is not the one generated."""
    try:
        check_stored_file(pack.file.name, pack.sha256, what=f"{pack} (pack {pack.pk})")
    except FileChanged as exc:
        raise ValidationError(
            f"This pack cannot be published: {exc} Generate a new version."
        ) from exc


def pack_export_file(*, pack: Pack, section_id: str, file_format: str) -> PackExport:
    """Return the stored export of one of the pack's tables, making it the first time.

    The file is made from the pack's data as generated, stored once and never replaced; its
    SHA-256 is recorded so later downloads can be checked (`check_stored_file`). Raises
    Http404 for a section without a table.
    """
    from django.http import Http404

    from core.tabular import table_response
    from reporting.exports import find_section, section_table

    existing = PackExport.objects.filter(
        pack=pack, section_id=section_id, file_format=file_format
    ).first()
    if existing:
        return existing
    if pack.status not in (PackStatus.READY, PackStatus.PUBLISHED) or not pack.data:
        raise Http404("This pack has no data yet.")
    header, rows = section_table(find_section(pack.data, section_id))
    content = table_response(file_format, section_id, header, rows).content
    stored = store_whole(pack_file_name(pack, file_format, section_id), content)
    try:
        with transaction.atomic():
            return PackExport.objects.create(
                pack=pack,
                section_id=section_id,
                file_format=file_format,
                file=stored,
                sha256=sha256_hex(content),
            )
    except IntegrityError:
        # Another download made it first: keep theirs, which may already have been cited.
        default_storage.delete(stored)
        return PackExport.objects.get(pack=pack, section_id=section_id, file_format=file_format)


def pack_exports_store(*, pack: Pack) -> list[PackExport]:
    """Store every table of the pack as CSV and Excel (once each); return them all.

    Publishing calls it so the published pack's page can list each file's checksum.
    """
    return [
        pack_export_file(pack=pack, section_id=section["id"], file_format=file_format)
        for section in pack.data.get("sections", [])
        if section.get("exportable")
        for file_format in ExportFormat.values
    ]
