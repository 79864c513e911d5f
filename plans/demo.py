"""The demo council's plans (seed_demo): a full golden thread, idempotent.

Community Plan priorities -> Council Plan objectives -> a Service Business Plan per service ->
team plans -> individual plans (the demo officer's, approved by their manager). An
Improvement Plan sits beside the Council Plan. Objectives link to the demo indicators that
exist (looked up by service, never by code); `--size large` gives every generated service a
plan so that every indicator hangs on the thread.
"""

from itertools import cycle

from django.contrib.auth.models import User
from django.utils import timezone

from core.choices import UnitKind
from core.models import OrgUnit
from indicators.models import Indicator
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan, financial_year_dates

YEAR = 2026  # the demo's financial year (today is November 2026)

COMMUNITY_PRIORITIES = [
    ("Town Centre", "A thriving, attractive town centre people want to visit."),
    ("Affordable Housing", "Decent homes that local people can afford."),
    ("Safer, Healthier Communities", "Less crime and fear of crime; healthier lives."),
    ("Clean and Green Environment", "Clean streets, less waste, more recycling."),
]

# The Community Plan priority the partner organisations' PIs serve (safer, healthier).
PARTNERSHIP_PRIORITY = 3

# Council Plan objectives: (title, community priority number it serves or None).
COUNCIL_OBJECTIVES = [
    ("Regenerate the town centre and support local business", 1),
    ("Deliver more affordable homes and prevent homelessness", 2),
    ("Work with partners to keep communities safe and healthy", 3),
    ("Keep the district clean and increase recycling", 4),
    ("Excellent customer service and value for money", None),
]

IMPROVEMENT_OBJECTIVES = [
    "Embed a performance culture",
    "Put customers first",
    "Improve value for money",
]

# Demo services: the Council Plan objective (number) each service's plan serves first.
SERVICE_OBJECTIVE = {
    "Planning and Regeneration": 1,
    "Housing": 2,
    "Community Services": 3,
    "Environmental Health": 3,
    "Leisure and Culture": 3,
    "Environmental Services": 4,
    "Revenues and Benefits": 5,
    "Customer Services": 5,
    "Finance": 5,
    "Human Resources": 5,
    "Policy and Performance": 5,
}

SERVICE_OBJECTIVES = {
    "Housing": [
        "Increase the supply of affordable homes",
        "Prevent homelessness through early advice",
        "Improve the condition of private rented homes",
    ],
    "Planning and Regeneration": [
        "Decide planning applications promptly",
        "Bring empty town-centre shops back into use",
    ],
    "Environmental Services": [
        "Increase household recycling",
        "Keep streets and open spaces clean",
    ],
}

# Which of its service's objectives (number) a team's plan serves, where it matters.
TEAM_SERVES = {"Housing Options": 2, "Housing Strategy": 1}


def seed(*, size: str, stdout) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=["perf", "manager", "officer"])
    }
    perf, manager, officer = users.get("perf"), users.get("manager"), users.get("officer")
    council_unit = OrgUnit.objects.filter(kind=UnitKind.COUNCIL).first()

    community = _plan(
        PlanKind.COMMUNITY,
        "Community Plan",
        unit=council_unit,
        owner=perf,
        period=(2020, 2029),
        summary="The partnership's ten-year plan for the district.",
        vision="A district where people are proud to live, work and visit.",
    )
    priorities = [
        _objective(community, number, title, description=text)
        for number, (title, text) in enumerate(COMMUNITY_PRIORITIES, start=1)
    ]
    # Partnership PIs serve the Community Plan's priorities directly (the partners' own).
    partnership = Indicator.objects.filter(service__kind=UnitKind.PARTNER).order_by("code")
    priorities[PARTNERSHIP_PRIORITY - 1].indicators.add(*partnership)
    council_plan = _plan(
        PlanKind.COUNCIL,
        "Council Plan",
        unit=council_unit,
        owner=perf,
        parent=community,
        period=(2025, 2028),
        summary="The council's vision, values, priorities and resources for 2025-2029.",
        vision="Better services for a better district.",
        values="Customer first; one council; value for money; openness.",
        resources="Net revenue budget £12.4m; capital programme £8.1m.",
    )
    council_objectives = [
        _objective(
            council_plan,
            number,
            title,
            contributes_to=priorities[target - 1] if target else None,
        )
        for number, (title, target) in enumerate(COUNCIL_OBJECTIVES, start=1)
    ]
    improvement = _plan(
        PlanKind.IMPROVEMENT,
        "Improvement Plan",
        unit=council_unit,
        owner=perf,
        summary="Targets and actions from the external assessment; reported monthly.",
    )
    improvement_objectives = [
        _objective(improvement, number, title)
        for number, title in enumerate(IMPROVEMENT_OBJECTIVES, start=1)
    ]

    services = list(OrgUnit.objects.services().select_related("parent"))
    council_cycle = cycle(council_objectives)
    team_objectives: dict[int, Objective] = {}
    service_objective_for_unit: dict[int, list[Objective]] = {}
    for service in services:
        first = SERVICE_OBJECTIVE.get(service.name)
        above = council_objectives[first - 1] if first else next(council_cycle)
        titles = SERVICE_OBJECTIVES.get(
            service.name, [f"Deliver {service.name} to standard", f"Improve {service.name}"]
        )
        plan = _plan(
            PlanKind.SERVICE,
            f"{service.name} Service Business Plan",
            unit=service,
            owner=manager if service.name == "Housing" else perf,
            parent=council_plan,
        )
        objectives = [
            _objective(plan, number, title, contributes_to=above)
            for number, title in enumerate(titles, start=1)
        ]
        service_objective_for_unit[service.pk] = objectives
        for index, team in enumerate(service.children.order_by("name")):
            team_plan = _plan(
                PlanKind.TEAM,
                f"{team.name} team plan",
                unit=team,
                owner=manager if service.name == "Housing" else None,
                parent=plan,
                status=PlanStatus.DRAFT if team.name == "Housing Strategy" else PlanStatus.APPROVED,
            )
            serves = objectives[TEAM_SERVES.get(team.name, index + 1) % len(objectives) - 1]
            team_objectives[team.pk] = _objective(
                team_plan,
                1,
                f"{team.name}: our part in “{serves.title}”",
                contributes_to=serves,
            )

    _link_indicators(service_objective_for_unit, team_objectives, council_objectives)
    _link_improvement(improvement_objectives)
    individual = _individual_plans(officer, manager, perf, team_objectives)
    stdout.write(
        f"Plans: {Plan.objects.count()} plans, {Objective.objects.count()} objectives"
        f"{'; ' + individual if individual else ''}"
    )


def _plan(
    kind, title, *, unit, owner, parent=None, period=None, status=PlanStatus.APPROVED, **text
):
    start, end = financial_year_dates(YEAR)
    if period:
        start, end = financial_year_dates(period[0])[0], financial_year_dates(period[1])[1]
    plan, created = Plan.objects.get_or_create(
        kind=kind,
        title=title,
        year=YEAR,
        defaults={
            "unit": unit,
            "owner": owner,
            "parent": parent,
            "period_start": start,
            "period_end": end,
            "status": status,
            **text,
        },
    )
    if created and status == PlanStatus.APPROVED:
        plan.approved_by = User.objects.filter(username="perf").first()
        plan.approved_at = timezone.now()
        plan.save(update_fields=["approved_by", "approved_at"])
    return plan


def _objective(plan, number, title, *, contributes_to=None, description="", owner=None):
    objective, _ = Objective.objects.get_or_create(
        plan=plan,
        number=number,
        defaults={
            "title": title,
            "contributes_to": contributes_to,
            "description": description,
            "owner": owner,
        },
    )
    return objective


def _service_of(unit: OrgUnit, units: dict[int, OrgUnit]) -> OrgUnit | None:
    """Return the service a unit belongs to (itself, or the service above a team)."""
    while unit is not None and unit.kind not in ("service",):
        unit = units.get(unit.parent_id)
    return unit


def _link_indicators(service_objectives, team_objectives, council_objectives) -> None:
    """Hang every indicator on the thread: on its team's objective, else its service's."""
    units = {unit.pk: unit for unit in OrgUnit.objects.all()}
    through = Objective.indicators.through
    existing = set(through.objects.values_list("objective_id", "indicator_id"))
    links = []
    counters: dict[int, int] = {}
    for indicator_id, unit_id in Indicator.objects.values_list("pk", "service_id"):
        if unit_id in team_objectives:
            objective = team_objectives[unit_id]
        else:
            service = _service_of(units.get(unit_id), units)
            objectives = service_objectives.get(service.pk) if service else None
            if objectives:
                # Spread a service's indicators over its objectives.
                counters[service.pk] = counters.get(service.pk, -1) + 1
                objective = objectives[counters[service.pk] % len(objectives)]
            else:
                objective = council_objectives[indicator_id % len(council_objectives)]
        if (objective.pk, indicator_id) not in existing:
            links.append(through(objective_id=objective.pk, indicator_id=indicator_id))
    through.objects.bulk_create(links)


def _link_improvement(objectives) -> None:
    """The Improvement Plan monitors a few corporate-health indicators (if any exist)."""
    services = OrgUnit.objects.filter(name__in=["Customer Services", "Human Resources", "Finance"])
    unit_ids = [unit.pk for service in services for unit in service.subtree()]
    corporate = Indicator.objects.filter(service_id__in=unit_ids).order_by("code")[:6]
    for number, indicator in enumerate(corporate):
        objectives[number % len(objectives)].indicators.add(indicator)


def _individual_plan(person, parent_kind, *, approved_by=None) -> Plan:
    """Return `person`'s demo individual plan, under their team's (or service's) plan."""
    unit = person.profile.unit
    parent = Plan.objects.filter(kind=parent_kind, unit=unit, year=YEAR).first()
    plan, _ = Plan.objects.get_or_create(
        kind=PlanKind.INDIVIDUAL,
        owner=person,
        year=YEAR,
        defaults={
            "title": f"{person.get_full_name()} – personal development plan",
            "unit": unit,
            "parent": parent,
            "period_start": financial_year_dates(YEAR)[0],
            "period_end": financial_year_dates(YEAR)[1],
            "status": PlanStatus.APPROVED if approved_by else PlanStatus.DRAFT,
            "approved_by": approved_by,
            "approved_at": timezone.now() if approved_by else None,
        },
    )
    return plan


def _individual_plans(officer, manager, perf, team_objectives) -> str:
    """The officer's plan approved by their manager; draft ones of the manager and perf."""
    if officer is None:
        return ""
    plan = _individual_plan(officer, PlanKind.TEAM, approved_by=manager)
    above = team_objectives.get(plan.unit_id)
    first = _objective(
        plan,
        1,
        "Give housing advice that prevents homelessness",
        contributes_to=above,
        description="Hold early-advice surgeries each week; follow up every case within 5 days.",
        owner=officer,
    )
    _objective(plan, 2, "Complete the homelessness casework training", contributes_to=above)
    if not first.indicators.exists():
        # The officer's own indicators, else some of those their work serves.
        own = Indicator.objects.filter(owner=officer) | Indicator.objects.filter(deputy=officer)
        mine = list(own.order_by("code")[:3])
        if not mine and above is not None:
            serves = above.contributes_to or above
            mine = list(serves.indicators.order_by("code")[:2]) or list(
                above.indicators.order_by("code")[:2]
            )
        first.indicators.set(mine)
    if manager is not None:
        manager_plan = _individual_plan(manager, PlanKind.SERVICE)
        if manager_plan.parent is not None:
            target = manager_plan.parent.objectives.order_by("number").first()
            _objective(
                manager_plan, 1, "Lead the new-homes delivery programme", contributes_to=target
            )
    if perf is not None:
        perf_plan = _individual_plan(perf, PlanKind.TEAM)
        _objective(
            perf_plan,
            1,
            "Publish every quarterly pack on time",
            contributes_to=team_objectives.get(perf_plan.unit_id),
        )
    return "individual plans for officer (approved by manager), manager and perf"
