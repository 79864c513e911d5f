"""The demo council's budgets (seed_demo): last year and this year, month by month.

Shaped like a district council's revenue monitoring: each service has a handful of lines,
most land within a fraction of a percent of budget, Housing (temporary accommodation),
Environmental Services (fleet and agency cover) and Leisure (energy) are forecast over, and
Planning under (fee income ahead, vacancies). Three PIs are linked to lines for unit costs.
Idempotent: a year already seeded is left alone.
"""

import random
from decimal import Decimal

from django.utils import timezone

from core.models import OrgUnit
from finance.models import BudgetFigure, BudgetLine, UnitCostLink
from indicators.choices import Frequency
from indicators.models import Indicator
from indicators.periods import Period

GENERIC_LINES = [
    ("Employees", 0.55),
    ("Premises and transport", 0.2),
    ("Supplies and services", 0.25),
]
# service code: [(line, share of the service's budget)]
LINES = {
    "housing": [
        ("Homelessness prevention", 0.3),
        ("Temporary accommodation", 0.45),
        ("Housing strategy and enabling", 0.25),
    ],
    "environmental-services": [
        ("Refuse collection", 0.5),
        ("Recycling", 0.3),
        ("Street cleansing", 0.2),
    ],
    "leisure-and-culture": [("Leisure centres", 0.7), ("Sports development", 0.3)],
    "planning-and-regeneration": [
        ("Development control", 0.6),
        ("Planning policy", 0.25),
        ("Economic development", 0.15),
    ],
}
# Net budgets (£) of the demo's services; generated services get 0.4m-2m.
BUDGETS = {
    "planning-and-regeneration": 1_850_000,
    "housing": 2_400_000,
    "environmental-services": 4_600_000,
    "leisure-and-culture": 1_650_000,
    "community-services": 950_000,
    "environmental-health": 780_000,
    "revenues-and-benefits": 1_650_000,
    "customer-services": 720_000,
    "finance": 1_100_000,
    "human-resources": 640_000,
    "policy-and-performance": 420_000,
}
# (service, line): (year-end variance as a share of the line's budget, commentary)
VARIANCES = {
    ("housing", "Temporary accommodation"): (
        0.16,
        "Bed and breakfast use above plan: 38 households against 25 budgeted",
    ),
    ("environmental-services", "Refuse collection"): (
        0.07,
        "Agency drivers covering vacancies and fleet repairs on the older vehicles",
    ),
    ("leisure-and-culture", "Leisure centres"): (
        0.048,
        "Energy prices above the budgeted rate at both centres",
    ),
    ("planning-and-regeneration", "Development control"): (
        -0.09,
        "Planning fee income ahead of budget and two posts vacant",
    ),
}
UNIT_COSTS = [
    ("LPI HO 01", "housing", "Homelessness prevention", "household prevented from homelessness"),
    ("LPI LC 01", "leisure-and-culture", "Leisure centres", "leisure centre visit"),
    ("LPI PL 05", "planning-and-regeneration", "Development control", "planning application"),
]


def seed(*, size: str, stdout, today=None) -> None:
    today = today or timezone.localdate()
    current = Period.last_ended(Frequency.MONTHLY, today)
    services = list(OrgUnit.objects.services())
    made = 0
    for year, last_month in ((current.year - 1, 12), (current.year, current.number)):
        if BudgetLine.objects.filter(year=year).exists():
            continue
        for service in services:
            made += _seed_service(service, year, last_month)
    _link_unit_costs()
    stdout.write(f"Finance: {made} budget figures, {UnitCostLink.objects.count()} unit costs")


def _seed_service(service: OrgUnit, year: int, last_month: int) -> int:
    rng = random.Random(f"{service.code}-{year}")
    total = BUDGETS.get(service.code) or rng.randrange(400, 2000) * 1000
    lines = LINES.get(service.code, GENERIC_LINES)
    figures = []
    for name, share in lines:
        original = Decimal(round(total * share, -3))
        # Budgets are revised in year (virements): a few lines move by up to 3%.
        revised = original * Decimal(str(1 + rng.choice([0, 0, 0, 0.02, -0.015, 0.03])))
        current = revised.quantize(Decimal(1000))
        line = BudgetLine.objects.create(
            year=year, unit=service, name=name, original_budget=original, current_budget=current
        )
        share_over, why = VARIANCES.get((service.code, name), (rng.uniform(-0.004, 0.004), ""))
        if last_month == 12:  # last year, closed: smaller pressures than this year's
            share_over = share_over / 2
        for month in range(1, last_month + 1):
            # The forecast drifts towards the year-end position as the year goes on.
            drift = Decimal(str(share_over * min(1.0, month / 6)))
            forecast = (current * (1 + drift)).quantize(Decimal(1))
            spent = forecast * Decimal(month) / 12 * Decimal(str(rng.uniform(0.95, 1.03)))
            figures.append(
                BudgetFigure(
                    line=line,
                    frequency=Frequency.MONTHLY,
                    number=month,
                    period_end=Period.month(year, month).end,
                    actual=spent.quantize(Decimal(1)),
                    forecast=forecast,
                    commentary=why if month >= 3 else "",
                )
            )
    BudgetFigure.objects.bulk_create(figures, batch_size=500)
    return len(figures)


def _link_unit_costs() -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[c for c, *_ in UNIT_COSTS])}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[u for _, u, *_ in UNIT_COSTS])}
    for code, unit_code, line_name, label in UNIT_COSTS:
        if code in indicators and unit_code in units:
            UnitCostLink.objects.get_or_create(
                indicator=indicators[code],
                defaults={"unit": units[unit_code], "line_name": line_name, "label": label},
            )
