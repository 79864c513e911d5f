"""`manage.py bench`: where it measures, one row per case, long reports in a process of their
own, and every figure beside its floor."""

import io
import json
import os

import pytest
from django.core.management import call_command

from devtools import bench, postgres
from devtools.management.commands.bench import BASE_PAGE, Command, bench_database
from devtools.procstat import peak_resident_bytes


@pytest.mark.django_db
def test_measure_reports_each_case_once_with_its_figures(people):
    out = io.StringIO()
    call_command("bench", measure=True, size="demo", only="home", stdout=out)
    rows = json.loads(out.getvalue().strip().splitlines()[-1])
    home = [row for row in rows if row["case"] == "home"]
    assert len(home) == 1
    row = home[0]
    assert row["status"] == 200 and row["size"] == "demo"
    assert row["median_ms"] > 0 and row["queries"] > 0 and row["peak_mb"] > 0
    # Its floor, the base page, timed between its runs (the machine's speed drifts).
    assert row["floor_ms"] > 0


@pytest.mark.django_db
def test_the_base_page_floor_is_measured_with_the_pages(people):
    rows = Command().measure("demo", only="floor")
    assert [(row["case"], row["status"]) for row in rows] == [(BASE_PAGE, 200)]


def test_the_bench_database_named_in_the_environment_wins():
    chosen = bench_database({"BENCH_DATABASE_URL": "postgres://x@db:5432/b"})
    assert chosen.base_url == "postgres://x@db:5432/b" and "BENCH_DATABASE_URL" in chosen.why


def test_without_postgresql_the_bench_runs_on_sqlite():
    chosen = bench_database({}, server="postgres://postgres@127.0.0.1:1")
    assert chosen.base_url is None and chosen.why.startswith("SQLite")
    env = chosen.environment("demo")
    assert "DATABASE_URL" not in env and env["SQLITE_PATH"].endswith("bench-demo.sqlite3")


def test_when_postgresql_answers_locally_the_bench_runs_on_it():
    if not postgres.answers({}):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    chosen = bench_database({})
    assert chosen.base_url == f"{postgres.LOCAL}/golden_thread_bench"
    assert chosen.why.startswith("PostgreSQL")


@pytest.mark.django_db
def test_a_long_report_reports_its_process_peak_memory_and_pages():
    def report() -> int:
        data = bytearray(60_000_000)
        data[::4096] = b"x" * len(data[::4096])  # written, so resident
        return 12  # its page count

    before = peak_resident_bytes(os.getpid())
    row = Command().measure_alone("demo", bench.BenchCase("big report", func=report, cold=True))
    assert row["status"] == "ok" and row["median_ms"] > 0 and row["pages"] == 12
    # The whole process's peak (what the machine must hold), not the report's growth.
    assert row["rss"] and row["peak_mb"] * 1e6 >= max(before, 60_000_000)


def test_long_reports_are_left_to_processes_of_their_own(monkeypatch):
    runs = []
    long = bench.BenchCase("big report", func=lambda: runs.append(1), cold=True)
    monkeypatch.setattr(bench, "all_cases", lambda size: [long])
    assert Command().measure("demo", only="") == [] and runs == []


def _row(case: str, ms: float, **extra) -> dict:
    return {"size": "large", "case": case, "median_ms": ms, "status": 200, "peak_mb": 1.0} | extra


def test_every_figure_is_printed_beside_its_floor_and_the_ratio():
    out = io.StringIO()
    Command(stdout=out).print_table(
        [
            _row(BASE_PAGE, 10.0),
            _row("golden thread", 150.0, queries=19),
            _row("pack", 60000.0, floor="floor: plain document, 252 pages", rss=True),
            _row("floor: plain document, 252 pages", 40000.0, rss=True, peak_mb=300.0),
        ]
    )
    lines = {line.split("|")[2].strip(): line for line in out.getvalue().splitlines()[2:-1]}
    cells = [cell.strip() for cell in lines["golden thread"].split("|")]
    assert cells[3:6] == ["150.0", "10.0", "15.0"]
    cells = [cell.strip() for cell in lines["pack"].split("|")]
    assert cells[3:6] == ["60000.0", "40000.0", "1.5"] and cells[-2] == "300.0 rss"
    floor = [cell.strip() for cell in lines[BASE_PAGE].split("|")]
    assert floor[4:6] == ["", ""]  # a floor has no floor of its own


def test_a_page_is_compared_with_the_base_page_timed_beside_it():
    out = io.StringIO()
    Command(stdout=out).print_table(
        [_row(BASE_PAGE, 10.0), _row("dashboard", 150.0, queries=30, floor_ms=20.0)]
    )
    lines = {line.split("|")[2].strip(): line for line in out.getvalue().splitlines()[2:-1]}
    cells = [cell.strip() for cell in lines["dashboard"].split("|")]
    assert cells[3:6] == ["150.0", "20.0", "7.5"]


def test_without_redis_the_worker_rows_are_skipped():
    from devtools.redis_check import redis_answers

    assert not redis_answers("redis://127.0.0.1:1/0")
