"""Cached assessments for the dashboards.

Assessing 600 PIs takes the shared engine about a second, and a dashboard needs three
periods; the Board reads the same figures many times between changes. Results are cached
under a key that includes a version of the data they depend on (the latest change to any
figure, target, indicator, period closure or council setting, read from their audit history
and row counts), so a change shows at once; the timeout only bounds memory.
"""

import dataclasses
import hashlib
from collections.abc import Sequence
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet

from core.models import CouncilSettings
from indicators.assessment import Assessment, BasisRule, assess_indicators
from indicators.models import (
    ComparatorValue,
    Figure,
    Indicator,
    PeriodClosure,
    Revision,
    Target,
)
from indicators.periods import Period

TIMEOUT_SECONDS = 15 * 60
PREFIX = "gt:dashboards:v2"


@dataclasses.dataclass(frozen=True)
class IndicatorRef:
    """What the dashboards' roll-ups read of an indicator; `hydrate` swaps in the real one."""

    pk: int
    code: str
    service_id: int
    owner_id: int
    deputy_id: int | None


@dataclasses.dataclass(frozen=True)
class FigureNote:
    """What the dashboards show of a counted figure: its notes and who may read them."""

    pk: int
    state: str
    commentary: str
    corrective_action: str
    commentary_is_internal: bool
    revision: Revision | None = None


def _light(a: Assessment) -> Assessment:
    """Return the assessment with small stand-ins for its indicator and figure.

    Model instances cost far more to store and restore than the figures themselves.
    """
    i, f = a.indicator, a.figure
    return dataclasses.replace(
        a,
        indicator=IndicatorRef(i.pk, i.code, i.service_id, i.owner_id, i.deputy_id),
        figure=FigureNote(
            f.pk, f.state, f.commentary, f.corrective_action, f.commentary_is_internal, f.revision
        )
        if f is not None
        else None,
    )


def hydrate(assessments: Sequence[Assessment]) -> list[Assessment]:
    """Return the assessments with their real indicators (service, owner, deputy loaded), in
    one query for those that carry a stand-in."""
    wanted = {a.indicator.pk for a in assessments if isinstance(a.indicator, IndicatorRef)}
    if not wanted:
        return list(assessments)
    real = Indicator.objects.select_related("service", "owner", "deputy").in_bulk(wanted)
    return [
        dataclasses.replace(a, indicator=real[a.indicator.pk])
        if isinstance(a.indicator, IndicatorRef)
        else a
        for a in assessments
        if a.indicator.pk in real or not isinstance(a.indicator, IndicatorRef)
    ]


def data_version() -> str:
    """Return a token that changes whenever anything an assessment reads changes.

    Every save of these models writes an audit (history) row; counts and highest ids also
    catch rows created or deleted without one (e.g. bulk loads). Seven small queries.
    """
    parts: list[object] = []
    for model in (Figure, Target, Indicator, PeriodClosure, CouncilSettings, ComparatorValue):
        parts.append(model.history.aggregate(m=Max("history_id"))["m"])
    counts = Figure.objects.aggregate(n=Count("pk"), m=Max("pk"))
    parts += [counts["n"], counts["m"]]
    return ".".join(str(part) for part in parts)


def _key(*parts: object) -> str:
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"{PREFIX}:{digest}"


def _ids(indicators: Sequence[Indicator] | QuerySet) -> str:
    if isinstance(indicators, QuerySet):
        pks = indicators.values_list("pk", flat=True)
    else:
        pks = [i.pk for i in indicators]
    return ",".join(str(pk) for pk in sorted(pks))


def _full(indicators: Sequence[Indicator] | QuerySet) -> list[Indicator]:
    if isinstance(indicators, QuerySet):
        return list(indicators.select_related("service", "owner", "deputy"))
    return list(indicators)


def assessments(
    indicators: Sequence[Indicator] | QuerySet,
    period: Period,
    *,
    basis: BasisRule,
    basis_key: str,
    today: date,
    council: CouncilSettings,
    version: str,
) -> list[Assessment]:
    """Return the engine's assessments of `indicators` at `period`, from the cache when the
    data has not changed, with IndicatorRef and FigureNote stand-ins (see `hydrate`).

    `indicators` is a queryset or a list; `basis_key` names the basis rule (it may be per
    user). A cache hit reads only the indicators' ids.
    """
    ids = _ids(indicators)
    key = _key("full", version, today, period.label, basis_key, ids)
    found = cache.get(key)
    if found is None:
        chosen = _full(indicators)
        found = [
            _light(a)
            for a in assess_indicators(chosen, period, today=today, basis=basis, council=council)
        ]
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


def rags(
    indicators: Sequence[Indicator] | QuerySet,
    period: Period,
    *,
    basis: BasisRule,
    basis_key: str,
    today: date,
    council: CouncilSettings,
    version: str,
) -> dict[int, str]:
    """Return {indicator id: RAG} at `period` (the change columns need no more), cached."""
    key = _key("rag", version, today, period.label, basis_key, _ids(indicators))
    found = cache.get(key)
    if found is None:
        found = {
            a.indicator.pk: str(a.rag)
            for a in assess_indicators(
                _full(indicators), period, today=today, basis=basis, council=council
            )
        }
        cache.set(key, found, TIMEOUT_SECONDS)
    return found
