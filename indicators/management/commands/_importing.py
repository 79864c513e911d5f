"""The shared body of the import_* commands (indicators, targets, figures, benchmarks)."""

from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from core.tabular import ImportRefused, TableError


class ImportCommand(BaseCommand):
    """Import FILE with `importer`; exits non-zero and prints every row error when refused."""

    importer = staticmethod(lambda name, content, by=None: None)
    what = "rows"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="A .csv or .xlsx file in the documented columns.")
        parser.add_argument(
            "--as",
            dest="username",
            default=None,
            help="Username recorded as the importer (figures: who entered them).",
        )

    def importer_options(self, options: dict) -> dict:
        """Return the importer's keyword arguments beyond `by`, from the command's options."""
        return {}

    def handle(self, *args, file: str, username: str | None, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        by = None
        if username:
            by = User.objects.filter(username=username).first()
            if by is None:
                raise CommandError(f"No user called {username}.")
        try:
            result = self.importer(
                path.name, path.read_bytes(), by=by, **self.importer_options(options)
            )
        except TableError as exc:
            raise CommandError(str(exc)) from exc
        except ImportRefused as exc:
            for line in exc.errors.as_lines():
                self.stderr.write(line)
            raise CommandError(
                f"Nothing imported: {len(exc.errors.errors)} problem(s) in {file}."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {self.what}: {result}."))
        for note in getattr(result, "notes", ()):
            self.stdout.write(note)
