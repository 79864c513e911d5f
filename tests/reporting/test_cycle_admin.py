import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import CycleItem

pytestmark = pytest.mark.django_db

ADMIN_URLS = ["cycle_list", "cycle_create", "cycle_import"]


@pytest.mark.parametrize("who", ["perf", "manager", "officer", "board", "audit"])
def test_only_administrators_configure_the_cycle(client, people, who):
    client.force_login(getattr(people, who))
    for name in ADMIN_URLS:
        assert client.get(reverse(f"reporting:{name}")).status_code == 403
    response = client.post(reverse("reporting:cycle_create"), {"name": "Sneaky", "months": [1]})
    assert response.status_code == 403
    assert not CycleItem.objects.exists()


def test_an_admin_adds_an_item_and_mistakes_are_explained(client, people, demo_cycle):
    client.force_login(people.admin)
    data = {
        "name": "Scrutiny performance review",
        "position": 30,
        "months": [],
        "due_rule": "day_of_month",
        "due_value": 40,
        "report_type": "quarterly_pack",
        "is_active": "on",
    }
    response = client.post(reverse("reporting:cycle_create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tick at least one month." in content
    assert "A day of the month is 1 to 31." in content
    assert 'value="Scrutiny performance review"' in content
    data.update(months=["3", "6", "9", "12"], due_value=20)
    response = client.post(reverse("reporting:cycle_create"), data)
    assert response.status_code == 302
    item = CycleItem.objects.get(name="Scrutiny performance review")
    assert item.months == [3, 6, 9, 12]
    assert (
        "Scrutiny performance review" in client.get(reverse("reporting:calendar")).content.decode()
    )


def test_an_admin_imports_a_cycle_and_bad_rows_are_listed(client, people):
    client.force_login(people.admin)
    bad = SimpleUploadedFile("cycle.csv", b"name,months\nGood,Jan\nBad,Smarch\n")
    response = client.post(reverse("reporting:cycle_import"), {"file": bad})
    assert response.status_code == 400
    assert "Row 3: Months: &#x27;Smarch&#x27; is not a month." in response.content.decode()
    assert not CycleItem.objects.exists()
    good = SimpleUploadedFile("cycle.csv", b"name,months,audiences\nGood,Jan Jul,Cabinet; PMB\n")
    response = client.post(reverse("reporting:cycle_import"), {"file": good})
    assert response.status_code == 302
    assert CycleItem.objects.get().months == [1, 7]


def test_a_new_item_is_offered_the_place_after_the_others(client, people, demo_cycle):
    client.force_login(people.admin)
    last = max(CycleItem.objects.values_list("position", flat=True))
    form = client.get(reverse("reporting:cycle_create")).context["form"]
    assert form.initial["position"] == last + 1
    item = CycleItem.objects.order_by("position").first()
    form = client.get(reverse("reporting:cycle_edit", args=[item.pk])).context["form"]
    assert form["position"].value() == item.position
