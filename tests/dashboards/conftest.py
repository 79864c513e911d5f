"""A small council whose October 2026 position is known PI by PI.

Housing (Place directorate): H1 Red (was Green), H2 Amber (was Green: getting worse), H3 Green.
Planning (Place): P1 missing, P2 Red but only submitted (unverified), P3 Amber improving with
internal commentary. Targets 100, higher is better, default 5% tolerance.
"""

from dataclasses import dataclass

import pytest

from indicators.choices import FigureState
from indicators.models import Indicator
from plans.choices import PlanKind, PlanStatus
from tests.factories import (
    FigureFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PlanFactory,
    TargetFactory,
)

PERIOD = "2026-10"  # month 7 of 2026/27
OCT, SEP = 7, 6


@dataclass
class Scenario:
    h1: Indicator
    h2: Indicator
    h3: Indicator
    p1: Indicator
    p2: Indicator
    p3: Indicator
    homes: object  # the Council Plan priority H1 and H2 serve
    growth: object


def make_pi(code: str, service, owner, figures: dict, **extra) -> Indicator:
    """Create a monthly PI with a 2026/27 target of 100 and figures {month: (value, state)}."""
    indicator = IndicatorFactory(
        code=code, title=f"Indicator {code}", service=service, owner=owner, **extra
    )
    TargetFactory(indicator=indicator, year=2026, annual_target=100)
    TargetFactory(indicator=indicator, year=2025, annual_target=100)
    for number, (value, state, *notes) in figures.items():
        FigureFactory(
            indicator=indicator,
            year=2026,
            number=number,
            value=value,
            state=state,
            commentary=notes[0] if notes else "",
            corrective_action=notes[1] if len(notes) > 1 else "",
            commentary_is_internal=bool(notes[2]) if len(notes) > 2 else False,
        )
    return indicator


@pytest.fixture
def scenario(org, people) -> Scenario:
    v, s = FigureState.VERIFIED, FigureState.SUBMITTED
    h1 = make_pi(
        "LPI H 01",
        org.housing,
        people.officer,
        {SEP: (100, v), OCT: (80, v, "Two staff off sick", "Agency cover from November")},
    )
    h2 = make_pi(
        "LPI H 02", org.housing, people.officer, {SEP: (100, v), OCT: (97, v, "Slight dip")}
    )
    h3 = make_pi("LPI H 03", org.housing, people.manager, {SEP: (110, v), OCT: (120, v)})
    p1 = make_pi("LPI P 01", org.planning, people.other_officer, {SEP: (100, v)})
    p2 = make_pi(
        "LPI P 02",
        org.planning,
        people.other_officer,
        {SEP: (100, v), OCT: (70, s, "Not yet checked")},
    )
    p3 = make_pi(
        "LPI P 03",
        org.planning,
        people.other_officer,
        {SEP: (90, v), OCT: (96, v, "Internal only note", "", True)},
    )
    council_plan = PlanFactory(
        kind=PlanKind.COUNCIL, title="Council Plan", status=PlanStatus.APPROVED, year=2026
    )
    homes = ObjectiveFactory(plan=council_plan, number=1, title="Homes for all")
    growth = ObjectiveFactory(plan=council_plan, number=2, title="Growth")
    service_plan = PlanFactory(
        kind=PlanKind.SERVICE,
        title="Housing plan",
        status=PlanStatus.APPROVED,
        parent=council_plan,
        unit=org.housing,
    )
    housing_objective = ObjectiveFactory(
        plan=service_plan, number=1, title="Prevent homelessness", contributes_to=homes
    )
    housing_objective.indicators.set([h1, h2])
    growth.indicators.set([p1])
    return Scenario(h1, h2, h3, p1, p2, p3, homes, growth)
