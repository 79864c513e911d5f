"""The plan table's filters (without HTTP) and CSV/Excel exports of lists."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actions.choices import ActionRag, ActionStatus, Priority, WhenKind
from actions.filtersets import ActionFilterSet, RiskFilterSet
from actions.models import Action, Risk
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    RiskFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def plan_actions():
    plan = ActionPlanFactory(start_date=datetime.date(2026, 4, 1))
    one, two = ThemeFactory(plan=plan, number=1), ThemeFactory(plan=plan, number=2)
    lead = UserFactory()
    return {
        "plan": plan,
        "lead": lead,
        "theme2": two,
        "overdue": ActionFactory(
            theme=one,
            number="1.1",
            due_date=datetime.date(2026, 10, 1),
            percent_complete=20,
            leads=[lead],
        ),
        "on_track": ActionFactory(
            theme=one,
            number="1.2",
            due_date=datetime.date(2027, 3, 31),
            percent_complete=90,
            priority=Priority.HIGH,
        ),
        "done": ActionFactory(
            theme=two, number="2.1", status=ActionStatus.COMPLETE, percent_complete=100
        ),
        "ongoing": ActionFactory(
            theme=two, number="2.2", when_kind=WhenKind.ONGOING, due_date=None
        ),
    }


def filtered(data, plan_actions) -> set[str]:
    queryset = Action.objects.with_suggested_rag(TODAY)
    filterset = ActionFilterSet(data, queryset=queryset, plan=plan_actions["plan"], today=TODAY)
    assert filterset.is_valid(), filterset.errors
    return {a.number for a in filterset.qs}


def test_filters_by_theme_lead_priority_status_rag_and_overdue(plan_actions):
    assert filtered({"theme": plan_actions["theme2"].pk}, plan_actions) == {"2.1", "2.2"}
    assert filtered({"lead": plan_actions["lead"].pk}, plan_actions) == {"1.1"}
    assert filtered({"priority": "high"}, plan_actions) == {"1.2"}
    assert filtered({"status": "complete"}, plan_actions) == {"2.1"}
    assert filtered({"rag": ActionRag.OFF_TRACK}, plan_actions) == {"1.1"}
    assert filtered({"rag": ActionRag.ON_TRACK}, plan_actions) == {"1.2"}
    assert filtered({"rag": "none"}, plan_actions) == {"2.2"}
    assert filtered({"overdue": "true"}, plan_actions) == {"1.1"}
    assert filtered({"overdue": "false"}, plan_actions) == {"1.2", "2.1", "2.2"}
    assert filtered({"q": "action"}, plan_actions) == {"1.1", "1.2", "2.1", "2.2"}


def test_no_update_this_month_filter(plan_actions):
    ActionUpdateFactory(action=plan_actions["on_track"], date=datetime.date(2026, 11, 5))
    assert filtered({"no_update": "true"}, plan_actions) == {"1.1", "2.2"}


def test_lead_filter_lists_only_this_plans_leads(plan_actions):
    other = UserFactory()
    ActionFactory(leads=[other])
    filterset = ActionFilterSet({}, queryset=Action.objects.all(), plan=plan_actions["plan"])
    assert list(filterset.filters["lead"].queryset) == [plan_actions["lead"]]


def test_risk_filters():
    late = RiskFactory(ref="LATE", review_date=TODAY - datetime.timedelta(days=1), title="Flooding")
    RiskFactory(ref="OK", review_date=TODAY + datetime.timedelta(days=9))
    filterset = RiskFilterSet({"review_overdue": "true"}, queryset=Risk.objects.all(), today=TODAY)
    assert list(filterset.qs) == [late]
    filterset = RiskFilterSet({"q": "flood"}, queryset=Risk.objects.all(), today=TODAY)
    assert list(filterset.qs) == [late]


def test_plan_export_as_csv_keeps_filters_and_neutralises_formulas(client, people, items):
    items.housing_action.title = "=HYPERLINK(evil)"
    items.housing_action.save()
    client.force_login(people.board)
    url = items.housing_plan.get_absolute_url()
    response = client.get(url, {"export": "csv", "priority": items.housing_action.priority})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Plan,No,Theme,Action,How,Who,When")
    assert "'=HYPERLINK(evil)" in text
    empty = client.get(
        url,
        {"export": "csv", "priority": "low" if items.housing_action.priority != "low" else "high"},
    )
    assert len(empty.content.decode("utf-8-sig").splitlines()) == 1


def test_register_export_as_excel(client, people, items):
    client.force_login(people.audit)
    response = client.get(items.housing_register.get_absolute_url(), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Register", "Ref", "Title")
    assert rows[1][1] == items.housing_risk.ref


def test_my_actions_lists_what_i_lead(client, people, items):
    client.force_login(people.officer)
    response = client.get(reverse("actions:my_actions"))
    assert [a.pk for a in response.context["actions"]] == [items.housing_action.pk]
    export = client.get(reverse("actions:my_actions"), {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
