"""The audit trail of an indicator: every change to its definition, targets and figures.

Built from the simple_history records (who, when, old and new values, and the reason kept by
the services) in three queries, newest first.
"""

from dataclasses import dataclass, field
from datetime import datetime

from indicators.models import Figure, Indicator, Target
from indicators.periods import Period

HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at", "indicator", "year", "number"}
LIMIT = 300


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str  # "Definition", "Target 2026/27", "Figure 2026-10"
    action: str  # Created, Changed, Deleted
    reason: str
    changes: list[Change] = field(default_factory=list)


ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field only on the history model
        return name.replace("_", " ")


def _show(value) -> object:
    if value is None or value == "":
        return "–"
    return value


def _entries(records, model, what) -> list[HistoryEntry]:
    """Return entries for history records of one model, comparing each with the one before
    it for the same object."""
    fields = [f.attname for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
    previous = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        for name in fields:
            new = getattr(record, name)
            old = getattr(before, name) if before is not None else None
            if before is None and new in (None, "", [], False):
                continue
            if before is not None and old == new:
                continue
            changes.append(Change(_label(model, name.removesuffix("_id")), _show(old), _show(new)))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "System",
                what=what(record),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous[record.id] = record
    return entries


def history_entries(indicator: Indicator) -> list[HistoryEntry]:
    """Return the indicator's changes, newest first (at most LIMIT)."""
    frequency = indicator.frequency
    order = ("history_date", "history_id")
    records = [
        _entries(
            Indicator.history.filter(id=indicator.pk)
            .select_related("history_user")
            .order_by(*order),
            Indicator,
            lambda r: "Definition",
        ),
        _entries(
            Target.history.filter(indicator_id=indicator.pk)
            .select_related("history_user")
            .order_by(*order),
            Target,
            lambda r: f"Target {Period(frequency, r.year, 1).fy_label}",
        ),
        _entries(
            Figure.history.filter(indicator_id=indicator.pk)
            .select_related("history_user")
            .order_by(*order),
            Figure,
            lambda r: f"Figure {Period(frequency, r.year, r.number).label}",
        ),
    ]
    merged = [entry for group in records for entry in group]
    merged.sort(key=lambda e: e.when, reverse=True)
    return merged[:LIMIT]
