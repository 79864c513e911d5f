"""The golden thread's roll-up: a small tree where every node's counts are checked."""

import datetime
from decimal import Decimal

import pytest

from actions.choices import ActionStatus
from core.models import CouncilSettings
from dashboards.thread import build_thread
from indicators.choices import Polarity
from indicators.periods import Period
from plans.choices import PlanKind, PlanStatus
from tests.factories import (
    ActionFactory,
    FigureFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PlanFactory,
    RiskFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
OCTOBER = Period.month(2026, 7)


def _indicator(code: str, value: str | None, *, polarity=Polarity.HIGHER):
    indicator = IndicatorFactory(code=code, polarity=polarity)
    TargetFactory(indicator=indicator, year=2026, annual_target=Decimal("100"))
    if value is not None:
        FigureFactory(
            indicator=indicator, year=2026, number=7, value=Decimal(value), state="verified"
        )
    return indicator


@pytest.fixture
def tree(people):
    """Community P1, P2 <- Council K1, K2 (P1), K3 (P2) <- Service S1, S2 (K1) <- Team T1 (S1)."""
    community = PlanFactory(kind=PlanKind.COMMUNITY, title="Community")
    council = PlanFactory(kind=PlanKind.COUNCIL, title="Council", parent=community)
    service = PlanFactory(kind=PlanKind.SERVICE, title="Service", parent=council)
    team = PlanFactory(kind=PlanKind.TEAM, title="Team", parent=service)
    n = {}
    n["P1"] = ObjectiveFactory(plan=community, number=1)
    n["P2"] = ObjectiveFactory(plan=community, number=2)
    n["K1"] = ObjectiveFactory(plan=council, number=1, contributes_to=n["P1"])
    n["K2"] = ObjectiveFactory(plan=council, number=2, contributes_to=n["P1"])
    n["K3"] = ObjectiveFactory(plan=council, number=3, contributes_to=n["P2"])
    n["S1"] = ObjectiveFactory(plan=service, number=1, contributes_to=n["K1"])
    n["S2"] = ObjectiveFactory(plan=service, number=2, contributes_to=n["K1"])
    n["T1"] = ObjectiveFactory(plan=team, number=1, contributes_to=n["S1"])
    g1, g2 = _indicator("G1", "110"), _indicator("G2", "100")
    a1 = _indicator("A1", "97")  # within the default 5% tolerance
    r1 = _indicator("R1", "50")
    n1 = _indicator("N1", None)  # no figure, past due: missing
    d1 = _indicator("D1", "42", polarity=Polarity.DATA)
    n["T1"].indicators.set([g1, r1])
    n["S1"].indicators.set([g1, a1])  # G1 again: counted once above
    n["S2"].indicators.set([g2, n1])
    n["K1"].indicators.set([d1])
    n["K2"].indicators.set([r1])  # R1 on two branches under P1: once for P1
    n["K3"].indicators.set([a1])
    late = ActionFactory(status=ActionStatus.IN_PROGRESS, due_date=datetime.date(2026, 9, 30))
    shared = ActionFactory(status=ActionStatus.IN_PROGRESS)
    done = ActionFactory(status=ActionStatus.COMPLETE, due_date=datetime.date(2026, 6, 30))
    waiting = ActionFactory(status=ActionStatus.NOT_STARTED)
    late.objectives.set([n["T1"]])
    shared.objectives.set([n["T1"], n["S1"]])
    done.objectives.set([n["S2"]])
    waiting.objectives.set([n["K3"]])
    RiskFactory().objectives.set([n["S2"]])
    return n


def _counts(node) -> dict[str, int]:
    return {key: node.rag_counts.get(key) for key in ("green", "amber", "red", "no_data")}


def _actions(node) -> dict[str, int]:
    counts = {key: value for key, value in node.action_counts.counts.items() if value}
    return {**counts, "overdue": node.overdue_actions}


EXPECTED_RAG = {
    "T1": {"green": 1, "amber": 0, "red": 1, "no_data": 0},
    "S1": {"green": 1, "amber": 1, "red": 1, "no_data": 0},
    "S2": {"green": 1, "amber": 0, "red": 0, "no_data": 1},
    "K1": {"green": 2, "amber": 1, "red": 1, "no_data": 2},
    "K2": {"green": 0, "amber": 0, "red": 1, "no_data": 0},
    "K3": {"green": 0, "amber": 1, "red": 0, "no_data": 0},
    "P1": {"green": 2, "amber": 1, "red": 1, "no_data": 2},
    "P2": {"green": 0, "amber": 1, "red": 0, "no_data": 0},
}

EXPECTED_ACTIONS = {
    "T1": {"in_progress": 2, "overdue": 1},
    "S1": {"in_progress": 2, "overdue": 1},
    "S2": {"complete": 1, "overdue": 0},
    "K1": {"in_progress": 2, "complete": 1, "overdue": 1},
    "K2": {"overdue": 0},
    "K3": {"not_started": 1, "overdue": 0},
    "P1": {"in_progress": 2, "complete": 1, "overdue": 1},
    "P2": {"not_started": 1, "overdue": 0},
}


def test_every_node_counts_each_indicator_beneath_it_once_by_rag(tree, people):
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    for name, expected in EXPECTED_RAG.items():
        assert _counts(thread.nodes[tree[name].pk]) == expected, name


def test_every_node_counts_each_action_beneath_it_once_by_status(tree, people):
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    for name, expected in EXPECTED_ACTIONS.items():
        assert _actions(thread.nodes[tree[name].pk]) == expected, name


def test_risks_roll_up_too(tree, people):
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    assert len(thread.nodes[tree["P1"].pk].all_risk_ids) == 1
    assert not thread.nodes[tree["P2"].pk].all_risk_ids


def test_the_tree_hangs_from_the_community_priorities(tree, people):
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    assert [root.objective for root in thread.roots] == [tree["P1"], tree["P2"]]
    p1 = thread.roots[0]
    assert [c.objective for c in p1.children] == [tree["K1"], tree["K2"]]
    k1 = p1.children[0]
    assert [c.objective for c in k1.children] == [tree["S1"], tree["S2"]]
    assert [c.objective for c in k1.children[0].children] == [tree["T1"]]
    assert [n.depth for n in p1.walk()] == [0, 1, 2, 3, 2, 1]


def test_bar_segments_add_up_to_the_whole(tree, people):
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    segments = thread.nodes[tree["P1"].pk].rag_counts.segments()
    assert [s.count for s in segments] == [2, 1, 1, 2]
    assert sum(s.percent for s in segments) == pytest.approx(100)
    assert segments[1].offset == pytest.approx(100 * 2 / 6)


def test_other_years_and_archived_plans_are_left_out(tree, people):
    archived = PlanFactory(kind=PlanKind.SERVICE, status=PlanStatus.ARCHIVED)
    ObjectiveFactory(plan=archived)
    next_year = PlanFactory(kind=PlanKind.COMMUNITY, year=2027)
    ObjectiveFactory(plan=next_year)
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    assert len(thread.nodes) == len(tree)


def test_a_node_whose_target_is_hidden_starts_its_own_branch(tree, people):
    draft = PlanFactory(kind=PlanKind.SERVICE, status=PlanStatus.DRAFT, parent=tree["K1"].plan)
    hidden = ObjectiveFactory(plan=draft, contributes_to=tree["K1"])
    thread = build_thread(people.board, 2026, OCTOBER, today=TODAY)
    assert hidden.pk not in thread.nodes  # board members do not see drafts
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    assert hidden.pk in thread.nodes


def test_the_thread_takes_a_fixed_number_of_queries(tree, people, django_assert_max_num_queries):
    CouncilSettings.load()
    # One of them reads the person's roles once: a partner contributor's thread is narrowed.
    with django_assert_max_num_queries(17) as small:
        build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    for number in range(3):
        team = PlanFactory(kind=PlanKind.TEAM, parent=tree["S1"].plan)
        for i in range(5):
            objective = ObjectiveFactory(plan=team, number=i + 1, contributes_to=tree["S1"])
            objective.indicators.set([_indicator(f"X{number}{i}", "80")])
            ActionFactory().objectives.set([objective])
    with django_assert_max_num_queries(len(small.captured_queries)):
        build_thread(people.perf, 2026, OCTOBER, today=TODAY)


def test_a_draft_plans_objective_shows_but_counts_in_nothing_above_it(tree, people):
    draft = PlanFactory(kind=PlanKind.TEAM, status=PlanStatus.DRAFT, parent=tree["S2"].plan)
    pending = ObjectiveFactory(plan=draft, contributes_to=tree["S2"])
    pending.indicators.set([_indicator("DR1", "10")])
    thread = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    node = thread.nodes[pending.pk]
    assert node in thread.nodes[tree["S2"].pk].children and not node.is_counted
    assert _counts(node) == {"green": 0, "amber": 0, "red": 1, "no_data": 0}
    for name in ("S2", "K1", "P1"):
        assert _counts(thread.nodes[tree[name].pk]) == EXPECTED_RAG[name], name


def test_unverified_figures_count_only_when_asked_for(tree, people):
    late = _indicator("U1", None)
    FigureFactory(indicator=late, year=2026, number=7, value=Decimal("10"), state="submitted")
    tree["K3"].indicators.add(late)
    verified_only = build_thread(people.perf, 2026, OCTOBER, today=TODAY)
    assert _counts(verified_only.nodes[tree["K3"].pk])["red"] == 0
    with_unverified = build_thread(people.perf, 2026, OCTOBER, today=TODAY, include_unverified=True)
    assert _counts(with_unverified.nodes[tree["K3"].pk])["red"] == 1


def test_links_between_roll_ups_keep_the_choice_of_unverified_figures(client, tree, people):
    from django.urls import reverse

    client.force_login(people.perf)
    beneath = reverse("plans:beneath", args=[tree["P1"].pk])
    page = client.get(reverse("plans:thread"), {"period": OCTOBER.label, "figures": "entered"})
    assert f"{beneath}?period={OCTOBER.label}&amp;figures=entered" in page.content.decode()
    page = client.get(reverse("plans:thread"), {"period": OCTOBER.label})
    assert f'{beneath}?period={OCTOBER.label}"' in page.content.decode()
