"""The development tools are installed everywhere but in production."""

from django.conf import settings
from django.core.management import get_commands

from tests.core.test_settings import PRODUCTION_KEY, _manage

PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": PRODUCTION_KEY,
    "ALLOWED_HOSTS": "perf.example.gov.uk",
    "SITE_URL": "https://perf.example.gov.uk",
}


def test_development_has_the_bench_and_loadtest_commands():
    assert "devtools" in settings.INSTALLED_APPS
    commands = get_commands()
    assert commands["bench"] == "devtools" and commands["loadtest"] == "devtools"


def test_production_settings_leave_the_development_tools_out():
    result = _manage("bench", "--help", **PRODUCTION)
    assert result.returncode != 0
    assert "Unknown command: 'bench'" in result.stderr
    listed = _manage("help", "--commands", **PRODUCTION)
    assert listed.returncode == 0, listed.stderr
    assert "loadtest" not in listed.stdout.split()
