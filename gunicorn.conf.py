"""gunicorn's settings wherever the app is served (Dockerfile, docker-compose.yml, the load test):
gunicorn reads this file from its working directory.

Threaded workers: a sign-in hashes its password (1,000,000 PBKDF2 rounds, ~0.3 s of CPU, on
purpose) and hashlib releases the GIL meanwhile, so the worker's other threads go on answering
cheap requests instead of queueing them behind it. A worker per core; each thread keeps its own
database connection (CONN_MAX_AGE), so PostgreSQL sees up to workers x threads of them.
"""

import os

# Every interface inside the container; the load test binds 127.0.0.1 on its command line.
bind = os.getenv("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104  # nosec B104
worker_class = "gthread"
workers = int(os.getenv("WEB_CONCURRENCY") or os.cpu_count() or 2)
threads = int(os.getenv("GUNICORN_THREADS") or 4)
timeout = int(os.getenv("GUNICORN_TIMEOUT") or 60)
# Connections are not kept alive: closing an idle one races the client's next request on it
# (the load test lost a submit to a reset so); the proxy in front keeps its clients' connections.
keepalive = int(os.getenv("GUNICORN_KEEPALIVE") or 0)


def post_worker_init(worker) -> None:
    """Once a worker has loaded the app: the garbage collector as config/runtime.py says."""
    from config.runtime import tune_gc

    tune_gc()
