"""Each role sees and does what docs/roles.md allows with actions and risks, and no more."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from actions.models import Action, ActionPlan, ActionUpdate, Risk, RiskReview

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()

READ_PAGES = [
    ("actions:plan_list", None),
    ("actions:my_actions", None),
    ("actions:register_list", None),
    ("actions:plan_detail", "housing_plan"),
    ("actions:action_detail", "housing_action"),
    ("actions:register_detail", "housing_register"),
    ("actions:risk_detail", "housing_risk"),
]


def url(items, name, attr):
    return reverse(name, args=[getattr(items, attr).pk]) if attr else reverse(name)


@pytest.mark.parametrize(("name", "attr"), READ_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, items, name, attr):
    response = client.get(url(items, name, attr))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "who", ["admin", "perf", "manager", "officer", "other_officer", "board", "audit"]
)
@pytest.mark.parametrize(("name", "attr"), READ_PAGES)
def test_every_role_reads_plans_and_registers(client, people, items, who, name, attr):
    client.force_login(getattr(people, who))
    assert client.get(url(items, name, attr)).status_code == 200


MANAGE_EXPECTED = {
    # who: (may manage Housing items, may manage Planning items)
    "admin": (True, True),
    "perf": (True, True),
    "manager": (True, False),
    "officer": (False, False),
    "other_officer": (False, False),
    "board": (False, False),
    "audit": (False, False),
}


@pytest.mark.parametrize("who", MANAGE_EXPECTED)
def test_managing_plans_actions_and_risks_follows_service_scope(client, people, items, who):
    housing_ok, planning_ok = MANAGE_EXPECTED[who]
    client.force_login(getattr(people, who))
    for attr_prefix, ok in (("housing", housing_ok), ("planning", planning_ok)):
        plan = getattr(items, f"{attr_prefix}_plan")
        action = getattr(items, f"{attr_prefix}_action")
        register = getattr(items, f"{attr_prefix}_register")
        risk = getattr(items, f"{attr_prefix}_risk")
        for name, obj in (
            ("actions:plan_edit", plan),
            ("actions:theme_create", plan),
            ("actions:action_create", plan),
            ("actions:action_edit", action),
            ("actions:register_edit", register),
            ("actions:risk_create", register),
            ("actions:risk_edit", risk),
        ):
            status = client.get(reverse(name, args=[obj.pk])).status_code
            assert status == (200 if ok else 403), (who, name, attr_prefix)


@pytest.mark.parametrize("who", MANAGE_EXPECTED)
def test_forged_posts_change_nothing(client, people, items, who):
    housing_ok, planning_ok = MANAGE_EXPECTED[who]
    client.force_login(getattr(people, who))
    action = items.planning_action
    response = client.post(
        reverse("actions:action_edit", args=[action.pk]),
        {"theme": action.theme_id, "number": action.number, "title": "Hijacked"},
    )
    if not planning_ok:
        assert response.status_code == 403
        assert Action.objects.get(pk=action.pk).title != "Hijacked"
    risk = items.planning_risk
    response = client.post(reverse("actions:risk_edit", args=[risk.pk]), {"title": "Hijacked"})
    if not planning_ok:
        assert response.status_code == 403
        assert Risk.objects.get(pk=risk.pk).title != "Hijacked"


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("admin", True),
        ("perf", True),
        ("manager", True),
        ("officer", False),
        ("board", False),
        ("audit", False),
    ],
)
def test_creating_plans_and_registers(client, people, who, allowed):
    client.force_login(getattr(people, who))
    for name in ("actions:plan_create", "actions:register_create"):
        assert client.get(reverse(name)).status_code == (200 if allowed else 403)


def test_a_manager_can_only_create_plans_for_their_service(client, people, org):
    client.force_login(people.manager)
    form = client.get(reverse("actions:plan_create")).context["form"]
    units = set(form.fields["unit"].queryset)
    assert org.housing in units and org.housing_team in units
    assert org.planning not in units and org.council not in units
    response = client.post(
        reverse("actions:plan_create"),
        {"title": "Sneaky", "kind": "service", "unit": org.planning.pk},
    )
    assert response.status_code == 200  # form error: not a valid choice
    assert not ActionPlan.objects.filter(title="Sneaky").exists()


def progress(client, action, **data):
    payload = {
        "date": TODAY.isoformat(),
        "note": "Moving",
        "status": "in_progress",
        "percent_complete": "40",
        "rag_override": "",
        "rag_override_reason": "",
    } | data
    return client.post(reverse("actions:action_progress", args=[action.pk]), payload)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("officer", True),  # leads it
        ("manager", True),  # Housing's manager
        ("perf", True),
        ("admin", True),
        ("other_officer", False),
        ("board", False),
        ("audit", False),
    ],
)
def test_progress_is_recorded_by_leads_and_managers_only(client, people, items, who, allowed):
    client.force_login(getattr(people, who))
    response = progress(client, items.housing_action)
    assert response.status_code == (302 if allowed else 403)
    assert ActionUpdate.objects.filter(action=items.housing_action).exists() is allowed
    detail = client.get(items.housing_action.get_absolute_url())
    assert ("Record progress" in detail.content.decode()) is allowed


def test_progress_needs_a_post(client, people, items):
    client.force_login(people.officer)
    response = client.get(reverse("actions:action_progress", args=[items.housing_action.pk]))
    assert response.status_code == 405


def review(client, risk, **data):
    payload = {
        "date": TODAY.isoformat(),
        "likelihood": "2",
        "impact": "3",
        "commentary": "Reviewed",
        "status": "open",
        "next_review_date": (TODAY + datetime.timedelta(days=90)).isoformat(),
    } | data
    return client.post(reverse("actions:risk_review", args=[risk.pk]), payload)


@pytest.mark.parametrize(
    ("who", "housing_ok", "planning_ok"),
    [
        ("admin", True, True),
        ("perf", True, True),
        ("manager", True, False),
        ("officer", False, False),
        ("board", False, False),
        ("audit", False, False),
    ],
)
def test_risk_reviews_by_role_and_scope(client, people, items, who, housing_ok, planning_ok):
    client.force_login(getattr(people, who))
    for risk, ok in ((items.housing_risk, housing_ok), (items.planning_risk, planning_ok)):
        response = review(client, risk)
        assert response.status_code == (302 if ok else 403)
        assert RiskReview.objects.filter(risk=risk).exists() is ok


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("audit", True),
        ("perf", True),
        ("admin", True),
        ("manager", True),
        ("officer", True),  # leads the action
        ("other_officer", False),
        ("board", False),
    ],
)
def test_change_history_of_an_action(client, people, items, who, allowed):
    client.force_login(getattr(people, who))
    response = client.get(reverse("actions:action_history", args=[items.housing_action.pk]))
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("audit", True), ("perf", True), ("manager", True), ("officer", False), ("board", False)],
)
def test_change_history_of_a_risk(client, people, items, who, allowed):
    client.force_login(getattr(people, who))
    response = client.get(reverse("actions:risk_history", args=[items.housing_risk.pk]))
    assert response.status_code == (200 if allowed else 403)


def test_history_shows_who_changed_what(client, people, items):
    client.force_login(people.officer)
    progress(client, items.housing_action, percent_complete="55")
    client.force_login(people.audit)
    page = client.get(reverse("actions:action_history", args=[items.housing_action.pk]))
    text = page.content.decode()
    assert "Percent complete" in text and "55" in text and "percent_complete" not in text
    assert escape(people.officer.get_full_name()) in text  # as the page writes it


def test_guessed_urls_of_missing_items_are_404(client, people):
    client.force_login(people.perf)
    for name in (
        "actions:action_detail",
        "actions:plan_detail",
        "actions:risk_detail",
        "actions:register_detail",
    ):
        assert client.get(reverse(name, args=[999999])).status_code == 404
