"""Benchmark cases for `manage.py bench`.

Each module in this package defines `cases(size) -> list[BenchCase]`; adding a module adds its
cases, nothing else to register. Modules named after an app run in the demo's seeding order
(DEMO_APPS), any others after them by name.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from core.management.commands.seed_demo import DEMO_APPS


@dataclass
class BenchCase:
    name: str
    # A page: the user to sign in as and the URL (or a callable returning it).
    username: str | None = None
    url: str | Callable[[], str] | None = None
    method: str = "get"
    data: dict | Callable[[], dict] = field(default_factory=dict)
    # Or any callable (a report build, an export): timed as it is. A PDF's returns its page
    # count, so the bench renders a plain document of as many pages beside it.
    func: Callable[[], object] | None = None
    repeat: int = 7
    # A long report: run once, cold, in a fresh process of its own (wall time, and that
    # process's peak resident memory).
    cold: bool = False
    # Also generate it as a pack on Celery workers: pack_request's arguments.
    pack: Callable[[], dict] | None = None


def _order(name: str) -> tuple[int, str]:
    return (DEMO_APPS.index(name) if name in DEMO_APPS else len(DEMO_APPS), name)


def all_cases(size: str) -> list[BenchCase]:
    """Every module's cases at this size, in order."""
    names = sorted((m.name for m in pkgutil.iter_modules(__path__)), key=_order)
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    return [case for module in modules for case in module.cases(size)]
