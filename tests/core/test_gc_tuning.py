"""Every gunicorn worker runs the garbage collector as config/runtime.py says, once it has
loaded the app (and the bench times pages the same way)."""

import gc
import runpy
from pathlib import Path

import pytest

from config.runtime import THRESHOLDS
from devtools.management.commands.bench import Command

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_loaded_and_collects_less_often():
    before = gc.get_threshold()
    hooks = runpy.run_path(str(GUNICORN_CONF))
    assert hooks["worker_class"] == "gthread"
    try:
        loaded = [object() for _ in range(10)]  # allocated before the hook: frozen by it
        hooks["post_worker_init"](None)
        assert gc.get_threshold() == THRESHOLDS
        assert gc.get_freeze_count() > len(loaded)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


@pytest.mark.django_db
def test_the_bench_times_pages_with_the_same_collector(people):
    before = gc.get_threshold()
    try:
        Command().measure("demo", only="floor")
        assert gc.get_threshold() == THRESHOLDS and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
