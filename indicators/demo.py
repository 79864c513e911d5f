"""The demo council's PI register (seed_demo): indicators, targets, figures, closed periods.

`demo`: about 60 indicators over the demo services (real National Indicator titles and local
PIs), three financial years of figures with seasonal shapes up to the last month ended, a few
missing, some off target with commentary and corrective action. The demo officer owns about
20 PIs and has several figures for the month just ended still to enter. `large`: 600
indicators over 100+ services and five years, written with bulk_create for speed.

Idempotent: indicators whose code exists are left alone (with their figures and targets).
"""

import math
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.choices import UnitKind
from core.demo import demo_person
from core.models import OrgUnit
from core.roles import Role
from indicators.choices import (
    Aggregation,
    FigureState,
    Frequency,
    IndicatorType,
    Polarity,
    Rag,
    Unit,
)
from indicators.models import ComparatorValue, Figure, Indicator, PeriodClosure, Target
from indicators.periods import PERIODS_IN_YEAR, Period, due_date, periods_of_year
from indicators.rag import Thresholds, Tolerance, judge

# Extra officers so that PIs across the council have owners: username -> (first, last, unit
# code, job title).
EXTRA_OFFICERS: dict[str, tuple[str, str, str, str]] = {
    "hstrategy": ("Hannah", "Osei", "housing-strategy", "Housing Strategy Officer"),
    "planner": ("Paul", "Lewis", "development-management", "Planning Officer"),
    "waste": ("Wendy", "Shaw", "waste-and-recycling", "Waste Services Officer"),
    "leisure": ("Liam", "Ford", "sports-development", "Sports Development Officer"),
    "safety": ("Sana", "Begum", "community-safety", "Community Safety Officer"),
    "ehealth": ("Emma", "Clarke", "food-safety", "Environmental Health Officer"),
    "revs": ("Ravi", "Shah", "council-tax", "Revenues Officer"),
    "customer": ("Chloe", "Wood", "customer-service-centre", "Customer Services Lead"),
    "finance": ("Fiona", "Grant", "accountancy", "Accountant"),
    "hrofficer": ("Harry", "Evans", "hr-and-organisational-development", "HR Advisor"),
}


LARGE_INDICATORS = 600


@dataclass(frozen=True)
class Spec:
    """A demo indicator and the shape of its made-up history."""

    code: str
    title: str
    service: str  # unit code
    owner: str  # username
    unit: str = Unit.PERCENTAGE
    polarity: str = Polarity.HIGHER
    frequency: str = Frequency.MONTHLY
    aggregation: str = Aggregation.LATEST
    level: float = 90.0  # typical value per period
    target: float = 90.0  # per-period target (sum: per period; annual target is the total)
    seasonal: float = 0.0  # relative amplitude of the yearly cycle
    noise: float = 0.02  # relative spread
    trend: float = 0.0  # change per year, relative
    places: int = 1
    national: bool = False
    public: bool = True
    kind: str = IndicatorType.OUTPUT
    deputy: str | None = None
    definition: str = ""


P, N = Unit.PERCENTAGE, Unit.NUMBER
M, Q, A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL
HI, LO, DATA, BAND = Polarity.HIGHER, Polarity.LOWER, Polarity.DATA, Polarity.BAND
SUM, RATIO, AVG, LATEST = (
    Aggregation.SUM,
    Aggregation.RATIO,
    Aggregation.AVERAGE,
    Aggregation.LATEST,
)

# One spec per line or two: code, title, service, owner, unit, polarity, frequency,
# aggregation, level, target, seasonal, noise, trend, decimal places, national.
# fmt: off
DEMO_SPECS: list[Spec] = [
    # Housing: the demo officer owns these; their manager deputises for some.
    Spec("NI 156", "Number of households living in temporary accommodation", "housing-options",
        "officer", N, LO, M, LATEST, 62, 55, 0.08, 0.05, 0.05, 0, True,
        kind=IndicatorType.OUTCOME, deputy="manager"),
    Spec("LPI HO 01", "Households prevented from becoming homeless", "housing-options",
        "officer", N, HI, M, SUM, 38, 40, 0.15, 0.12, 0.03, 0, kind=IndicatorType.OUTCOME,
        deputy="manager"),
    Spec("LPI HO 02", "Average days to decide whether to accept a homeless duty",
        "housing-options", "officer", Unit.DAYS, LO, M, AVG, 31, 33, 0.05, 0.1, -0.05, 1,
        kind=IndicatorType.PROCESS),
    Spec("LPI HO 03", "Households in bed and breakfast for more than six weeks",
        "housing-options", "officer", N, LO, M, LATEST, 4, 0, 0.2, 0.4, 0, 0),
    Spec("LPI HO 04", "% of homelessness decisions made within 56 days", "housing-options",
        "officer", P, HI, M, RATIO, 86, 90, 0.03, 0.03, 0.01, 1, kind=IndicatorType.PROCESS),
    Spec("LPI HO 05", "Housing register applications assessed within 20 working days",
        "housing-options", "officer", P, HI, M, RATIO, 93, 95, 0.02, 0.02, 0, 1),
    Spec("LPI HO 06", "Homeless applications received", "housing-options", "officer", N, DATA,
        M, SUM, 75, 0, 0.12, 0.1, 0.04, 0, kind=IndicatorType.INPUT),
    Spec("LPI HO 07", "Rent deposit scheme tenancies created", "housing-options", "officer", N,
        HI, M, SUM, 9, 10, 0.2, 0.25, 0, 0),
    Spec("LPI HO 08", "% of temporary accommodation rent collected", "housing-options",
        "officer", P, HI, M, RATIO, 94, 96, 0.02, 0.015, 0, 1, deputy="manager"),
    Spec("LPI HO 09", "Customer satisfaction with the housing options service",
        "housing-options", "officer", P, HI, Q, AVG, 82, 85, 0, 0.03, 0.02, 0,
        kind=IndicatorType.PERCEPTION),
    Spec("LPI HO 10", "Households helped through the Homes for Ukraine scheme",
        "housing-options", "officer", N, DATA, Q, SUM, 14, 0, 0.1, 0.3, -0.2, 0),
    Spec("LPI HO 11", "Private sector homes improved through council action", "housing-options",
        "officer", N, HI, Q, SUM, 22, 25, 0.1, 0.2, 0, 0),
    Spec("LPI HO 12", "Disabled facilities grants completed", "housing-options", "officer", N,
        HI, M, SUM, 11, 12, 0.1, 0.25, 0, 0, deputy="hstrategy"),
    Spec("LPI HO 13", "Average weeks from DFG referral to completion", "housing-options",
        "officer", N, LO, Q, AVG, 24, 22, 0, 0.08, -0.05, 1),
    Spec("LPI HO 14", "Empty homes brought back into use", "housing-options", "officer", N, HI,
        Q, SUM, 12, 15, 0.1, 0.3, 0.05, 0),
    Spec("LPI HO 15", "% of housing complaints answered within 10 working days",
        "housing-options", "officer", P, HI, M, RATIO, 88, 95, 0.03, 0.04, 0.02, 1),
    Spec("LPI HO 16", "Number of rough sleepers (monthly count)", "housing-options", "officer",
        N, LO, M, LATEST, 6, 4, 0.3, 0.3, 0, 0, kind=IndicatorType.OUTCOME),
    Spec("LPI HO 17", "Social housing lettings made", "housing-options", "officer", N, DATA, M,
        SUM, 34, 0, 0.1, 0.15, 0, 0),
    Spec("LPI HO 18", "Housing register households in band A", "housing-options", "officer", N,
        DATA, M, LATEST, 140, 0, 0.05, 0.05, 0.05, 0),
    Spec("LPI HO 19", "% of void properties re-let within 28 days", "housing-options",
        "officer", P, HI, M, RATIO, 71, 80, 0.05, 0.06, 0.03, 1),
    Spec("HS16", "Number of affordable homes delivered (gross)", "housing-strategy",
        "hstrategy", N, HI, Q, SUM, 38, 45, 0.2, 0.35, 0, 0, kind=IndicatorType.OUTCOME),
    Spec("LPI HS 02", "Affordable homes with planning permission", "housing-strategy",
        "hstrategy", N, HI, Q, SUM, 60, 55, 0.2, 0.3, 0, 0),
    # Planning.
    Spec("PS01", "Processing of planning applications: major applications within 13 weeks",
        "development-management", "planner", P, HI, Q, RATIO, 84, 60, 0, 0.08, 0, 1,
        national=True),
    Spec("PS02", "Processing of planning applications: minor applications within 8 weeks",
        "development-management", "planner", P, HI, Q, RATIO, 78, 70, 0, 0.06, 0, 1),
    Spec("PS03", "Processing of planning applications: other applications within 8 weeks",
        "development-management", "planner", P, HI, Q, RATIO, 86, 80, 0, 0.04, 0, 1),
    Spec("LPI PL 04", "Planning appeals allowed", "development-management", "planner", P, LO, Q,
        RATIO, 28, 30, 0, 0.2, 0, 1),
    Spec("LPI PL 05", "Planning applications received", "development-management", "planner", N,
        DATA, M, SUM, 120, 0, 0.15, 0.1, -0.03, 0, kind=IndicatorType.INPUT),
    Spec("LPI PL 06", "Net additional homes provided", "planning-policy", "planner", N, HI, A,
        SUM, 410, 450, 0, 0.15, 0, 0, kind=IndicatorType.OUTCOME),
    # Environmental services.
    Spec("NI 191", "Residual household waste per household (kg)", "waste-and-recycling",
        "waste", N, LO, Q, SUM, 118, 112, 0.08, 0.03, -0.02, 1, True,
        kind=IndicatorType.OUTCOME),
    Spec("NI 192", "Household waste reused, recycled and composted", "waste-and-recycling",
        "waste", P, HI, Q, RATIO, 51, 54, 0.12, 0.03, 0.01, 1, True,
        kind=IndicatorType.OUTCOME),
    Spec("NI 193", "Municipal waste land filled", "waste-and-recycling", "waste", P, LO, Q,
        RATIO, 9, 8, 0.05, 0.1, -0.05, 1, True),
    Spec("ETS01", "Number of missed collections per 100,000", "waste-and-recycling", "waste", N,
        LO, M, AVG, 42, 40, 0.2, 0.15, 0, 0),
    Spec("NI 195", "Street cleanliness: land with unacceptable litter", "street-cleansing",
        "waste", P, LO, Q, AVG, 5.5, 6, 0.2, 0.15, 0, 1, True),
    Spec("LPI SC 02", "Fly-tipping incidents cleared within two working days",
        "street-cleansing", "waste", P, HI, M, RATIO, 91, 95, 0.05, 0.03, 0, 1),
    Spec("NI 185", "CO2 reduction from local authority operations", "environmental-services",
        "waste", P, HI, A, LATEST, 4.2, 5, 0, 0.2, 0, 1, True),
    Spec("NI 186", "Per capita reduction in CO2 emissions in the LA area",
        "environmental-services", "waste", P, HI, A, LATEST, 2.8, 3, 0, 0.2, 0, 1, True,
        kind=IndicatorType.OUTCOME),
    # Leisure and community.
    Spec("LPI LC 01", "Visits to leisure centres", "sports-development", "leisure", N, HI, M,
        SUM, 41000, 40000, 0.18, 0.04, 0.03, 0, kind=IndicatorType.OUTPUT),
    Spec("LPI LC 02", "Children attending holiday activity programmes", "sports-development",
        "leisure", N, HI, Q, SUM, 900, 950, 0.5, 0.1, 0, 0),
    Spec("NI 1", "Percentage of people who believe people from different backgrounds get on "
        "well together in their local area", "community-safety", "safety", P, HI, A, LATEST, 78, 80,
        0, 0.02, 0, 0, True, kind=IndicatorType.PERCEPTION),
    Spec("LPI CS 04", "Anti-social behaviour incidents reported to the council",
        "community-safety", "safety", N, LO, M, SUM, 160, 170, 0.2, 0.1, -0.03, 0),
    Spec("SNH03", "Domestic abuse incidents (domestic crimes)", "community-safety", "safety", N,
        DATA, Q, SUM, 310, 0, 0.1, 0.08, 0, 0),
    Spec("LPI CS 06", "Lifeline calls answered within 60 seconds", "lifeline", "safety", P, HI,
        M, RATIO, 98.2, 97.5, 0.005, 0.005, 0, 1),
    # Environmental health.
    Spec("RS20", "% of key food hygiene inspections carried out in time", "food-safety",
        "ehealth", P, HI, Q, RATIO, 92, 100, 0, 0.04, 0, 1),
    Spec("RS21", "% of incident responses carried out in prescribed time", "food-safety",
        "ehealth", P, HI, M, RATIO, 96, 95, 0.02, 0.02, 0, 1),
    Spec("LPI EH 03", "Licensing applications processed within 10 working days", "licensing",
        "ehealth", P, HI, M, RATIO, 95, 95, 0.02, 0.02, 0, 1),
    # Revenues and benefits.
    Spec("RB06", "% of Council Tax collected", "council-tax", "revs", P, HI, M, LATEST, 97.3,
        97.5, 0, 0.003, 0, 1, kind=IndicatorType.OUTCOME, deputy="finance"),
    Spec("RB05", "% of Non-domestic Rates collected", "council-tax", "revs", P, HI, M, LATEST,
        98.1, 98.5, 0, 0.003, 0, 1),
    Spec("RB04", "% of council tax paid electronically (Direct Debit and online)",
        "council-tax", "revs", P, HI, Q, LATEST, 79, 80, 0, 0.01, 0.02, 1),
    Spec("RB07", "Average days to process new Housing Benefit claims", "benefits", "revs",
        Unit.DAYS, LO, M, AVG, 19, 18, 0.1, 0.1, -0.05, 1),
    Spec("RB08", "Average days to process changes of circumstances", "benefits", "revs",
        Unit.DAYS, LO, M, AVG, 7.5, 8, 0.15, 0.12, 0, 1),
    Spec("RB01", "% of benefit assessments calculated correctly", "benefits", "revs", P, HI, M,
        RATIO, 96.5, 97, 0.01, 0.01, 0, 1),
    # Customer services.
    Spec("CS02a", "% of telephone calls answered by the Contact Centre in 15 seconds",
        "customer-service-centre", "customer", P, HI, M, RATIO, 77, 80, 0.06, 0.04, 0, 1),
    Spec("CS01", "Quality of call handling (% score from monitoring sample)",
        "customer-service-centre", "customer", P, HI, Q, AVG, 94, 90, 0, 0.02, 0, 1,
        kind=IndicatorType.PERCEPTION),
    Spec("LPI CU 03", "Complaints answered within 10 working days", "customer-service-centre",
        "customer", P, HI, M, RATIO, 89, 90, 0.03, 0.03, 0, 1),
    Spec("LPI CU 04", "Visits to the council website", "customer-service-centre", "customer", N,
        DATA, M, SUM, 52000, 0, 0.1, 0.05, 0.05, 0, public=False),
    # Finance and HR.
    Spec("FI06", "% of undisputed invoices paid within 30 days", "accountancy", "finance", P,
        HI, M, RATIO, 96, 97, 0.01, 0.015, 0, 1, public=False),
    Spec("LPI FI 02", "Budget variance at year end (%)", "accountancy", "finance", P, BAND, Q,
        LATEST, 0.8, 0, 0, 0.8, 0, 1, public=False),
    Spec("HR11", "Working days lost per FTE due to sickness absence", "human-resources",
        "hrofficer", N, LO, M, SUM, 0.7, 0.65, 0.3, 0.1, 0, 2, public=False,
        kind=IndicatorType.INPUT),
    Spec("LPI HR 02", "Staff turnover (%)", "human-resources", "hrofficer", P, LO, Q, SUM, 2.6,
        2.5, 0.1, 0.15, 0, 1, public=False),
    Spec("HR01", "% accuracy in pay calculations", "human-resources", "hrofficer", P, HI, M,
        RATIO, 99.8, 99.5, 0, 0.001, 0, 1, public=False),
    Spec("NI 120", "All-age all cause mortality rate (per 100,000)", "community-services",
        "safety", Unit.RATE, LO, A, LATEST, 880, 860, 0, 0.02, -0.02, 1, True,
        kind=IndicatorType.OUTCOME),
    # The partnership: PIs the partner organisations own and report (docs/partners.md).
    Spec("CSP 01", "Police-recorded crime (all offences)", "valley-police", "partner", N, LO, M,
        SUM, 410, 400, 0.1, 0.06, -0.02, 0, kind=IndicatorType.OUTCOME),
    Spec("CSP 02", "Repeat victims of domestic abuse (%)", "valley-police", "partner", P, LO, Q,
        LATEST, 27, 25, 0, 0.06, -0.02, 1, kind=IndicatorType.OUTCOME),
    Spec("HWB 01", "Adults quitting smoking with support (four-week quits)", "valley-health",
        "health", N, HI, M, SUM, 38, 40, 0.2, 0.12, 0.02, 0, kind=IndicatorType.OUTCOME),
]
# fmt: on

# Council PIs shared with partner organisations (by unit code): their staff see them too.
SHARED_WITH_PARTNERS = {
    "LPI CS 04": ["valley-police"],
    "SNH03": ["valley-police", "valley-health"],
    "NI 120": ["valley-health"],
}

COMMENTS_RED = [
    "Below target: two vacancies in the team over the period and a rise in demand.",
    "Off target after the system migration delayed processing for three weeks.",
    "Demand has risen sharply since the spring; the backlog is being worked through.",
    "Seasonal pressure was higher than profiled and agency cover was not available.",
]
ACTIONS_RED = [
    "Agency staff approved for three months; weekly backlog review with the Head of Service.",
    "Recovery plan agreed at DMT: overtime for two months and a revised triage rota.",
    "Process redesigned with the performance team; report back to CMT next quarter.",
]
COMMENTS_AMBER = [
    "Slightly below target; within tolerance and expected to recover next period.",
    "Close to target; the service is monitoring the trend weekly.",
]
COMMENTS_GREEN = ["On track.", "Above target thanks to the new online form.", ""]


def _rng(code: str) -> random.Random:
    return random.Random(sum(ord(ch) * (i + 1) for i, ch in enumerate(code)))


def _shape(spec: Spec, period: Period, index: int, rng: random.Random) -> float:
    """Return the made-up value of a period: level x season x trend, with noise."""
    months = period.months
    mid_month = (period.number - 1) * months + months / 2  # months since April
    season = 1 + spec.seasonal * math.cos(2 * math.pi * (mid_month - 9) / 12)  # peaks in winter
    years = index / PERIODS_IN_YEAR[period.frequency]
    value = spec.level * season * (1 + spec.trend * (years - 2))
    value *= 1 + rng.gauss(0, spec.noise)
    if spec.unit == P:
        value = min(max(value, 0.0), 100.0)
    return max(value, 0.0) if spec.polarity != BAND else value


def _quantize(value: float, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


def _per_period_target(spec: Spec, number: int) -> float:
    """Return the demo target of one period (seasonal for profiled sum indicators)."""
    if spec.aggregation == SUM and spec.seasonal:
        months = {M: 1, Q: 3, A: 12}[spec.frequency]
        mid_month = (number - 1) * months + months / 2
        return spec.target * (1 + spec.seasonal * math.cos(2 * math.pi * (mid_month - 9) / 12))
    return spec.target


def _target_for(spec: Spec, indicator: Indicator, year: int) -> Target:
    count = PERIODS_IN_YEAR[spec.frequency]
    if spec.polarity == DATA:
        return Target(indicator=indicator, year=year)
    profile: list[str] = []
    if spec.aggregation == SUM:
        annual = spec.target * count
        if spec.seasonal and count > 1:
            profile = [
                str(_quantize(_per_period_target(spec, n), spec.places))
                for n in range(1, count + 1)
            ]
    else:
        annual = spec.target
    target = Target(
        indicator=indicator,
        year=year,
        annual_target=_quantize(annual, spec.places),
        baseline=_quantize(annual * 0.97, spec.places),
        profile=profile,
    )
    if spec.polarity == BAND:
        target.annual_target = Decimal("0")
        target.band_low, target.band_high = Decimal("-1"), Decimal("1")
    return target


def _demo_rag(spec: Spec, value: Decimal, number: int) -> str:
    """Return the RAG the engine's rule gives the value against the demo target (default
    tolerance), so that every Red demo figure carries commentary and corrective action."""
    if spec.polarity == BAND:
        thresholds = Thresholds(Decimal(0), band_low=Decimal(-1), band_high=Decimal(1))
    else:
        thresholds = Thresholds(_quantize(_per_period_target(spec, number), spec.places))
    rounded_value = value.quantize(Decimal(1).scaleb(-spec.places))
    return judge(rounded_value, thresholds, polarity=spec.polarity, tolerance=Tolerance())


def _users() -> dict[str, User]:
    """Return demo users by username, creating the extra officers when missing."""
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    for username, (first, last, unit_code, title) in EXTRA_OFFICERS.items():
        demo_person(
            username, first, last, role=Role.OFFICER, unit=units.get(unit_code), title=title
        )
    return {user.username: user for user in User.objects.all()}


def _large_specs(users: dict[str, User], count: int) -> list[Spec]:
    """Return `count` generated specs spread over the large council's services."""
    services = list(
        OrgUnit.objects.filter(kind=UnitKind.SERVICE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    owners = sorted(["officer", "manager", *EXTRA_OFFICERS])
    shapes = [
        (P, HI, M, RATIO, 88, 90, 0.03),
        (N, HI, M, SUM, 40, 42, 0.15),
        (Unit.DAYS, LO, M, AVG, 20, 19, 0.1),
        (N, LO, Q, LATEST, 60, 55, 0.05),
        (P, HI, Q, RATIO, 75, 78, 0.02),
        (N, DATA, M, SUM, 300, 0, 0.1),
        (P, LO, A, LATEST, 12, 11, 0.0),
    ]
    specs = []
    for n in range(count):
        unit, polarity, frequency, aggregation, level, target, seasonal = shapes[n % len(shapes)]
        specs.append(
            Spec(
                f"LPI X {n + 1:03d}",
                f"Generated indicator {n + 1} ({aggregation}, {frequency})",
                services[n % len(services)],
                owners[n % len(owners)],
                unit,
                polarity,
                frequency,
                aggregation,
                level * (1 + (n % 5) / 20),
                target * (1 + (n % 7) / 25),
                seasonal,
                0.04,
                0.0,
                1,
                public=n % 3 == 0,
            )
        )
    return specs


def _indicator_from(spec: Spec, units: dict[str, OrgUnit], users: dict[str, User]) -> Indicator:
    return Indicator(
        code=spec.code,
        title=spec.title,
        definition=spec.definition
        or (
            f"{spec.title}. Source: the service's case management system, extracted on the "
            "first working day after the period. Counted by the owner; checked by the deputy."
        ),
        data_source="Service system extract",
        unit=spec.unit,
        decimal_places=spec.places,
        polarity=spec.polarity,
        frequency=spec.frequency,
        aggregation=spec.aggregation,
        indicator_type=spec.kind,
        multiplier=Decimal(100 if spec.aggregation == RATIO and spec.unit == P else 1),
        owner=users[spec.owner],
        deputy=users.get(spec.deputy) if spec.deputy else None,
        service=units[spec.service],
        is_public=spec.public,
        is_national=spec.national or spec.code.startswith("NI "),
    )


@transaction.atomic
def seed(*, size: str, stdout, today=None) -> None:
    """Create the demo register (idempotent); `large` makes 600 PIs over five years."""
    today = today or timezone.localdate()
    users = _users()
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    years_back = 5 if size == "large" else 3
    specs = DEMO_SPECS
    if size == "large":
        specs = DEMO_SPECS + _large_specs(users, LARGE_INDICATORS - len(DEMO_SPECS))
    existing = set(Indicator.objects.values_list("code", flat=True))
    new_specs = [spec for spec in specs if spec.code not in existing]
    indicators = Indicator.objects.bulk_create(
        [_indicator_from(spec, units, users) for spec in new_specs], batch_size=500
    )
    current_month = Period.last_ended(M, today)  # figures for this month are being entered now
    first_year = current_month.year - years_back + 1
    perf = users.get("perf")
    targets: list[Target] = []
    figures: list[Figure] = []
    officer_missing = 0
    for spec, indicator in zip(new_specs, indicators, strict=True):
        rng = _rng(spec.code)
        latest = Period.latest_for(spec.frequency, current_month)
        for year in range(first_year, current_month.year + 1):
            targets.append(_target_for(spec, indicator, year))
        periods = [
            p
            for year in range(first_year, latest.year + 1)
            for p in periods_of_year(spec.frequency, year)
            if p <= latest
        ]
        for index, period in enumerate(periods):
            value = _shape(spec, period, index, rng)
            current = period.end >= current_month.start
            if current and spec.owner == "officer" and officer_missing < 6 and spec.frequency == M:
                officer_missing += 1  # left for the demo officer to enter
                continue
            if not current and rng.random() < 0.01:
                continue  # a few historical gaps
            if current and rng.random() < 0.1:
                continue
            figures.append(_figure(spec, indicator, period, value, rng, current=current, perf=perf))
    Target.objects.bulk_create(targets, batch_size=2000, ignore_conflicts=True)
    Figure.objects.bulk_create(figures, batch_size=2000)
    for code, partner_codes in SHARED_WITH_PARTNERS.items():
        shared = Indicator.objects.filter(code=code).first()
        if shared is not None:
            shared.partners.add(*(units[c] for c in partner_codes if c in units))
    _close_periods(first_year, current_month, perf)
    _seed_comparators(current_month)
    stdout.write(
        f"Indicators: {Indicator.objects.count()} PIs, {Figure.objects.count()} figures, "
        f"{Target.objects.count()} targets"
    )


def _figure(
    spec: Spec,
    indicator: Indicator,
    period: Period,
    value: float,
    rng: random.Random,
    *,
    current: bool,
    perf: User | None,
) -> Figure:
    """Return an unsaved figure for the period, with commentary where it is off target."""
    entered_on = due_date(period, 5)
    entered_at = timezone.make_aware(datetime.combine(entered_on, time(10, 30)))
    figure = Figure(
        indicator=indicator,
        year=period.year,
        number=period.number,
        entered_by=indicator.owner,
        entered_at=entered_at,
        submitted_by=indicator.owner,
        submitted_at=entered_at + timedelta(minutes=20),
    )
    if spec.aggregation == RATIO:
        denominator = max(int(rng.uniform(80, 400) * (1 + spec.seasonal)), 1)
        numerator = round(denominator * value / 100) if spec.unit == P else round(value)
        figure.numerator, figure.denominator = Decimal(numerator), Decimal(denominator)
        figure.value = (Decimal(numerator) / Decimal(denominator) * 100).quantize(Decimal("0.0001"))
        value = float(figure.value)
    else:
        figure.value = _quantize(value, spec.places)
    rag = _demo_rag(spec, figure.value, period.number)
    if rag == Rag.RED:
        figure.commentary = rng.choice(COMMENTS_RED)
        figure.corrective_action = rng.choice(ACTIONS_RED)
    elif rag == Rag.AMBER:
        figure.commentary = rng.choice(COMMENTS_AMBER)
    else:
        figure.commentary = rng.choice(COMMENTS_GREEN)
    if current:
        figure.state = rng.choice(
            [FigureState.SUBMITTED, FigureState.SUBMITTED, FigureState.VERIFIED, FigureState.DRAFT]
        )
        if figure.state == FigureState.DRAFT:
            figure.submitted_by = figure.submitted_at = None
    else:
        figure.state = FigureState.VERIFIED
    if figure.state == FigureState.VERIFIED:
        figure.verified_by = perf
        figure.verified_at = figure.submitted_at + timedelta(days=2)
    return figure


def _close_periods(first_year: int, current_month: Period, perf: User | None) -> None:
    """Close every period that ended before the month now being reported."""
    closures = []
    for frequency in (M, Q, A):
        for year in range(first_year, current_month.year + 1):
            for period in periods_of_year(frequency, year):
                if period.end < current_month.start:
                    closes_on = due_date(period, 15)
                    closures.append(
                        PeriodClosure(
                            frequency=frequency,
                            year=period.year,
                            number=period.number,
                            closed_by=perf,
                            closed_at=timezone.make_aware(datetime.combine(closes_on, time(17))),
                            reason="Monthly close-down",
                        )
                    )
    PeriodClosure.objects.bulk_create(closures, ignore_conflicts=True)


# Comparator data (benchmarking) ------------------------------------------------------------

# Made-up neighbours for the demo council: plausible district names, none of them real data.
DEMO_AUTHORITIES = [
    ("Ashford Vale DC", ("Nearest neighbours", "Shire districts")),
    ("Brackenridge BC", ("Nearest neighbours", "Shire districts")),
    ("Castlemere DC", ("Nearest neighbours", "Shire districts")),
    ("Dunmore BC", ("Shire districts",)),
    ("Eastholme DC", ("Nearest neighbours", "Shire districts")),
    ("Fernleigh DC", ("Shire districts",)),
    ("Glenbrook BC", ("Nearest neighbours",)),
    ("Harwood DC", ("Shire districts",)),
    ("Ivybridge Hills DC", ("Nearest neighbours", "Shire districts")),
    ("Kingsmead BC", ("Shire districts",)),
    ("Larkfield DC", ("Nearest neighbours", "Shire districts")),
    ("Millbrook DC", ("Shire districts",)),
    ("Northcote BC", ("Nearest neighbours",)),
    ("Oakhampton DC", ("Shire districts",)),
    ("Pendle Marsh DC", ("Nearest neighbours", "Shire districts")),
    ("Queensbury BC", ("Shire districts",)),
    ("Rushden Vale DC", ("Nearest neighbours", "Shire districts")),
    ("Stourford DC", ("Shire districts",)),
    ("Thornbury BC", ("Nearest neighbours",)),
    ("Upton Downs DC", ("Shire districts",)),
]
# A dozen PIs councils commonly benchmark, with comparator data for the last two years.
DEMO_BENCHMARKED = [
    "NI 191", "NI 192", "NI 193", "NI 195", "NI 156", "NI 185",
    "NI 1", "LPI HO 01", "LPI CS 04", "RB01", "HR01", "LPI PL 04",
]  # fmt: skip
BENCH_SPREAD = 0.12  # comparators' typical spread around our level, relative


def _seed_comparators(current_month: Period) -> None:
    """Give the demo's benchmarked PIs other authorities' values (deterministic, made up),
    naming the demo council as the file would so that its groups apply."""
    from core.models import CouncilSettings

    council = CouncilSettings.load()
    if not council.comparator_name:
        council.comparator_name = council.council_name
        council.save()
    specs = {spec.code: spec for spec in DEMO_SPECS}
    done = set(ComparatorValue.objects.values_list("indicator__code", flat=True).distinct())
    rows = []
    for indicator in Indicator.objects.filter(code__in=DEMO_BENCHMARKED).exclude(code__in=done):
        spec = specs.get(indicator.code)
        if spec is None or spec.polarity == BAND:
            continue
        latest = Period.latest_for(indicator.frequency, current_month)
        periods = latest.back(2 * PERIODS_IN_YEAR[indicator.frequency])
        for name, groups in DEMO_AUTHORITIES:
            rng = _rng(f"{indicator.code}/{name}")
            # Each authority is steadily better or worse than typical, with its own noise.
            bias = rng.gauss(0, BENCH_SPREAD)
            for index, period in enumerate(periods):
                value = _shape(spec, period, index, rng) * (1 + bias)
                if spec.unit == P:
                    value = min(max(value, 0.0), 100.0)
                rows.append(
                    ComparatorValue(
                        indicator=indicator,
                        year=period.year,
                        number=period.number,
                        authority=name,
                        value=round(Decimal(max(value, 0.0)), indicator.decimal_places),
                        groups=list(groups),
                    )
                )
        for period in periods:
            rows.append(
                ComparatorValue(
                    indicator=indicator,
                    year=period.year,
                    number=period.number,
                    authority=council.comparator_name,
                    value=0,  # ignored: our own figure is always the one compared
                    groups=["Nearest neighbours", "Shire districts"],
                )
            )
    ComparatorValue.objects.bulk_create(rows, batch_size=2000)
