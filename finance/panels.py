"""The Finance panel of the performance dashboards (PMB and a unit's), for those who may see
finance figures: the variance by directorate (or a unit's services and lines) and the largest
overspends, each linking to its finance page."""

from core.models import OrgUnit
from finance.access import sees_finance
from finance.variance import finance_position
from indicators.periods import Period

PANEL_OVERSPENDS = 5


def finance_panel(*, user, period: Period, unit: OrgUnit | None) -> dict | None:
    """Return the panel's context at `period` (within `unit` when given), or None for those
    who may not see finance figures."""
    if not sees_finance(user):
        return None
    position = finance_position(period=period, within=unit)
    root = position.root
    return {
        "period": period,
        "position": position,
        "row": root,
        "rows": (root.children if unit is not None and root else position.directorates()),
        "lines": root.lines if root else [],
        "overspends": position.largest_overspends(PANEL_OVERSPENDS),
        "unit": unit,
    }
