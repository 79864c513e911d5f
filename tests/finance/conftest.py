import pytest

from finance.importer import budgets_import

HEADER = "year,unit,line,budget,current_budget,period,actual,forecast,commentary\n"


def budget_csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


@pytest.fixture
def imported(org):
    """Housing over budget (Red), Planning under, both in the Place directorate, 2026-10."""
    return budgets_import(
        "budgets.csv",
        budget_csv(
            "2026/27,housing,Homelessness,1000000,1200000,2026-10,800000,1500000,Bed and breakfast",
            "2026/27,housing,Housing options,500000,500000,2026-10,290000,500000,",
            "2026/27,planning,Development control,2000000,2000000,2026-10,1100000,1900000,Fees up",
        ),
    )
