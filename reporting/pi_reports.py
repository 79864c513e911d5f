"""Builders of the indicator reports: monthly PI report, quarterly pack, annual outturn,
exception report and departmental monthly report.

Every RAG, YTD, direction and forecast comes from indicators.assessment; nothing here judges a
figure. Values are stored formatted (as the reader sees them) plus raw series for charts.
"""

from collections import Counter, defaultdict
from datetime import date

from core.choices import UnitKind
from core.models import CouncilSettings, OrgUnit
from indicators import cached
from indicators.assessment import (
    COUNTED_STATES,
    Assessment,
    assess_history,
    assess_indicators,
)
from indicators.choices import Frequency, Rag
from indicators.formatting import format_figure, person_name, unit_suffix
from indicators.models import Figure, Indicator
from indicators.periods import Period
from indicators.rag import period_value, rounded
from plans.choices import PlanKind
from plans.rollup import council_plan_priorities, counted_figures, indicator_priorities
from reporting.resources import resources_sections

# Reports count the figures every roll-up counts: verified ones.
REPORTED = counted_figures()

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN]
NO_RAG = "none"
SPARK_MONTHS = 13

PI_COLUMNS = [
    ["code", "Code"],
    ["title", "Indicator"],
    ["owner", "Owner"],
    ["period", "Period"],
    ["value", "Actual"],
    ["target", "Target"],
    ["rag_label", "RAG"],
    ["ytd_value", "YTD actual"],
    ["ytd_target", "YTD target"],
    ["ytd_rag_label", "YTD RAG"],
    ["dot_previous_label", "vs last period"],
    ["dot_last_year_label", "vs same period last year"],
    ["forecast", "Forecast outturn"],
    ["forecast_rag_label", "Forecast RAG"],
    ["commentary", "Commentary"],
    ["corrective_action", "Corrective action"],
    ["revised", "Revised"],
]
DIRECTION_LABELS = {
    "improving": "Improving",
    "declining": "Declining",
    "no_change": "No change",
    "up": "Up",
    "down": "Down",
}


def unit_symbol(indicator: Indicator) -> str:
    return unit_suffix(indicator.unit)


def scoped_indicators(period: Period, scope: OrgUnit | None) -> list[Indicator]:
    """Return the indicators active in `period` within the scope (a unit's subtree), by code."""
    queryset = Indicator.objects.active_in(period).select_related("owner", "deputy", "service")
    if scope is not None:
        queryset = queryset.filter(service__path__startswith=scope.path)
    return list(queryset.order_by("code"))


def directorate_names() -> dict[int, str]:
    """Return {unit id: name of its directorate (or the unit itself above directorates)}."""
    units = list(OrgUnit.objects.only("id", "name", "kind", "path"))
    by_id = {u.pk: u for u in units}
    names = {}
    for unit in units:
        names[unit.pk] = unit.name
        for ancestor_id in unit.ancestor_ids():
            ancestor = by_id.get(ancestor_id)
            if ancestor and ancestor.kind == UnitKind.DIRECTORATE:
                names[unit.pk] = ancestor.name
                break
    return names


def history(indicators: list[Indicator], period: Period, today: date) -> dict[int, list]:
    """Return {indicator id: [(label, value, target), ...]} over the 13 months to `period`.

    From the engine's assess_history (a fixed number of queries for any number of PIs), so
    each PI's points are its own periods (a quarterly PI has one point per quarter).
    """
    return {
        pk: [(a.period.label, _num(a.value), _num(a.target)) for a in assessments]
        for pk, assessments in assess_history(
            indicators, period, months=SPARK_MONTHS, today=today, basis=REPORTED
        ).items()
    }


def spark_values(indicators: list[Indicator], period: Period) -> dict[int, list]:
    """Return {indicator id: [(label, value, None), ...]} of each PI's own periods ending in
    the 13 months to `period`: the values a sparkline draws, from the shared cache of
    derived figures (indicators.cached; one query for the PIs not yet there).

    A sparkline needs values only, not judgements, so this reads the counted figures (the
    engine's COUNTED_STATES for the reported basis) and values them with the engine's
    period_value, instead of assessing every point (which the charts of the packs do).
    """
    return cached.derived(
        indicators,
        period,
        name="spark",
        basis=REPORTED,
        compute=lambda missing: _spark_values(missing, period),
    )


def _spark_values(indicators: list[Indicator], period: Period) -> dict[int, list]:
    last_month = Period.latest_for(Frequency.MONTHLY, period)
    span_start = last_month.back(SPARK_MONTHS)[0].start
    # Every PI of a frequency has the same periods: worked out once per frequency.
    spans: dict[str, list[Period]] = {}
    wanted: dict[int, list[Period]] = {}
    for indicator in indicators:
        if indicator.frequency not in spans:
            own = [Period.latest_for(indicator.frequency, last_month)]
            while own[-1].previous().end >= span_start:
                own.append(own[-1].previous())
            spans[indicator.frequency] = [p for p in reversed(own) if p.end >= span_start]
        wanted[indicator.pk] = spans[indicator.frequency]
    years = {p.year for periods in wanted.values() for p in periods}
    rows = Figure.objects.filter(
        indicator_id__in=list(wanted),
        year__in=years,
        state__in=COUNTED_STATES[REPORTED],
    ).values_list("indicator_id", "year", "number", "value", "numerator", "denominator")
    found = {(i, y, n): (v, num, den) for i, y, n, v, num, den in rows}
    by_id = {i.pk: i for i in indicators}
    series = {}
    for pk, periods in wanted.items():
        points = []
        for p in periods:
            parts = found.get((pk, p.year, p.number))
            value = period_value(*parts, by_id[pk].multiplier) if parts else None
            value = rounded(value, by_id[pk].decimal_places)  # as the engine reports it
            points.append((p.label, _num(value), None))
        series[pk] = points
    return series


def _num(value) -> str | None:
    return None if value is None else str(value)


def pi_row(a: Assessment, directorate: str, points: list | None) -> dict:
    """Return a PI's row of a report table from its assessment (all text, JSON-ready)."""
    i = a.indicator
    figure = a.figure
    rag_labels = dict(Rag.choices)
    return {
        "id": i.pk,
        "code": i.code,
        "title": i.title,
        "owner": person_name(i.owner, none="–"),
        "service": i.service.name,
        "directorate": directorate,
        "period": a.period.label,
        "value": format_figure(a.value, i),
        "target": format_figure(a.target, i),
        "rag": a.rag,
        "rag_label": rag_labels.get(a.rag, ""),
        "ytd_value": format_figure(a.ytd_value, i),
        "ytd_target": format_figure(a.ytd_target, i),
        "ytd_rag": a.ytd_rag or "",
        "ytd_rag_label": rag_labels.get(a.ytd_rag, "") if a.ytd_rag else "",
        "dot_previous": a.dot_previous or "",
        "dot_previous_label": DIRECTION_LABELS.get(a.dot_previous or "", ""),
        "dot_last_year": a.dot_last_year or "",
        "dot_last_year_label": DIRECTION_LABELS.get(a.dot_last_year or "", ""),
        "forecast": format_figure(a.forecast, i),
        "forecast_rag": a.forecast_rag or "",
        "forecast_rag_label": rag_labels.get(a.forecast_rag, "") if a.forecast_rag else "",
        "state": a.state,
        "commentary": figure.commentary if figure else "",
        "corrective_action": figure.corrective_action if figure else "",
        # "Revised <date>: <reason>" for a restated figure, as the report's reader sees it.
        "revised": str(a.revision) if a.revision else "",
        "spark": [p[1] for p in points] if points else [],
        "spark_labels": [p[0] for p in points] if points else [],
        "spark_target": [p[2] for p in points] if points else [],
        "unit_symbol": unit_symbol(i),
        "places": i.decimal_places,
        **bench_cells(a),
    }


QUARTILE_LABELS = {1: "Top quartile", 2: "Quartile 2", 3: "Quartile 3", 4: "Bottom quartile"}


def bench_cells(a: Assessment) -> dict:
    """Return the comparison's cells of a report row (empty strings without comparator data)."""
    c = a.comparison
    group = c.group if c else None
    i = a.indicator
    return {
        "bench_of": str(c.of) if c else "",
        "bench_rank": f"{c.rank} of {c.of}" if c and c.rank else "",
        "bench_quartile": c.quartile or "" if c else "",
        "bench_quartile_label": QUARTILE_LABELS.get(c.quartile, "Not ranked") if c else "",
        "bench_median": format_figure(c.median, i) if c else "",
        "bench_best": format_figure(c.best, i) if c else "",
        "group_name": group.name if group else "",
        "group_rank": (
            f"{group.ranking.rank} of {group.ranking.of}" if group and group.ranking.rank else ""
        ),
    }


BENCH_COLUMNS = [
    ["code", "Code"],
    ["title", "Indicator"],
    ["period", "Period"],
    ["value", "Our figure"],
    ["bench_rank", "Rank"],
    ["bench_quartile_label", "Quartile"],
    ["bench_median", "Median"],
    ["bench_best", "Best"],
    ["group_name", "Comparator group"],
    ["group_rank", "Group rank"],
]


def benchmarking_section(rows: list[dict]) -> dict:
    """Return the "Benchmarking" section: PIs with comparator data, bottom quartile first."""
    compared = [r for r in rows if r["bench_of"]]
    compared.sort(key=lambda r: (-(r["bench_quartile"] or 0), r["code"]))
    return {
        "id": "benchmarking",
        "title": "Benchmarking",
        "kind": "benchmarking",
        "intro": "How our figures rank among other authorities' (rank 1 is the best; ties "
        "share a rank), bottom quartile first. Quartile 1 is the best quarter.",
        "columns": BENCH_COLUMNS,
        "rows": compared,
        "exportable": True,
        "empty": "" if compared else "No indicator in this report has comparator data.",
    }


def rag_counts(rows: list[dict], key: str = "rag") -> dict[str, int]:
    """Return counts of red, amber, green and 'none' (no traffic light) among rows."""
    counts = Counter(row[key] if row[key] in RAG_ORDER else NO_RAG for row in rows)
    return {rag: counts.get(rag, 0) for rag in [*RAG_ORDER, NO_RAG]}


NO_PRIORITY = "Not linked to a Council Plan priority"


def priority_names(indicators: list[Indicator], period: Period) -> dict[int, list[str]]:
    """Return {indicator id: ['n. Council Plan priority', ...]} for indicators serving one.

    The priorities are those of the Council Plan in force for `period`, reached down the
    golden thread through counted objectives (plans.rollup: the same rule as the dashboard
    and the thread). Three queries.
    """
    priorities = council_plan_priorities(period)
    names = {p.pk: f"{p.number}. {p.title}" for p in priorities}
    order = {p.pk: p.number for p in priorities}
    wanted = {i.pk for i in indicators}
    return {
        indicator_id: [names[pk] for pk in sorted(tops, key=order.__getitem__)]
        for indicator_id, tops in indicator_priorities(priorities).items()
        if indicator_id in wanted
    }


def _group(rows: list[dict], key: str = "group") -> list[dict]:
    """Return the rows by group; a PI serving several priorities is in each (as the dashboard
    and the thread count it)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        for name in row.get("groups") or [row[key]]:
            groups[name].append(row)
    return [{"name": name, "rows": groups[name]} for name in sorted(groups)]


def _summary(
    rows: list[dict], title: str, previous: dict[int, str] | None = None, group_label: str = ""
) -> dict:
    group_label = group_label or (rows[0]["group_label"] if rows else "Directorate")
    by_group = []
    for group in _group(rows):
        counts = rag_counts(group["rows"])
        by_group.append({"name": group["name"], "counts": counts, "total": len(group["rows"])})
    section = {
        "id": "summary",
        "title": title,
        "kind": "summary",
        "counts": rag_counts(rows),
        "total": len(rows),
        "by_group": by_group,
        "group_label": group_label,
        "columns": [
            ["name", group_label],
            *[[rag.value, rag.label] for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)],
            ["none", "No RAG"],
            ["total", "Total"],
        ],
        "rows": [{"name": g["name"], **g["counts"], "total": g["total"]} for g in by_group],
        "exportable": True,
        "empty": "" if rows else "There are no indicators in this report's scope and period.",
    }
    if previous is not None:
        changes = Counter()
        for row in rows:
            before = previous.get(row["id"])
            if before in RAG_ORDER and row["rag"] in RAG_ORDER and before != row["rag"]:
                better = RAG_ORDER.index(row["rag"]) > RAG_ORDER.index(before)
                changes["improved" if better else "worsened"] += 1
        section["changes"] = {"improved": changes["improved"], "worsened": changes["worsened"]}
    return section


def _pi_table(
    section_id: str,
    title: str,
    rows: list[dict],
    empty: str,
    *,
    grouped: bool = True,
    intro: str = "",
    columns: list[list[str]] = PI_COLUMNS,
) -> dict:
    section = {
        "id": section_id,
        "title": title,
        "kind": "pi_table",
        "columns": columns,
        "exportable": True,
        "intro": intro,
        "empty": "" if rows else empty,
        "group_label": rows[0]["group_label"] if rows else "Directorate",
    }
    if grouped:
        section["groups"] = _group(rows)
    else:
        section["groups"] = [{"name": "", "rows": rows}]
    return section


APPENDIX = "appendix"


def _appendix(rows: list[dict], title: str = "Appendix: all indicators") -> dict:
    """Return the appendix of every PI's full row; the first row of each PI carries its
    `anchor` (a PI serving several priorities is in several groups), which the brief lists
    of other sections link to."""
    section = _pi_table(
        APPENDIX, title, rows, "There are no indicators in this report's scope and period."
    )
    seen: set[int] = set()
    for group in section["groups"]:
        anchored = []
        for row in group["rows"]:
            if row["id"] not in seen:
                row = {**row, "anchor": row_anchor(row["id"])}
                seen.add(row["id"])
            anchored.append(row)
        group["rows"] = anchored
    return section


def row_anchor(indicator_id: int) -> str:
    """Return the id of an indicator's full row in the appendix, which brief lists link to."""
    return f"pi-{indicator_id}"


def _listed_briefly(section: dict) -> dict:
    """Return a pi_table section of rows the appendix repeats as a brief list (code, title,
    figure, RAG) pointing to each full row there (`ref`): drawn once, not twice. The data
    keeps every column, so its CSV and Excel still give the full rows."""
    groups = [
        {**group, "rows": [{**row, "ref": row_anchor(row["id"])} for row in group["rows"]]}
        for group in section["groups"]
    ]
    return {**section, "groups": groups, "kind": "pi_refs", "see": APPENDIX}


def _assessed_rows(
    period: Period, scope, today: date, progress, *, spark: bool, charts: bool = False
) -> list[dict]:
    indicators = scoped_indicators(period, scope)
    progress(10, f"Assessing {len(indicators)} indicators")
    # From the shared cache (indicators.cached): the page, its PDF and the dashboards agree.
    assessments = cached.assess(indicators, period, today=today, basis=REPORTED)
    points = {}
    if spark and indicators:
        progress(30, "Reading 13 months of history")
        # Charts show actual against target, so they need the engine's assessed history;
        # sparklines only draw values.
        points = history(indicators, period, today) if charts else spark_values(indicators, period)
    names = directorate_names()
    rows = [
        pi_row(a, names.get(a.indicator.service_id, ""), points.get(a.indicator.pk))
        for a in assessments
    ]
    _set_groups(rows, indicators, period)
    return rows


def _set_groups(rows: list[dict], indicators: list[Indicator], period: Period) -> None:
    """Group rows by Council Plan priority when any indicator serves one, else by
    directorate (the `group`, `groups` and `group_label` of each row)."""
    priorities = priority_names(indicators, period)
    for row in rows:
        if priorities:
            row["groups"] = priorities.get(row["id"], [NO_PRIORITY])
            row["group"] = row["groups"][0]
            row["group_label"] = "Priority"
        else:
            row["group"] = row["directorate"]
            row["group_label"] = "Directorate"


def _exceptions(rows: list[dict]) -> list[dict]:
    return [row for row in rows if row["rag"] == Rag.RED]


def build_pi_monthly(*, period: Period, scope, today: date, progress, **_) -> list[dict]:
    rows = _assessed_rows(period, scope, today, progress, spark=True)
    progress(80, "Arranging the report")
    return [
        _summary(rows, "Summary"),
        _pi_table(
            "exceptions",
            "Exceptions: indicators off target (Red)",
            _exceptions(rows),
            "No indicator is Red this period.",
        ),
        _pi_table(
            "all-indicators",
            f"All indicators by {rows[0]['group_label'].lower() if rows else 'directorate'}",
            rows,
            "There are no indicators in this report's scope and period.",
        ),
    ]


# The LSP Board's table: whose PI each is (a partner organisation's or the council's) first.
LSP_COLUMNS = [PI_COLUMNS[0], ["organisation", "Organisation"], *PI_COLUMNS[1:]]


def build_lsp_board(*, period: Period, scope, today: date, progress, **_) -> list[dict]:
    """The Local Strategic Partnership Board's report: the Community Plan's priorities, each
    with every PI beneath it down the golden thread, partners' and the council's side by side.

    `scope` is ignored: the partnership's report is about the whole Community Plan.
    """
    priorities = council_plan_priorities(period, kind=PlanKind.COMMUNITY)
    names = {p.pk: f"{p.number}. {p.title}" for p in priorities}
    order = {p.pk: p.number for p in priorities}
    serving = indicator_priorities(priorities)
    indicators = [i for i in scoped_indicators(period, None) if i.pk in serving]
    progress(10, f"Assessing {len(indicators)} indicators")
    assessments = assess_indicators(indicators, period, today=today, basis=REPORTED)
    progress(30, "Reading 13 months of history")
    points = spark_values(indicators, period) if indicators else {}
    council = CouncilSettings.load().council_name
    rows = []
    for a in assessments:
        service = a.indicator.service
        row = pi_row(a, "", points.get(a.indicator.pk))
        row["organisation"] = service.name if service.kind == UnitKind.PARTNER else council
        row["groups"] = [names[pk] for pk in sorted(serving[a.indicator.pk], key=order.get)]
        row["group"] = row["groups"][0]
        row["group_label"] = "Priority"
        rows.append(row)
    progress(80, "Arranging the report")
    empty = (
        "There is no approved Community Plan for this year, or no indicator serves its priorities."
    )
    return [
        _summary(rows, "Summary by Community Plan priority", group_label="Priority"),
        _pi_table(
            "priorities",
            "Community Plan priorities: partner and council indicators",
            rows,
            empty,
            columns=LSP_COLUMNS,
        ),
    ]


def build_directorate_monthly(
    *, period: Period, scope, today: date, progress, **kwargs
) -> list[dict]:
    sections = build_pi_monthly(period=period, scope=scope, today=today, progress=progress)
    from reporting.delivery import action_sections, risk_sections

    sections += action_sections(scope=scope, today=today, key_only=False)
    sections += risk_sections(scope=scope, today=today, top=5)
    return sections


def build_exception(*, period: Period, scope, today: date, progress, **_) -> list[dict]:
    rows = _assessed_rows(period, scope, today, progress, spark=True)
    from reporting.delivery import action_sections

    sections = [
        _pi_table(
            "red-indicators",
            "Indicators off target (Red)",
            _exceptions(rows),
            "No indicator is Red this period.",
        )
    ]
    sections += action_sections(scope=scope, today=today, exceptions_only=True)
    return sections


def build_quarterly_pack(*, period: Period, scope, today: date, progress, **_) -> list[dict]:
    rows = _assessed_rows(period, scope, today, progress, spark=True, charts=True)
    progress(60, "Comparing with last quarter")
    indicators = scoped_indicators(period, scope)
    before = assess_indicators(indicators, period.previous(), today=today, basis=REPORTED)
    previous = {a.indicator.pk: a.rag for a in before}
    summary = _summary(rows, "Executive summary", previous)
    successes = [r for r in rows if r["rag"] == Rag.GREEN and r["dot_previous"] == "improving"]
    concerns = [r for r in rows if r["rag"] in (Rag.RED, Rag.AMBER)]
    concerns.sort(key=lambda r: (r["rag"] != Rag.RED, r["code"]))
    progress(55, "Reading the budgets")
    sections = [
        summary,
        *resources_sections(period=period, scope=scope),
        _listed_briefly(
            _pi_table(
                "successes",
                "Successes",
                successes,
                "No indicator is both on target and improving this quarter.",
                grouped=False,
                intro="On target (Green) and improving on the previous period. Each "
                "one's full row, with its trend and commentary, is in the appendix.",
            )
        ),
        _listed_briefly(
            _pi_table(
                "concerns",
                "Areas of concern",
                concerns,
                "No indicator is Red or Amber this quarter.",
                grouped=False,
                intro="Red first, then Amber. The owners' commentary and corrective action "
                "are in each one's full row in the appendix.",
            )
        ),
    ]
    progress(75, "Drawing trend charts")
    for number, group in enumerate(_group(rows), start=1):
        sections.append(
            {
                "id": f"directorate-{number}",
                "title": group["name"] or "Other",
                "kind": "pi_charts",
                "charts": [_chart(row) for row in group["rows"]],
                "empty": "",
            }
        )
    from reporting.delivery import action_sections, risk_sections

    sections += action_sections(scope=scope, today=today, key_only=True)
    sections += risk_sections(scope=scope, today=today, top=10)
    sections += action_sections(scope=scope, today=today, improvement_plan=True)
    sections.append(benchmarking_section(rows))
    sections.append(_appendix(rows))
    return sections


def build_finance_performance(*, period: Period, scope, today: date, progress, **_) -> list[dict]:
    """The quarterly finance and performance report: resources first (budget, forecast and
    the largest overspends), then the PIs off target and the key actions, as Cabinet reads
    "budget and performance" together."""
    rows = _assessed_rows(period, scope, today, progress, spark=True)
    progress(60, "Reading the budgets")
    summary = _summary(rows, "Executive summary")
    concerns = [r for r in rows if r["rag"] in (Rag.RED, Rag.AMBER)]
    concerns.sort(key=lambda r: (r["rag"] != Rag.RED, r["code"]))
    from reporting.delivery import action_sections

    return [
        summary,
        *resources_sections(period=period, scope=scope, overspends=10),
        _listed_briefly(
            _pi_table(
                "concerns",
                "Performance: areas of concern",
                concerns,
                "No indicator is Red or Amber this quarter.",
                grouped=False,
                intro="Red first, then Amber. The owners' commentary and corrective action "
                "are in each one's full row in the appendix.",
            )
        ),
        *action_sections(scope=scope, today=today, key_only=True),
        _appendix(rows),
    ]


def _chart(row: dict) -> dict:
    return {
        "code": row["code"],
        "title": row["title"],
        "labels": row["spark_labels"],
        "actual": row["spark"],
        "target": row["spark_target"],
        "unit_symbol": row["unit_symbol"],
        "places": row["places"],
        "rag": row["rag"],
        "value": row["value"],
        "target_now": row["target"],
        "commentary": row["commentary"],
        "revised": row["revised"],
    }


def build_annual_outturn(*, period: Period, scope, today: date, progress, **_) -> list[dict]:
    indicators = scoped_indicators(period, scope)
    progress(10, f"Assessing {len(indicators)} indicators at year end")
    names = directorate_names()
    years = [Period(Frequency.ANNUAL, period.year - back, 1) for back in (2, 1, 0)]
    by_year = {}
    for year in years:
        for a in assess_indicators(indicators, year, today=today, basis=REPORTED):
            by_year.setdefault(a.indicator.pk, {})[year.label] = a
    rows = []
    for a in assess_indicators(indicators, period, today=today, basis=REPORTED):
        row = pi_row(a, names.get(a.indicator.service_id, ""), None)
        trend = by_year.get(a.indicator.pk, {})
        # Year-end outturn: the year-to-date figure at the year's last period.
        row["outturn"] = row["ytd_value"] if row["ytd_value"] != "–" else row["value"]
        row["outturn_target"] = row["ytd_target"] if row["ytd_target"] != "–" else row["target"]
        row["outturn_rag"] = a.ytd_rag or a.rag
        row["outturn_rag_label"] = dict(Rag.choices).get(row["outturn_rag"], "")
        for year in years[:2]:
            earlier = trend.get(year.label)
            value = (
                earlier.ytd_value
                if earlier and earlier.ytd_value is not None
                else (earlier.value if earlier else None)
            )
            row[f"y{year.year}"] = format_figure(value, a.indicator)
        rows.append(row)
    columns = [
        ["code", "Code"],
        ["title", "Indicator"],
        ["owner", "Owner"],
        [f"y{years[0].year}", years[0].label],
        [f"y{years[1].year}", years[1].label],
        ["outturn", f"{period.label} outturn"],
        ["outturn_target", "Target"],
        ["outturn_rag_label", "RAG"],
        ["dot_last_year_label", "vs last year"],
        ["commentary", "Commentary"],
    ]
    revised_column = any(row["revised"] for row in rows)  # only when a figure was restated
    if revised_column:
        columns.append(["revised", "Revised"])
    _set_groups(rows, indicators, period)
    summary = _summary([{**r, "rag": r["outturn_rag"]} for r in rows], "Summary of the year")
    table = _pi_table(
        "outturn",
        "Year-end outturn against target",
        rows,
        "There are no indicators in this report's scope and year.",
    )
    table["kind"] = "outturn_table"
    table["revised_column"] = revised_column
    table["columns"] = columns
    table["years"] = [y.label for y in years]
    return [summary, table, benchmarking_section(rows)]
