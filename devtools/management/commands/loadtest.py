"""`manage.py loadtest`: a bounded deadline-day load on 127.0.0.1, then a database check.

Needs PostgreSQL (DATABASE_URL). It seeds the large demo council if the database is empty,
prepares pairs of officers sharing due indicators, serves the app with gunicorn's threaded
workers on 127.0.0.1, runs Locust headless for --seconds, prints requests per second, median
and 95th percentile per page and the errors (for all pages, and for all but the sign-in, whose
password hashing is a deliberate cost), where the CPU went (gunicorn, Locust, PostgreSQL, the
rest of the machine), then checks that every submitted figure is stored exactly
once and no update was lost. Exits non-zero when anything failed.
"""

import os
import resource
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.loadtest.check import check, read_outcomes
from devtools.loadtest.prepare import prepare
from devtools.loadtest.summary import read_samples, summarise
from devtools.postgres import ensure_database
from devtools.procstat import children, cpu_seconds, machine_busy_seconds
from devtools.redis_check import redis_answers

# The shared cache of the served app, when Redis answers (CACHE_URL overrides).
LOADTEST_CACHE = "redis://127.0.0.1:6379/12"
LOCUSTFILE = Path(__file__).resolve().parents[2] / "loadtest" / "locustfile.py"


class Command(BaseCommand):
    help = "Deadline-day load test against gunicorn + PostgreSQL on 127.0.0.1."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--pairs", type=int, default=40, help="owner+deputy pairs")
        parser.add_argument("--per-pair", type=int, default=5, help="indicators per pair")
        parser.add_argument("--board", type=int, default=20, help="board members reading")
        parser.add_argument(
            "--ramp",
            type=int,
            default=20,
            help="seconds over which people arrive (sign-in hashes passwords: a deliberate cost)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="gunicorn workers (default: gunicorn.conf.py's, a core each)",
        )
        parser.add_argument(
            "--threads", type=int, help="threads per worker (default: gunicorn.conf.py's)"
        )
        parser.add_argument("--port", type=int, default=0, help="0 picks a free port")

    def handle(self, *args, **opts) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The load test runs against PostgreSQL: set DATABASE_URL.")
        ensure_database(connection.settings_dict)
        out_dir = Path(settings.BASE_DIR) / "var" / "loadtest"
        out_dir.mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0)
        if not User.objects.exists():
            self.stdout.write("Seeding the large demo council (once)...")
            call_command("seed_demo", size="large", stdout=open(os.devnull, "w"))  # noqa: SIM115
        plan = prepare(pairs=opts["pairs"], per_pair=opts["per_pair"], board=opts["board"])
        connection.close()
        port = opts["port"] or _free_port()
        host = f"http://127.0.0.1:{port}"
        outcomes, samples = out_dir / "outcomes.jsonl", out_dir / "samples.json"
        server = self.start_gunicorn(port, opts["workers"], opts["threads"])
        try:
            cpu = CpuUse(server.pid)
            self.run_locust(host, plan, opts, outcomes, samples)
            cpu.stop()
        finally:
            server.terminate()
            server.wait(timeout=30)
        failures, requests = self.print_stats(samples, opts["seconds"])
        self.stdout.write(cpu.describe(requests))
        result = check(outcomes=read_outcomes(outcomes), pairs=plan.pairs, period=plan.period)
        self.stdout.write(
            f"\nDatabase check for {plan.period.label}: {result.submitted_pages} page(s) "
            f"submitted, {result.conflicts} conflict(s) refused, "
            f"{result.figures_checked} figure(s) checked, {result.unanswered} submit(s) still "
            "unanswered when the run stopped (their figures checked against what was typed)."
        )
        for problem in result.problems:
            self.stdout.write(self.style.ERROR(f"  {problem}"))
        if failures or not result.ok or result.submitted_pages == 0:
            raise CommandError("Load test failed (see above).")
        self.stdout.write(
            self.style.SUCCESS("Every submitted figure is stored once; no update lost.")
        )

    def start_gunicorn(
        self, port: int, workers: int | None, threads: int | None
    ) -> subprocess.Popen:
        env = dict(os.environ, DEBUG="false", ALLOWED_HOSTS="127.0.0.1", AXES_ENABLED="false")
        # As deployed, the workers share one cache of assessments when Redis is there.
        cache = env.get("CACHE_URL") or LOADTEST_CACHE
        if redis_answers(cache):
            env["CACHE_URL"] = cache
            self.stdout.write(f"cache: shared, Redis at {cache}")
        else:
            self.stdout.write("cache: each worker's own memory (no Redis answered)")
        config = Path(settings.BASE_DIR) / "gunicorn.conf.py"  # threaded workers, as deployed
        deployed = runpy.run_path(str(config))
        workers, threads = workers or deployed["workers"], threads or deployed["threads"]
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--config", str(config)]
        command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
        command += ["--workers", str(workers), "--threads", str(threads)]
        self.stdout.write(
            f"gunicorn: {workers} {deployed['worker_class']} worker(s) x {threads} thread(s)"
        )
        server = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310  # nosec B310
                return server
            except OSError:
                time.sleep(0.3)
        server.kill()
        raise CommandError("gunicorn did not start within 30 s")

    def run_locust(self, host, plan, opts, outcomes: Path, samples: Path) -> None:
        users = plan.pairs * 2 + plan.board
        env = dict(
            os.environ,
            LOADTEST_PASSWORD=settings.DEMO_PASSWORD,
            LOADTEST_PAIRS=str(plan.pairs),
            LOADTEST_BOARD=str(plan.board),
            LOADTEST_OUTCOMES=str(outcomes),
            LOADTEST_SAMPLES=str(samples),
            PYTHONPATH=str(settings.BASE_DIR),
        )
        self.stdout.write(
            f"Load: {plan.pairs * 2} officers ({plan.pairs} owner/deputy pairs, "
            f"{plan.per_pair} PIs each) and {plan.board} board members for {opts['seconds']} s "
            f"(arriving over {opts['ramp']} s) against {host}"
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--host",
                host,
                "--users",
                str(users),
                "--spawn-rate",
                f"{max(users / max(opts['ramp'], 1), 0.1):.2f}",
                "--run-time",
                f"{opts['seconds']}s",
                "--stop-timeout",
                "10",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            check=False,
            timeout=opts["seconds"] + 120,  # bounded: it stops by itself
        )

    def print_stats(self, samples: Path, seconds: int) -> tuple[int, int]:
        """Print the per-page table; return the numbers of failed and of all requests."""
        rows = summarise(read_samples(samples), seconds=seconds)
        self.stdout.write(
            f"\n| {'page':<22} | {'requests':>8} | {'req/s':>6} | {'median ms':>9} "
            f"| {'p95 ms':>7} | {'errors':>6} |"
        )
        self.stdout.write(f"|{'-' * 24}|{'-' * 10}|{'-' * 8}|{'-' * 11}|{'-' * 9}|{'-' * 8}|")
        for row in rows:
            self.stdout.write(
                f"| {row.name:<22} | {row.requests:>8} | {row.per_second:>6.1f} "
                f"| {row.median_ms:>9.0f} | {row.p95_ms:>7.0f} | {row.errors:>6} |"
            )
        return rows[-2].errors, rows[-2].requests  # all pages


class CpuUse:
    """The CPU seconds gunicorn (master and workers), Locust, this database's PostgreSQL
    connections and the rest of the machine use from now until stop(): where the time went."""

    def __init__(self, server: int) -> None:
        self.server = server
        self.gunicorn = self._gunicorn()
        self.children = _children_cpu()
        self.machine = machine_busy_seconds()
        self.started = time.monotonic()

    def _gunicorn(self) -> float:
        return sum(cpu_seconds(pid) for pid in [self.server, *children(self.server)])

    def stop(self) -> None:
        self.gunicorn = self._gunicorn() - self.gunicorn
        self.locust = _children_cpu() - self.children  # the one child that has ended since
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            backends = [pid for (pid,) in cursor.fetchall()]
        connection.close()
        # The connections gunicorn's threads opened during the run (kept, CONN_MAX_AGE).
        self.postgres = sum(cpu_seconds(pid) for pid in backends)
        self.machine = machine_busy_seconds() - self.machine
        self.seconds = time.monotonic() - self.started  # Locust's start and stop included

    def describe(self, requests: int) -> str:
        """Say where the CPU went, and gunicorn's CPU per request (what capacity needs)."""
        cores = os.cpu_count() or 1
        rest = max(self.machine - self.gunicorn - self.locust - self.postgres, 0)
        return (
            f"\nCPU over the run ({cores} cores x {self.seconds:.0f} s = "
            f"{cores * self.seconds:.0f} core-seconds): "
            f"gunicorn {self.gunicorn:.0f} s, Locust {self.locust:.0f} s, PostgreSQL (this "
            f"database's connections) {self.postgres:.0f} s, the rest of the machine {rest:.0f} s; "
            f"gunicorn's CPU per request {self.gunicorn * 1000 / max(requests, 1):.0f} ms."
        )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
