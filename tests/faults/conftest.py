"""Real processes for fault tests: gunicorn on the test database, a Redis of the test's own,
Celery workers that can be killed, and a browser-like client that signs in and posts forms.

Everything binds to 127.0.0.1 on free ports and is stopped by the fixture that started it, so
a test may stop or kill these without touching the Redis or PostgreSQL others use.
"""

import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.conftest import ROOT, _database_url, celery_worker_command, need_services


def http_get(url: str) -> tuple[int, bytes]:
    """Return (status, body) of a GET, also for error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what: str, check: Callable[[], object], timeout: float, every: float = 0.2):
    """Return check()'s first true value, polling until `timeout` seconds; fail the test if none."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"{what}: not within {timeout} s")


def _stop(process: subprocess.Popen, timeout: float = 10) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


def shared_database_url() -> str:
    url = _database_url(connection.settings_dict)
    if not url:
        need_services("the fault tests need PostgreSQL (DATABASE_URL) shared with their processes")
    return url


def _serve(extra_env: dict[str, str]) -> Iterator[str]:
    """Serve the app with gunicorn (one worker, persistent DB connections); yield its base URL."""
    port = _free_port()
    env = dict(
        os.environ,
        DATABASE_URL=shared_database_url(),
        DB_CONN_MAX_AGE="600",
        AXES_ENABLED="false",
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        **extra_env,
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "1",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http_get(f"{base}/healthz")
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("gunicorn exited on start")
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not answer within 30 s")
    try:
        yield base
    finally:
        _stop(process)


@pytest.fixture
def gunicorn_url(transactional_db):
    """Serve the app with gunicorn on the test database; yield its base URL."""
    yield from _serve({})


@dataclass
class RedisServer:
    """A throwaway redis-server (no persistence) that a test may stop and start again."""

    port: int
    folder: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for("redis-server answering", self.answers, timeout=10, every=0.1)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False


@pytest.fixture
def own_redis(tmp_path) -> Iterator[RedisServer]:
    """A Redis of this test's own on a free port (never the shared one on 6379)."""
    if shutil.which("redis-server") is None:
        need_services("redis-server is not installed")
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(port=_free_port(), folder=folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def services_env(redis: RedisServer) -> dict[str, str]:
    """The environment pointing the app and its workers at the test's own Redis."""
    return {"CELERY_BROKER_URL": redis.url, "CELERY_RESULT_BACKEND": redis.url}


@pytest.fixture
def app_on_own_redis(transactional_db, own_redis) -> Iterator[str]:
    """gunicorn on the test database, queueing tasks on the test's own Redis; its base URL."""
    yield from _serve(services_env(own_redis))


@dataclass
class Worker:
    """A Celery worker in a process group of its own, so it can be killed whole."""

    process: subprocess.Popen
    log: Path

    def is_ready(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"the worker exited on start:\n{self.output()}")
        return " ready." in self.output()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def pool_children(self) -> list[int]:
        """Return the process ids of the worker's pool processes (prefork)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def kill_all(self) -> None:
        """SIGKILL the worker and its pool at once, as when its machine or container dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@dataclass
class Workers:
    redis: RedisServer
    folder: Path
    started: list[Worker] = field(default_factory=list)

    def start(self, *args: str, **env: str) -> Worker:
        """Start a worker with extra command-line `args` and environment; wait until it is ready."""
        log = self.folder / f"worker-{len(self.started) + 1}.log"
        process = subprocess.Popen(
            celery_worker_command(
                "--without-heartbeat", "-n", f"faults-{len(self.started) + 1}@%h", *args
            ),
            cwd=ROOT,
            env=dict(
                os.environ,
                DATABASE_URL=shared_database_url(),
                AXES_ENABLED="false",
                MEDIA_ROOT=str(settings.MEDIA_ROOT),
                **services_env(self.redis),
                **env,
            ),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killpg reaches the pool too
        )
        worker = Worker(process, log)
        self.started.append(worker)
        wait_for("the worker ready", worker.is_ready, timeout=60, every=0.3)
        return worker


@pytest.fixture
def workers(transactional_db, own_redis, tmp_path) -> Iterator[Workers]:
    """Start Celery workers on the test's own Redis; every one is stopped at the end."""
    folder = tmp_path / "workers"
    folder.mkdir()
    started = Workers(own_redis, folder)
    try:
        yield started
    finally:
        for worker in started.started:
            worker.stop()


class Browser:
    """Signed in as a user against a live server: GETs and form POSTs with the CSRF token."""

    def __init__(self, base: str, user) -> None:
        self.base = base
        client = Client()
        client.force_login(user)  # a session row in the shared test database
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self._set_cookie(settings.SESSION_COOKIE_NAME, client.cookies["sessionid"].value)

    def _set_cookie(self, name: str, value: str) -> None:
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0, name, value, None, False, "127.0.0.1", False, False, "/", True,
                False, None, False, None, None, {},
            )
        )  # fmt: skip

    def _csrf(self) -> str:
        for cookie in self.jar:
            if cookie.name == settings.CSRF_COOKIE_NAME:
                return cookie.value
        self.get("/reports/")  # any page with a form sets the cookie
        return self._csrf()

    def _open(self, request: urllib.request.Request, timeout: float) -> tuple[int, bytes, dict]:
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def download(self, path: str, timeout: float = 20) -> tuple[int, bytes, dict]:
        """Return (status, content, headers) of a GET (redirects are not followed)."""
        request = urllib.request.Request(self.base + path)  # noqa: S310 (our own server)
        return self._open(request, timeout)

    def get(self, path: str, timeout: float = 20) -> tuple[int, str, dict]:
        """Return (status, text, headers) of a GET (redirects are not followed)."""
        status, content, headers = self.download(path, timeout)
        return status, content.decode(errors="replace"), headers

    def post(self, path: str, data: dict, timeout: float = 20) -> tuple[int, str, dict]:
        """Return (status, text, headers) of a form POST (redirects are not followed)."""
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._csrf()}).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")  # noqa: S310
        status, content, headers = self._open(request, timeout)
        return status, content.decode(errors="replace"), headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
