"""Benchmark cases of the API: the assessed register, a page and the flat range (bench)."""

from core.bench import BenchCase


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
