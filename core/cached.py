"""Results worked out once and shared by every worker, under a version of what they are read
from: the shared cache (`CACHES`: Redis when configured, local memory otherwise), with the last
few entries read also kept in this process as objects.

A key carries the version of everything its value was worked out from (`marks`, or a finer
version such as indicators.cached.versions), so a change shows at once without anything being
cleared; the timeout bounds memory only. Values handed out are shared: callers only read them.
When the shared cache does not answer, values are worked out afresh and not kept.
"""

import functools
import logging
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")

TIMEOUT_SECONDS = 15 * 60
MISSING = object()


def mark_columns(model: type[Model]) -> list[str]:
    """Return the SQL of numbers that move with every change to `model`'s rows: its highest
    audit (history) id, its row count and its highest id (the last two also catch rows
    written without history, such as the demo's bulk loads, and deletions). A model without
    history (a many-to-many link's table, whose rows are only added and deleted) has the
    last two only."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    # Table names come from the models, never from input.
    columns = [
        f"(SELECT COUNT(*) FROM {table})",  # noqa: S608  # nosec B608
        f"(SELECT MAX(id) FROM {table})",  # noqa: S608  # nosec B608
    ]
    if hasattr(model, "history"):
        history = quote(history_table(model))
        columns.insert(0, f"(SELECT MAX(history_id) FROM {history})")  # noqa: S608  # nosec B608
    return columns


def marks(models: tuple[type[Model], ...]) -> str:
    """Return a version of `models`' rows (mark_columns of each), in one query of index
    look-ups; it changes whenever any of their rows is saved, added or deleted."""
    columns = [column for model in models for column in mark_columns(model)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns))
        return ".".join(str(value) for value in cursor.fetchone())


@functools.cache
def history_table(model: type[Model]) -> str:
    table: str = model.history.model._meta.db_table  # type: ignore[attr-defined]
    return table


def remembered(key: str, compute: Callable[[], T]) -> T:
    """Return the value kept under `key`, or compute() kept there. `key` must carry the
    version of everything compute() reads (no spaces: memcached refuses them)."""
    found = get(key)
    if found is not MISSING:
        return found
    value = compute()
    put(key, value)
    return value


# The last few entries read, kept in this process as objects: restoring hundreds of rows from
# the cache each request costs more than the page around them. An entry is used only while the
# shared cache still holds its key, so clearing or expiring the cache clears it here too.
_MEMO_SIZE = 32
_memo: OrderedDict[str, Any] = OrderedDict()
_memo_lock = Lock()


def get(key: str) -> Any:
    """Return the value under `key`, or MISSING (also when the shared cache is down)."""
    try:
        with _memo_lock:
            remembered_here = _memo.get(key, MISSING)
        if remembered_here is not MISSING and cache.has_key(key):
            return remembered_here
        found = cache.get(key, MISSING)
    except (RedisError, OSError):
        logger.warning("Cache unavailable: working out afresh.", exc_info=True)
        return MISSING
    if found is not MISSING:
        _remember(key, found)
    return found


def put(key: str, value: Any) -> None:
    try:
        cache.set(key, value, TIMEOUT_SECONDS)
    except (RedisError, OSError):
        logger.warning("Cache unavailable: nothing stored.", exc_info=True)
        return
    _remember(key, value)


def _remember(key: str, value: Any) -> None:
    with _memo_lock:
        _memo[key] = value
        _memo.move_to_end(key)
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
