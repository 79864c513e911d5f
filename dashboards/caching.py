"""Cached assessments for the dashboards.

Assessing 600 PIs takes the shared engine about a second, and a dashboard needs three
periods; the Board reads the same figures many times between changes. Results are cached
under a key that includes a version of the data they depend on (the latest change to any
figure, target, indicator, period closure or council setting, read from their audit history
and row counts), so a change shows at once; the timeout only bounds memory.
"""

import hashlib
from collections.abc import Sequence
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max

from core.models import CouncilSettings
from indicators.assessment import Assessment, BasisRule, assess_indicators
from indicators.models import Figure, Indicator, PeriodClosure, Target
from indicators.periods import Period

TIMEOUT_SECONDS = 15 * 60
PREFIX = "gt:dashboards:v1"


def data_version() -> str:
    """Return a token that changes whenever anything an assessment reads changes.

    Every save of these models writes an audit (history) row; counts and highest ids also
    catch rows created or deleted without one (e.g. bulk loads). Six small queries.
    """
    parts: list[object] = []
    for model in (Figure, Target, Indicator, PeriodClosure, CouncilSettings):
        parts.append(model.history.aggregate(m=Max("history_id"))["m"])
    counts = Figure.objects.aggregate(n=Count("pk"), m=Max("pk"))
    parts += [counts["n"], counts["m"]]
    return ".".join(str(part) for part in parts)


def _key(*parts: object) -> str:
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"{PREFIX}:{digest}"


def _ids(indicators: Sequence[Indicator]) -> str:
    return ",".join(str(pk) for pk in sorted(i.pk for i in indicators))


def assessments(
    indicators: Sequence[Indicator],
    period: Period,
    *,
    basis: BasisRule,
    basis_key: str,
    today: date,
    council: CouncilSettings,
    version: str,
) -> list[Assessment]:
    """Return the engine's assessments of `indicators` at `period`, from the cache when the
    data has not changed. `basis_key` names the basis rule (it may be per user)."""
    key = _key("full", version, today, period.label, basis_key, _ids(indicators))
    found = cache.get(key)
    if found is None:
        found = assess_indicators(indicators, period, today=today, basis=basis, council=council)
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


def rags(
    indicators: Sequence[Indicator],
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
                indicators, period, today=today, basis=basis, council=council
            )
        }
        cache.set(key, found, TIMEOUT_SECONDS)
    return found
