"""Benchmark cases of the pages' floor (the base layout alone), the sign-in page and the home
page."""

from devtools.bench import BenchCase


def cases(size: str) -> list[BenchCase]:
    return [
        # The floor every page's time is compared with: the base layout alone, signed in.
        BenchCase("floor: signed-in base page", username="officer", url="/devtools/base/"),
        BenchCase("login page", url="/accounts/login/"),
        BenchCase("home", username="officer", url="/"),
    ]
