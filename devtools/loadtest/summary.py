"""The load test's table: requests, rate, median, 95th percentile and errors per page, for all
pages and for all but the sign-in (whose password hashing is a deliberate cost)."""

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from devtools.loadtest.names import SIGN_IN


@dataclass(frozen=True)
class Sample:
    """One request as Locust timed it."""

    name: str
    ms: float
    failed: bool


@dataclass(frozen=True)
class Row:
    name: str
    requests: int
    per_second: float
    median_ms: float
    p95_ms: float
    errors: int


def percentile(times: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of the times (0 when there are none)."""
    if not times:
        return 0
    ordered = sorted(times)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceiling, at least the first
    return ordered[int(rank) - 1]


def _row(name: str, samples: list[Sample], seconds: float) -> Row:
    times = [sample.ms for sample in samples]
    return Row(
        name=name,
        requests=len(samples),
        per_second=len(samples) / seconds if seconds else 0,
        median_ms=percentile(times, 0.5),
        p95_ms=percentile(times, 0.95),
        errors=sum(sample.failed for sample in samples),
    )


def summarise(samples: list[Sample], *, seconds: float) -> list[Row]:
    """Return a row per page (by name), then "all pages" and "all but sign-in"."""
    by_name: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_name[sample.name].append(sample)
    rows = [_row(name, by_name[name], seconds) for name in sorted(by_name)]
    rows.append(_row("all pages", samples, seconds))
    without = [sample for sample in samples if sample.name != SIGN_IN]
    rows.append(_row("all but sign-in", without, seconds))
    return rows


def read_samples(path: Path) -> list[Sample]:
    """Return the requests the Locust file wrote (nothing when it wrote none)."""
    if not path.exists():
        return []
    return [Sample(name, ms, failed) for name, ms, failed in json.loads(path.read_text())]
