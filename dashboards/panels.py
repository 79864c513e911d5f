"""The pieces a dashboard page shows beside the counts: rows, charts, actions, risks.

Each function returns plain data for a template, in a fixed number of queries.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, prefetch_related_objects
from django.urls import reverse
from django.utils.safestring import SafeString

from actions.choices import ActionRag
from actions.models import Action, Risk
from actions.querysets import overdue_q
from actions.risk import HeatMap, heat_map
from core.models import CouncilSettings, OrgUnit
from dashboards.charts import rag_bar_svg
from dashboards.summary import Summary
from indicators.assessment import Assessment, Basis
from indicators.choices import PeriodState, Rag
from indicators.formatting import person_name
from indicators.models import Indicator
from indicators.visibility import figure_basis_for


def indicator_url(indicator: Indicator) -> str:
    return reverse("indicators:detail", args=[indicator.pk])


@dataclass
class Row:
    """One assessed PI as a list shows it."""

    assessment: Assessment
    url: str
    commentary: str
    corrective_action: str

    @property
    def indicator(self) -> Indicator:
        return self.assessment.indicator


def assessment_rows(assessments: Sequence[Assessment], *, user: User | AnonymousUser) -> list[Row]:
    """Return rows for a table, hiding internal commentary from those who may not read it.

    Internal commentary is read by those who may see the PI's drafts (DESIGN.md roles): all
    PIs for the performance team, audit and admin; their service's for managers; their own
    for officers.
    """
    # The engine's rule for whose unverified figures a user may see is the same rule.
    basis_of = figure_basis_for(user)

    def may_read_internal(indicator: Indicator) -> bool:
        return basis_of(indicator) in (Basis.SUBMITTED, Basis.DRAFTS)

    # The owners of these rows only: summaries load their PIs without them.
    prefetch_related_objects([a.indicator for a in assessments], "owner")
    rows = []
    for a in assessments:
        figure = a.figure
        commentary = corrective = ""
        if figure is not None and (
            not figure.commentary_is_internal or may_read_internal(a.indicator)
        ):
            commentary, corrective = figure.commentary, figure.corrective_action
        rows.append(Row(a, indicator_url(a.indicator), commentary, corrective))
    return rows


EXPORT_HEADER = [
    "code",
    "title",
    "service",
    "owner",
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
    "commentary",
    "corrective_action",
    "revised_on",
    "revision_reason",
]


def _text(value) -> str:
    return "" if value is None else str(value)


def export_row(row: Row) -> list[str]:
    """Return the CSV/Excel cells of one row, in EXPORT_HEADER's order."""
    a = row.assessment
    return [
        a.indicator.code,
        a.indicator.title,
        a.indicator.service.name,
        person_name(a.indicator.owner),
        a.period.label,
        _text(a.value),
        _text(a.target),
        _text(a.rag),
        _text(a.ytd_value),
        _text(a.ytd_target),
        _text(a.ytd_rag),
        _text(a.dot_previous),
        _text(a.dot_last_year),
        _text(a.forecast),
        _text(a.forecast_rag),
        _text(a.state),
        row.commentary,
        row.corrective_action,
        a.revision.on.isoformat() if a.revision else "",
        a.revision.reason if a.revision else "",
    ]


def describe_selection(filterset, summary: Summary) -> str:
    """Return a sentence saying which PIs a drill-down list holds, e.g. 'Red in Housing'."""
    parts = []
    if not filterset.is_valid():
        return "All indicators"
    data = filterset.form.cleaned_data
    if concern := data.get("concern"):
        parts.append(dict(filterset.filters["concern"].extra["choices"])[concern])
    if rag := data.get("rag"):
        parts.append(f"RAG {Rag(rag).label}")
    for name in ("unit", "priority", "plan", "owner"):
        if value := data.get(name):
            field = filterset.form.fields[name]
            parts.append(f"{field.label}: {field.label_from_instance(value)}")
    if kind := data.get("indicator_type"):
        parts.append(f"type {kind}")
    if scope := data.get("scope"):
        parts.append(scope.capitalize())
    return "; ".join(parts) or "All indicators"


def distribution_charts(summary: Summary) -> dict[str, SafeString]:
    """Return the overall RAG bar as SVG (text labels and patterns, so not colour alone)."""
    return {
        "overall": rag_bar_svg(
            summary.overall.now, title=f"RAG status of indicators, {summary.period.long_label}"
        )
    }


def due_rows(assessments: Sequence[Assessment]) -> list[Assessment]:
    """Return the figures that still need their owner, soonest due first: due, overdue,
    returned, or (for a period that has ended or is under way) not yet submitted.

    The same PI and period given twice (e.g. a quarterly PI assessed at two months) is listed
    once.
    """
    waiting = {PeriodState.DUE, PeriodState.OVERDUE, PeriodState.RETURNED, PeriodState.NOT_DUE}
    seen: set[tuple[int, object]] = set()
    rows = []
    for a in assessments:
        key = (a.indicator.pk, a.period)
        if str(a.state) in waiting and key not in seen:
            seen.add(key)
            rows.append(a)
    return sorted(rows, key=lambda a: (a.due_date or date.max, a.indicator.code))


ACTION_PANEL_ROWS = 15
TOP_RISKS = 5


def _actions_in(unit: OrgUnit | None) -> QuerySet:
    """Return actions, narrowed to those a unit's subtree is responsible for."""
    actions = Action.objects.all()
    if unit is not None:
        actions = actions.filter(
            Q(service__path__startswith=unit.path)
            | Q(service__isnull=True, theme__plan__unit__path__startswith=unit.path)
        )
    return actions


@dataclass
class ActionPanel:
    overdue: list[Action]
    overdue_count: int
    off_track: list[Action]
    off_track_count: int


def action_panel(*, unit: OrgUnit | None, today: date) -> ActionPanel:
    """Return the overdue and off-track actions (first rows and totals) in four queries: the
    open actions' RAG and whether overdue (the RAG's SQL costs more to build than to run, so
    once), then the rows shown with their leads and teams. Rows carry their RAG."""
    overdue: list[int] = []
    off_track: list[int] = []
    statuses = (
        _actions_in(unit)
        .open()
        .with_suggested_rag(today)
        .annotate(is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()))
        .order_by("due_date", "pk")
        .values_list("pk", "is_overdue", "rag")
    )
    for pk, is_overdue, rag in statuses:
        if is_overdue:
            overdue.append(pk)
        if rag == ActionRag.OFF_TRACK:
            off_track.append(pk)
    shown = overdue[:ACTION_PANEL_ROWS] + off_track[:ACTION_PANEL_ROWS]
    rows = (
        Action.objects.filter(pk__in=shown).with_suggested_rag(today).for_table().in_bulk()
        if shown
        else {}
    )
    # An action deleted between the two queries is left out rather than failing the page.
    return ActionPanel(
        [rows[pk] for pk in overdue[:ACTION_PANEL_ROWS] if pk in rows],
        len(overdue),
        [rows[pk] for pk in off_track[:ACTION_PANEL_ROWS] if pk in rows],
        len(off_track),
    )


def my_actions(*, user: User, today: date) -> list[Action]:
    """Return the open actions the user leads, with their RAG, soonest due first."""
    return list(
        Action.objects.led_by(user)
        .open()
        .with_suggested_rag(today)
        .for_table()
        .order_by("due_date", "pk")
    )


@dataclass
class RiskPanel:
    top: list[Risk]
    heat_map: HeatMap


def risk_panel(*, unit: OrgUnit | None) -> RiskPanel:
    """Return the top open risks by residual score and the heat map of the open risks."""
    risks = Risk.objects.open()
    if unit is not None:
        risks = risks.filter(register__unit__path__startswith=unit.path)
    size = CouncilSettings.load().risk_matrix_size
    top = list(risks.by_residual_score().select_related("owner", "register")[:TOP_RISKS])
    everything = risks.only("ref", "residual_likelihood", "residual_impact")
    return RiskPanel(top, heat_map(everything, size))
