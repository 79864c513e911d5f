"""Report builders: each returns the report's data as plain JSON-able dicts.

The same data renders the browser page and the PDF, and is stored on a pack as its snapshot
("the data as generated"), so a published pack never changes when figures or targets do.
Every RAG, YTD and direction comes from the indicators engine (indicators.assessment); this
module only arranges what the engine says.

A report is {"meta": {...}, "sections": [...]}; each section has an `id`, a `title`, a `kind`
(summary, pi_table, pi_refs, pi_charts, actions, risks, calendar, due_list, note) and, when it
has nothing to show, an `empty` sentence saying so.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import CouncilSettings, OrgUnit
from core.parsing import ParseError, parse_int
from indicators.choices import Frequency
from indicators.periods import Period
from reporting.choices import MONTH_NAMES, REPORT_FREQUENCY, PackStatus, ReportType

Progress = Callable[[int, str], None]


def _no_progress(percent: int, note: str) -> None:
    return None


def resolve_period(report_type: str, label: str) -> Period | None:
    """Return the Period a report is for, or None for the calendar (a calendar year).

    Raises ValidationError with a readable message for a bad label or one of the wrong kind
    (a quarterly pack needs a quarter such as '2026/27 Q2').
    """
    if report_type not in ReportType.values:
        raise ValidationError(f"'{report_type}' is not a report type.")
    if report_type == ReportType.CALENDAR:
        try:
            year = parse_int(label, "year", minimum=2000, maximum=2100)
        except ParseError:
            year = None
        if year is None or len(label.strip()) != 4:
            raise ValidationError("The calendar needs a calendar year, e.g. 2026.")
        return None
    try:
        period = Period.parse(label)
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"'{label}' is not a period: {exc}") from exc
    wanted = REPORT_FREQUENCY[report_type]
    if period.frequency != wanted:
        examples = {
            Frequency.MONTHLY: "2026-10",
            Frequency.QUARTERLY: "2026/27 Q2",
            Frequency.ANNUAL: "2025/26",
        }
        raise ValidationError(
            f"A {ReportType(report_type).label.lower()} covers a {wanted} period "
            f"(e.g. {examples[wanted]}), not '{label}'."
        )
    return period


def report_title(report_type: str, period_label: str, scope_unit: OrgUnit | None) -> str:
    """Return the report's title, e.g. 'Monthly traffic-lighted PI report – Housing'."""
    title = ReportType(report_type).label
    if report_type == ReportType.CALENDAR:
        title = f"Annual planning & reporting cycle {period_label}"
    if scope_unit is not None:
        title = f"{title} – {scope_unit.name}"
    return title


def _meta(report_type: str, period_label: str, period: Period | None, scope: OrgUnit | None):
    now = timezone.localtime()
    council = CouncilSettings.load().council_name
    return {
        "type": report_type,
        "type_label": ReportType(report_type).label,
        "title": report_title(report_type, period_label, scope),
        "period_label": period.label if period else period_label,
        "period_long": _period_long(period) if period else f"January to December {period_label}",
        "scope": scope.name if scope else council,
        "scope_code": scope.code if scope else "",
        "council": council,
        "generated_at": now.isoformat(),
        "generated_display": now.strftime("%-d %B %Y %H:%M"),
        "version": None,
    }


def _period_long(period: Period) -> str:
    long_label = getattr(period, "long_label", None)
    return long_label if isinstance(long_label, str) else period.label


def build_report(
    report_type: str,
    period_label: str,
    *,
    scope_unit: OrgUnit | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> dict:
    """Return the data of a report of `report_type` for the period (and scope).

    Raises ValidationError for a period that does not suit the report.
    """
    period = resolve_period(report_type, period_label)
    progress = progress or _no_progress
    today = today or timezone.localdate()
    builder = _builders()[report_type]
    data = {"meta": _meta(report_type, period_label, period, scope_unit), "sections": []}
    data["sections"] = builder(
        period=period,
        period_label=period_label,
        scope=scope_unit,
        progress=progress,
        today=today,
    )
    progress(100, "Data ready")
    return data


# The calendar -----------------------------------------------------------------------------


def calendar_grid(year: int) -> dict:
    """Return the cycle as the seed's report x month grid for calendar `year`.

    Each tick carries the latest visible-to-all (published) pack for that occurrence, if any.
    """
    from reporting.cycle import occurrence_due_date
    from reporting.models import CycleItem, Pack

    items = list(
        CycleItem.objects.filter(is_active=True).prefetch_related("audiences").order_by("position")
    )
    packs = {}
    for pack in Pack.objects.filter(
        status=PackStatus.PUBLISHED, occurrence__year=year, cycle_item__isnull=False
    ).order_by("version"):
        packs[(pack.cycle_item_id, pack.occurrence.month)] = pack.pk
    rows = []
    group = None
    for item in items:
        if item.group and item.group != group:
            rows.append({"heading": item.group})
        group = item.group
        ticks = []
        for month in range(1, 13):
            if month in item.months:
                due = occurrence_due_date(item, year, month)
                ticks.append({"due": due.isoformat(), "pack_id": packs.get((item.pk, month))})
            else:
                ticks.append(None)
        rows.append(
            {
                "id": item.pk,
                "name": item.name,
                "grouped": bool(item.group),
                "report_type": item.report_type,
                "report_type_label": item.get_report_type_display() if item.report_type else "",
                "audiences": ", ".join(a.name for a in item.audiences.all()),
                "responsible": item.responsible,
                "due_rule": item.get_due_rule_display(),
                "due_value": item.due_value,
                "ticks": ticks,
            }
        )
    return {"year": year, "months": MONTH_NAMES, "rows": rows}


def due_list(year: int, month: int) -> list[dict]:
    """Return the cycle's occurrences in calendar `month` of `year`, by due date."""
    from reporting.cycle import occurrences
    from reporting.models import CycleItem

    items = CycleItem.objects.filter(is_active=True).prefetch_related("audiences")
    return [
        {
            "name": o.item.name,
            "due": o.due.isoformat(),
            "due_display": o.due.strftime("%a %-d %b %Y"),
            "audiences": ", ".join(a.name for a in o.item.audiences.all()),
            "responsible": o.item.responsible,
            "report_type": o.item.report_type,
            "period_label": o.period_label,
            "item_id": o.item.pk,
        }
        for o in occurrences(items, year, [month])
    ]


def _build_calendar(*, period_label: str, today: date, progress: Progress, **_) -> list[dict]:
    year = int(period_label)
    progress(30, "Reading the cycle")
    grid = calendar_grid(year)
    sections = [
        {
            "id": "grid",
            "title": f"Annual planning & reporting cycle {year}",
            "kind": "calendar",
            "exportable": True,
            "grid": grid,
            "empty": "" if grid["rows"] else "No items are configured in the reporting cycle.",
        }
    ]
    sections.append(
        {
            "id": "by-month",
            "title": "Month by month",
            "kind": "note",
            "paragraphs": [
                "Each month's items with the date each falls due, the period a report "
                "covers, its audience and who is responsible."
            ],
        }
    )
    for month in range(1, 13):
        items = due_list(year, month)
        sections.append(
            {
                "id": f"due-{month:02d}",
                "title": f"{MONTH_NAMES[month - 1]} {year}",
                "kind": "due_list",
                "exportable": True,
                "rows": items,
                "empty": "" if items else "Nothing falls due this month.",
                "level": 3,
            }
        )
    return sections


def _build_action_plan(*, scope, today: date, progress: Progress, **_) -> list[dict]:
    from reporting.delivery import action_sections

    progress(30, "Reading the action plans")
    return action_sections(scope=scope, today=today)


def _build_risk_register(*, scope, today: date, progress: Progress, **_) -> list[dict]:
    from reporting.delivery import risk_sections

    progress(30, "Reading the risk registers")
    return risk_sections(scope=scope, today=today)


def _builders() -> dict[str, Callable[..., list[dict]]]:
    from reporting import pi_reports

    return {
        ReportType.PI_MONTHLY: pi_reports.build_pi_monthly,
        ReportType.QUARTERLY_PACK: pi_reports.build_quarterly_pack,
        ReportType.FINANCE_PERFORMANCE: pi_reports.build_finance_performance,
        ReportType.ANNUAL_OUTTURN: pi_reports.build_annual_outturn,
        ReportType.EXCEPTION: pi_reports.build_exception,
        ReportType.DIRECTORATE_MONTHLY: pi_reports.build_directorate_monthly,
        ReportType.ACTION_PLAN: _build_action_plan,
        ReportType.RISK_REGISTER: _build_risk_register,
        ReportType.CALENDAR: _build_calendar,
        ReportType.LSP_BOARD: pi_reports.build_lsp_board,
    }


def json_ready(value):
    """Return `value` with Decimals, dates and datetimes turned into strings (for JSONField)."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
