"""Assessments computed once and shared by every page that assesses: the dashboards, the
register's RAG filter, the golden thread, the public pages and the exports.

`assess(indicators, period, basis=...)` answers as `indicators.assessment.assess_indicators`
does, from the shared cache (core.cached: Redis shared by every worker when configured, local
memory otherwise). The cache holds, per plain basis, period and day, the PIs assessed so far, under
a version of what that basis can see (`versions`): drafts and submissions do not change the
verified and published bases, which the Board, the reports and the public read while
everyone else enters figures before the deadline. Anything every basis reads (targets,
tolerances and other indicator fields, closures, council settings, comparator values)
changes every version. A per-person rule (figure_basis_for) reads each PI from its own
basis's entry. The period's workflow state and draft flag follow the figure whatever the
basis, so they are read afresh on every call (one light query) rather than cached.
"""

import copy
import dataclasses
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from core import cached as shared
from core.models import CouncilSettings
from indicators.assessment import (
    COUNTED_STATES,
    Assessment,
    Basis,
    BasisRule,
    assess_indicators,
    with_current_states,
)
from indicators.models import ComparatorValue, Figure, Indicator, PeriodClosure, Revision, Target
from indicators.periods import Period
from indicators.services import EDITABLE_STATES

T = TypeVar("T")

PREFIX = "gt:assessments:v1"
# What every basis reads besides figures.
SHARED_MODELS: tuple[type[Model], ...] = (
    Indicator,
    Target,
    PeriodClosure,
    CouncilSettings,
    ComparatorValue,
)


@dataclasses.dataclass(frozen=True)
class IndicatorRef:
    """The cached stand-in for an assessment's indicator; `assess` puts the caller's back."""

    pk: int


@dataclasses.dataclass(frozen=True)
class FigureNote:
    """What pages read of a counted figure: its notes, who may read them, its revision.
    Model instances cost far more to store and restore than the figures themselves."""

    pk: int
    state: str
    commentary: str
    corrective_action: str
    commentary_is_internal: bool
    revision: Revision | None = None


def versions() -> dict[str, str]:
    """Return {basis: token}; a basis's token changes whenever anything an assessment on
    that basis reads changes. One query, of index look-ups only.

    Every save and delete of a figure writes an audit (history) row carrying the figure's
    state, so the highest history id among the states a basis must watch moves with every
    change it can see: the states it counts, and, when a figure can leave one of them (an
    editable state, indicators.services.EDITABLE_STATES: a submitted figure returned or saved
    back to draft), every state. So verified and published readers watch verified figures
    only (a verified figure stays verified: amending it keeps its state), and drafts and
    submissions change nothing for them. Every other model an assessment reads changes every
    token: its highest history id, row count and highest id (the last two also catch rows
    written without history, such as the demo's bulk loads).
    """
    quote = connection.ops.quote_name
    columns = [column for model in SHARED_MODELS for column in shared.mark_columns(model)]
    n = len(columns)
    figures, history = quote(Figure._meta.db_table), quote(shared.history_table(Figure))
    # Every state: the latest audit row, and the highest id (figures loaded without history).
    columns += [
        f"(SELECT MAX(history_id) FROM {history})",  # noqa: S608  # nosec B608
        f"(SELECT MAX(id) FROM {figures})",  # noqa: S608  # nosec B608
    ]
    watched = {basis: _watched_states(basis) for basis in Basis.ALL}
    narrow = sorted({states for states in watched.values() if states is not None})
    params: list[str] = []
    for states in narrow:
        # Read backwards along the history's primary key to the latest row in these states.
        marks = ", ".join(["%s"] * len(states))
        columns.append(f"(SELECT MAX(history_id) FROM {history} WHERE state IN ({marks}))")  # noqa: S608  # nosec B608
        params += states
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = [str(value) for value in cursor.fetchone()]
    every_basis, every_figure = ".".join(row[:n]), ".".join(row[n : n + 2])
    by_states = dict(zip(narrow, row[n + 2 :], strict=True))
    return {
        basis: f"{every_basis}/{every_figure if states is None else by_states[states]}"
        for basis, states in watched.items()
    }


def _watched_states(basis: str) -> tuple[str, ...] | None:
    """Return the figure states whose changes a basis can see, or None for every state."""
    counted = COUNTED_STATES[basis]
    if counted & set(EDITABLE_STATES):
        return None
    return tuple(sorted(counted))


def assess(
    indicators: Iterable[Indicator],
    period: Period,
    *,
    basis: BasisRule = Basis.SUBMITTED,
    today: date | None = None,
    council: CouncilSettings | None = None,
    known_versions: dict[str, str] | None = None,
) -> list[Assessment]:
    """Return one Assessment per indicator, in the order given, at `period`: what
    assess_indicators returns, with the same indicator objects, and the counted figure as a
    FigureNote. A fixed number of queries: two when cached, more once per change; one fewer
    given `known_versions`, what versions() returned earlier in the same request (a page
    making several assessments reads them once).
    """
    today = today or timezone.localdate()
    indicators = list(indicators)  # read twice below: a generator would be spent
    kept = _kept(indicators, period, basis, today, council, known_versions)
    assessed = [_with_indicator(kept[i.pk], i) for i in indicators]
    return with_current_states(assessed, today=today)


def rags(
    indicators: Iterable[Indicator],
    period: Period,
    *,
    basis: BasisRule = Basis.SUBMITTED,
    today: date | None = None,
    council: CouncilSettings | None = None,
    known_versions: dict[str, str] | None = None,
) -> dict[int, str]:
    """Return {indicator id: RAG} at `period`, from the same cache as `assess` (one query
    when cached, none given `known_versions`: a RAG does not depend on the period's workflow
    state)."""
    today = today or timezone.localdate()
    # Read from the entries as kept: no copy of each assessment with its indicator.
    kept = _kept(list(indicators), period, basis, today, council, known_versions)
    return {pk: str(a.rag) for pk, a in kept.items()}


def _kept(
    indicators: list[Indicator],
    period: Period,
    basis: BasisRule,
    today: date,
    council: CouncilSettings | None,
    known_versions: dict[str, str] | None = None,
) -> dict[int, Assessment]:
    """Return {indicator id: assessment as kept in the cache} (indicator and figure as
    stand-ins: IndicatorRef, FigureNote)."""

    def compute(missing: dict[int, str]) -> dict[int, Assessment]:
        fresh = assess_indicators(
            [i for i in indicators if i.pk in missing],
            period,
            today=today,
            basis=lambda indicator: missing[indicator.pk],
            council=council,
        )
        return {a.indicator.pk: _light(a) for a in fresh}

    return _per_indicator("assess", indicators, period, basis, today, compute, known_versions)


def derived(
    indicators: Iterable[Indicator],
    period: Period,
    *,
    name: str,
    basis: str,
    compute: Callable[[list[Indicator]], dict[int, T]],
) -> dict[int, T]:
    """Return {indicator id: value} of compute(indicators) at `period` from the same cache,
    under `basis`'s version and `name` (what is computed, one name per compute). For what
    is worked out only from the figures `basis` counts and from SHARED_MODELS, such as the
    values a report's sparklines draw. Only the indicators not yet in the entry are passed
    to `compute`.
    """
    indicators = list(indicators)
    by_id = {i.pk: i for i in indicators}

    def missing_only(missing: dict[int, str]) -> dict[int, T]:
        return compute([by_id[pk] for pk in missing])

    return _per_indicator(name, indicators, period, basis, timezone.localdate(), missing_only)


def _per_indicator(
    kind: str,
    indicators: list[Indicator],
    period: Period,
    basis: BasisRule,
    today: date,
    compute: Callable[[dict[int, str]], dict[int, T]],
    known_versions: dict[str, str] | None = None,
) -> dict[int, T]:
    """Return {indicator id: value} from each plain basis's entry of `kind` (one per basis,
    version, period and day); compute({id: plain basis}) gives the values not yet there."""
    if not indicators:
        return {}
    basis_of = {i.pk: basis(i) if callable(basis) else basis for i in indicators}
    version = known_versions or versions()
    keys = {
        # No spaces in a key (memcached refuses them, and Django warns for every backend).
        plain: f"{PREFIX}:{kind}:{plain}:{version[plain]}:{period.label.replace(' ', '_')}:{today}"
        for plain in set(basis_of.values())
    }
    entries: dict[str, dict[int, T]] = {plain: _entry(key) for plain, key in keys.items()}
    missing = {pk: plain for pk, plain in basis_of.items() if pk not in entries[plain]}
    if missing:
        # Only the PIs not yet in their basis's entry are worked out (in one call, each on
        # its own basis), and added to it: whichever pages ask first, an entry grows to what
        # is read, each PI worked out once per version.
        added: dict[str, dict[int, T]] = {}
        for pk, value in compute(missing).items():
            added.setdefault(missing[pk], {})[pk] = value
        for plain, more in added.items():
            entries[plain] = {**entries[plain], **more}
            shared.put(keys[plain], entries[plain])
    return {pk: entries[plain][pk] for pk, plain in basis_of.items()}


def _entry(key: str) -> dict[int, Any]:
    found = shared.get(key)
    return {} if found is shared.MISSING else found


def _with_indicator(a: Assessment, indicator: Indicator) -> Assessment:
    # A shallow copy: dataclasses.replace re-runs __init__, ten times slower for 600 PIs.
    copied = copy.copy(a)
    copied.indicator = indicator
    return copied


def _light(a: Assessment) -> Assessment:
    f = a.figure
    note = (
        None
        if f is None
        else FigureNote(
            f.pk, f.state, f.commentary, f.corrective_action, f.commentary_is_internal, f.revision
        )
    )
    # Stand-ins with what pages read of the indicator and figure (`assess` restores the
    # indicator; FigureNote has the figure's fields pages use).
    return dataclasses.replace(
        a,
        indicator=IndicatorRef(a.indicator.pk),  # type: ignore[arg-type]
        figure=note,  # type: ignore[arg-type]
    )
