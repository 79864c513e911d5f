"""The golden thread as a tree of objectives, with status rolled up from everything beneath
(the thread page, a plan's page and export, "everything beneath" an objective).

It reads plans, indicators, actions and risks, so it lives above them all. It follows the
rules every roll-up follows (`plans.rollup`: which plans and which figures count).
`build_thread` reads the objectives a user may see for one plan year, their indicator,
action and risk links, and the indicators' assessments for a period, in a fixed number of
queries whatever the size of the tree, then rolls the counts up in one pass in memory. An
indicator or action linked at several places beneath a node counts once for that node.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from actions.choices import ActionStatus
from actions.models import Action, Risk
from core.access import partner_unit_ids
from indicators import cached
from indicators.assessment import Assessment, BasisRule
from indicators.choices import Rag
from indicators.models import Indicator
from indicators.periods import Period, fy_label
from indicators.visibility import visible_indicators
from plans.choices import KIND_RANK, PlanKind, PlanStatus
from plans.models import Objective
from plans.rollup import counted_figures

# Kinds of plan the council has one of: their kind is name enough.
TOP_KINDS = (PlanKind.COMMUNITY, PlanKind.COUNCIL, PlanKind.IMPROVEMENT)

RAG_BUCKETS = (
    *((rag.value, rag.label) for rag in (Rag.GREEN, Rag.AMBER, Rag.RED)),
    ("no_data", "No data"),
)


def rag_bucket(rag: str | None) -> str:
    """Return the roll-up bucket of an assessment's RAG: green, amber, red or no_data."""
    return rag if rag in (Rag.GREEN, Rag.AMBER, Rag.RED) else "no_data"


@dataclass
class Segment:
    key: str
    label: str
    count: int
    percent: float
    offset: float  # where the segment starts on a 0-100 bar


@dataclass
class Counts:
    """Counts by category, with the shares a stacked bar needs."""

    counts: dict[str, int]
    labels: tuple[tuple[str, str], ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def segments(self) -> list[Segment]:
        """Return one segment per category, in order, with its share of a 0-100 bar."""
        total = self.total or 1
        segments, offset = [], 0.0
        for key, label in self.labels:
            share = 100 * self.get(key) / total
            segments.append(Segment(key, label, self.get(key), share, offset))
            offset += share
        return segments

    def get(self, key: str) -> int:
        return self.counts.get(key, 0)


@dataclass(eq=False)  # nodes are compared by identity, never field by field
class ThreadNode:
    objective: Objective
    depth: int = 0
    parent: "ThreadNode | None" = None
    children: list["ThreadNode"] = field(default_factory=list)
    indicator_ids: set[int] = field(default_factory=set)  # linked here
    action_ids: set[int] = field(default_factory=set)
    risk_ids: set[int] = field(default_factory=set)
    # Everything at or beneath this node, filled by the roll-up.
    all_indicator_ids: set[int] = field(default_factory=set)
    all_action_ids: set[int] = field(default_factory=set)
    all_risk_ids: set[int] = field(default_factory=set)
    rag_counts: Counts | None = None
    action_counts: Counts | None = None
    overdue_actions: int = 0

    @property
    def plan(self):
        return self.objective.plan

    @property
    def is_counted(self) -> bool:
        """Return whether this objective counts in the roll-ups above it (counted_objectives)."""
        return self.objective.is_counted  # type: ignore[attr-defined]  # with_counted()

    @property
    def plan_label(self) -> str:
        """Return the plan's kind, with its title where the kind alone does not name it."""
        plan = self.objective.plan
        kind = plan.get_kind_display()
        return kind if plan.kind in TOP_KINDS else f"{kind}: {plan.title}"

    def walk(self) -> Iterable["ThreadNode"]:
        """Yield this node and every node beneath it, depth first, in display order."""
        seen: set[int] = set()
        stack = [self]
        while stack:
            node = stack.pop()
            if id(node) in seen:  # a loop in bad data: visit each node once
                continue
            seen.add(id(node))
            yield node
            stack.extend(reversed(node.children))


@dataclass
class Thread:
    year: int
    period: Period
    roots: list[ThreadNode]
    nodes: dict[int, ThreadNode]
    assessments: dict[int, Assessment]  # by indicator id
    indicators: dict[int, Indicator]
    actions: dict[int, Action]
    risks: dict[int, Risk]
    overdue_action_ids: set[int]

    @property
    def year_label(self) -> str:
        return fy_label(self.year)

    def rag_of(self, indicator_id: int) -> str | None:
        assessment = self.assessments.get(indicator_id)
        return getattr(assessment, "rag", None)

    def indicator_rows(self, ids: Iterable[int]) -> list["IndicatorRow"]:
        """Return the indicators `ids` with their assessments, by code."""
        rows = [
            IndicatorRow(self.indicators[pk], self.assessments.get(pk), self.rag_of(pk))
            for pk in ids
        ]
        return sorted(rows, key=lambda row: row.indicator.code)

    def action_list(self, ids: Iterable[int]) -> list:
        """Return the actions `ids`, in their plans' order, flagged when overdue."""
        actions = [self.actions[pk] for pk in ids]
        for action in actions:
            action.is_overdue_now = action.pk in self.overdue_action_ids  # type: ignore[attr-defined]
        return sorted(actions, key=_natural_key)

    def risk_list(self, ids: Iterable[int]) -> list:
        """Return the risks `ids` in reference order."""
        return sorted((self.risks[pk] for pk in ids), key=_natural_key)


@dataclass
class IndicatorRow:
    indicator: Indicator
    assessment: Assessment | None
    rag: str | None

    @property
    def bucket(self) -> str:
        return rag_bucket(self.rag)


def _natural_key(obj) -> tuple:
    return (obj._meta.label, str(obj))


def assess(
    indicators: list[Indicator], period: Period, today: datetime.date, basis: BasisRule
) -> dict[int, Assessment]:
    """Return {indicator id: Assessment} from the shared cache of assessments, in a fixed
    number of queries."""
    assessments = cached.assess(indicators, period, today=today, basis=basis)
    return {a.indicator.pk: a for a in assessments}


def thread_objectives(user, year: int, also_plan: int | None = None):
    """Objectives of `year`'s current plans (and of plan `also_plan`) that `user` may see,
    each with `is_counted` (counted_objectives)."""
    archived = Q(plan__status=PlanStatus.ARCHIVED) & ~Q(plan_id=also_plan)
    return (
        Objective.objects.visible_to(user)
        .filter(plan__year=year)
        .exclude(archived)
        .with_counted()
        .select_related("plan", "plan__unit", "plan__owner", "owner")
    )


def build_thread(
    user,
    year: int,
    period: Period,
    *,
    today: datetime.date | None = None,
    focus: Iterable[int] | None = None,
    also_plan: int | None = None,
    include_unverified: bool = False,
) -> Thread:
    """Return the golden thread of plan year `year` as `user` may see it, rolled up for `period`.

    Roots are the objectives that contribute to nothing visible (the Community Plan's
    priorities first); an objective whose target is hidden from the user starts a root too,
    so nothing the user may see goes missing. With `focus` (objective ids), the roots are
    those objectives and only what lies beneath them is read and rolled up (a plan page,
    'everything beneath'); the other nodes are there, without links or counts. Archived
    plans are left out, except `also_plan` (an archived plan's own page). A draft (or
    individual) plan's objectives show to those who may see them, with their own counts, but
    count in nothing above them (counted_objectives), so every user's thread counts what the
    dashboard and the reports count. Figures count as `counted_figures` says; indicators only
    when active in the period.
    """
    today = today or timezone.localdate()
    objectives = list(thread_objectives(user, year, also_plan))
    objectives.sort(key=lambda o: (KIND_RANK[o.plan.kind], o.plan.title, o.plan_id, o.number))
    nodes = {objective.pk: ThreadNode(objective) for objective in objectives}
    roots: list[ThreadNode] = []
    for node in nodes.values():
        node.parent = nodes.get(node.objective.contributes_to_id)
        if node.parent is None:
            roots.append(node)
        else:
            node.parent.children.append(node)
    if focus is not None:
        roots = [nodes[pk] for pk in focus if pk in nodes]
        ids = list({item.objective.pk for root in roots for item in root.walk()})
    else:
        ids = list(nodes)

    links = Objective.indicators.through.objects.filter(objective_id__in=ids)
    for objective_id, indicator_id in links.values_list("objective_id", "indicator_id"):
        nodes[objective_id].indicator_ids.add(indicator_id)
    # The council's actions and risks are its internals: not on a partner's thread.
    internals = [] if partner_unit_ids(user) is not None else ids
    actions: dict[int, Action] = {}
    action_links = Action.objectives.through.objects.filter(objective_id__in=internals)
    for link in action_links.select_related("action"):
        nodes[link.objective_id].action_ids.add(link.action_id)
        actions[link.action_id] = link.action
    risks: dict[int, Risk] = {}
    risk_links = Risk.objectives.through.objects.filter(objective_id__in=internals)
    for risk_link in risk_links.select_related("risk"):
        nodes[risk_link.objective_id].risk_ids.add(risk_link.risk_id)
        risks[risk_link.risk_id] = risk_link.risk

    indicator_ids = set().union(*(nodes[pk].indicator_ids for pk in ids))
    indicators = {
        indicator.pk: indicator
        for indicator in visible_indicators(user, Indicator.objects.active_in(period)).filter(
            pk__in=indicator_ids
        )
    }
    for node in nodes.values():
        node.indicator_ids &= indicators.keys()
    basis = counted_figures(user, include_unverified=include_unverified)
    assessments = assess(list(indicators.values()), period, today, basis) if indicators else {}

    overdue = {pk for pk, action in actions.items() if action.is_overdue(today)}
    status_labels = tuple(ActionStatus.choices)
    for root in roots:
        _roll_up(root, 0, assessments, actions, overdue, status_labels, set())
    return Thread(year, period, roots, nodes, assessments, indicators, actions, risks, overdue)


def _roll_up(node, depth, assessments, actions, overdue, status_labels, path) -> None:
    """Fill the node's sets and counts from its own links and its children's, recursively."""
    node.depth = depth
    node.all_indicator_ids = set(node.indicator_ids)
    node.all_action_ids = set(node.action_ids)
    node.all_risk_ids = set(node.risk_ids)
    path = path | {node.objective.pk}
    for child in node.children:
        if child.objective.pk in path:  # a loop in bad data: never recurse forever
            continue
        _roll_up(child, depth + 1, assessments, actions, overdue, status_labels, path)
        if not child.is_counted:
            continue  # shown beneath, counted in nothing above it
        node.all_indicator_ids |= child.all_indicator_ids
        node.all_action_ids |= child.all_action_ids
        node.all_risk_ids |= child.all_risk_ids
    rags = Counter(
        rag_bucket(getattr(assessments.get(pk), "rag", None)) for pk in node.all_indicator_ids
    )
    node.rag_counts = Counts(dict(rags), RAG_BUCKETS)
    statuses = Counter(actions[pk].status for pk in node.all_action_ids)
    node.action_counts = Counts(dict(statuses), status_labels)
    node.overdue_actions = len(node.all_action_ids & overdue)
