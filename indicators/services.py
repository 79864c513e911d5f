"""Writes to the PI register, figures and periods that go beyond one form's save.

Targets: target_change. Figures and periods (entry, submission, verification, closing,
reminders): each function checks the user may do it (core.access and
indicators.visibility), so a forged POST is refused here as well as by the view. Saves name
the version they started from: a figure changed by someone else in the meantime is refused
with FigureConflict, never silently overwritten. Why a figure changed (a return, an
amendment, a reopening) is kept as the change reason of its history record.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.access import has, scoped_unit_ids
from core.queue import try_enqueue
from indicators.choices import FigureState, Polarity, ToleranceKind
from indicators.figures.validation import check_values
from indicators.models import (
    Figure,
    FigureReminder,
    FigureReturnNotice,
    Indicator,
    PeriodClosure,
    Target,
)
from indicators.periods import Period
from indicators.scales import scale_problem
from indicators.visibility import may_enter_figures_for


def target_problems(
    indicator: Indicator,
    *,
    annual_target: Decimal | None,
    floor: Decimal | None,
    band_low: Decimal | None,
    band_high: Decimal | None,
) -> list[tuple[str, str]]:
    """Return (field, message) for each way a year's targets contradict the indicator's rules.

    Empty when they are consistent. Shared by the targets page and the targets import.
    """
    problems = []
    polarity = indicator.polarity
    if indicator.tolerance_kind == ToleranceKind.FLOOR and annual_target is not None:
        if floor is None:
            problems.append(("floor", "the tolerance is a floor standard, so give the floor"))
        elif polarity == Polarity.HIGHER and floor > annual_target:
            problems.append(("floor", "higher is better, so the floor must not exceed the target"))
        elif polarity == Polarity.LOWER and floor < annual_target:
            problems.append(("floor", "lower is better, so the floor must not be below the target"))
    if band_low is not None and band_high is not None and band_low > band_high:
        problems.append(("band_high", "the top of the band must not be below its bottom"))
    if polarity == Polarity.BAND and (band_low is None) != (band_high is None):
        problems.append(("band_high", "give both ends of the target band, or neither"))
    scale = scale_problem(
        unit=indicator.unit,
        aggregation=indicator.aggregation,
        multiplier=indicator.multiplier,
        allow_over_100=indicator.allow_over_100,
        targets=(annual_target, band_low, band_high),
    )
    if scale:
        problems.append(("annual_target", scale))
    return problems


TARGET_FIELDS = ("annual_target", "baseline", "floor", "band_low", "band_high", "profile")


@transaction.atomic
def target_change(*, indicator: Indicator, year: int, changes: dict) -> Target:
    """Set only the given fields of the indicator's targets for `year` (created when there
    are none); returns the Target. Fields not in `changes` keep what is stored, so saving a
    profile never clears the annual target someone set. Nothing is saved (and no history
    written) when nothing differs.
    """
    unknown = set(changes) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"not target fields: {sorted(unknown)}")
    target = Target.objects.select_for_update().filter(
        indicator=indicator, year=year
    ).first() or Target(indicator=indicator, year=year)
    differs = target.pk is None and any(v not in (None, []) for v in changes.values())
    for name, value in changes.items():
        value = list(value or []) if name == "profile" else value
        if getattr(target, name) != value:
            setattr(target, name, value)
            differs = True
    if differs:
        target.save()
    return target


EDITABLE_STATES = (FigureState.DRAFT, FigureState.RETURNED, FigureState.SUBMITTED)


class FigureConflict(Exception):
    """Someone else saved one or more of these figures since the user loaded them.

    `figures` maps (indicator id, year, number) to the figure as it now is (None when it
    was deleted).
    """

    def __init__(self, figures: dict[tuple[int, int, int], Figure | None]):
        self.figures = figures
        super().__init__("Someone else has saved this figure since you opened it.")


class PeriodClosed(PermissionDenied):
    """The period is closed: its figures are read-only."""


@dataclass
class FigureInput:
    """What was typed for one indicator's figure for one period.

    `expected_version` is the figure's version when the user loaded the page, 0 when there
    was no figure yet.
    """

    indicator: Indicator
    period: Period
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    commentary: str = ""
    corrective_action: str = ""
    commentary_is_internal: bool = False
    plausibility_explanation: str = ""
    expected_version: int = 0

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.indicator.pk, self.period.year, self.period.number)


def _closed_keys(periods: Sequence[Period]) -> set[tuple[str, int, int]]:
    if not periods:
        return set()
    years = {p.year for p in periods}
    return set(
        PeriodClosure.objects.filter(year__in=years).values_list("frequency", "year", "number")
    )


def _period_key(period: Period) -> tuple[str, int, int]:
    return (period.frequency, period.year, period.number)


@transaction.atomic
def figures_enter(
    *,
    user: User | None,
    entries: Sequence[FigureInput],
    submit: bool,
    amend_reason: str = "",
    today: date | None = None,
) -> list[Figure]:
    """Save the typed figures as drafts, or submit them; returns the saved figures.

    `user` None is the figures import run as a script by the performance team (no person
    named): it may enter any PI's figures, and none are recorded as entered by anyone.

    All or nothing. Raises PermissionDenied for a PI the user may not enter, PeriodClosed for
    a closed period or verified figure (unless `amend_reason` is given by a user who may
    close periods: then the change is saved as a restatement), ValidationError for a period
    not yet ended or invalid numbers, and FigureConflict when any figure changed since the
    user loaded it.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    amending = bool(amend_reason.strip())
    if amending and (user is None or not has(user, "close_periods")):
        raise PermissionDenied("Only the performance team may amend a closed period's figures.")
    for entry in entries:
        if user is not None and not may_enter_figures_for(user, entry.indicator):
            raise PermissionDenied(f"You may not enter figures for {entry.indicator.code}.")
        if entry.period.frequency != entry.indicator.frequency:
            raise ValidationError(f"{entry.indicator.code} is not reported {entry.period}.")
        if entry.period.end >= today:
            raise ValidationError(f"{entry.period.long_label} has not ended yet.")
        checked = check_values(
            entry.indicator,
            value=entry.value,
            numerator=entry.numerator,
            denominator=entry.denominator,
        )
        if checked.errors:
            raise ValidationError(checked.errors)
        entry.value = checked.value
        if submit and checked.is_blank:
            raise ValidationError(f"Enter a figure for {entry.indicator.code} to submit it.")
    closed = _closed_keys([e.period for e in entries])
    keys = [e.key for e in entries]
    current = {
        (f.indicator_id, f.year, f.number): f
        for f in Figure.objects.select_for_update().filter(
            indicator_id__in={k[0] for k in keys}, year__in={k[1] for k in keys}
        )
    }
    conflicts = {}
    for entry in entries:
        figure = current.get(entry.key)
        found = figure.version if figure is not None else 0
        if found != entry.expected_version:
            conflicts[entry.key] = figure
    if conflicts:
        raise FigureConflict(conflicts)
    saved = [
        _apply(
            entry,
            current.get(entry.key),
            user=user,
            now=now,
            submit=submit,
            closed=closed,
            amend_reason=amend_reason,
        )
        for entry in entries
    ]
    try:
        with transaction.atomic():
            for entry, figure in zip(entries, saved, strict=True):
                _save_guarded(figure, entry.expected_version)
    except (IntegrityError, _Stale) as exc:
        # Another save got there between our read and our write (two first saves of the
        # same figure at once, or a database without row locks): refuse, as for any conflict.
        fresh = {
            (f.indicator_id, f.year, f.number): f
            for f in Figure.objects.filter(
                indicator_id__in={k[0] for k in keys}, year__in={k[1] for k in keys}
            )
        }
        raise FigureConflict(
            {
                e.key: fresh.get(e.key)
                for e in entries
                if (fresh[e.key].version if e.key in fresh else 0) != e.expected_version
            }
            or {e.key: fresh.get(e.key) for e in entries}
        ) from exc
    return saved


class _Stale(Exception):
    """A figure's version changed between reading and writing it."""


def _save_guarded(figure: Figure, expected_version: int) -> None:
    """Save the figure only if its stored version is still the one the user started from.

    The conditional UPDATE takes the row's write lock, so of two saves from the same
    version only the first passes, whatever the database's locking.
    """
    if expected_version:
        claimed = Figure.objects.filter(pk=figure.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not claimed:
            raise _Stale
    figure.save()


def _apply(
    entry: FigureInput,
    figure: Figure | None,
    *,
    user: User | None,
    now,
    submit: bool,
    closed: set,
    amend_reason: str,
) -> Figure:
    """Return the figure (new or current) with the typed values and workflow applied, unsaved.

    Raises PeriodClosed for a closed period or verified figure unless amending.
    """
    locked = figure_is_locked(figure, closed=_period_key(entry.period) in closed)
    if locked and not amend_reason.strip():
        raise PeriodClosed(
            f"{entry.indicator.code} {entry.period.label} is closed or verified: "
            "it can only be amended by the performance team, with a reason."
        )
    if figure is None:
        figure = Figure(
            indicator=entry.indicator, year=entry.period.year, number=entry.period.number
        )
        figure.version = 1
    else:
        figure.version += 1
    figure.value = entry.value
    figure.numerator = entry.numerator if entry.indicator.uses_ratio else None
    figure.denominator = entry.denominator if entry.indicator.uses_ratio else None
    figure.commentary = entry.commentary
    figure.corrective_action = entry.corrective_action
    figure.commentary_is_internal = entry.commentary_is_internal
    figure.plausibility_explanation = entry.plausibility_explanation
    figure.entered_by, figure.entered_at = user, now
    if locked:
        # An amendment keeps the figure's workflow state: it was already verified or
        # reported; the restatement flag tells readers it changed afterwards.
        figure.revised_at = now
        figure.revision_reason = amend_reason.strip()
        figure._change_reason = f"Amended after closing: {amend_reason.strip()}"
    elif submit:
        figure.state = FigureState.SUBMITTED
        figure.submitted_by, figure.submitted_at = user, now
        figure._change_reason = "Submitted"
    else:
        figure.state = FigureState.DRAFT
        figure._change_reason = "Saved as draft"
    if not locked:
        figure.verified_by = figure.verified_at = None
    return figure


def figure_is_locked(figure: Figure | None, *, closed: bool) -> bool:
    """Return whether a figure may only be changed by an amendment (a restatement): its period
    is closed or it is verified."""
    return closed or (figure is not None and figure.state not in EDITABLE_STATES)


def figure_save_draft(*, user: User, entry: FigureInput, today: date | None = None) -> Figure:
    """Save one figure as a draft; returns it (see figures_enter for refusals)."""
    return figures_enter(user=user, entries=[entry], submit=False, today=today)[0]


def figure_submit(*, user: User, entry: FigureInput, today: date | None = None) -> Figure:
    """Save and submit one figure for verification; returns it."""
    return figures_enter(user=user, entries=[entry], submit=True, today=today)[0]


def figure_amend_closed(
    *, user: User, entry: FigureInput, reason: str, today: date | None = None
) -> Figure:
    """Amend a figure of a closed period (or a verified one) as a restatement; returns it.

    Needs the close_periods permission and a reason, kept in the figure's history.
    """
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for amending a closed period."})
    return figures_enter(
        user=user, entries=[entry], submit=False, amend_reason=reason, today=today
    )[0]


# Verification -------------------------------------------------------------------------------


def may_verify(user: User, indicator: Indicator) -> bool:
    """Return whether the user may verify this indicator's figures (their service, or all)."""
    if not has(user, "verify_figures"):
        return False
    unit_ids = scoped_unit_ids(user)
    return unit_ids is None or indicator.service_id in unit_ids


def _check_verifiable(*, figure: Figure, user: User) -> None:
    if not may_verify(user, figure.indicator):
        raise PermissionDenied("You may not verify this indicator's figures.")
    if figure.state != FigureState.SUBMITTED:
        raise ValidationError("Only a submitted figure can be verified or returned.")
    period = Period(figure.indicator.frequency, figure.year, figure.number)
    if _period_key(period) in _closed_keys([period]):
        raise PeriodClosed(f"{period.long_label} is closed.")


@transaction.atomic
def figure_verify(*, figure: Figure, user: User, expected_version: int | None = None) -> Figure:
    """Mark a submitted figure verified; returns it.

    Refused (PermissionDenied) outside the verifier's scope and for the person who submitted
    it (someone else must check it); FigureConflict when it changed since it was shown.
    """
    figure = Figure.objects.select_for_update().select_related("indicator").get(pk=figure.pk)
    if expected_version is not None and figure.version != expected_version:
        raise FigureConflict({(figure.indicator_id, figure.year, figure.number): figure})
    _check_verifiable(figure=figure, user=user)
    if figure.submitted_by_id == user.pk:
        raise PermissionDenied("You submitted this figure: someone else must verify it.")
    figure.state = FigureState.VERIFIED
    figure.verified_by, figure.verified_at = user, timezone.now()
    figure.version += 1
    figure._change_reason = "Verified"
    figure.save()
    return figure


@transaction.atomic
def figure_return(
    *, figure: Figure, user: User, reason: str, expected_version: int | None = None
) -> Figure:
    """Return a submitted figure to its owner with a reason; returns it."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the figure is being returned."})
    figure = Figure.objects.select_for_update().select_related("indicator").get(pk=figure.pk)
    if expected_version is not None and figure.version != expected_version:
        raise FigureConflict({(figure.indicator_id, figure.year, figure.number): figure})
    _check_verifiable(figure=figure, user=user)
    figure.state = FigureState.RETURNED
    figure.return_reason = reason.strip()
    figure.verified_by = figure.verified_at = None
    figure.version += 1
    figure._change_reason = f"Returned: {reason.strip()}"
    figure.save()
    _notify_return(figure=figure, user=user)
    return figure


def _notify_return(*, figure: Figure, user: User) -> None:
    """Record the e-mails telling the owner, deputy and submitter why their figure came back,
    and queue them once the return is committed (kept here if the queue is down)."""
    indicator = figure.indicator
    people = {indicator.owner_id, indicator.deputy_id, figure.submitted_by_id} - {None, user.pk}
    notices = FigureReturnNotice.objects.bulk_create(
        FigureReturnNotice(
            figure=figure, recipient=person, returned_by=user, reason=figure.return_reason
        )
        for person in User.objects.filter(pk__in=people, is_active=True).exclude(email="")
    )
    ids = [notice.pk for notice in notices]
    if ids:
        transaction.on_commit(lambda: _queue_return_notices(ids))


def _queue_return_notices(ids: list[int]) -> None:
    """Hand the return e-mails to the queue; when it is down they wait in the database and
    `send_pending_return_notices_task` sends them once it is back."""
    from indicators.tasks import send_return_notices_task

    try_enqueue(send_return_notices_task, ids)


# Periods -------------------------------------------------------------------------------------


@transaction.atomic
def period_close(*, period: Period, user: User, reason: str = "") -> PeriodClosure:
    """Close a period so its figures become read-only; returns the closure.

    Needs close_periods; a period that has not ended cannot be closed.
    """
    if not has(user, "close_periods"):
        raise PermissionDenied("Only the performance team may close periods.")
    if period.end >= timezone.localdate():
        raise ValidationError(f"{period.long_label} has not ended yet.")
    closure, created = PeriodClosure.objects.get_or_create(
        frequency=period.frequency,
        year=period.year,
        number=period.number,
        defaults={"closed_by": user, "closed_at": timezone.now(), "reason": reason.strip()},
    )
    if not created:
        raise ValidationError(f"{period.long_label} is already closed.")
    return closure


@transaction.atomic
def period_reopen(*, period: Period, user: User, reason: str) -> None:
    """Reopen a closed period; the reason is kept in the closure's history."""
    if not has(user, "close_periods"):
        raise PermissionDenied("Only the performance team may reopen periods.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for reopening the period."})
    closure = PeriodClosure.objects.filter(
        frequency=period.frequency, year=period.year, number=period.number
    ).first()
    if closure is None:
        raise ValidationError(f"{period.long_label} is not closed.")
    closure._change_reason = f"Reopened: {reason.strip()}"
    closure.delete()


# Chasing ------------------------------------------------------------------------------------


@dataclass
class ChaseItem:
    indicator: Indicator
    period: Period


@transaction.atomic
def figure_reminders_send(*, items: Sequence[ChaseItem], sent_by: User) -> list[FigureReminder]:
    """Record reminders to the owners and deputies of these missing figures; returns those added.

    Idempotent: nobody is reminded again about a figure while an earlier reminder about it still
    waits to go, or when one was asked for today, so a retried click (the queue down, a slow
    page) adds nothing. The e-mails are sent by a task once the reminders are committed (one
    e-mail per person).
    """
    if not has(sent_by, "close_periods"):
        raise PermissionDenied("Only the performance team may chase figures.")
    wanted: dict[tuple[int, int, int, int], ChaseItem] = {}
    for item in items:
        for person_id in {item.indicator.owner_id, item.indicator.deputy_id} - {None}:
            wanted[(item.indicator.pk, item.period.year, item.period.number, person_id)] = item
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    keys = ("indicator_id", "year", "number", "recipient_id")
    already = set(
        FigureReminder.objects.filter(indicator_id__in={key[0] for key in wanted})
        .filter(Q(sent_at__isnull=True) | Q(created_at__gte=today))
        .values_list(*keys)
    )
    added = {key for key in wanted if key not in already}
    # A click at the same moment may add some of these too: the constraint keeps one of each.
    FigureReminder.objects.bulk_create(
        [
            FigureReminder(
                indicator=wanted[key].indicator,
                year=key[1],
                number=key[2],
                recipient_id=key[3],
                sent_by=sent_by,
            )
            for key in sorted(added)
        ],
        ignore_conflicts=True,
    )
    reminders = [
        reminder
        for reminder in FigureReminder.objects.filter(
            sent_at__isnull=True, indicator_id__in={key[0] for key in added}
        )
        if (reminder.indicator_id, reminder.year, reminder.number, reminder.recipient_id) in added
    ]
    ids = [r.pk for r in reminders]
    if ids:
        transaction.on_commit(lambda: _queue_reminders(ids))
    return reminders


def _queue_reminders(ids: list[int]) -> None:
    """Hand the reminders to the task queue; when it is down they stay unsent in the
    database and `send_pending_reminders_task` e-mails them once it is back."""
    from indicators.tasks import send_figure_reminders_task

    try_enqueue(send_figure_reminders_task, ids)
