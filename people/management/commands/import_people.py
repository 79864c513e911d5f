"""`manage.py import_people FILE`: people from an HR export in CSV or Excel, columns
username,email,first_name,last_name,unit,job_title,line_manager,role,active; see
docs/onboarding.md. All-or-nothing; loading it again each month adds, changes and deactivates."""

from indicators.management.commands._importing import ImportCommand
from people.importers import people_import


class Command(ImportCommand):
    help = "Import people (an HR export, see docs/onboarding.md) from a .csv or .xlsx file."
    importer = staticmethod(people_import)
    what = "people"
