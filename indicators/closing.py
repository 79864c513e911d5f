"""What closing a period would leave behind: the figures not in, not finished or not verified.

Closing makes a period's figures read-only, so the person closing it is shown this first, by
service, and confirms it by name (the periods page and the publishing of a pack that closes
its period both ask). The fingerprint ties a confirmation to what was shown: if a figure
arrives or is verified meanwhile, the confirmation no longer matches and is asked again.
"""

from dataclasses import dataclass, field
from datetime import date

from core.models import CouncilSettings, OrgUnit
from indicators.choices import FigureState
from indicators.figures.due import due_date_for, is_closed
from indicators.models import Figure, Indicator
from indicators.periods import Period, due_date


@dataclass
class ServiceLeftovers:
    """One service's indicators whose figure for the period is missing, unfinished or unverified."""

    service: OrgUnit
    missing: list[Indicator] = field(default_factory=list)
    unfinished: list[Indicator] = field(default_factory=list)  # draft or returned
    unverified: list[Indicator] = field(default_factory=list)  # submitted, not verified


@dataclass
class ClosingSummary:
    period: Period
    today: date
    due: date  # the latest day any of the period's figures is due
    indicator_count: int
    services: list[ServiceLeftovers]
    already_closed: bool

    @property
    def missing(self) -> int:
        return sum(len(s.missing) for s in self.services)

    @property
    def unfinished(self) -> int:
        return sum(len(s.unfinished) for s in self.services)

    @property
    def unverified(self) -> int:
        return sum(len(s.unverified) for s in self.services)

    @property
    def left_behind(self) -> int:
        return self.missing + self.unfinished + self.unverified

    @property
    def is_early(self) -> bool:
        """Return whether closing now comes before the figures are all due."""
        return self.today <= self.due

    @property
    def days_early(self) -> int:
        return (self.due - self.today).days

    @property
    def has_ended(self) -> bool:
        return self.period.end < self.today

    @property
    def fingerprint(self) -> str:
        """Return a token naming exactly what is left behind (codes by kind)."""
        parts = []
        for kind in ("missing", "unfinished", "unverified"):
            codes = sorted(i.code for s in self.services for i in getattr(s, kind))
            parts.append(f"{kind}:{','.join(codes)}")
        return ";".join(parts)

    def sentence(self) -> str:
        """Return what is left behind in words, e.g. '13 figures missing, 8 not verified'."""
        pieces = []
        if self.missing:
            pieces.append(f"{self.missing} {_figures(self.missing)} not in")
        if self.unfinished:
            pieces.append(f"{self.unfinished} draft or returned")
        if self.unverified:
            pieces.append(f"{self.unverified} submitted but not verified")
        return ", ".join(pieces) if pieces else "every figure verified"


def _figures(count: int) -> str:
    return "figure" if count == 1 else "figures"


def closing_summary(period: Period, *, today: date) -> ClosingSummary:
    """Return what closing `period` on `today` would leave behind, by service (few queries)."""
    indicators = list(
        Indicator.objects.filter(frequency=period.frequency)
        .active_in(period)
        .select_related("service")
        .order_by("service__name", "code")
    )
    states = dict(
        Figure.objects.filter(
            indicator__in=[i.pk for i in indicators], year=period.year, number=period.number
        ).values_list("indicator_id", "state")
    )
    council = CouncilSettings.load()
    due = max(
        (due_date_for(i, period, council) for i in indicators),
        default=due_date(period, council.due_working_days),
    )
    by_service: dict[int, ServiceLeftovers] = {}
    for indicator in indicators:
        state = states.get(indicator.pk)
        if state == FigureState.VERIFIED:
            continue
        leftovers = by_service.setdefault(
            indicator.service_id, ServiceLeftovers(service=indicator.service)
        )
        if state is None:
            leftovers.missing.append(indicator)
        elif state == FigureState.SUBMITTED:
            leftovers.unverified.append(indicator)
        else:
            leftovers.unfinished.append(indicator)
    return ClosingSummary(
        period=period,
        today=today,
        due=due,
        indicator_count=len(indicators),
        services=list(by_service.values()),
        already_closed=is_closed(period),
    )
