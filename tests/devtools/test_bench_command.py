"""`manage.py bench --measure`: one row per case with its median, queries, status and memory."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_measure_reports_each_case_once_with_its_figures(people):
    out = io.StringIO()
    call_command("bench", measure=True, size="demo", only="home", stdout=out)
    rows = json.loads(out.getvalue().strip().splitlines()[-1])
    home = [row for row in rows if row["case"] == "home"]
    assert len(home) == 1
    row = home[0]
    assert row["status"] == 200 and row["size"] == "demo"
    assert row["median_ms"] > 0 and row["queries"] > 0 and row["peak_mb"] > 0


def test_the_table_has_a_row_per_measurement():
    out = io.StringIO()
    from devtools.management.commands.bench import Command

    command = Command(stdout=out)
    command.print_table(
        [
            {
                "size": "demo",
                "case": "home",
                "median_ms": 12.5,
                "queries": 5,
                "status": 200,
                "peak_mb": 1.2,
            },
            {
                "size": "large",
                "case": "home",
                "median_ms": 20.0,
                "queries": 5,
                "status": 200,
                "peak_mb": 1.3,
            },
        ]
    )
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert "| demo   | home" in lines[2] and "12.5" in lines[2]
    assert "| large  | home" in lines[3] and "20.0" in lines[3]


def test_a_cold_case_is_run_once_and_its_memory_growth_measured(monkeypatch):
    from devtools import bench
    from devtools.management.commands.bench import Command

    runs = []

    def report():
        import time

        runs.append(1)
        data = b"x" * 30_000_000  # written, so resident (not lazily zeroed pages)
        time.sleep(0.2)  # held while the sampler looks, as a long report holds its pages
        return len(data)

    monkeypatch.setattr(
        bench, "all_cases", lambda size: [bench.BenchCase("big report", func=report, cold=True)]
    )
    rows = Command().measure("demo", only="")
    assert len(runs) == 1
    assert rows[0]["status"] == "ok" and rows[0]["median_ms"] > 0
    assert rows[0]["peak_mb"] >= 25
