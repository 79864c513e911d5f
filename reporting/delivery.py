"""Report sections on delivery: action plan progress and risk registers (the actions app).

Action RAG comes from the actions app's own rule (ActionQuerySet.with_suggested_rag), risk
scores and the heat map from actions.risk; this module only arranges them. Each section says
so in words when it has nothing to show.
"""

from datetime import date

from django.db.models import Q

from actions.choices import ACTION_RAG_COLOUR, ActionRag, ActionStatus, PlanKind, RiskBand, WhenKind
from actions.models import Action, Risk
from actions.risk import heat_map, risk_band
from core.models import CouncilSettings, OrgUnit
from indicators.formatting import person_name

ACTION_COLUMNS = [
    ["plan", "Plan"],
    ["number", "No"],
    ["title", "Action"],
    ["who", "Who"],
    ["when", "When"],
    ["priority", "Priority"],
    ["status", "Status"],
    ["percent", "% complete"],
    ["rag_label", "RAG"],
    ["overdue", "Overdue"],
    ["latest_update", "Latest progress"],
]
RISK_COLUMNS = [
    ["ref", "Ref"],
    ["title", "Risk"],
    ["register", "Register"],
    ["owner", "Owner"],
    ["inherent", "Before controls"],
    ["residual", "Current score"],
    ["band", "Rating"],
    ["target", "Target score"],
    ["trend", "Trend since last review"],
    ["controls", "Controls"],
    ["review_date", "Next review"],
]


def _scope_q(scope: OrgUnit | None, service_field: str, plan_unit_field: str) -> Q:
    if scope is None:
        return Q()
    return Q(**{f"{service_field}__path__startswith": scope.path}) | Q(
        **{f"{plan_unit_field}__path__startswith": scope.path}
    )


def action_rows(actions, today: date) -> list[dict]:
    labels = dict(ActionRag.choices)
    rows = []
    for action in actions:
        rag = action.rag or ""
        updates = list(action.updates.all())  # prefetched, newest first
        update = updates[0] if updates else None
        rows.append(
            {
                "plan": action.theme.plan.title,
                "theme": f"{action.theme}",
                "number": action.number,
                "title": action.title,
                "who": action.who_text or ", ".join(person_name(u) for u in action.leads.all()),
                "when": action.when_display,
                "priority": action.get_priority_display(),
                "status": action.get_status_display(),
                "percent": f"{action.percent_complete}%",
                "rag": ACTION_RAG_COLOUR.get(rag, ""),
                "rag_label": labels.get(rag, "No basis"),
                "overdue": "Overdue" if action.is_overdue(today) else "",
                "latest_update": f"{update.date:%-d %b %Y}: {update.note}" if update else "",
            }
        )
    return rows


def _actions(scope, today: date):
    return (
        Action.objects.filter(_scope_q(scope, "service", "theme__plan__unit"))
        .with_suggested_rag(today)
        .select_related("theme__plan")
        .prefetch_related("leads", "updates")
        .order_by("theme__plan__title", "theme__number", "sequence")
    )


def action_sections(
    *,
    scope: OrgUnit | None,
    today: date,
    key_only: bool = False,
    exceptions_only: bool = False,
    improvement_plan: bool = False,
) -> list[dict]:
    """Return the actions section(s) of a report.

    key_only: high-priority actions; exceptions_only: overdue or off-track open actions;
    improvement_plan: progress of the Improvement Plan's actions.
    """
    actions = _actions(scope, today)
    if improvement_plan:
        actions = actions.filter(theme__plan__kind=PlanKind.IMPROVEMENT)
        section_id, title = "improvement-plan", "Improvement Plan progress"
        empty = "There is no Improvement Plan with actions in this report's scope."
    elif exceptions_only:
        open_actions = actions.exclude(status__in=ActionStatus.closed())
        actions = open_actions.filter(
            Q(rag=ActionRag.OFF_TRACK) | Q(when_kind=WhenKind.DATE, due_date__lt=today)
        )
        section_id, title = "action-exceptions", "Actions overdue or off track"
        empty = "No action is overdue or off track."
    elif key_only:
        actions = actions.filter(priority="high")
        section_id, title = "key-actions", "Key action progress"
        empty = "There are no high-priority actions in this report's scope."
    else:
        section_id, title = "actions", "Action plan progress"
        empty = "There are no actions in this report's scope."
    rows = action_rows(actions, today)
    counts = {label: 0 for _, label in ActionRag.choices}
    for row in rows:
        if row["rag_label"] in counts:
            counts[row["rag_label"]] += 1
    return [
        {
            "id": section_id,
            "title": title,
            "kind": "actions",
            "columns": ACTION_COLUMNS,
            "rows": rows,
            "counts": counts,
            "exportable": True,
            "empty": "" if rows else empty,
        }
    ]


def risk_sections(*, scope: OrgUnit | None, today: date, top: int | None = None) -> list[dict]:
    """Return the risk table (the top `top` by current score, or all) and the heat map."""
    size = CouncilSettings.load().risk_matrix_size
    risks = (
        Risk.objects.filter(_scope_q(scope, "register__unit", "register__unit"))
        .open()
        .by_residual_score()
        .select_related("owner", "register")
        .prefetch_related("reviews")
    )
    all_risks = list(risks)
    shown = all_risks[:top] if top else all_risks
    band_labels = dict(RiskBand.choices)
    rows = []
    for risk in shown:
        residual = risk.residual_likelihood * risk.residual_impact
        reviews = list(risk.reviews.all())  # prefetched, newest first
        trend = ""
        if len(reviews) >= 2:
            latest, before = reviews[0].score, reviews[1].score
            trend = "Worse" if latest > before else "Better" if latest < before else "No change"
        rows.append(
            {
                "ref": risk.ref,
                "title": risk.title,
                "register": risk.register.title,
                "owner": person_name(risk.owner),
                "inherent": f"{risk.inherent_likelihood} x {risk.inherent_impact} = "
                f"{risk.inherent_likelihood * risk.inherent_impact}",
                "residual": f"{risk.residual_likelihood} x {risk.residual_impact} = {residual}",
                "band": band_labels.get(risk_band(residual, size), ""),
                "target": str(risk.target_likelihood * risk.target_impact),
                "trend": trend or "–",
                "controls": risk.controls,
                "review_date": risk.review_date.strftime("%-d %b %Y"),
                "review_overdue": risk.review_date < today,
            }
        )
    title = f"Top {top} risks" if top else "Risk register"
    grid = heat_map(all_risks, size)
    heat = {
        "likelihood_labels": grid.likelihood_labels,
        "rows": [
            {
                "label": row.label,
                "impact": row.impact,
                "cells": [
                    {
                        "count": c.count,
                        "refs": c.refs,
                        "band": c.band_label,
                        "colour": c.colour,
                        "score": c.score,
                    }
                    for c in row.cells
                ],
            }
            for row in grid.rows
        ],
        "band_counts": grid.band_counts(),
    }
    empty = "There are no open risks in this report's scope."
    return [
        {
            "id": "risks",
            "title": title,
            "kind": "risks",
            "columns": RISK_COLUMNS,
            "rows": rows,
            "exportable": True,
            "empty": "" if rows else empty,
        },
        {
            "id": "heat-map",
            "title": "Risk heat map",
            "kind": "heatmap",
            "heat": heat,
            "size": size,
            "empty": "" if all_risks else empty,
        },
    ]
