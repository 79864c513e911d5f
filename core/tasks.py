from celery import shared_task


# Its result is what proves a worker answers, so it keeps it (the default ignores results).
@shared_task(
    bind=True,
    ignore_result=False,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def ping_task(self, payload: str = "ping") -> str:
    """Return 'pong: <payload>': proves a worker is consuming the queue."""
    return f"pong: {payload}"
