"""The actions and risks tables as CSV or Excel: their columns and rows."""

from indicators.formatting import person_name

ACTION_EXPORT_HEADER = [
    "Plan",
    "No",
    "Theme",
    "Action",
    "How",
    "Who",
    "When",
    "Due date",
    "Priority",
    "Status",
    "Percent complete",
    "RAG",
    "RAG set by lead",
    "Overdue",
    "Last update",
]
RISK_EXPORT_HEADER = [
    "Register",
    "Ref",
    "Title",
    "Cause",
    "Effect",
    "Owner",
    "Inherent L",
    "Inherent I",
    "Inherent score",
    "Residual L",
    "Residual I",
    "Residual score",
    "Target score",
    "Controls",
    "Mitigating actions",
    "Next review",
    "Review overdue",
    "Status",
]


def action_export_rows(actions):
    for a in actions:
        yield [
            a.theme.plan.title,
            a.number,
            str(a.theme),
            a.title,
            a.how,
            a.who,
            a.when_display,
            a.due_date.isoformat() if a.due_date else "",
            a.get_priority_display(),
            a.get_status_display(),
            a.percent_complete,
            a.rag,
            "yes" if a.rag_override else "",
            "yes" if a.overdue else "",
            a.last_update_date.isoformat() if a.last_update_date else "",
        ]


def risk_export_rows(risks, day):
    for r in risks:
        yield [
            r.register.title,
            r.ref,
            r.title,
            r.cause,
            r.effect,
            person_name(r.owner),
            r.inherent_likelihood,
            r.inherent_impact,
            r.inherent_score,
            r.residual_likelihood,
            r.residual_impact,
            r.residual_score,
            r.target_score,
            r.controls,
            "; ".join(a.number for a in r.mitigating_actions.all()),
            r.review_date.isoformat(),
            "yes" if r.is_review_overdue(day) else "",
            r.get_status_display(),
        ]
