"""manage.py import_cycle FILE: load the annual planning & reporting cycle from CSV/Excel."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tabular import ImportRefused, TableError
from reporting.services import cycle_import

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "cycle_appendix3.csv"


class Command(BaseCommand):
    help = "Import the reporting cycle (all rows or none). Without FILE, loads the demo cycle."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
        parser.add_argument(
            "--replace", action="store_true", help="Deactivate items not in the file."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            items = cycle_import(
                name=path.name, content=path.read_bytes(), replace=options["replace"]
            )
        except ImportRefused as exc:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(exc.errors.as_lines())
            ) from exc
        except TableError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {len(items)} cycle items."))
