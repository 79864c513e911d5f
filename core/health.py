"""Checks behind /healthz: does the database answer, does the broker answer?"""

from django.conf import settings
from django.db import connection


def database_status() -> str:
    """Return 'ok' when a trivial query succeeds, else 'error: <reason>'."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down" to a health check
        return f"error: {exc.__class__.__name__}"
    return "ok"


def broker_status() -> str:
    """Return 'ok', 'in-process' (no broker configured: tasks run eagerly) or 'error: ...'."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception as exc:  # kombu raises many kinds; all mean "down"
        return f"error: {exc.__class__.__name__}"
    return "ok"


def is_healthy(status: dict[str, str]) -> bool:
    return all(value in {"ok", "in-process"} for value in status.values())
