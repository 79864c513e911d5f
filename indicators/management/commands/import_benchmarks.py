"""`manage.py import_benchmarks FILE [--council-name NAME] [--as USERNAME]`: comparator data
(docs/benchmarking.md); all-or-nothing, each PI's period in the file replaces what was held."""

from indicators.comparators import import_benchmarks
from indicators.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import other authorities' values of our PIs (benchmarking) from a CSV or Excel file; "
        "nothing is saved if any row is bad."
    )
    importer = staticmethod(import_benchmarks)
    what = "comparator data"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--council-name",
            default=None,
            help="How the file names this council (saved as the council setting).",
        )

    def importer_options(self, options: dict) -> dict:
        return {"council_name": options["council_name"]}
