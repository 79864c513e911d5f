"""`manage.py import_indicators FILE [--as USERNAME]`: all-or-nothing import (docs/imports.md)."""

from indicators.importers import import_indicators
from indicators.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import indicators from a CSV or Excel file; nothing is saved if any row is bad."
    importer = staticmethod(import_indicators)
    what = "indicators"
