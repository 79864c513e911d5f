"""Each role sees and does with plans what docs/roles.md gives it, and nothing more."""

import pytest
from django.urls import reverse

from core.roles import Role
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan
from tests.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db

URL_NAMES_NEEDING_PK = ["detail", "update", "delete", "export", "print", "objective_create"]


def test_anonymous_users_are_sent_to_sign_in(client, plans):
    urls = [reverse("plans:list"), reverse("plans:thread"), reverse("plans:orphans")]
    urls += [reverse(f"plans:{name}", args=[plans.council.pk]) for name in URL_NAMES_NEEDING_PK]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


# Drafts: who sees which (approved plans are open to everyone signed in).
@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.BOARD, set()),
        (Role.OFFICER, set()),
        (Role.MANAGER, {"Housing draft plan"}),
        (Role.PERFORMANCE, {"Housing draft plan", "Planning draft plan", "Draft improvement plan"}),
        (Role.AUDIT, {"Housing draft plan", "Planning draft plan", "Draft improvement plan"}),
        (Role.ADMIN, {"Housing draft plan", "Planning draft plan", "Draft improvement plan"}),
    ],
)
def test_draft_plans_are_seen_by_those_who_may_see_drafts(client, people, plans, role, sees):
    client.force_login(people.by_role()[role])
    page = client.get(reverse("plans:list")).content.decode()
    assert "Council Plan" in page and "Planning SBP" in page
    for title in ("Housing draft plan", "Planning draft plan", "Draft improvement plan"):
        assert (title in page) is (title in sees), title
    hidden = {
        "Housing draft plan": plans.housing_draft,
        "Planning draft plan": plans.planning_draft,
    }
    for title, plan in hidden.items():
        status = client.get(reverse("plans:detail", args=[plan.pk])).status_code
        assert status == (200 if title in sees else 404)


# Who may edit which plan: performance team every corporate plan, managers their service's.
@pytest.mark.parametrize(
    ("role", "editable"),
    [
        (Role.BOARD, set()),
        (Role.OFFICER, set()),
        (Role.AUDIT, set()),
        (Role.MANAGER, {"housing", "housing_team"}),
        (Role.PERFORMANCE, {"council", "housing", "housing_team", "planning", "community"}),
        (Role.ADMIN, {"council", "housing", "housing_team", "planning", "community"}),
    ],
)
def test_who_may_edit_which_plan(client, people, plans, role, editable):
    client.force_login(people.by_role()[role])
    for name in ("community", "council", "housing", "housing_team", "planning"):
        plan = getattr(plans, name)
        response = client.get(reverse("plans:update", args=[plan.pk]))
        assert response.status_code == (200 if name in editable else 403), name
        response = client.post(
            reverse("plans:objective_create", args=[plan.pk]), {"title": "Forged objective"}
        )
        assert response.status_code == (302 if name in editable else 403), name
        detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
        assert ("Edit plan" in detail) is (name in editable)
    forged = Objective.objects.filter(title="Forged objective")
    assert {o.plan for o in forged} == {getattr(plans, name) for name in editable}


def _plan_data(**overrides) -> dict:
    data = {
        "kind": PlanKind.SERVICE,
        "title": "New plan",
        "year": 2026,
        "period_start": "2026-04-01",
        "period_end": "2027-03-31",
    }
    return {**data, **overrides}


def test_the_performance_team_creates_any_corporate_plan(client, people, plans):
    client.force_login(people.perf)
    response = client.post(
        reverse("plans:create"),
        _plan_data(kind=PlanKind.COUNCIL, title="Council Plan 2026", parent=plans.community.pk),
    )
    plan = Plan.objects.get(title="Council Plan 2026")
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert (plan.status, plan.parent) == (PlanStatus.DRAFT, plans.community)


def test_a_manager_creates_plans_for_their_own_service_only(client, people, org, plans):
    client.force_login(people.manager)
    ok = client.post(reverse("plans:create"), _plan_data(title="Ours", unit=org.housing.pk))
    assert ok.status_code == 302
    other = client.post(reverse("plans:create"), _plan_data(title="Theirs", unit=org.planning.pk))
    assert other.status_code == 200  # the form again, with the error
    assert "Select a valid choice" in other.content.decode()
    council = client.post(
        reverse("plans:create"),
        _plan_data(kind=PlanKind.COUNCIL, title="Coup", unit=org.housing.pk),
    )
    assert council.status_code == 200
    assert "Theirs" not in set(Plan.objects.values_list("title", flat=True))
    assert not Plan.objects.filter(title="Coup").exists()
    # The typed values are kept.
    assert 'value="Coup"' in council.content.decode()


def test_board_members_and_officers_may_only_start_their_own_individual_plan(
    client, people, org, plans
):
    client.force_login(people.officer)
    page = client.get(reverse("plans:create")).content.decode()
    assert 'type="hidden" name="kind"' in page
    response = client.post(
        reverse("plans:create"),
        _plan_data(kind=PlanKind.COUNCIL, title="Not mine to make", owner=people.board.pk),
    )
    assert response.status_code == 200
    response = client.post(
        reverse("plans:create"),
        _plan_data(kind=PlanKind.INDIVIDUAL, title="My PDR", owner=people.board.pk),
    )
    plan = Plan.objects.get(title="My PDR")
    assert plan.owner == people.officer  # always their own, whatever was posted
    assert not Plan.objects.filter(title="Not mine to make").exists()


def test_state_changes_are_post_only(client, people, plans):
    client.force_login(people.perf)
    for name in ("approve", "archive", "copy"):
        response = client.get(reverse(f"plans:{name}", args=[plans.council_draft.pk]))
        assert response.status_code == 405


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.BOARD, False),
        (Role.OFFICER, False),
        (Role.MANAGER, False),
        (Role.AUDIT, False),
        (Role.PERFORMANCE, True),
        (Role.ADMIN, True),
    ],
)
def test_who_approves_corporate_plans(client, people, plans, role, allowed):
    client.force_login(people.by_role()[role])
    response = client.post(reverse("plans:approve", args=[plans.housing_draft.pk]))
    plans.housing_draft.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert plans.housing_draft.status == PlanStatus.APPROVED
        assert plans.housing_draft.approved_by == people.by_role()[role]
        assert plans.housing_draft.approved_at is not None
    else:
        assert response.status_code in (403, 404)
        assert plans.housing_draft.status == PlanStatus.DRAFT


def test_the_line_manager_approves_an_individual_plan_and_the_person_cannot(client, people, plans):
    plan = plans.officer_plan
    client.force_login(people.officer)
    assert client.post(reverse("plans:approve", args=[plan.pk])).status_code == 403
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Approve" not in page and "Edit plan" in page
    client.force_login(people.manager)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Approve" in page and "Edit plan" not in page
    assert client.get(reverse("plans:update", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:approve", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == (PlanStatus.APPROVED, people.manager)


def test_the_person_changing_an_approved_plan_sends_it_back_for_approval(client, people, plans):
    plan = plans.officer_plan
    plan.status = PlanStatus.APPROVED
    plan.approved_by = people.manager
    plan.save()
    client.force_login(people.officer)
    response = client.post(
        reverse("plans:objective_update", args=[plan.pk, plans.officer_objective.pk]),
        {"number": 1, "title": "A changed goal"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == (PlanStatus.DRAFT, None)


def test_an_objective_may_only_contribute_to_one_above_its_plan(client, people, plans):
    client.force_login(people.perf)
    response = client.post(
        reverse("plans:objective_create", args=[plans.council.pk]),
        {"title": "Sideways", "contributes_to": plans.housing_objective.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Objective.objects.filter(title="Sideways").exists()
    response = client.post(
        reverse("plans:objective_create", args=[plans.housing.pk]),
        {"title": "Upwards", "contributes_to": plans.council.objectives.get().pk},
    )
    assert response.status_code == 302
    created = Objective.objects.get(title="Upwards")
    assert created.number == 2  # the next number


def test_archived_plans_can_no_longer_be_changed(client, people, plans):
    client.force_login(people.perf)
    assert client.post(reverse("plans:archive", args=[plans.planning.pk])).status_code == 302
    plans.planning.refresh_from_db()
    assert plans.planning.status == PlanStatus.ARCHIVED
    assert client.get(reverse("plans:update", args=[plans.planning.pk])).status_code == 403


def test_copying_from_the_plan_page_starts_next_years_draft(client, people, plans):
    client.force_login(people.manager)
    response = client.post(reverse("plans:copy", args=[plans.housing.pk]))
    copy = Plan.objects.get(previous_version=plans.housing)
    assert response.url == copy.get_absolute_url()
    assert (copy.year, copy.status) == (2027, PlanStatus.DRAFT)
    response = client.post(reverse("plans:copy", args=[plans.housing.pk]), follow=True)
    assert "already has a version for 2027/28" in response.content.decode()
    assert client.post(reverse("plans:copy", args=[plans.planning.pk])).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.BOARD, 403),
        (Role.OFFICER, 403),
        (Role.MANAGER, 403),
        (Role.AUDIT, 403),
        (Role.PERFORMANCE, 200),
        (Role.ADMIN, 200),
    ],
)
def test_only_the_performance_team_sees_the_orphans_view(client, people, plans, role, status):
    client.force_login(people.by_role()[role])
    assert client.get(reverse("plans:orphans")).status_code == status


def test_only_the_performance_team_deletes_corporate_plans(client, people, plans):
    client.force_login(people.manager)
    assert client.post(reverse("plans:delete", args=[plans.housing.pk])).status_code == 403
    client.force_login(people.perf)
    assert client.post(reverse("plans:delete", args=[plans.housing.pk])).status_code == 302
    assert not Plan.objects.filter(pk=plans.housing.pk).exists()
    plans.housing_team.refresh_from_db()
    assert plans.housing_team.parent is None


def test_a_persons_new_plan_starts_from_their_team_plan(client, people, org, plans):
    client.force_login(people.officer)
    form = client.get(reverse("plans:create")).context["form"]
    assert form.initial["parent"] == plans.housing_team.pk
    assert form.initial["unit"] == org.housing_team.pk
    assert form.initial["title"].endswith("personal development plan")
    assert 'value="2026-04-01"' in str(form["period_start"])  # what date pickers read


def test_removing_an_objective_asks_first(client, people, plans):
    client.force_login(people.perf)
    objective = plans.housing_objective
    url = reverse("plans:objective_delete", args=[plans.housing.pk, objective.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Remove the objective" in page.content.decode()
    assert Objective.objects.filter(pk=objective.pk).exists()
    assert client.post(url).status_code == 302
    assert not Objective.objects.filter(pk=objective.pk).exists()
    below = plans.housing_team.objectives.get()
    assert below.contributes_to is None  # now an orphan
    client.force_login(people.manager)
    other = ObjectiveFactory(plan=plans.planning)
    url = reverse("plans:objective_delete", args=[plans.planning.pk, other.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
