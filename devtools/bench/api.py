"""Benchmark cases of the API (manage.py bench): the assessed register, a page of it as two
roles and the flat twelve-month range, at each size."""

from devtools.bench import BenchCase


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("api: assessed register, first page (perf)", "perf", "/api/v1/register/"),
        BenchCase("api: assessed register, first page (manager)", "manager", "/api/v1/register/"),
        BenchCase(
            "api: flat register, 12 months (perf)",
            "perf",
            "/api/v1/register/flat/?page_size=500",
        ),
    ]
