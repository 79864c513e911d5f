"""`manage.py import_organisation FILE`: the council's structure (and its partner
organisations) from CSV or Excel, columns code,name,kind,parent[,remove]; see
docs/onboarding.md. All-or-nothing; loading it again renames, moves and removes units."""

from indicators.management.commands._importing import ImportCommand
from people.importers import organisation_import


class Command(ImportCommand):
    help = "Import organisation units (code,name,kind,parent[,remove]) from a .csv or .xlsx file."
    importer = staticmethod(organisation_import)
    what = "units"
