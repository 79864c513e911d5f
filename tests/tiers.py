"""Run the test suite tier by tier and print each tier's time (`make test`, CI).

    python -m tests.tiers [--tiers unit,pdf,...] [--workers N|auto] [pytest arguments...]

The unit and pdf tiers run in parallel (pytest-xdist, a test database per worker, and xdist's
default distribution, which keeps each worker's tests in collection order: the tests on the
seeded demo council must come last in each worker, tests/conftest.py). The others run one
test at a time: the browser tests drive one Chromium against a live server, and the services
and faults tiers share the real PostgreSQL, Redis and Celery worker (and stop and start
them). Every tier runs even when an earlier one fails; the exit status is the first
failure's.
"""

import argparse
import subprocess
import sys
import time

TIERS = ("unit", "pdf", "services", "browser", "faults")
PARALLEL = ("unit", "pdf")
NO_TESTS = 5  # pytest's status when a selection holds no test


def _command(tier: str, workers: str, extra: list[str]) -> list[str]:
    command = [sys.executable, "-m", "pytest", "-m", tier, "-q"]
    if tier in PARALLEL and workers not in ("", "0", "1"):
        command += ["-n", workers]
    return command + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiers", default=",".join(TIERS))
    parser.add_argument("--workers", default="auto", help="xdist workers for the unit tier")
    args, extra = parser.parse_known_args(argv)
    tiers = [tier for tier in args.tiers.split(",") if tier]
    unknown = set(tiers) - set(TIERS)
    if unknown:
        parser.error(f"unknown tiers: {', '.join(sorted(unknown))}")
    results: list[tuple[str, int, float]] = []
    for tier in tiers:
        print(f"\n=== tier {tier} ===", flush=True)
        started = time.monotonic()
        status = subprocess.call(_command(tier, args.workers, extra))
        results.append((tier, status, time.monotonic() - started))
    print("\n=== time per tier ===")
    for tier, status, seconds in results:
        outcome = {0: "passed", NO_TESTS: "no tests selected"}.get(status, f"FAILED ({status})")
        print(f"{tier:<9} {int(seconds // 60):>3}m{int(seconds % 60):02d}s  {outcome}")
    total = sum(seconds for _tier, _status, seconds in results)
    print(f"{'total':<9} {int(total // 60):>3}m{int(total % 60):02d}s", flush=True)
    failures = [status for _tier, status, _seconds in results if status not in (0, NO_TESTS)]
    return failures[0] if failures else 0


if __name__ == "__main__":
    sys.exit(main())
