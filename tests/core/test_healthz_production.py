"""The container's health check works in production: /healthz answers 200/503 over plain HTTP
to the local probe, while every other page keeps the host check and the HTTPS redirect.

The app runs in gunicorn in a subprocess with production settings, and the probe is the very
command docker-compose runs (its port changed to the test's free port).
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from tests.core.test_settings import PRODUCTION_KEY

ROOT = Path(__file__).resolve().parents[2]
HOST = "performance.example-council.gov.uk"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _production_server(tmp_path: Path, **env: str) -> Iterator[int]:
    """gunicorn with production settings on a free port; yields the port."""
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    dropped |= {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "CELERY_RESULT_BACKEND"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_ENV": "production",
            "SECRET_KEY": PRODUCTION_KEY,
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"https://{HOST}",
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start with production settings")
                time.sleep(0.2)
        # gunicorn accepts connections before its worker has loaded the app; wait for a first
        # answer so the probe's own 5-second timeout times the app, not the worker's boot.
        _get(port, "/healthz", f"127.0.0.1:{port}", timeout=120)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def _get(port: int, path: str, host: str, timeout: float = 10) -> tuple[int, str, str]:
    """Return (status, Location header, body) of a plain-HTTP GET with this Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    result = response.status, response.getheader("Location") or "", response.read().decode()
    connection.close()
    return result


def _compose_probe(port: int) -> subprocess.CompletedProcess:
    """Run the web service's health check from docker-compose.yml against this port."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["web"]["healthcheck"]["test"]
    assert command[0] == "CMD"
    args = [part.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for part in command[1:]]
    assert args[0] == "python"
    return subprocess.run([sys.executable, *args[1:]], capture_output=True, text=True, timeout=30)


def test_the_compose_health_check_passes_over_plain_http_in_production(tmp_path):
    with _production_server(tmp_path) as port:
        assert _compose_probe(port).returncode == 0
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", HOST):
            status, location, body = _get(port, "/healthz", host)
            assert (status, location) == (200, ""), host
            assert '"database": "ok"' in body


def test_healthz_answers_503_not_a_redirect_when_the_broker_is_down(tmp_path):
    with _production_server(tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:1/0") as port:
        status, location, body = _get(port, "/healthz", f"127.0.0.1:{port}")
        assert (status, location) == (503, "")
        assert '"broker": "error' in body
        assert _compose_probe(port).returncode != 0  # the container is reported unhealthy


def test_other_pages_keep_the_host_check_and_the_https_redirect_in_production(tmp_path):
    with _production_server(tmp_path) as port:
        assert _get(port, "/accounts/login/", f"127.0.0.1:{port}")[0] == 400
        status, location, _body = _get(port, "/accounts/login/", HOST)
        assert (status, location) == (301, f"https://{HOST}/accounts/login/")
        assert _get(port, "/healthz/", f"127.0.0.1:{port}")[0] == 400  # only the probe's path
