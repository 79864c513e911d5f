"""`manage.py import_targets FILE [--as USERNAME]`: all-or-nothing import (docs/imports.md)."""

from indicators.importers import import_targets
from indicators.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import targets from a CSV or Excel file; nothing is saved if any row is bad."
    importer = staticmethod(import_targets)
    what = "targets"
