"""Rules over many actions and risks, as QuerySet methods (a fixed number of queries)."""

import datetime

from django.db import models
from django.db.models import Case, Count, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from actions.choices import ActionRag, ActionStatus, PlanKind, RiskStatus, WhenKind


class DaysBetween(models.Func):
    """Whole days from `start` to `end` (dates), as an integer, on SQLite and PostgreSQL."""

    output_field = models.IntegerField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: date - date is an integer number of days.
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def first_of_month(today: datetime.date) -> datetime.date:
    return today.replace(day=1)


def _today(today: datetime.date | None) -> datetime.date:
    """Return `today`, or the local date when None (callers in a loop pass it once)."""
    return today or timezone.localdate()


def overdue_q(today: datetime.date | None = None) -> Q:
    """An action past its due date (open-ended 'when's are never overdue); open or not."""
    return Q(when_kind=WhenKind.DATE, due_date__lt=_today(today))


class ActionQuerySet(models.QuerySet):
    def for_table(self) -> "ActionQuerySet":
        """Return the actions with everything a plan table shows, in a fixed number of queries."""
        return self.select_related("theme__plan", "service").prefetch_related("leads", "teams")

    def open(self) -> "ActionQuerySet":
        """Actions neither complete nor cancelled."""
        return self.exclude(status__in=ActionStatus.closed())

    def overdue(self, today: datetime.date | None = None) -> "ActionQuerySet":
        """Open actions whose due date has passed (open-ended 'when's are never overdue)."""
        return self.open().filter(overdue_q(today))

    def with_last_update(self) -> "ActionQuerySet":
        """Annotate `last_update_date`: the date of the latest progress update, or None."""
        from actions.models import ActionUpdate

        latest = (
            ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-date").values("date")[:1]
        )
        return self.annotate(last_update_date=Subquery(latest))

    def without_update_this_month(self, today: datetime.date | None = None) -> "ActionQuerySet":
        """Open actions with no progress update dated in `today`'s calendar month."""
        return (
            self.open()
            .with_last_update()
            .filter(
                Q(last_update_date__isnull=True)
                | Q(last_update_date__lt=first_of_month(_today(today)))
            )
        )

    def with_suggested_rag(self, today: datetime.date | None = None) -> "ActionQuerySet":
        """Annotate `suggested_rag` and `rag` (the lead's override, else the suggestion).

        The same rule as Action.suggested_rag: actual >= 90% of expected is on track, <= 70%
        off track, else at risk; expected rises linearly from start to due date. Compared in
        whole days so no rounding differs between the database and Python.
        """
        today = _today(today)
        start = Coalesce(F("start_date"), F("theme__plan__start_date"))
        today_value = Value(today, output_field=models.DateField())
        span = DaysBetween(F("due_date"), start)
        elapsed = DaysBetween(today_value, start)
        pct = F("percent_complete")
        no_basis = (
            ~Q(when_kind=WhenKind.DATE)
            | Q(due_date__isnull=True)
            | (Q(start_date__isnull=True) & Q(theme__plan__start_date__isnull=True))
        )
        suggested = Case(
            When(status=ActionStatus.COMPLETE, then=Value(ActionRag.COMPLETE)),
            When(no_basis, then=Value("")),
            # Not started yet: nothing is expected.
            When(
                Q(start_date__gte=today)
                | Q(start_date__isnull=True, theme__plan__start_date__gte=today),
                then=Value(ActionRag.ON_TRACK),
            ),
            # Due (or a zero-length span): all of it is expected.
            When(
                Q(due_date__lte=today) | Q(span_days__lte=0),
                then=Case(
                    When(percent_complete__gte=90, then=Value(ActionRag.ON_TRACK)),
                    When(percent_complete__lte=70, then=Value(ActionRag.OFF_TRACK)),
                    default=Value(ActionRag.AT_RISK),
                ),
            ),
            When(Q(pct_x_span__gte=90 * F("elapsed_days")), then=Value(ActionRag.ON_TRACK)),
            When(Q(pct_x_span__lte=70 * F("elapsed_days")), then=Value(ActionRag.OFF_TRACK)),
            default=Value(ActionRag.AT_RISK),
            output_field=models.CharField(),
        )
        return self.annotate(span_days=span, elapsed_days=elapsed, pct_x_span=pct * span).annotate(
            suggested_rag=suggested,
            rag=Case(
                When(status=ActionStatus.COMPLETE, then=Value(ActionRag.COMPLETE)),
                When(~Q(rag_override=""), then=F("rag_override")),
                default=F("suggested_rag"),
                output_field=models.CharField(),
            ),
        )

    def off_track(self, today: datetime.date | None = None) -> "ActionQuerySet":
        """Open actions whose RAG (override or suggestion) is off track."""
        return self.open().with_suggested_rag(today).filter(rag=ActionRag.OFF_TRACK)

    def led_by(self, user) -> "ActionQuerySet":
        return self.filter(leads=user)

    def rag_counts(self, today: datetime.date | None = None) -> dict[str, int]:
        """Return {rag value or '': number of actions}, in one query."""
        rows = (
            self.with_suggested_rag(today).order_by().values("rag").annotate(n=models.Count("pk"))
        )
        return {row["rag"] or "": row["n"] for row in rows}


class RiskQuerySet(models.QuerySet):
    def open(self) -> "RiskQuerySet":
        return self.exclude(status=RiskStatus.CLOSED)

    def with_scores(self) -> "RiskQuerySet":
        """Annotate score_inherent, score_residual and score_target (likelihood x impact)."""
        return self.annotate(
            score_inherent=F("inherent_likelihood") * F("inherent_impact"),
            score_residual=F("residual_likelihood") * F("residual_impact"),
            score_target=F("target_likelihood") * F("target_impact"),
        )

    def by_residual_score(self) -> "RiskQuerySet":
        """Highest residual score first (ties: higher inherent score, then ref)."""
        return self.with_scores().order_by("-score_residual", "-score_inherent", "ref")

    def review_overdue(self, today: datetime.date | None = None) -> "RiskQuerySet":
        """Open risks whose next review date has passed."""
        return self.open().filter(review_date__lt=_today(today))

    def for_table(self) -> "RiskQuerySet":
        return self.select_related("owner", "register").prefetch_related("mitigating_actions")

    def top(self, n: int = 5) -> "RiskQuerySet":
        """Return the `n` open risks with the highest residual scores (all registers)."""
        return self.open().by_residual_score().select_related("owner", "register")[:n]


class ActionPlanQuerySet(models.QuerySet):
    def council_first(self) -> "ActionPlanQuerySet":
        """Council-wide plans first, then service plans; both by title."""
        service_last = Case(When(kind=PlanKind.SERVICE, then=1), default=0)
        return self.order_by(service_last, "title")

    def with_counts(self, today: datetime.date) -> "ActionPlanQuerySet":
        """Annotate `n_actions`, `n_complete` and `n_overdue` (open, past their due date)."""
        open_q = ~Q(themes__actions__status__in=ActionStatus.closed())
        return self.annotate(
            n_actions=Count("themes__actions"),
            n_complete=Count(
                "themes__actions", filter=Q(themes__actions__status=ActionStatus.COMPLETE)
            ),
            n_overdue=Count(
                "themes__actions",
                filter=open_q
                & Q(themes__actions__when_kind=WhenKind.DATE, themes__actions__due_date__lt=today),
            ),
        )


class RiskRegisterQuerySet(models.QuerySet):
    def with_counts(self, today: datetime.date) -> "RiskRegisterQuerySet":
        """Annotate `n_open`, `n_review_overdue` and `top_score` (the highest open residual)."""
        open_q = ~Q(risks__status=RiskStatus.CLOSED)
        return self.annotate(
            n_open=Count("risks", filter=open_q),
            n_review_overdue=Count("risks", filter=open_q & Q(risks__review_date__lt=today)),
            top_score=Max(
                F("risks__residual_likelihood") * F("risks__residual_impact"), filter=open_q
            ),
        )
