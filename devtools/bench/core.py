"""Benchmark cases of the sign-in page and the home page."""

from devtools.bench import BenchCase


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("login page", url="/accounts/login/"),
        BenchCase("home", username="officer", url="/"),
    ]
