"""Seed a demo council: `manage.py seed_demo [--size demo|large] [--if-empty]`.

Each app with a `demo` module contributes its data through `seed(size=..., stdout=...)`, in
the order of DEMO_APPS (later apps link to earlier ones). Idempotent.
"""

import importlib
import importlib.util

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import DEMO_USERS

# Order matters: plans link to indicators, actions to both, reports and dashboards to all.
DEMO_APPS = ["core", "indicators", "plans", "actions", "finance", "reporting", "dashboards"]


class Command(BaseCommand):
    help = "Create (or top up) the demo council with users in every role."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", choices=["demo", "large"], default="demo")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any user already exists."
        )

    def handle(self, *args, size: str, if_empty: bool, **options) -> None:
        if if_empty and User.objects.exists():
            self.stdout.write("Database already has users: demo data not seeded again.")
        else:
            with transaction.atomic():
                for app in DEMO_APPS:
                    if importlib.util.find_spec(f"{app}.demo") is None:
                        continue
                    importlib.import_module(f"{app}.demo").seed(size=size, stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Demo council seeded ({size})."))
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write("Demo logins (password from DEMO_PASSWORD):")
        for username, (_first, _last, role, *_rest) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<8} {role}")
        if settings.DEMO_PASSWORD == "golden-thread-demo":  # noqa: S105 (documented default)  # nosec B105
            self.stdout.write("  password: golden-thread-demo")
