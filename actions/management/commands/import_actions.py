"""Load an action plan from CSV/Excel: `manage.py import_actions FILE --plan TITLE --unit CODE`.

The file is shaped like the strategy's Appendix 2 (No / Action / How / Who / When / Priority);
see actions/importer.py. Re-running updates the same plan (matched by title). All-or-nothing:
any bad row stops the import with every row's error and nothing saved.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions.choices import PlanKind
from actions.importer import action_plan_import
from actions.models import ActionPlan
from core.models import OrgUnit
from core.tabular import ImportRefused, TableError


class Command(BaseCommand):
    help = "Import an action plan (themes and actions) from a CSV or .xlsx file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--plan", required=True, help="Title of the plan to create or update.")
        parser.add_argument(
            "--unit", default="council", help="Code of the unit owning the plan (default council)."
        )
        parser.add_argument("--kind", choices=PlanKind.values, default=PlanKind.STRATEGY)
        parser.add_argument(
            "--start-date", type=datetime.date.fromisoformat, help="Plan start (YYYY-MM-DD)."
        )

    def handle(self, *args, file: Path, plan: str, unit: str, kind: str, start_date, **options):
        try:
            owner_unit = OrgUnit.objects.get(code=unit)
        except OrgUnit.DoesNotExist as exc:
            raise CommandError(f"No unit with code '{unit}'.") from exc
        if not file.is_file():
            raise CommandError(f"No file {file}.")
        try:
            with transaction.atomic():
                action_plan = ActionPlan.objects.filter(title=plan).first() or ActionPlan(
                    title=plan, kind=kind, unit=owner_unit, start_date=start_date
                )
                result = action_plan_import(
                    plan=action_plan, name=file.name, content=file.read_bytes()
                )
        except TableError as exc:
            raise CommandError(str(exc)) from exc
        except ImportRefused as exc:
            raise CommandError("Nothing imported:\n" + "\n".join(exc.errors.as_lines())) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{action_plan.title}: {result.themes_created} themes and "
                f"{result.actions_created} actions created, {result.actions_updated} updated."
            )
        )
