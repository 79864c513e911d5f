"""Benchmark cases: each app's `bench.py` defines `cases(size) -> list[BenchCase]`.

`manage.py bench` seeds a database per size and times every case with Django's test client
(server time, no network), reporting the median and the number of SQL queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class BenchCase:
    name: str
    # A page: the user to sign in as and the URL (or a callable returning it).
    username: str | None = None
    url: str | Callable[[], str] | None = None
    method: str = "get"
    data: dict | Callable[[], dict] = field(default_factory=dict)
    # Or any callable (a report build, an export): timed as it is.
    func: Callable[[], object] | None = None
    repeat: int = 7
    # A long report run once, cold: no warm-up, memory as the process's resident growth.
    cold: bool = False


def cases(size: str) -> list[BenchCase]:
    return [
        BenchCase("login page", url="/accounts/login/"),
        BenchCase("home", username="officer", url="/"),
    ]
