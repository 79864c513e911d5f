"""The home page's sections: actions the person leads and risks they own needing an update."""

from datetime import date

from django.urls import reverse

from actions.models import Action, Risk
from core.home import LIMIT, HomeItem, HomeSection


def _action_status(action: Action, today: date) -> str:
    if action.is_overdue(today):
        return f"Overdue: was due {action.due_date:%-d %B %Y}"
    return f"Due {action.due_date:%-d %B %Y}" if action.due_date else ""


def sections(user, today: date) -> list[HomeSection]:
    """Return open actions led by the user with no progress update this month, and open
    risks they own past their review date."""
    actions = Action.objects.led_by(user).without_update_this_month(today)
    risks = Risk.objects.filter(owner=user).review_overdue(today)
    return [
        HomeSection(
            title="Actions to update",
            intro="No progress update recorded this month.",
            items=[
                HomeItem(
                    label=f"{a.number} {a.title}",
                    url=reverse("actions:action_progress", args=[a.pk]),
                    status=_action_status(a, today),
                )
                for a in actions.order_by("due_date", "pk")[:LIMIT]
            ],
            total=actions.count(),
            link_url=reverse("actions:my_actions"),
            link_label="My actions",
        ),
        HomeSection(
            title="Risks to review",
            items=[
                HomeItem(
                    label=f"{r.ref} {r.title}",
                    url=reverse("actions:risk_review", args=[r.pk]),
                    status=f"Review overdue: was due {r.review_date:%-d %B %Y}",
                )
                for r in risks.order_by("review_date", "pk")[:LIMIT]
            ],
            total=risks.count(),
            link_url=reverse("actions:register_list"),
            link_label="Risk registers",
        ),
    ]
