"""manage.py build_report TYPE --period P [--scope CODE] --output FILE: write a report PDF."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.models import OrgUnit
from reporting.choices import ReportType
from reporting.pdf import render_pdf
from reporting.reports import build_report


class Command(BaseCommand):
    help = "Build a report as PDF from the current data (not stored as a pack)."

    def add_arguments(self, parser):
        parser.add_argument("type", choices=ReportType.values)
        parser.add_argument(
            "--period", required=True, help="e.g. 2026-10, '2026/27 Q2', 2025/26, or 2026."
        )
        parser.add_argument("--scope", default="", help="Organisation unit code (default: all).")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")

    def handle(self, *args, **options):
        scope = None
        if options["scope"]:
            scope = OrgUnit.objects.filter(code=options["scope"]).first()
            if scope is None:
                raise CommandError(f"No organisation unit has the code '{options['scope']}'.")
        try:
            data = build_report(options["type"], options["period"], scope_unit=scope)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        pdf, pages = render_pdf(data)
        output = Path(options["output"])
        output.write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({pages} pages)."))
