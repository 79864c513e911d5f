"""Demo action plans and risk registers (seed_demo). Idempotent: safe to run twice.

- The Performance Management Strategy's implementation action plan (the seed document's
  Appendix 2), loaded from actions/fixtures with the importer, with statuses and updates.
- An Improvement Plan 2026/27 and service-plan actions with monthly progress updates.
- A corporate risk register and service registers, each risk with a year of quarterly reviews.
`--size large` tops up to 500 actions and 200 risks for benchmarks.
"""

import datetime
import random
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone

from actions.choices import (
    ActionRag,
    ActionStatus,
    PlanKind,
    Priority,
    RegisterKind,
    RiskStatus,
    WhenKind,
)
from actions.importer import action_plan_import
from actions.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    Risk,
    RiskRegister,
    RiskReview,
    Theme,
    objectives,
)
from actions.services import rag_at
from core.demo import demo_person
from core.models import OrgUnit
from core.roles import Role

FIXTURE = Path(__file__).parent / "fixtures" / "performance_management_strategy_action_plan.csv"
STRATEGY_TITLE = "Performance Management Strategy: implementation action plan"
LARGE_ACTIONS = 500
LARGE_RISKS = 200

# People named in the strategy's plan who get a login, so that "Who" links to them.
STRATEGY_PEOPLE = {
    "hbennett": ("Hugh", "Bennett", "Policy and Performance Manager"),
    "jouthwaite": ("John", "Outhwaite", "Performance and Data Quality Officer"),
}

# Strategy actions still open, with (status, % complete, progress note); the rest are complete.
STRATEGY_OPEN = {
    "3.3": (ActionStatus.ON_HOLD, 20, "On hold until the impact of CAA on local systems is known."),
    "3.5": (
        ActionStatus.IN_PROGRESS,
        70,
        "County HOPI meeting held; NI definitions aligned for 12 of 14 shared measures.",
    ),
    "5.2": (
        ActionStatus.IN_PROGRESS,
        60,
        "Heads of Policy and Improvement Group met; benchmarking exchange agreed.",
    ),
    "5.3": (ActionStatus.IN_PROGRESS, 50, "Two clinics held this quarter (planning, benefits)."),
}

# Open-ended strategy actions have no dates to judge progress by; their lead sets the RAG.
STRATEGY_OVERRIDES = {
    "3.5": (ActionRag.ON_TRACK, "Standing arrangement; county meetings held as planned."),
    "5.2": (ActionRag.ON_TRACK, "Group meets quarterly; benchmarking exchange agreed."),
    "5.3": (ActionRag.AT_RISK, "Only two clinics this half-year against four planned."),
}

IMPROVEMENT_PLAN = {
    1: (
        "Leadership and governance",
        [
            (
                "Refresh the Council Plan priorities with Cabinet",
                "Member workshops and consultation",
                "perf",
                Priority.HIGH,
                "2026-04-01",
                "2026-12-31",
                70,
            ),
            (
                "Introduce a Performance Management Board forward plan",
                "Quarterly agenda setting at PMB",
                "perf",
                Priority.MEDIUM,
                "2026-04-01",
                "2026-09-30",
                100,
            ),
            (
                "Member training on scrutiny of performance",
                "Two sessions with the LGA",
                "perf",
                Priority.MEDIUM,
                "2026-06-01",
                "2027-03-31",
                20,
            ),
        ],
    ),
    2: (
        "Housing and homelessness",
        [
            (
                "Reduce use of bed and breakfast for families",
                "Prevention fund and landlord incentives",
                "manager",
                Priority.HIGH,
                "2026-04-01",
                "2027-03-31",
                35,
            ),
            (
                "Clear the housing register review backlog",
                "Temporary staff and weekly tracking",
                "officer",
                Priority.HIGH,
                "2026-05-01",
                "2026-12-31",
                40,
            ),
            (
                "Publish a new Homelessness Strategy",
                "Consultation, Cabinet approval",
                "manager",
                Priority.MEDIUM,
                "2026-04-01",
                "2027-02-28",
                55,
            ),
        ],
    ),
    3: (
        "Data quality and performance information",
        [
            (
                "Data quality audit of high-risk indicators",
                "Internal audit sample of evidence",
                "audit_lead",
                Priority.HIGH,
                "2026-07-01",
                "2026-11-30",
                60,
            ),
            (
                "Monthly PI reports to CMT from Golden Thread",
                "Retire spreadsheets; train PI owners",
                "perf",
                Priority.HIGH,
                "2026-04-01",
                "2026-10-31",
                100,
            ),
            (
                "Open data pages for public indicators",
                "Publish verified figures monthly",
                "perf",
                Priority.LOW,
                "2026-09-01",
                "2027-03-31",
                10,
            ),
        ],
    ),
}

SERVICE_ACTIONS = [
    ("Review the allocations policy", "Policy review with members", Priority.HIGH),
    ("Improve first-contact resolution", "Scripted triage and training", Priority.MEDIUM),
    ("Digitise the application process", "New online forms", Priority.MEDIUM),
    ("Reduce sickness absence", "Return-to-work interviews", Priority.LOW),
    # The large council's generated services have one more, to reach LARGE_ACTIONS.
    ("Deliver the service's savings target", "Quarterly budget review", Priority.MEDIUM),
]
DEMO_ACTIONS_PER_SERVICE = 4

CORPORATE_RISKS = [
    (
        "CR01",
        "Failure to deliver a balanced budget over the medium term",
        "Reduced government funding; inflation",
        "Cuts to services; Section 114 notice",
        (5, 5),
        (4, 4),
        (3, 3),
    ),
    (
        "CR02",
        "Cyber attack disrupts council services",
        "Phishing; unpatched systems",
        "Loss of systems and data; fines",
        (4, 5),
        (3, 4),
        (2, 4),
    ),
    (
        "CR03",
        "Rising homelessness exceeds temporary accommodation",
        "Cost of living; private rent rises",
        "Families in B&B; overspend",
        (5, 4),
        (4, 4),
        (3, 3),
    ),
    (
        "CR04",
        "Poor data quality undermines decisions",
        "Manual spreadsheets; unclear definitions",
        "Wrong decisions; audit qualification",
        (4, 3),
        (3, 3),
        (2, 2),
    ),
    (
        "CR05",
        "Loss of key staff in hard-to-recruit roles",
        "Market pay; retirements",
        "Service failure; agency costs",
        (4, 4),
        (3, 3),
        (2, 3),
    ),
    (
        "CR06",
        "Major contract failure (waste collection)",
        "Contractor finances",
        "Missed collections; reputational damage",
        (3, 5),
        (2, 4),
        (2, 3),
    ),
    (
        "CR07",
        "Business continuity after severe weather",
        "Flooding; power loss",
        "Services unavailable",
        (3, 4),
        (2, 3),
        (2, 2),
    ),
    (
        "CR08",
        "Failure to meet safeguarding duties",
        "Referral gaps; training lapses",
        "Harm to vulnerable people",
        (3, 5),
        (2, 5),
        (1, 5),
    ),
]

SERVICE_RISKS = [
    ("Budget overspend in the service", "Demand above budget", "Overspend"),
    ("IT system outage", "Ageing line-of-business system", "Backlogs"),
    ("Statutory deadline missed", "Capacity", "Complaints and challenge"),
    ("Key partner withdraws", "Partner funding", "Loss of service"),
    ("Health and safety incident", "Lone working", "Injury; claims"),
]

PROGRESS_NOTES = ["on plan", "slower than hoped", "milestone met", "awaiting partner input"]

# Review commentary by how the residual score moved since the last review.
REVIEW_NOTES = {
    "down": "Mitigating actions taking effect; score reduced.",
    "same": "Controls reviewed; no change to the position.",
    "up": "New pressures this quarter; score raised.",
}


def _demo_users() -> dict[str, User]:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["admin", "perf", "manager", "officer", "audit"])
    }
    team = OrgUnit.objects.filter(code="performance-team").first()
    for username, (first, last, title) in STRATEGY_PEOPLE.items():
        # Named in the plan only; sign in as perf to see their actions.
        users[username] = demo_person(
            username, first, last, role=Role.OFFICER, unit=team, title=title, can_sign_in=False
        )
    users["audit_lead"] = users.get("perf")
    return users


def _strategy_plan(users: dict[str, User]) -> ActionPlan:
    unit = OrgUnit.objects.get(code="policy-and-performance")
    plan, created = ActionPlan.objects.get_or_create(
        title=STRATEGY_TITLE,
        defaults={
            "kind": PlanKind.STRATEGY,
            "unit": unit,
            "owner": users.get("hbennett"),
            "start_date": datetime.date(2008, 10, 1),
            "description": "Actions to deliver the Performance Management Strategy (Appendix 2), "
            "monitored by the Performance Management Board six-monthly.",
        },
    )
    if not created:
        return plan
    action_plan_import(plan=plan, name=FIXTURE.name, content=FIXTURE.read_bytes())
    author = users["hbennett"]
    updates = []
    for action in Action.objects.filter(theme__plan=plan):
        override, reason = STRATEGY_OVERRIDES.get(action.number, ("", ""))
        if action.number in STRATEGY_OPEN:
            status, percent, note = STRATEGY_OPEN[action.number]
            for months_back, month in enumerate((10, 9, 8)):
                day = datetime.date(2026, month, 15)
                share = max(percent - 10 * months_back, 0)
                updates.append(_update(action, author, day, note, status, share, override))
        else:
            status, percent = ActionStatus.COMPLETE, 100
            done = action.due_date or datetime.date(2009, 3, 31)
            half = done - datetime.timedelta(days=60)
            expected = action.expected_percent(half)
            share = round(expected) if expected is not None else 50
            updates.append(
                _update(
                    action, author, half, "Under way as planned.", ActionStatus.IN_PROGRESS, share
                )
            )
            updates.append(
                _update(action, author, done, "Completed and reported to PMB.", status, 100)
            )
        action.status, action.percent_complete = status, percent
        action.rag_override, action.rag_override_reason = override, reason
        action.save(
            update_fields=["status", "percent_complete", "rag_override", "rag_override_reason"]
        )
    ActionUpdate.objects.bulk_create(updates)
    return plan


def _update(
    action: Action,
    author: User,
    day: datetime.date,
    note: str,
    status: str,
    percent: int,
    override: str = "",
) -> ActionUpdate:
    """Return an (unsaved) progress update carrying the RAG it had on its date."""
    return ActionUpdate(
        action=action,
        date=day,
        author=author,
        note=note,
        status=status,
        percent_complete=percent,
        rag=rag_at(action, date=day, status=status, percent=percent, override=override),
    )


def _monthly_updates(
    action: Action, author: User, final_percent: int, rng: random.Random, today: datetime.date
) -> list[ActionUpdate]:
    """Return updates on the 20th of each month from the start to today, rising to final_percent."""
    if not action.start_date:
        return []
    months = []
    day = action.start_date.replace(day=20)
    while day <= today and day <= (action.due_date or today):
        months.append(day)
        day = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=20)
    # Some leads have not updated this month yet.
    if months and months[-1].month == today.month and rng.random() < 0.4:
        months.pop()
    updates = []
    for i, month in enumerate(months, start=1):
        percent = round(final_percent * i / len(months))
        status = ActionStatus.COMPLETE if percent >= 100 else ActionStatus.IN_PROGRESS
        note = f"Progress to {percent}%: {rng.choice(PROGRESS_NOTES)}."
        updates.append(_update(action, author, month, note, status, percent))
    return updates


def _add_action(
    theme: Theme,
    number: str,
    title: str,
    how: str,
    lead: User | None,
    priority: str,
    start: datetime.date,
    due: datetime.date,
    percent: int,
    service: OrgUnit | None = None,
) -> Action:
    status = (
        ActionStatus.COMPLETE
        if percent >= 100
        else (ActionStatus.IN_PROGRESS if percent else ActionStatus.NOT_STARTED)
    )
    action = Action.objects.create(
        theme=theme,
        number=number,
        title=title,
        how=how,
        priority=priority,
        start_date=start,
        due_date=due,
        when_kind=WhenKind.DATE,
        percent_complete=min(percent, 100),
        status=status,
        service=service,
    )
    if lead:
        action.leads.add(lead)
    return action


def _improvement_plan(users: dict[str, User], today: datetime.date, rng: random.Random) -> None:
    council = OrgUnit.objects.get(code="council")
    plan, created = ActionPlan.objects.get_or_create(
        title="Improvement Plan 2026/27",
        defaults={
            "kind": PlanKind.IMPROVEMENT,
            "unit": council,
            "owner": users.get("perf"),
            "start_date": datetime.date(2026, 4, 1),
            "description": "Actions from the external assessment, reported monthly.",
        },
    )
    if not created:
        return
    updates = []
    objectives = _objectives()
    indicators = _indicators()
    for number, (title, rows) in IMPROVEMENT_PLAN.items():
        theme = Theme.objects.create(plan=plan, number=number, title=title)
        for seq, (action_title, how, lead_name, priority, start, due, percent) in enumerate(
            rows, start=1
        ):
            lead = users.get(lead_name)
            service = OrgUnit.objects.filter(code="housing").first() if number == 2 else None
            action = _add_action(
                theme,
                f"{number}.{seq}",
                action_title,
                how,
                lead,
                priority,
                datetime.date.fromisoformat(start),
                datetime.date.fromisoformat(due),
                percent,
                service,
            )
            if objectives:
                action.objectives.add(rng.choice(objectives))
            if indicators:
                action.indicators.add(rng.choice(indicators))
            updates += _monthly_updates(action, lead or users["perf"], percent, rng, today)
    ActionUpdate.objects.bulk_create(updates)


def _objectives() -> list:
    return list(objectives().all()[:20])


def _indicators() -> list:
    from indicators.models import Indicator

    return list(Indicator.objects.all()[:20])


def _service_plans(
    services,
    users: dict[str, User],
    today: datetime.date,
    rng: random.Random,
    target_actions: int | None,
) -> None:
    """Give each service a plan of actions; with target_actions, keep adding up to that total."""
    for service in services:
        if target_actions is not None and Action.objects.count() >= target_actions:
            return
        plan, created = ActionPlan.objects.get_or_create(
            title=f"{service.name} service plan actions 2026/27",
            defaults={
                "kind": PlanKind.SERVICE,
                "unit": service,
                "start_date": datetime.date(2026, 4, 1),
            },
        )
        if not created:
            continue
        # Housing's actions are led by the demo officer (the manager co-leads one), so that
        # "my actions" has something to show; other services' by their head of service.
        lead = users["officer"] if service.code == "housing" else None
        theme = Theme.objects.create(plan=plan, number=1, title="Service improvement")
        updates = []
        per_plan = DEMO_ACTIONS_PER_SERVICE if target_actions is None else len(SERVICE_ACTIONS)
        for seq, (title, how, priority) in enumerate(SERVICE_ACTIONS[:per_plan], start=1):
            start = datetime.date(2026, 4, 1) + datetime.timedelta(days=rng.randint(0, 90))
            due = start + datetime.timedelta(days=rng.randint(120, 420))
            elapsed = max(0, min(1, (today - start).days / (due - start).days))
            percent = max(0, min(100, round(elapsed * 100 * rng.uniform(0.5, 1.2))))
            action = _add_action(theme, f"1.{seq}", title, how, lead, priority, start, due, percent)
            if lead is None:
                action.who_text = "Head of Service"
                action.save(update_fields=["who_text"])
            elif seq == 2:
                action.leads.add(users["manager"])
            updates += _monthly_updates(action, lead or users["perf"], percent, rng, today)
        ActionUpdate.objects.bulk_create(updates)


def _quarter_ends(today: datetime.date) -> list[datetime.date]:
    """Return the four quarterly review dates of the year before the demo's today."""
    del today  # the demo's dates are fixed (today is 23 November 2026)
    return [
        datetime.date(2025, 12, 15),
        datetime.date(2026, 3, 15),
        datetime.date(2026, 6, 15),
        datetime.date(2026, 9, 15),
    ]


def _add_reviews(
    risk: Risk, reviewer: User, rng: random.Random, today: datetime.date
) -> list[RiskReview]:
    """Return a year of quarterly reviews walking towards the risk's current residual scores."""
    reviews = []
    dates = _quarter_ends(today)
    likelihood, impact = risk.inherent_likelihood, risk.inherent_impact
    previous = likelihood * impact
    for i, day in enumerate(dates):
        remaining = len(dates) - i - 1
        if remaining == 0:
            likelihood, impact = risk.residual_likelihood, risk.residual_impact
        else:
            likelihood = max(risk.residual_likelihood, likelihood - rng.choice([0, 0, 1]))
            impact = max(risk.residual_impact, impact - rng.choice([0, 1]))
        score = likelihood * impact
        move = "down" if score < previous else "up" if score > previous else "same"
        previous = score
        reviews.append(
            RiskReview(
                risk=risk,
                date=day,
                reviewer=reviewer,
                likelihood=likelihood,
                impact=impact,
                commentary=REVIEW_NOTES[move],
                status=risk.status,
            )
        )
    return reviews


def _risk_registers(
    services,
    users: dict[str, User],
    today: datetime.date,
    rng: random.Random,
    target_risks: int | None,
) -> None:
    council = OrgUnit.objects.get(code="council")
    corporate, created = RiskRegister.objects.get_or_create(
        title="Corporate risk register",
        defaults={"kind": RegisterKind.CORPORATE, "unit": council, "owner": users.get("perf")},
    )
    reviews = []
    if created:
        improvement_actions = list(Action.objects.filter(theme__plan__kind=PlanKind.IMPROVEMENT))
        for i, (ref, title, cause, effect, inherent, residual, target) in enumerate(
            CORPORATE_RISKS
        ):
            risk = Risk.objects.create(
                register=corporate,
                ref=ref,
                title=title,
                cause=cause,
                effect=effect,
                owner=users["perf"] if i % 2 else users["manager"],
                inherent_likelihood=inherent[0],
                inherent_impact=inherent[1],
                residual_likelihood=residual[0],
                residual_impact=residual[1],
                target_likelihood=target[0],
                target_impact=target[1],
                controls="Budget monitoring; policies; training; insurance.",
                review_date=datetime.date(2026, 12, 15) if i != 3 else datetime.date(2026, 11, 15),
            )
            if improvement_actions:
                risk.mitigating_actions.add(improvement_actions[i % len(improvement_actions)])
            reviews += _add_reviews(risk, users["perf"], rng, today)
    for service in services:
        if target_risks is not None and Risk.objects.count() >= target_risks:
            break
        register, created = RiskRegister.objects.get_or_create(
            title=f"{service.name} risk register",
            defaults={
                "kind": RegisterKind.SERVICE,
                "unit": service,
                "owner": users["manager"] if service.code == "housing" else None,
            },
        )
        if not created:
            continue
        service_actions = list(Action.objects.filter(theme__plan__unit=service))
        for i, (title, cause, effect) in enumerate(SERVICE_RISKS, start=1):
            inherent = (rng.randint(3, 5), rng.randint(3, 5))
            residual = (
                max(1, inherent[0] - rng.randint(0, 2)),
                max(1, inherent[1] - rng.randint(0, 1)),
            )
            target = (max(1, residual[0] - 1), residual[1])
            risk = Risk.objects.create(
                register=register,
                ref=f"{service.code[:6].upper()}-{i:02d}",
                title=title,
                cause=cause,
                effect=effect,
                owner=users["manager"] if service.code == "housing" else users["perf"],
                inherent_likelihood=inherent[0],
                inherent_impact=inherent[1],
                residual_likelihood=residual[0],
                residual_impact=residual[1],
                target_likelihood=target[0],
                target_impact=target[1],
                controls="Monthly monitoring at DMT.",
                review_date=datetime.date(2026, 12, 15)
                if rng.random() > 0.15
                else datetime.date(2026, 10, 31),
                status=RiskStatus.OPEN,
            )
            if service_actions:
                risk.mitigating_actions.add(service_actions[(i - 1) % len(service_actions)])
            reviews += _add_reviews(
                risk, users["manager"] if service.code == "housing" else users["perf"], rng, today
            )
    RiskReview.objects.bulk_create(reviews)


def seed(*, size: str, stdout) -> None:
    today = timezone.localdate()
    rng = random.Random(2026)  # same demo every time
    users = _demo_users()
    _strategy_plan(users)
    _improvement_plan(users, today, rng)
    services = list(OrgUnit.objects.services().order_by("path"))
    housing_first = sorted(services, key=lambda s: s.code != "housing")
    demo_services = [s for s in housing_first if not s.code.startswith("service-")]
    _service_plans(demo_services, users, today, rng, None)
    _risk_registers(demo_services[:6], users, today, rng, None)
    if size == "large":
        _service_plans(housing_first, users, today, rng, LARGE_ACTIONS)
        _risk_registers(housing_first, users, today, rng, LARGE_RISKS)
    stdout.write(
        f"Actions: {ActionPlan.objects.count()} plans, {Action.objects.count()} actions, "
        f"{ActionUpdate.objects.count()} updates; risks: {RiskRegister.objects.count()} "
        f"registers, {Risk.objects.count()} risks, {RiskReview.objects.count()} reviews"
    )
