"""The "Resources" sections of the quarterly pack and the finance and performance report:
revenue budget against forecast outturn by directorate and service, a chart of the same, and
(in the finance report) the largest overspends with their commentary.

Every variance and RAG comes from finance.variance (the one variance rule); amounts are
written by indicators.formatting.format_money, so the PDF says what the finance pages say.
"""

from finance.variance import UnitRow, finance_position
from indicators.choices import Rag
from indicators.formatting import format_money, format_variance
from indicators.periods import Period

COLUMNS = [
    ["unit", "Directorate or service"],
    ["budget_value", "Current budget (£)"],
    ["actual_value", "Spend to date (£)"],
    ["forecast_value", "Forecast outturn (£)"],
    ["variance_value", "Variance (£)"],
    ["variance_pct", "Variance (%)"],
    ["rag_label", "RAG"],
]


def resources_sections(*, period: Period, scope, overspends: int = 0) -> list[dict]:
    """Return the Resources sections at `period` (within `scope` when given); with
    `overspends`, also a table of that many lines furthest over budget."""
    position = finance_position(period=period, within=scope)
    if position.root is None:
        return [
            {
                "id": "resources",
                "title": "Resources",
                "kind": "finance_table",
                "empty": f"No revenue budgets have been imported for {period.fy_label}.",
            }
        ]
    rows = []
    if scope is None:
        for directorate in position.directorates():
            rows.append(_row(directorate, "directorate"))
            rows += [_row(child, "service") for child in directorate.children]
    else:
        rows += [_row(child, "service") for child in position.root.children]
    rows.append(_row(position.root, "total"))
    as_at = position.as_at.long_label if position.as_at else "no figures yet"
    tolerance = position.tolerance
    sections = [
        {
            "id": "resources",
            "title": "Resources",
            "kind": "finance_table",
            "intro": (
                f"Revenue budget and forecast outturn as at {as_at}. Variance is the forecast "
                f"against the current budget: Green within {tolerance.green_pct.normalize():f}% "
                f"or {format_money(tolerance.green_amount)} (whichever is larger), Amber within "
                f"{tolerance.amber_pct.normalize():f}%, Red beyond."
            ),
            "exportable": True,
            "columns": COLUMNS,
            "rows": rows,
            "empty": "",
        },
        {
            "id": "resources-chart",
            "title": "Forecast outturn against budget",
            "kind": "finance_chart",
            "level": 3,
            "bars": [
                {
                    "label": row["unit"],
                    "budget": row["budget_value"],
                    "forecast": row["forecast_value"],
                    "variance_text": row["variance"],
                }
                for row in rows
                if row["level"] == ("directorate" if scope is None else "service")
            ]
            or [
                {
                    "label": rows[-1]["unit"],
                    "budget": rows[-1]["budget_value"],
                    "forecast": rows[-1]["forecast_value"],
                    "variance_text": rows[-1]["variance"],
                }
            ],
            "empty": "",
        },
    ]
    if overspends:
        lines = position.largest_overspends(overspends)
        sections.append(
            {
                "id": "resources-overspends",
                "title": "Largest overspends",
                "kind": "finance_lines",
                "level": 3,
                "exportable": True,
                "columns": [
                    ["unit", "Service"],
                    ["line", "Line"],
                    ["budget_value", "Current budget (£)"],
                    ["forecast_value", "Forecast outturn (£)"],
                    ["variance_value", "Variance (£)"],
                    ["commentary", "Commentary"],
                ],
                "rows": [
                    {
                        "unit": line.line.unit.name,
                        "line": line.line.name,
                        "budget": format_money(line.position.budget),
                        "forecast": format_money(line.position.forecast),
                        "variance": format_variance(line.position.variance),
                        "budget_value": str(line.position.budget),
                        "forecast_value": str(line.position.forecast),
                        "variance_value": str(line.position.variance),
                        "rag": line.rag,
                        "commentary": line.figure.commentary if line.figure else "",
                    }
                    for line in lines
                ],
                "empty": "" if lines else "No line is forecast over budget.",
            }
        )
    return sections


def _row(row: UnitRow, level: str) -> dict:
    p = row.position
    return {
        "unit": row.unit.name if level != "total" else f"Total: {row.unit.name}",
        "level": level,
        "budget": format_money(p.budget),
        "actual": format_money(p.actual),
        "forecast": format_money(p.forecast),
        "variance": format_variance(p.variance),
        "variance_pct": "" if p.variance_pct is None else f"{p.variance_pct}",
        "budget_value": str(p.budget),
        "actual_value": str(p.actual),
        "forecast_value": str(p.forecast),
        "variance_value": str(p.variance),
        "rag": row.rag,
        "rag_label": Rag(row.rag).label,
    }
