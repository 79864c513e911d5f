"""`manage.py import_budgets FILE [--as USERNAME]`: all-or-nothing import (docs/finance.md)."""

from finance.importer import budgets_import
from indicators.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import budgets, spend and forecasts from a CSV or Excel file; nothing is saved if "
        "any row is bad."
    )
    importer = staticmethod(budgets_import)
    what = "budgets"
