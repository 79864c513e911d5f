"""Benchmark cases of the dashboards (`make bench`): the Board's page, a drill-down list, a
directorate's page, an officer's own page and the public pages."""

from devtools.bench import BenchCase


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("dashboard (board)", username="board", url="/dashboard/"),
        BenchCase(
            "dashboard with unverified (perf)", username="perf", url="/dashboard/?figures=entered"
        ),
        BenchCase("dashboard of Place", username="manager", url="/dashboard/units/place/"),
        BenchCase("drill-down: Red", username="board", url="/dashboard/indicators/?rag=red"),
        BenchCase("my dashboard", username="officer", url="/dashboard/mine/"),
        BenchCase("public index", url="/public/"),
        BenchCase("public open data (JSON)", url="/public/indicators.json"),
    ]
