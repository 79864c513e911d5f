"""Register-level rules over many indicators: active in a period, RAG for a period.

RAG is worked out by the assessment engine (indicators/assessment.py), not in SQL; `with_rag`
assesses the queryset's indicators once and annotates each row with its result, so that the
register can filter and sort by RAG like any other column.
"""

import operator
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import models
from django.db.models import Case, Q, Value, When

from indicators.choices import Rag
from indicators.periods import Period

# Worst first: how lists order "exceptions first".
RAG_SEVERITY = {
    Rag.RED: 0,
    Rag.AMBER: 1,
    Rag.MISSING: 2,
    Rag.GREEN: 3,
    Rag.NO_TARGET: 4,
    Rag.DATA_ONLY: 5,
    Rag.NOT_DUE: 6,
}


# The one rule for "active": an indicator is active at some time from `start` to `end` when
# it began by the end and had not ended before the start; a blank date is open-ended. The
# SQL filter (active_between_q) and the check of one loaded indicator (is_active_between,
# behind Indicator.is_active_in) are both read off this table, so they cannot disagree.
ACTIVE_RULE = (("active_from", "lte", "end"), ("active_to", "gte", "start"))
_COMPARE = {"lte": operator.le, "gte": operator.ge}


def active_between_q(start: date, end: date, prefix: str = "") -> Q:
    """Return a Q selecting indicators active at some time from `start` to `end`. `prefix`
    is the path to the indicator, e.g. 'indicator__'."""
    bounds = {"start": start, "end": end}
    q = Q()
    for field, lookup, bound in ACTIVE_RULE:
        name = prefix + field
        q &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__{lookup}": bounds[bound]})
    return q


def is_active_between(indicator, start: date, end: date) -> bool:
    """Return whether one loaded indicator was active at some time from `start` to `end`
    (what active_between_q selects in SQL)."""
    bounds = {"start": start, "end": end}
    return all(
        getattr(indicator, field) is None
        or _COMPARE[lookup](getattr(indicator, field), bounds[bound])
        for field, lookup, bound in ACTIVE_RULE
    )


def active_on_q(day: date, prefix: str = "") -> Q:
    """Return a Q selecting indicators active on `day`."""
    return active_between_q(day, day, prefix)


def active_in_q(period: Period, prefix: str = "") -> Q:
    """Return a Q selecting indicators active at any time during `period`."""
    return active_between_q(period.start, period.end, prefix)


class IndicatorQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "IndicatorQuerySet":
        return self.filter(active_on_q(day))

    def active_in(self, period: Period) -> "IndicatorQuerySet":
        """Return the indicators active at some time in `period` (they owe it a figure)."""
        return self.filter(active_in_q(period))

    def _rag_ids(self, period: Period, which: str, **options) -> dict[str, list[int]]:
        from indicators.assessment import assess_indicators

        by_rag: dict[str, list[int]] = defaultdict(list)
        for assessment in assess_indicators(self, period, **options):
            by_rag[str(getattr(assessment, which) or "")].append(assessment.indicator.pk)
        return by_rag

    def with_rag(self, period: Period, *, which: str = "rag", **options) -> "IndicatorQuerySet":
        """Return the queryset annotated with `rag` (the assessment's `which`: 'rag',
        'ytd_rag' or 'forecast_rag', '' when there is none) and `rag_rank` (RAG_SEVERITY,
        worst first) at `period`. `options` go to assess_indicators (basis, today...).

        Costs the assessment's queries once, then one query when evaluated.
        """
        by_rag = self._rag_ids(period, which, **options)
        rag = Case(
            *[When(pk__in=ids, then=Value(value)) for value, ids in by_rag.items()],
            default=Value(""),
            output_field=models.CharField(),
        )
        rank = Case(
            *[
                When(pk__in=ids, then=Value(RAG_SEVERITY.get(value, len(RAG_SEVERITY))))
                for value, ids in by_rag.items()
            ],
            default=Value(len(RAG_SEVERITY)),
            output_field=models.IntegerField(),
        )
        return self.annotate(rag=rag, rag_rank=rank)

    def rag_in(
        self, period: Period, rags: Iterable[str], *, which: str = "rag", **options
    ) -> "IndicatorQuerySet":
        """Return the indicators whose RAG (the assessment's `which`) at `period` is one of
        `rags`."""
        wanted = set(rags)
        by_rag = self._rag_ids(period, which, **options)
        return self.filter(
            pk__in=[pk for value, ids in by_rag.items() if value in wanted for pk in ids]
        )
