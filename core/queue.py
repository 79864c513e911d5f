"""Handing work to the task queue when the broker may be down."""

import logging

from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)


def try_enqueue(task, *args) -> bool:
    """Send the task; return False, logged, when the broker cannot be reached.

    Callers keep what the task is for in the database, so a job (beat) sends it once the
    broker is back: nothing is lost and nobody sees an error page.
    """
    try:
        task.delay(*args)
    except (KombuOperationalError, OSError):
        logger.warning("The task queue did not take %s%r; it waits", task.name, args)
        return False
    return True
