"""A generated council for the import tests: 5 directorates, 30 services with 2 teams each,
2 partner organisations, and 500 people with line managers and roles."""

import csv
import io

from core.roles import Role
from people.importers import PEOPLE_TEMPLATE as PEOPLE_HEADER  # noqa: F401 (re-exported)

UNIT_HEADER = ["code", "name", "kind", "parent"]
DIRECTORATES = 5
SERVICES = 30
PEOPLE = 500


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def unit_rows() -> list[list[str]]:
    # Children before parents on purpose: the importer must not depend on the order.
    rows = []
    for s in range(SERVICES):
        d = s % DIRECTORATES
        for t in range(2):
            rows.append([f"s{s:02d}-t{t}", f"Service {s} team {t}", "team", f"s{s:02d}"])
        rows.append([f"s{s:02d}", f"Service {s}", "service", f"d{d}"])
    rows += [[f"d{d}", f"Directorate {d}", "directorate", "council"] for d in range(DIRECTORATES)]
    rows.append(["council", "Generated Borough Council", "council", ""])
    rows += [["police", "Area Police", "partner", ""], ["health", "Health Board", "partner", ""]]
    return rows


def person(n: int) -> dict[str, str]:
    """The n-th person: 0 is the chief executive, 1-5 directors, 6-35 heads of service,
    the rest officers in teams (every tenth also in the performance team)."""
    if n == 0:
        unit, manager, title, roles = "council", "", "Chief Executive", [Role.ADMIN]
    elif n <= DIRECTORATES:
        unit, manager, title, roles = f"d{n - 1}", "p0000", "Director", [Role.MANAGER]
    elif n <= DIRECTORATES + SERVICES:
        s = n - DIRECTORATES - 1
        unit, title, roles = f"s{s:02d}", "Head of Service", [Role.MANAGER]
        manager = f"p{s % DIRECTORATES + 1:04d}@gen.example"  # a manager by e-mail
    else:
        s = n % SERVICES
        unit, title = f"s{s:02d}-t{n % 2}", "Officer"
        manager = f"p{DIRECTORATES + 1 + s:04d}"
        roles = [Role.OFFICER, Role.PERFORMANCE] if n % 10 == 0 else [Role.OFFICER]
    return {
        "username": f"p{n:04d}",
        "email": f"p{n:04d}@gen.example",
        "first_name": f"First{n}",
        "last_name": f"Last{n}",
        "unit": unit,
        "job_title": title,
        "line_manager": manager,
        "role": ";".join(roles),
        "active": "yes",
    }


def people_rows(people: list[dict[str, str]]) -> list[list[str]]:
    return [[p[column] for column in PEOPLE_HEADER] for p in people]
