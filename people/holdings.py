"""What a person holds that someone must hold after them: PIs they own or deputise, actions
they lead, risks, plans and registers they own.

One table of kinds serves the person's page (what they own), the leaver's handover and the
import's refusal to deactivate someone who still holds something.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet

from actions.models import Action, ActionPlan, Risk, RiskRegister
from indicators.models import Indicator
from plans.choices import PlanKind
from plans.models import Objective, Plan


def _set_owner(field: str) -> Callable[[Model, User, User], None]:
    def hand_over(obj: Model, person: User, to: User) -> None:
        setattr(obj, field, to)

    return hand_over


def _pi_owner(pi: Indicator, person: User, to: User) -> None:
    pi.owner = to
    if pi.deputy_id == to.pk:  # the deputy becomes the owner: no one is their own deputy
        pi.deputy = None


def _pi_deputy(pi: Indicator, person: User, to: User) -> None:
    pi.deputy = None if pi.owner_id == to.pk else to


def _action_lead(action: Action, person: User, to: User) -> None:
    action.leads.remove(person)
    action.leads.add(to)


@dataclass(frozen=True)
class HoldingKind:
    key: str
    label: str  # what the person is to the item: "PI owner"
    heading: str  # the list of such items on a page: "PIs owned"
    items: Callable[[User], QuerySet]
    hand_over: Callable[[Model, User, User], None]  # changes the item; the caller saves it
    name: Callable[[Model], str] = str


def _pi_name(pi: Indicator) -> str:
    return f"{pi.code} {pi.title}"


HOLDING_KINDS: tuple[HoldingKind, ...] = (
    HoldingKind(
        "pi_owner",
        "PI owner",
        "PIs owned",
        lambda u: Indicator.objects.filter(owner=u).order_by("code"),
        _pi_owner,
        _pi_name,
    ),
    HoldingKind(
        "pi_deputy",
        "PI deputy",
        "PIs deputised",
        lambda u: Indicator.objects.filter(deputy=u).order_by("code"),
        _pi_deputy,
        _pi_name,
    ),
    HoldingKind(
        "action_lead",
        "Action lead",
        "Actions led",
        lambda u: Action.objects.filter(leads=u).select_related("theme__plan"),
        _action_lead,
        lambda a: f"{a.number} {a.title} ({a.theme.plan})",
    ),
    HoldingKind(
        "risk_owner",
        "Risk owner",
        "Risks owned",
        lambda u: Risk.objects.filter(owner=u).order_by("ref"),
        _set_owner("owner"),
        lambda r: f"{r.ref} {r.title}",
    ),
    HoldingKind(
        "plan_owner",
        "Plan owner",
        "Plans owned",
        # An individual plan is the person's own record of their objectives: it stays theirs.
        lambda u: Plan.objects.filter(owner=u).exclude(kind=PlanKind.INDIVIDUAL),
        _set_owner("owner"),
    ),
    HoldingKind(
        "objective_lead",
        "Objective lead",
        "Plan objectives led",
        lambda u: (
            Objective.objects.filter(owner=u)
            .exclude(plan__kind=PlanKind.INDIVIDUAL)
            .select_related("plan")
        ),
        _set_owner("owner"),
        lambda o: f"{o.number}. {o.title} ({o.plan})",
    ),
    HoldingKind(
        "action_plan_owner",
        "Action plan owner",
        "Action plans owned",
        lambda u: ActionPlan.objects.filter(owner=u),
        _set_owner("owner"),
    ),
    HoldingKind(
        "register_owner",
        "Risk register owner",
        "Risk registers owned",
        lambda u: RiskRegister.objects.filter(owner=u),
        _set_owner("owner"),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in HOLDING_KINDS}


@dataclass
class Holding:
    kind: HoldingKind
    obj: Model

    @property
    def key(self) -> str:
        """The form field name of this item on the handover page."""
        return f"{self.kind.key}-{self.obj.pk}"

    @property
    def name(self) -> str:
        return self.kind.name(self.obj)


def holdings_of(person: User) -> list[Holding]:
    """Return everything the person holds, kind by kind (a query per kind)."""
    return [Holding(kind, obj) for kind in HOLDING_KINDS for obj in kind.items(person)]


def holdings_by_kind(person: User) -> list[tuple[HoldingKind, list[Holding]]]:
    """Return [(kind, holdings)] for the kinds the person holds anything of."""
    grouped: dict[str, list[Holding]] = {}
    for holding in holdings_of(person):
        grouped.setdefault(holding.kind.key, []).append(holding)
    return [(KINDS_BY_KEY[key], items) for key, items in grouped.items()]


def holding_summary(person: User) -> str:
    """Return e.g. 'PIs owned: 2; Actions led: 1' for a person holding things; '' otherwise."""
    return "; ".join(f"{kind.heading}: {len(items)}" for kind, items in holdings_by_kind(person))
