"""The people and units administration pages: list with filters, a person's page, add and
edit, the leaver's handover, reactivation, the units tree, the upload pages."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from actions.models import Risk
from core.models import OrgUnit
from core.roles import Role
from indicators.models import Indicator
from people.models import Handover
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    RiskFactory,
    make_user,
)
from tests.people.council_files import PEOPLE_HEADER, UNIT_HEADER, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, people):
    client.force_login(people.admin)
    return client


def test_the_list_filters_by_unit_role_and_status(
    admin_client, people, org, django_assert_max_num_queries
):
    for n in range(30):
        make_user(f"extra{n}", Role.OFFICER, org.planning)
    with django_assert_max_num_queries(16):
        page = admin_client.get(reverse("people:list")).content.decode()
    assert "39 people" in page and "Page 1 of 1" not in page  # 30, 8 personas, the partner
    page = admin_client.get(reverse("people:list"), {"unit": org.housing.pk}).content.decode()
    assert "1 person" in page and "manager@" in page
    page = admin_client.get(reverse("people:list"), {"role": Role.AUDIT}).content.decode()
    assert "1 person" in page
    people.board.is_active = False
    people.board.save()
    page = admin_client.get(reverse("people:list"), {"active": "no"}).content.decode()
    assert "1 person" in page and "Inactive" in page


def test_a_persons_page_shows_what_they_hold_and_their_history(
    admin_client, people, org, django_assert_max_num_queries
):
    url = reverse("people:detail", args=[people.officer.pk])
    with django_assert_max_num_queries(40) as few:
        admin_client.get(url)
    for n in range(15):
        IndicatorFactory(code=f"LPI X {n}", service=org.housing, owner=people.officer)
        ActionFactory().leads.add(people.officer)
        RiskFactory(owner=people.officer)
    with django_assert_max_num_queries(len(few)):
        admin_client.get(url)
    IndicatorFactory(
        code="LPI HO 07", title="Rough sleepers", service=org.housing, owner=people.officer
    )
    IndicatorFactory(
        code="LPI HO 08", service=org.housing, owner=people.manager, deputy=people.officer
    )
    page = admin_client.get(reverse("people:detail", args=[people.officer.pk])).content.decode()
    assert "PIs owned (16)" in page and "LPI HO 07 Rough sleepers" in page
    assert "PIs deputised (1)" in page and "Housing Options" in page
    assert "Officer" in page and "Never" in page  # roles; last sign-in


def test_adding_and_editing_a_person_is_audited(admin_client, people, org):
    response = admin_client.post(
        reverse("people:create"),
        {
            "first_name": "Nia",
            "last_name": "Hale",
            "email": "nia@x.example",
            "username": "nhale",
            "unit": org.planning.pk,
            "job_title": "Planner",
            "line_manager": people.manager.pk,
            "roles": [Role.OFFICER],
        },
    )
    nia = User.objects.get(username="nhale")
    assert response.url == reverse("people:detail", args=[nia.pk])
    assert nia.profile.line_manager == people.manager and not nia.has_usable_password()
    response = admin_client.post(
        reverse("people:edit", args=[nia.pk]),
        {
            "first_name": "Nia",
            "last_name": "Hale-Jones",
            "email": "nia@x.example",
            "username": "nhale",
            "unit": org.housing.pk,
            "job_title": "Senior Planner",
            "roles": [Role.OFFICER, Role.MANAGER],
        },
    )
    assert response.status_code == 302
    page = admin_client.get(reverse("people:detail", args=[nia.pk])).content.decode()
    assert "Hale → Hale-Jones" in page and "Planner → Senior Planner" in page
    assert "Roles: Officer → Manager, Officer" in page
    assert escape(people.admin.get_full_name()) in page  # as written (apostrophes escaped)


def test_the_form_refuses_a_circle_and_keeps_what_was_typed(admin_client, people):
    response = admin_client.post(
        reverse("people:edit", args=[people.manager.pk]),
        {
            "first_name": "Typed",
            "last_name": "Name",
            "email": "m@x.example",
            "username": "manager",
            "line_manager": people.officer.pk,
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "circle: manager → officer → manager" in page
    assert 'value="Typed"' in page


def test_a_leaver_hands_over_item_by_item_and_is_deactivated(admin_client, people, org):
    pi = IndicatorFactory(code="LPI HO 07", service=org.housing, owner=people.officer)
    action = ActionFactory()
    action.leads.add(people.officer)
    risk = RiskFactory(owner=people.officer)
    url = reverse("people:deactivate", args=[people.officer.pk])
    page = admin_client.get(url).content.decode()
    assert "They still hold 3 items" in page and "LPI HO 07" in page
    refused = admin_client.post(url, {"everything_to": ""})
    assert refused.status_code == 400 and "needs someone to go to" in refused.content.decode()
    assert User.objects.get(pk=people.officer.pk).is_active
    response = admin_client.post(
        url,
        {"everything_to": people.manager.pk, f"risk_owner-{risk.pk}": people.perf.pk},
    )
    assert response.status_code == 302
    assert not User.objects.get(pk=people.officer.pk).is_active
    assert Indicator.objects.get(pk=pi.pk).owner == people.manager
    assert Risk.objects.get(pk=risk.pk).owner == people.perf
    assert list(action.leads.all()) == [people.manager]
    assert Handover.objects.filter(person=people.officer).count() == 3
    record = Indicator.history.filter(id=pi.pk).latest("history_date")
    assert (
        "Handed over from" in record.history_change_reason and record.history_user == people.admin
    )
    page = admin_client.get(reverse("people:detail", args=[people.officer.pk])).content.decode()
    assert "Deactivated" in page and "Risk owner" in page
    response = admin_client.post(reverse("people:reactivate", args=[people.officer.pk]))
    assert User.objects.get(pk=people.officer.pk).is_active


def test_no_one_deactivates_themselves(admin_client, people):
    assert admin_client.get(reverse("people:deactivate", args=[people.admin.pk])).status_code == 403


def test_units_add_move_and_refuse_a_move_into_own_subtree(
    admin_client, org, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        page = admin_client.get(reverse("people:units")).content.decode()
    assert "Housing Options" in page and "Team · housing-options · 1 active person" in page
    response = admin_client.post(
        reverse("people:unit_create"),
        {"name": "People", "code": "people", "kind": "directorate", "parent": org.council.pk},
    )
    assert response.status_code == 302
    new = OrgUnit.objects.get(code="people")
    admin_client.post(
        reverse("people:unit_edit", args=[org.housing.pk]),
        {"name": "Housing and Homes", "code": "housing", "kind": "service", "parent": new.pk},
    )
    team = OrgUnit.objects.get(pk=org.housing_team.pk)
    assert new.pk in team.ancestor_ids()
    refused = admin_client.post(
        reverse("people:unit_edit", args=[org.place.pk]),
        {"name": "Place", "code": "place", "kind": "directorate", "parent": org.planning.pk},
    )
    assert refused.status_code == 400 and "inside its own subtree" in refused.content.decode()
    history = OrgUnit.history.filter(id=org.housing.pk).latest("history_date")
    assert history.name == "Housing and Homes" and history.history_user.username == "admin"


def test_the_upload_pages_import_refuse_and_offer_templates(admin_client, org):
    template = admin_client.get(reverse("people:import"), {"template": "csv"})
    assert template.content.decode("utf-8-sig").startswith(",".join(PEOPLE_HEADER))
    assert admin_client.get(reverse("people:unit_import"), {"template": "xlsx"}).status_code == 200
    bad = csv_bytes(UNIT_HEADER, [["x", "X", "wizardry", "council"]])
    response = admin_client.post(
        reverse("people:unit_import"), {"file": SimpleUploadedFile("u.csv", bad)}
    )
    assert (
        response.status_code == 400
        and "Row 2: kind &#x27;wizardry&#x27;" in response.content.decode()
    )
    good = csv_bytes(UNIT_HEADER, [["parks", "Parks", "service", "place"]])
    response = admin_client.post(
        reverse("people:unit_import"), {"file": SimpleUploadedFile("u.csv", good)}
    )
    assert response.status_code == 302 and OrgUnit.objects.filter(code="parks").exists()
    hr = csv_bytes(PEOPLE_HEADER, [["nk", "nk@x.example", "N", "K", "parks", "", "", "", "yes"]])
    response = admin_client.post(
        reverse("people:import"), {"file": SimpleUploadedFile("p.csv", hr)}
    )
    assert (
        response.status_code == 302 and User.objects.get(username="nk").profile.unit.code == "parks"
    )


def test_the_unit_form_keeps_a_partner_beside_the_council(admin_client, org):
    response = admin_client.post(
        reverse("people:unit_create"),
        {"name": "Area Police", "code": "police", "kind": "partner", "parent": org.council.pk},
    )
    assert response.status_code == 400 and "beside the council" in response.content.decode()
    assert not OrgUnit.objects.filter(code="police").exists()
    admin_client.post(
        reverse("people:unit_create"), {"name": "Area Police", "code": "police", "kind": "partner"}
    )
    assert "Partner organisation" in admin_client.get(reverse("people:units")).content.decode()


def test_a_forged_id_chooses_no_one(admin_client, people, org):
    IndicatorFactory(code="LPI HO 07", service=org.housing, owner=people.officer)
    # int() reads a mathematical bold five as 5: the form must not.
    response = admin_client.post(
        reverse("people:deactivate", args=[people.officer.pk]),
        {"everything_to": "\U0001d7d3"},
    )
    assert response.status_code == 400
    assert User.objects.get(pk=people.officer.pk).is_active
