"""Every roll-up of the golden thread counts the same PIs for a Council Plan priority and
period: the dashboard, the thread, "everything beneath" and the reports follow one rule
(plans.rollup) for which plans and figures count and which month a page opens on."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from indicators.choices import Rag
from indicators.models import Indicator
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan
from reporting.choices import ReportType
from reporting.reports import build_report
from reporting.views import default_period

pytestmark = pytest.mark.django_db


def _dashboard(client) -> tuple[str, dict]:
    summary = client.get(reverse("dashboards:pmb")).context["summary"]
    counts = {int(g.value): (g.counts.total, g.counts.now[Rag.RED]) for g in summary.by_priority}
    return summary.period.label, counts


def _thread(client, priorities) -> tuple[str, dict]:
    context = client.get(reverse("plans:thread")).context
    nodes = context["thread"].nodes
    counts = {}
    for p in priorities:
        node = nodes[p.pk]
        counts[p.pk] = (node.rag_counts.total, node.rag_counts.get("red"))
    return context["period"].label, counts


def _beneath(client, priorities) -> tuple[set, dict]:
    periods, counts = set(), {}
    for p in priorities:
        context = client.get(reverse("plans:beneath", args=[p.pk])).context
        periods.add(context["period"].label)
        counts[p.pk] = (context["node"].rag_counts.total, context["node"].rag_counts.get("red"))
    return periods, counts


def _report(priorities) -> tuple[str, dict]:
    period = default_period(ReportType.PI_MONTHLY)  # what the reports page opens on
    summary = build_report("pi_monthly", period)["sections"][0]
    rows = {row["name"]: row for row in summary["rows"]}
    counts = {}
    for p in priorities:
        row = rows.get(f"{p.number}. {p.title}", {"total": 0, "red": 0})
        counts[p.pk] = (row["total"], row["red"])
    return period, counts


def _approved_beneath(priority: Objective) -> set[int]:
    """The PIs linked to objectives of approved (non-individual) plans at or beneath it."""
    objectives = Objective.objects.filter(plan__status=PlanStatus.APPROVED).exclude(
        plan__kind=PlanKind.INDIVIDUAL
    )
    children: dict[int, list[int]] = {}
    for pk, parent in objectives.values_list("pk", "contributes_to_id"):
        children.setdefault(parent, []).append(pk)
    wanted, stack = set(), [priority.pk]
    while stack:
        pk = stack.pop()
        wanted.add(pk)
        stack.extend(children.get(pk, []))
    return set(
        Indicator.objects.filter(objectives__in=wanted).values_list("pk", flat=True).distinct()
    )


@pytest.mark.parametrize("username", ["board", "perf"])
def test_dashboard_thread_beneath_and_report_count_the_same_pis_for_each_priority(
    seeded_demo, client, username
):
    client.force_login(User.objects.get(username=username))
    council_plan = Plan.objects.get(kind=PlanKind.COUNCIL, status=PlanStatus.APPROVED)
    priorities = list(council_plan.objectives.order_by("number"))

    dashboard_period, dashboard = _dashboard(client)
    thread_period, thread = _thread(client, priorities)
    beneath_periods, beneath = _beneath(client, priorities)
    report_period, report = _report(priorities)

    # They open on the same month...
    assert {dashboard_period, thread_period, report_period} | beneath_periods == {dashboard_period}
    # ...and count the same PIs, with the same number Red, under every priority.
    assert dashboard == thread == beneath == report
    # The demo's draft team plan (Housing Strategy) counts nowhere: only approved plans do.
    draft = Plan.objects.get(kind=PlanKind.TEAM, status=PlanStatus.DRAFT)
    assert draft.objectives.filter(indicators__isnull=False).exists()
    for p in priorities:
        assert dashboard[p.pk][0] == len(_approved_beneath(p)), p
        # The dashboard narrowed to the priority counts the same PIs as its row.
        summary = client.get(reverse("dashboards:pmb"), {"priority": p.pk}).context["summary"]
        assert (summary.overall.total, summary.overall.now[Rag.RED]) == dashboard[p.pk]
