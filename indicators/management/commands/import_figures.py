"""`manage.py import_figures FILE [--as USERNAME]`: all-or-nothing import (docs/imports.md)."""

from indicators.importers import import_figures
from indicators.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import figures from a CSV or Excel file; nothing is saved if any row is bad."
    importer = staticmethod(import_figures)
    what = "figures"
