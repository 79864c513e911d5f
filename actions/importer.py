"""Import an action plan from a CSV or Excel table shaped like the seed's Appendix 2.

Columns: No, Action, How, Who, When, Priority (as in the document), and optionally Status,
Percent complete, Start date, Due date and Leads (usernames separated by ';'). A row whose No
is a whole number ("1") is a theme; "1.1" is an action of theme 1. "When" is kept as written;
the due date is read from it ("End July 2009", "Jan 09 Mar 09", "2011/2012") unless a Due date
is given. People named in "Who" who have a login become the action's leads.

All-or-nothing: every row is checked first; nothing is saved if any row is wrong.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations

from actions.choices import ActionStatus, PlanKind, Priority, WhenKind
from actions.models import Action, ActionPlan, Theme, normalise_action_number
from core.parsing import ParseError, parse_int
from core.tabular import ImportRefused, RowErrors, check_lengths, column_limits, read_table

REQUIRED = ("no", "action")
OPTIONAL = (
    "how",
    "who",
    "when",
    "priority",
    "status",
    "percent complete",
    "start date",
    "due date",
    "leads",
)
TEMPLATE_HEADER = [
    "No",
    "Action",
    "How",
    "Who",
    "When",
    "Priority",
    "Status",
    "Percent complete",
    "Start date",
    "Due date",
    "Leads",
]

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
MONTH_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]{3,9})\.?\s+'?(\d{4}|\d{2})\b"
)
FINANCIAL_YEAR = re.compile(r"\b(\d{4})\s*/\s*(\d{2}|\d{4})\b")
THEME_NUMBER = re.compile(r"^[0-9]+\.?$")
# Limits of the columns the rows go into (a value too long is refused, never cut short).
THEME_LIMITS = column_limits(Theme, action="title")
ACTION_LIMITS = column_limits(Action, no="number", who="who_text", when="when_text")
THEME_NUMBER_MAX = BaseDatabaseOperations.integer_field_ranges[
    Theme._meta.get_field("number").get_internal_type()
][1]  # the portable range of the column's type (SQLite would take any size)


def parse_when(text: str) -> tuple[str, datetime.date | None]:
    """Return (WhenKind value, due date or None) read from a plan's "When" text.

    The latest date mentioned is the due date: a month means its last day; a financial year
    like 2011/2012 its 31 March. "On-going" and "As and when" win over any date, since the
    action carries on past it.
    """
    lowered = text.lower()
    dates = []
    for day, month_name, year_text in MONTH_DATE.findall(text):
        month = MONTHS.get(month_name.lower())
        if not month:
            continue
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        last = calendar.monthrange(year, month)[1]
        try:
            dates.append(datetime.date(year, month, int(day) if day else last))
        except ValueError:
            continue
    for _first, second in FINANCIAL_YEAR.findall(text):
        end_year = int(second) if len(second) == 4 else 2000 + int(second)
        dates.append(datetime.date(end_year, 3, 31))
    due = max(dates) if dates else None
    if "ongoing" in lowered.replace("-", ""):
        return WhenKind.ONGOING, due
    if "as and when" in lowered:
        return WhenKind.AS_AND_WHEN, due
    if due:
        return WhenKind.DATE, due
    return WhenKind.TEXT, None


def parse_date(text: str) -> datetime.date:
    """Return a date written as 2026-03-31 or 31/03/2026; raise ValueError otherwise."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date (use 2026-03-31 or 31/03/2026).")


def leads_named_in(who: str, people: dict[str, User]) -> list[User]:
    """Return the users whose full name appears in `who` (case and spacing ignored)."""
    squashed = " ".join(who.lower().split())
    return [user for name, user in people.items() if re.search(rf"\b{re.escape(name)}\b", squashed)]


@dataclass
class ImportResult:
    themes_created: int = 0
    actions_created: int = 0
    actions_updated: int = 0


STATUS_BY_TEXT = {choice.label.lower(): choice.value for choice in ActionStatus} | {
    choice.value: choice.value for choice in ActionStatus
}


def action_plan_import(*, plan: ActionPlan, name: str, content: bytes) -> ImportResult:
    """Load the rows of a table into `plan`, creating or updating themes and actions.

    Returns counts. Raises core.tabular.TableError for an unreadable file and ImportRefused
    (with every row's errors) when any row is wrong; then nothing is saved.
    """
    rows = read_table(name, content, REQUIRED, OPTIONAL)
    errors = RowErrors()
    people = {
        " ".join(u.get_full_name().lower().split()): u
        for u in User.objects.filter(is_active=True).exclude(first_name="")
    }
    by_username = {u.username.lower(): u for u in User.objects.filter(is_active=True)}
    themes: dict[int, str] = {}
    existing_themes = set(plan.themes.values_list("number", flat=True)) if plan.pk else set()
    parsed = []
    seen_numbers: set[str] = set()
    for row in rows:
        v = row.values
        number_text = v.get("no", "")
        title = v.get("action", "")
        if not title:
            errors.add(row.number, "The Action column is empty.")
            continue
        if THEME_NUMBER.match(number_text):
            try:
                theme_number = parse_int(number_text.rstrip("."), "No", maximum=THEME_NUMBER_MAX)
            except ParseError as exc:
                errors.add(row.number, f"{exc}.")
                continue
            check_lengths(row, errors, THEME_LIMITS)
            if theme_number in themes:
                errors.add(row.number, f"Theme {theme_number} appears twice.")
            themes[theme_number] = title
            continue
        try:
            number = normalise_action_number(number_text)
        except ValueError as exc:
            errors.add(row.number, f"No: {exc} (a theme is a whole number like 1).")
            continue
        if number in seen_numbers:
            errors.add(row.number, f"Action {number} appears twice.")
        seen_numbers.add(number)
        theme_number = int(number.split(".")[0])
        if theme_number not in themes and theme_number not in existing_themes:
            errors.add(
                row.number, f"Action {number} comes before a row for its theme {theme_number}."
            )
        check_lengths(row, errors, ACTION_LIMITS)
        fields, row_leads = _action_fields(v, row.number, errors, people, by_username)
        parsed.append((theme_number, number, title, fields, row_leads))
    if errors:
        raise ImportRefused(errors)
    return _save(plan, themes, parsed)


@transaction.atomic
def action_plan_import_or_create(
    *,
    plan: ActionPlan | None,
    title: str,
    kind: str,
    unit,
    start_date: datetime.date | None,
    name: str,
    content: bytes,
) -> tuple[ActionPlan, ImportResult]:
    """Import the table into `plan` or, when it is None, into a new plan of that title, kind
    (a service plan when blank), unit and start date. A new plan is saved only with its rows:
    when any row is wrong, nothing is (as action_plan_import)."""
    if plan is None:
        plan = ActionPlan(
            title=title, kind=kind or PlanKind.SERVICE, unit=unit, start_date=start_date
        )
    return plan, action_plan_import(plan=plan, name=name, content=content)


def _action_fields(v: dict, row_number: int, errors: RowErrors, people, by_username):
    """Return (model field values, leads) of an action row, adding any problems to errors."""
    when = v.get("when", "")
    when_kind, due = parse_when(when)
    fields = {
        "how": v.get("how", ""),
        "who_text": v.get("who", ""),
        "when_text": when,
        "when_kind": when_kind,
        "due_date": due,
    }
    priority_text = v.get("priority", "")
    if priority_text:
        priority = Priority.from_text(priority_text)
        if priority is None:
            errors.add(
                row_number, f"Priority '{priority_text}' is not High, Medium or Low (H/M/L)."
            )
        fields["priority"] = priority
    status_text = v.get("status", "")
    if status_text:
        status = STATUS_BY_TEXT.get(status_text.strip().lower())
        if status is None:
            allowed = ", ".join(choice.label for choice in ActionStatus)
            errors.add(row_number, f"Status '{status_text}' is not one of: {allowed}.")
        fields["status"] = status
    percent_text = v.get("percent complete", "").rstrip("%").strip()
    if percent_text:
        try:
            fields["percent_complete"] = parse_int(percent_text, minimum=0, maximum=100)
        except ParseError:
            errors.add(
                row_number, f"Percent complete '{percent_text}' is not a whole number 0-100."
            )
    for column, field in (("start date", "start_date"), ("due date", "due_date")):
        if v.get(column):
            try:
                fields[field] = parse_date(v[column])
            except ValueError as exc:
                errors.add(row_number, f"{column.capitalize()}: {exc}")
    if v.get("due date") and when_kind == WhenKind.TEXT:
        fields["when_kind"] = WhenKind.DATE
    leads = leads_named_in(fields["who_text"], people)
    for username in filter(None, (part.strip() for part in v.get("leads", "").split(";"))):
        user = by_username.get(username.lower())
        if user is None:
            errors.add(row_number, f"Leads: no user '{username}'.")
        elif user not in leads:
            leads.append(user)
    return fields, leads


@transaction.atomic
def _save(plan: ActionPlan, themes: dict[int, str], parsed: list) -> ImportResult:
    result = ImportResult()
    if not plan.pk:
        plan.save()
    theme_objects = {theme.number: theme for theme in plan.themes.all()}
    for number, title in themes.items():
        if number in theme_objects:
            theme = theme_objects[number]
            if theme.title != title:
                theme.title = title
                theme.save(update_fields=["title"])
        else:
            theme_objects[number] = Theme.objects.create(plan=plan, number=number, title=title)
            result.themes_created += 1
    existing = {
        (action.theme_id, action.number): action
        for action in Action.objects.filter(theme__plan=plan)
    }
    for theme_number, number, title, fields, leads in parsed:
        theme = theme_objects[theme_number]
        action = existing.get((theme.pk, number))
        if action is None:
            action = Action(theme=theme, number=number)
            result.actions_created += 1
        else:
            result.actions_updated += 1
        action.title = title
        for name, value in fields.items():
            setattr(action, name, value)
        if action.status == ActionStatus.COMPLETE:
            action.percent_complete = 100
        action._change_reason = "Imported"
        action.save()
        if leads:
            action.leads.add(*leads)
    return result
