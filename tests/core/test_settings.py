"""Settings from the environment; production refuses to start unsafely."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "x9!Qv2#pL7@wR4$zK8^mN3&bT6*yH1(eJ5)uC0-oG-long-enough-secret-key-for-tests"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean environment: nothing from the developer's shell or the browser tests' setup.
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.setdefault("SQLITE_PATH", ":memory:")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start_with_a_clear_message():
    result = _manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="perf.example.gov.uk")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = _manage("check", DJANGO_ENV="production", SECRET_KEY=PRODUCTION_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_without_site_url_refuses_to_start():
    result = _manage(
        "check",
        DJANGO_ENV="production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="perf.example.gov.uk",
    )
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_production_refuses_a_site_url_without_its_scheme():
    result = _manage(
        "check",
        DJANGO_ENV="production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="perf.example.gov.uk",
        SITE_URL="perf.example.gov.uk",
    )
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_production_passes_the_deployment_checks_with_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="perf.example.gov.uk",
        SITE_URL="https://perf.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_bad_boolean_values_are_refused(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", False)


def test_every_direct_dependency_is_pinned_in_the_lock_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    for requirement in wanted:
        name = requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip()
        assert name.lower().replace("_", "-") in pinned, requirement
