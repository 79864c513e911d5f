from celery import shared_task


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def ping_task(self, payload: str = "ping") -> str:
    """Return 'pong: <payload>': proves a worker is consuming the queue."""
    return f"pong: {payload}"
