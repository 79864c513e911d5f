"""The audit trail of an indicator: every change to its definition, targets and figures.

Built from the simple_history records (who, when, old and new values, and the reason kept by
the services) in three queries, newest first.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from indicators.formatting import person_name, plain_number
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


def shown_value(value, field=None, names: dict | None = None) -> object:
    """Return a value as people read it: choices by label, people and units by name."""
    if value is None or value == "":
        return "–"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if field is not None and field.is_relation and names is not None:
        return names.get((field.related_model, value), value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return plain_number(value)  # 104, not 104.0000
    return value


def related_names(records_by_model) -> dict:
    """Return {(model, pk): name} for the people and units named in the records (a query per
    related model), so that changes of owner or service read as names."""
    wanted: dict = {}
    for records, model in records_by_model:
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and model_field.name not in HIDDEN_FIELDS:
                ids = {getattr(r, model_field.attname) for r in records} - {None}
                wanted.setdefault(model_field.related_model, set()).update(ids)
    names = {}
    for related, ids in wanted.items():
        if not ids:
            continue
        for obj in related._default_manager.filter(pk__in=ids):
            full = getattr(obj, "get_full_name", None)
            names[(related, obj.pk)] = (full() if full else "") or str(obj)
    return names


def _entries(records, model, what, names: dict) -> list[HistoryEntry]:
    """Return entries for history records of one model, comparing each with the one before
    it for the same object."""
    fields = [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
    previous = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        for f in fields:
            new = getattr(record, f.attname)
            old = getattr(before, f.attname) if before is not None else None
            if before is None and new in (None, "", [], False):
                continue
            if before is not None and old == new:
                continue
            changes.append(
                Change(str(f.verbose_name), shown_value(old, f, names), shown_value(new, f, names))
            )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=person_name(user, none="System"),
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
    sources = [
        (
            list(
                Indicator.history.filter(id=indicator.pk)
                .select_related("history_user")
                .order_by(*order)
            ),
            Indicator,
            lambda r: "Definition",
        ),
        (
            list(
                Target.history.filter(indicator_id=indicator.pk)
                .select_related("history_user")
                .order_by(*order)
            ),
            Target,
            lambda r: f"Target {Period(frequency, r.year, 1).fy_label}",
        ),
        (
            list(
                Figure.history.filter(indicator_id=indicator.pk)
                .select_related("history_user")
                .order_by(*order)
            ),
            Figure,
            lambda r: f"Figure {Period(frequency, r.year, r.number).label}",
        ),
    ]
    names = related_names([(records, model) for records, model, _what in sources])
    merged = [
        entry for records, model, what in sources for entry in _entries(records, model, what, names)
    ]
    merged.sort(key=lambda e: e.when, reverse=True)
    return merged[:LIMIT]
