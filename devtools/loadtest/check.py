"""After the load: is every submitted figure there exactly once, and was no update lost?"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db.models import Count

from devtools.loadtest.names import DEPUTY, OWNER
from indicators.models import Figure, Indicator
from indicators.periods import Period


@dataclass
class CheckResult:
    submitted_pages: int = 0
    conflicts: int = 0
    figures_checked: int = 0
    unanswered: int = 0  # submits the run stopped before they were answered
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_outcomes(path: Path) -> list[dict]:
    """Return the outcome lines the virtual officers wrote (one JSON object a line)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def check(*, outcomes: list[dict], pairs: int, period: Period) -> CheckResult:
    """Compare what the officers were told with what the database holds.

    Each outcome is {"user", "status": "saved"|"conflict"|..., "typed": {"value": ...}}.
    For each pair: at most one of owner and deputy may have been told "saved"; if one was,
    every figure of the pair holds exactly what that person typed; nobody was told "saved"
    for a page whose figures then hold someone else's value (a lost update).
    """
    result = CheckResult()
    told: dict[str, list[dict]] = defaultdict(list)
    for outcome in outcomes:
        told[outcome["user"]].append(outcome)
        result.submitted_pages += outcome["status"] == "saved"
        result.conflicts += outcome["status"] == "conflict"
    duplicates = (
        Figure.objects.filter(year=period.year, number=period.number)
        .values("indicator_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    if duplicates.exists():
        result.problems.append(f"{duplicates.count()} indicator(s) have more than one figure")
    for pair in range(pairs):
        owner, deputy = OWNER.format(pair), DEPUTY.format(pair)
        savers = [
            (user, o) for user in (owner, deputy) for o in told[user] if o["status"] == "saved"
        ]
        figures = list(
            Figure.objects.filter(
                indicator__in=Indicator.objects.filter(owner__username=owner),
                year=period.year,
                number=period.number,
            ).select_related("indicator")
        )
        result.figures_checked += len(figures)
        if len(savers) > 1:
            result.problems.append(f"pair {pair}: both {owner} and {deputy} were told 'saved'")
            continue
        if not savers:
            # A submit still in flight when the run stopped was never answered: its figures
            # may be stored, and must then be exactly what its sender typed.
            savers = [(user, o) for user in (owner, deputy) for o in _unanswered(told[user])][:1]
            if not savers:
                if any(f.state != "draft" for f in figures):
                    result.problems.append(f"pair {pair}: figures changed but nobody was told so")
                continue
            if all(f.state == "draft" for f in figures):
                continue
            result.unanswered += 1
        user, outcome = savers[0]
        expected = outcome["typed"]
        for figure in figures:
            stored = figure.numerator if figure.indicator.aggregation == "ratio" else figure.value
            key = "numerator" if figure.indicator.aggregation == "ratio" else "value"
            if stored is None or stored != Decimal(expected[key]):
                result.problems.append(
                    f"pair {pair}: {figure.indicator.code} holds {stored}, "
                    f"but {user} was told their {expected[key]} was saved"
                )
            if figure.state != "submitted":
                result.problems.append(f"pair {pair}: {figure.indicator.code} is {figure.state}")
    return result


def _unanswered(outcomes: list[dict]) -> list[dict]:
    """Return the user's last "sent" when no answer was recorded after it."""
    if outcomes and outcomes[-1]["status"] == "sent":
        return [outcomes[-1]]
    return []
