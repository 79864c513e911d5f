"""The app recovers from a database restart without being restarted itself."""

import pytest
from django.db import connection

from tests.faults.conftest import http_get

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _end_every_other_session() -> int:
    """Do to the app what a database restart does: end its server-side sessions."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_pages_answer_again_after_the_database_drops_every_connection(gunicorn_url, people):
    assert http_get(f"{gunicorn_url}/healthz")[0] == 200
    assert _end_every_other_session() >= 1  # gunicorn's persistent connection was among them
    status, body = http_get(f"{gunicorn_url}/healthz")
    assert status == 200, body
    assert b'"database": "ok"' in body
    assert http_get(f"{gunicorn_url}/accounts/login/")[0] == 200
