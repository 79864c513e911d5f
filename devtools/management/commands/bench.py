"""`manage.py bench`: median server time and query count per page, at each demo size.

Without --measure it orchestrates: for each size it migrates and seeds a database of its own
(SQLite files under var/, or BENCH_DATABASE_URL + '_<size>' for PostgreSQL), then runs itself
with --measure against that database and prints one table.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from devtools import bench


class Command(BaseCommand):
    help = "Benchmark pages and reports at the demo and large sizes."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", default="demo,large")
        parser.add_argument("--measure", action="store_true", help="Measure the current DB.")
        parser.add_argument("--size", default="demo")
        parser.add_argument("--only", default="", help="Only cases whose name contains this.")

    def handle(self, *args, sizes: str, measure: bool, size: str, only: str, **options):
        if measure:
            self.stdout.write(json.dumps(self.measure(size, only)))
            return
        rows = []
        for each in [s.strip() for s in sizes.split(",") if s.strip()]:
            env = self.environment_for(each)
            manage = [sys.executable, "manage.py"]
            subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
            subprocess.run(
                [*manage, "seed_demo", "--size", each, "--if-empty"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            result = subprocess.run(
                [*manage, "bench", "--measure", "--size", each, "--only", only],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            rows.extend(json.loads(result.stdout.strip().splitlines()[-1]))
        self.print_table(rows)

    def environment_for(self, size: str) -> dict[str, str]:
        env = dict(os.environ, AXES_ENABLED="false", DEBUG="false", ALLOWED_HOSTS="testserver")
        if base := os.getenv("BENCH_DATABASE_URL"):
            env["DATABASE_URL"] = f"{base}_{size}"
        else:
            var = Path(settings.BASE_DIR) / "var"
            var.mkdir(exist_ok=True)
            env.pop("DATABASE_URL", None)
            env["SQLITE_PATH"] = str(var / f"bench-{size}.sqlite3")
        return env

    def measure(self, size: str, only: str) -> list[dict]:
        from django.contrib.auth.models import User

        rows = []
        for case in bench.all_cases(size):
            if only and only not in case.name:
                continue
            client = Client()
            if case.username:
                client.force_login(User.objects.get(username=case.username))
            times, queries, peak = [], 0, 0
            if case.cold:
                # A long report: its one run is timed, and the process's resident memory
                # sampled meanwhile (tracing Python's allocations would slow it fivefold).
                with PeakMemory() as memory:
                    status, elapsed, queries = self.timed(case, client)
                times, peak = [elapsed], memory.growth
            else:
                # The first run warms caches and, traced, gives the peak Python memory;
                # it is not timed. The runs after it are.
                tracemalloc.start()
                self.run_case(case, client)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                for _ in range(case.repeat):
                    status, elapsed, queries = self.timed(case, client)
                    times.append(elapsed)
            rows.append(
                {
                    "size": size,
                    "case": case.name,
                    "median_ms": round(statistics.median(times) * 1000, 1),
                    "queries": queries,
                    "status": status,
                    "peak_mb": round(peak / 1e6, 1),
                }
            )
        return rows

    def timed(self, case, client: Client) -> tuple[int | str, float, int]:
        """Run the case once; return its status, seconds and number of SQL queries."""
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status = self.run_case(case, client)
            elapsed = time.perf_counter() - started
        return status, elapsed, len(captured)

    @staticmethod
    def run_case(case, client: Client) -> int | str:
        if case.func is not None:
            case.func()
            return "ok"
        url = case.url() if callable(case.url) else case.url
        data = case.data() if callable(case.data) else case.data
        response = getattr(client, case.method)(url, data)
        return response.status_code

    def print_table(self, rows: list[dict]) -> None:
        header = (
            f"| {'size':<6} | {'case':<44} | {'median ms':>9} | {'queries':>7} "
            f"| {'status':>6} | {'peak MB':>7} |"
        )
        self.stdout.write(header)
        self.stdout.write("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
        for row in rows:
            self.stdout.write(
                f"| {row['size']:<6} | {row['case']:<44} | {row['median_ms']:>9} "
                f"| {row['queries']:>7} | {row['status']!s:>6} | {row['peak_mb']:>7} |"
            )


class PeakMemory:
    """How far the process's resident memory grows while the block runs, sampled every 20 ms
    by a thread (Linux; 0 elsewhere)."""

    def __enter__(self) -> "PeakMemory":
        self.start = self.peak = _resident_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _resident_bytes())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _resident_bytes())

    @property
    def growth(self) -> int:
        return self.peak - self.start


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0
