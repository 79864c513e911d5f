"""The assessed register as a table (CSV or Excel): one row per PI at a reporting period.

Columns and their vocabularies are documented in docs/rag-rules.md ("Export of the assessed
register"): rag columns hold indicators.choices.Rag values, direction columns
indicators.choices.Direction values, state a PeriodState value; empty means nothing to show.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied

from core.tabular import safe_cell, xlsx_bytes
from indicators import cached
from indicators.assessment import (
    Assessment,
    Basis,
    BasisRule,
)
from indicators.models import Indicator
from indicators.periods import Period
from indicators.visibility import figure_basis_for, may_see_drafts

ASSESSMENT_COLUMNS = (
    "code",
    "title",
    "period",
    "value",
    "target",
    "rag",
    "ytd_value",
    "ytd_target",
    "ytd_rag",
    "dot_previous",
    "dot_last_year",
    "forecast",
    "forecast_rag",
    "state",
    # How we compare (docs/benchmarking.md): empty without comparator data; the group is the
    # first comparator group the council belongs to.
    "bench_rank",
    "bench_of",
    "bench_quartile",
    "bench_median",
    "group_name",
    "group_rank",
    "group_of",
)
FORMATS = ("csv", "xlsx")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return value  # already rounded to the indicator's places; Excel gets a number
    return str(value)


def assessment_row(assessment: Assessment) -> list[object]:
    """Return the export row of one assessment, in ASSESSMENT_COLUMNS order."""
    a = assessment
    bench = a.comparison
    group = bench.group if bench else None
    return [
        _cell(v)
        for v in (
            a.indicator.code,
            a.indicator.title,
            a.period.label,
            a.value,
            a.target,
            a.rag,
            a.ytd_value,
            a.ytd_target,
            a.ytd_rag,
            a.dot_previous,
            a.dot_last_year,
            a.forecast,
            a.forecast_rag,
            a.state,
            bench.rank if bench else None,
            bench.of if bench else None,
            bench.quartile if bench else None,
            bench.median if bench else None,
            group.name if group else None,
            group.ranking.rank if group else None,
            group.ranking.of if group else None,
        )
    ]


def export_basis(user, *, drafts: bool, narrower: str = "") -> BasisRule:
    """Return which figures count in the export for `user` (visibility.figure_basis_for):
    verified figures for all; submitted ones where the user may see unpublished figures;
    drafts too when `drafts` is asked for and the user may see some drafts.

    `narrower` 'verified' or 'published' shows what the board or the public would see (open
    to everyone signed in, since it only ever narrows what counts). Raises PermissionDenied
    for drafts the user may not see, ValueError for another `narrower`.
    """
    if drafts and not may_see_drafts(user):
        raise PermissionDenied
    if narrower in (Basis.VERIFIED, Basis.PUBLISHED):
        return narrower
    if narrower:
        raise ValueError("basis may be 'verified' or 'published'.")
    return figure_basis_for(user, drafts=drafts)


def register_for_export(period: Period):
    """Return the indicators the export covers: those active in `period`, by code."""
    return Indicator.objects.active_in(period).order_by("code")


def assessment_rows(
    indicators: Iterable[Indicator],
    period: Period,
    *,
    basis: BasisRule = Basis.SUBMITTED,
    today: date | None = None,
    rag: str = "",
) -> list[list[object]]:
    """Return the export rows for the indicators assessed at `period`; only those whose
    period RAG is `rag` when one is given."""
    return [
        assessment_row(a)
        for a in cached.assess(indicators, period, basis=basis, today=today)
        if not rag or a.rag == rag
    ]


def export_basename(period: Period) -> str:
    """Return a file name (without extension) for the period: 'assessment-2025-26-Q1'."""
    return "assessment-" + period.label.replace("/", "-").replace(" ", "-")


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Return the table as CSV (UTF-8 with BOM, so Excel reads it), formulas neutralised."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def table_bytes(fmt: str, period: Period, rows: Iterable[Sequence]) -> bytes:
    """Return the assessed register as a CSV or Excel file's bytes."""
    if fmt == "xlsx":
        return xlsx_bytes(export_basename(period), ASSESSMENT_COLUMNS, rows)
    return csv_bytes(ASSESSMENT_COLUMNS, rows)
