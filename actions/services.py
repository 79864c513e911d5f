"""Writes that touch several rows: progress updates, risk reviews."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from actions.choices import ActionStatus, RiskStatus
from actions.models import Action, ActionUpdate, Risk, RiskReview


@transaction.atomic
def action_update_record(
    *,
    action: Action,
    author: User,
    date: datetime.date,
    note: str,
    status: str,
    percent_complete: int,
    rag_override: str = "",
    rag_override_reason: str = "",
) -> ActionUpdate:
    """Record a dated progress update and bring the action's progress up to date.

    Returns the new update. The action takes the update's status, percentage and RAG override
    only when this is its latest update, so back-dated notes do not roll progress back.
    """
    if status == ActionStatus.COMPLETE:
        percent_complete = 100
    if rag_override and not rag_override_reason.strip():
        raise ValidationError(
            {"rag_override_reason": "Say why the RAG differs from the suggestion."}
        )
    latest = action.updates.order_by("-date", "-pk").values_list("date", flat=True).first()
    is_latest = latest is None or date >= latest
    if is_latest:
        action.status = status
        action.percent_complete = percent_complete
        action.rag_override = "" if status == ActionStatus.COMPLETE else rag_override
        action.rag_override_reason = action.rag_override and rag_override_reason.strip()
        action._change_reason = "Progress update"
        action.save(
            update_fields=["status", "percent_complete", "rag_override", "rag_override_reason"]
        )
    return ActionUpdate.objects.create(
        action=action,
        date=date,
        author=author,
        note=note,
        status=status,
        percent_complete=percent_complete,
        rag=rag_at(
            action, date=date, status=status, percent=percent_complete, override=rag_override
        ),
    )


def rag_at(
    action: Action, *, date: datetime.date, status: str, percent: int, override: str = ""
) -> str:
    """Return the RAG the action had on `date` with that progress ('' when none).

    Kept with each update so that the history reads as it was at the time.
    """
    probe = Action(
        theme=action.theme,
        status=status,
        percent_complete=percent,
        start_date=action.start_date,
        due_date=action.due_date,
        when_kind=action.when_kind,
        rag_override=override,
    )
    return probe.get_rag(date) or ""


@transaction.atomic
def risk_review_record(
    *,
    risk: Risk,
    reviewer: User,
    date: datetime.date,
    likelihood: int,
    impact: int,
    commentary: str,
    status: str,
    next_review_date: datetime.date,
    matrix_size: int,
) -> RiskReview:
    """Record a review of a risk: its residual scores now, commentary and the next review.

    Returns the review. Scores outside the council's matrix are refused. The risk takes the
    reviewed scores, status and next review date unless a later review already exists.
    """
    errors = {}
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= value <= matrix_size:
            errors[name] = f"Give a score from 1 to {matrix_size}."
    if next_review_date <= date and status != RiskStatus.CLOSED:
        errors["next_review_date"] = "The next review must be after this review."
    if errors:
        raise ValidationError(errors)
    review = RiskReview.objects.create(
        risk=risk,
        date=date,
        reviewer=reviewer,
        likelihood=likelihood,
        impact=impact,
        commentary=commentary,
        status=status,
    )
    if not risk.reviews.filter(date__gt=date).exists():
        risk.residual_likelihood = likelihood
        risk.residual_impact = impact
        risk.status = status
        risk.review_date = next_review_date
        risk._change_reason = "Review"
        risk.save(update_fields=["residual_likelihood", "residual_impact", "status", "review_date"])
    return review
