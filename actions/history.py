"""The change history of an action or a risk as people read it: each field by its label,
choices and people by name, likelihood and impact with their descriptors."""

from django.utils.text import capfirst

from actions.models import SCORE_FIELDS
from actions.risk import score_kind, score_label
from indicators.history import related_names, shown_value


def history_rows(obj, *, size: int) -> list[tuple[object, list[tuple[str, object, object]]]]:
    """Return [(historical record, [(field label, old, new)])], newest first.

    `size` is the council's risk matrix, naming likelihood and impact scores ('3 – Possible').
    """
    model = obj._meta.model
    records = list(obj.history.select_related("history_user").order_by("history_date"))
    names = related_names([(records, model)])
    rows = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                field = model._meta.get_field(change.field)
                kind = score_kind(field.name) if field.name in SCORE_FIELDS else None
                if kind:
                    old, new = (score_label(kind, v, size) for v in (change.old, change.new))
                else:
                    old, new = (shown_value(v, field, names) for v in (change.old, change.new))
                changes.append((capfirst(field.verbose_name), old, new))
        rows.append((record, changes))
        previous = record
    return list(reversed(rows))
