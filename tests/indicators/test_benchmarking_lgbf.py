"""The LGBF's published ranks, reproduced from its own quarterly data (CORP 09, 32 councils).

tests/data/benchmarking holds the real CORP 09 quarterly rows and the councils' family groups
(provenance in its README). The comparator file is written in our documented columns, loaded
with `manage.py import_benchmarks`, Stirling's own figures are entered as our PI, and our rank
and family-group rank must equal the LGBF's `scotland_rank` and `family_group_rank` in every
quarter; the rule alone is then checked for every council as "us".
"""

import csv
from collections import defaultdict
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from core.models import CouncilSettings, OrgUnit
from indicators.assessment import indicator_history
from indicators.benchmarking import Comparator, compare
from indicators.importers import import_figures, import_indicators
from indicators.models import ComparatorValue, Indicator
from indicators.periods import Period

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "benchmarking"
US = "Stirling"


def lgbf_rows() -> list[dict]:
    with open(DATA / "lgbf_corp09_quarterly.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def family_groups() -> dict[str, str]:
    with open(DATA / "lgbf_family_groups.csv", encoding="utf-8") as handle:
        return {
            r["local_authority"]: f"LGBF family group {r['family_group_other']}"
            for r in csv.DictReader(handle)
        }


def period_of(row: dict) -> Period:
    # '2018-19', 'Q1' -> 2018/19 Q1, as the figures files write quarters.
    return Period.parse(f"{row['financial_year'].replace('-', '/')} {row['quarter']}")


def percent(row: dict) -> Decimal:
    """The LGBF publishes a proportion at two places: as our percentage PI, at none."""
    return Decimal(row["value_proportion"]) * 100


def as_csv(header: list[str], rows: list[list]) -> bytes:
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def corp09(org, people) -> Indicator:
    OrgUnit.objects.create(
        name="Customer Services", code="customer", kind="service", parent=org.council
    )
    import_indicators(
        "register.csv",
        as_csv(
            [
                "code",
                "title",
                "unit",
                "decimal_places",
                "polarity",
                "frequency",
                "aggregation",
                "service",
                "owner",
            ],
            [
                [
                    "CORP 09",
                    "% of Crisis Grant decisions within 1 day",
                    "percentage",
                    "0",
                    "higher",
                    "quarterly",
                    "latest",
                    "customer",
                    "perf",
                ]
            ],
        ),
    )
    return Indicator.objects.get(code="CORP 09")


def test_our_ranks_reproduce_the_lgbf_published_ranks_in_every_quarter(corp09, tmp_path):
    rows = lgbf_rows()
    groups = family_groups()
    # The comparator file, as a council would write it from the LGBF download: all 32
    # councils, each with its family group; Stirling's row gives our group only.
    path = tmp_path / "lgbf.csv"
    path.write_bytes(
        as_csv(
            ["code", "authority", "period", "value", "group"],
            [
                [
                    "CORP 09",
                    r["local_authority"],
                    period_of(r).label,
                    percent(r),
                    groups[r["local_authority"]],
                ]
                for r in rows
            ],
        )
    )
    out = StringIO()
    call_command("import_benchmarks", str(path), "--council-name", US, stdout=out)
    assert "Imported comparator data: 669 comparator values for 21 PI periods" in out.getvalue()
    assert CouncilSettings.load().comparator_name == US
    assert ComparatorValue.objects.count() == 669

    ours = [r for r in rows if r["local_authority"] == US]
    assert len(ours) == 21
    # Our own figures differ from the file's on purpose where we can check that ours count:
    # entered exactly as the LGBF reported them here.
    import_figures(
        "figures.csv",
        as_csv(
            ["code", "period", "value"], [["CORP 09", period_of(r).label, percent(r)] for r in ours]
        ),
    )
    periods = [period_of(r) for r in ours]
    history = indicator_history(corp09, periods, today=date(2026, 1, 1))
    checked = 0
    for row, assessment in zip(ours, history, strict=True):
        comparison = assessment.comparison
        published = int(float(row["scotland_rank"])), int(float(row["family_group_rank"]))
        group = comparison.group
        assert group.name == groups[US]
        assert (comparison.rank, group.ranking.rank) == published, assessment.period.label
        assert comparison.of == sum(
            1
            for r in rows
            if (r["financial_year"], r["quarter"]) == (row["financial_year"], row["quarter"])
        )
        checked += 1
    assert checked == 21


def test_every_councils_ranks_follow_from_the_same_rule():
    """Each of the 32 councils in turn as 'us': the rule alone gives the published ranks."""
    groups = family_groups()
    by_quarter = defaultdict(list)
    for r in lgbf_rows():
        by_quarter[(r["financial_year"], r["quarter"])].append(r)
    compared = 0
    for quarter in by_quarter.values():
        comparators = [
            Comparator(r["local_authority"], percent(r), (groups[r["local_authority"]],))
            for r in quarter
        ]
        for r in quarter:
            result = compare(
                percent(r), comparators, polarity="higher", places=0, our_name=r["local_authority"]
            )
            expected = int(float(r["scotland_rank"])), int(float(r["family_group_rank"]))
            assert (result.rank, result.group.ranking.rank) == expected, (
                r["local_authority"],
                r["financial_year"],
                r["quarter"],
            )
            compared += 1
    assert compared == 669


def test_our_own_figure_counts_not_the_files(corp09, tmp_path):
    """The file's value for this council is never compared: our figure stands in its place."""
    rows = [r for r in lgbf_rows() if (r["financial_year"], r["quarter"]) == ("2018-19", "Q1")]
    groups = family_groups()
    content = as_csv(
        ["code", "authority", "period", "value", "group"],
        [
            [
                "CORP 09",
                r["local_authority"],
                "2018/19 Q1",
                percent(r),
                groups[r["local_authority"]],
            ]
            for r in rows
        ],
    )
    from indicators.comparators import import_benchmarks

    import_benchmarks("lgbf.csv", content, council_name=US)
    # Stirling reported 91% (rank 28); say our own figure was 100%: rank 1 (with four others).
    import_figures("f.csv", as_csv(["code", "period", "value"], [["CORP 09", "2018/19 Q1", "100"]]))
    (assessment,) = indicator_history(corp09, [Period.quarter(2018, 1)], today=date(2026, 1, 1))
    assert assessment.comparison.rank == 1
    assert assessment.comparison.of == 32
    assert [e.value for e in assessment.comparison.overall.entries if e.is_us] == [Decimal("100")]
    assert not any(e.authority == US for e in assessment.comparison.overall.entries)
