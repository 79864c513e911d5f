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
    url = settings.CELERY_BROKER_URL
    try:
        if url.startswith(("redis://", "rediss://")):
            # kombu's Redis transport connects lazily, so ask Redis itself.
            import redis

            redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
        else:
            from kombu import Connection

            with Connection(url, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception as exc:  # every client error means "down" to a health check
        return f"error: {exc.__class__.__name__}"
    return "ok"


def is_healthy(status: dict[str, str]) -> bool:
    return all(value in {"ok", "in-process"} for value in status.values())
