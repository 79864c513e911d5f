"""How a long-running web process runs Python's garbage collector: set by gunicorn.conf.py in
every worker, and by `make bench` before it times pages, so pages are measured as served.

A page at a large council makes hundreds of thousands of short-lived objects, and with the
default thresholds (a young collection every 700 allocations, a full one every 100 of those)
each full collection walks every object kept alive: Django's and the product's modules and
the shared cache's entries held in the process (core.cached). Freezing what is loaded at
start-up takes it out of every collection, and a higher young threshold makes collections
rarer. Memory is still given back: reference counting frees nearly everything at once, and
only reference cycles wait a little longer for a collection.
"""

import gc

THRESHOLDS = (50_000, 20, 20)


def tune_gc() -> None:
    """Freeze what is loaded now and make collections rarer (call once the app is loaded)."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
