"""manage.py export_assessment --period 2025-11 [--format csv|xlsx] [--output FILE]"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from indicators.assessment import Basis
from indicators.exports import FORMATS, assessment_rows, register_for_export, table_bytes
from indicators.periods import Period


class Command(BaseCommand):
    help = (
        "Export the assessed PI register for a reporting period: one row per active PI with "
        "value, target, RAG, year to date, direction of travel, forecast and state."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--period", required=True, help="2025-11 (a month), 2025/26 Q2 or 2025/26"
        )
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", help="File to write (default: standard output, CSV only)")
        parser.add_argument(
            "--basis",
            choices=Basis.ALL,
            default=Basis.SUBMITTED,
            help="Which figures count (default: submitted and verified)",
        )
        parser.add_argument("--today", help="Assess as on this date, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options) -> None:
        try:
            period = Period.parse(options["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today: '{options['today']}' is not YYYY-MM-DD.") from exc
        fmt, output = options["format"], options["output"]
        if fmt == "xlsx" and not output:
            raise CommandError("An Excel export needs --output FILE.")
        rows = assessment_rows(
            register_for_export(period), period, basis=options["basis"], today=today
        )
        content = table_bytes(fmt, period, rows)
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
            self.stderr.write(f"Wrote {len(rows)} indicators to {output}.")
        else:
            self.stdout.write(content.decode("utf-8").removeprefix("\ufeff"), ending="")
