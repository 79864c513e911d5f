"""Demo-like indicator data for report tests: a few PIs with targets and seven months."""

from decimal import Decimal

from indicators.models import Figure, Indicator, Target


def make_pis(org, people) -> dict[str, Indicator]:
    """Create PIs in Housing and Planning with 2025/26 and 2026/27 figures to October 2026.

    - LPI HO 01 (percentage, higher is better, target 90): 80.0% in October -> Red.
    - LPI HO 02 (days, lower is better, target 20): 19 days in October -> Green.
    - LPI PL 01 (count, sum, annual target 120): 10 a month -> on profile -> Green.
    - LPI PL 02 (data only).
    """
    pis = {
        "LPI HO 01": Indicator.objects.create(
            code="LPI HO 01",
            title="Homelessness cases prevented",
            unit="percentage",
            decimal_places=1,
            polarity="higher",
            aggregation="latest",
            owner=people.officer,
            deputy=people.manager,
            service=org.housing,
        ),
        "LPI HO 02": Indicator.objects.create(
            code="LPI HO 02",
            title="Average days to re-let empty homes",
            unit="days",
            polarity="lower",
            aggregation="average",
            owner=people.officer,
            service=org.housing,
        ),
        "LPI PL 01": Indicator.objects.create(
            code="LPI PL 01",
            title="New homes granted permission",
            unit="number",
            polarity="higher",
            aggregation="sum",
            owner=people.other_officer,
            service=org.planning,
        ),
        "LPI PL 02": Indicator.objects.create(
            code="LPI PL 02",
            title="Planning appeals lodged",
            unit="number",
            polarity="data",
            aggregation="sum",
            owner=people.other_officer,
            service=org.planning,
        ),
    }
    targets = {"LPI HO 01": 90, "LPI HO 02": 20, "LPI PL 01": 120, "LPI PL 02": None}
    values = {
        "LPI HO 01": [91, 92, 90, 88, 86, 84, 80],
        "LPI HO 02": [22, 21, 21, 20, 20, 19, 19],
        "LPI PL 01": [10, 10, 10, 10, 10, 10, 10],
        "LPI PL 02": [3, 4, 2, 5, 1, 3, 2],
    }
    for code, indicator in pis.items():
        for year in (2025, 2026):
            if targets[code] is not None:
                Target.objects.create(
                    indicator=indicator, year=year, annual_target=Decimal(targets[code])
                )
        for number in range(1, 13):
            Figure.objects.create(
                indicator=indicator,
                year=2025,
                number=number,
                value=Decimal(values[code][min(number, 7) - 1]) + 1,
                state="verified",
            )
        for number, value in enumerate(values[code], start=1):
            Figure.objects.create(
                indicator=indicator,
                year=2026,
                number=number,
                value=Decimal(value),
                state="verified",
                commentary="Fewer cases prevented as demand rose."
                if code == "LPI HO 01" and number == 7
                else "",
                corrective_action="Extra prevention officers from December."
                if code == "LPI HO 01" and number == 7
                else "",
            )
    return pis
