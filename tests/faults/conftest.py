"""A real gunicorn server on the test database, for fault tests that need a production-like app."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.conftest import ROOT, _database_url, need_services


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


@pytest.fixture
def gunicorn_url(transactional_db):
    """Serve the app with gunicorn (one worker, persistent DB connections); yield its base URL."""
    url = _database_url(connection.settings_dict)
    if not url:
        need_services("the gunicorn fault tests need PostgreSQL (DATABASE_URL)")
    port = _free_port()
    env = dict(
        os.environ,
        DATABASE_URL=url,
        DB_CONN_MAX_AGE="600",
        AXES_ENABLED="false",
        ALLOWED_HOSTS="127.0.0.1",
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
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
