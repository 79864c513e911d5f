"""Load-test people and work: pairs of officers (owner and deputy) who share due indicators.

Owner and deputy of the same indicators submit at the same time on purpose: one of them must
win and the other be told of the conflict, never a silent overwrite.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.demo import demo_person
from core.roles import Role
from devtools.loadtest.names import BOARD, DEPUTY, OWNER
from indicators.choices import Frequency
from indicators.models import Figure, Indicator, PeriodClosure
from indicators.periods import Period


@dataclass(frozen=True)
class LoadPlan:
    pairs: int
    per_pair: int
    board: int
    period: Period


def due_month(today=None) -> Period:
    """Return the month whose figures are due on the deadline day: the last month ended."""
    today = today or timezone.localdate()
    return Period.containing(today, Frequency.MONTHLY).previous()


def _user(username: str, role: str, unit) -> User:
    first, _, number = username.partition("-")[2].partition("-")
    return demo_person(username, first.title(), number, role=role, unit=unit, title="Load test")


@transaction.atomic
def prepare(*, pairs: int, per_pair: int, board: int) -> LoadPlan:
    """Create the load users and give each pair `per_pair` monthly indicators due now.

    The chosen indicators' figures for the due month are removed and the month reopened, so
    the officers find them due, as on the real deadline day.
    """
    period = due_month()
    candidates = list(
        Indicator.objects.filter(frequency=Frequency.MONTHLY)
        .select_related("service")
        .order_by("pk")[: pairs * per_pair]
    )
    if len(candidates) < pairs * per_pair:
        raise ValueError(
            f"Need {pairs * per_pair} monthly indicators, the database has {len(candidates)}: "
            "seed it with `manage.py seed_demo --size large`."
        )
    PeriodClosure.objects.filter(
        frequency=Frequency.MONTHLY, year=period.year, number=period.number
    ).delete()
    Figure.objects.filter(indicator__in=candidates, year=period.year, number=period.number).delete()
    for pair in range(pairs):
        chunk = candidates[pair * per_pair : (pair + 1) * per_pair]
        unit = chunk[0].service
        owner = _user(OWNER.format(pair), Role.OFFICER, unit)
        deputy = _user(DEPUTY.format(pair), Role.OFFICER, unit)
        Indicator.objects.filter(pk__in=[i.pk for i in chunk]).update(owner=owner, deputy=deputy)
    council_unit = candidates[0].service
    for number in range(board):
        _user(BOARD.format(number), Role.BOARD, council_unit)
    return LoadPlan(pairs=pairs, per_pair=per_pair, board=board, period=period)
