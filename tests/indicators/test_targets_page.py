"""The targets page shows what is stored and a save changes only what was changed."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Target
from indicators.periods import fy_of
from tests.factories import IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

MONTHS = [
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "January",
    "February",
    "March",
]


@pytest.fixture
def indicator(people, org):
    return IndicatorFactory(code="LPI HO 01", owner=people.officer, service=org.housing_team)


def this_year() -> int:
    return fy_of(timezone.localdate())


def form_values(html: str) -> dict[str, str]:
    """Return name -> value of the inputs of the page's POST form, as a browser would post."""
    form = re.search(r'<form [^>]*id="targets-form".*?</form>', html, re.S).group(0)
    values = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="submit"' not in tag:
            values[name.group(1)] = value.group(1) if value else ""
    return values


def test_after_a_save_the_page_shows_the_years_stored_targets(client, people, indicator):
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    response = client.post(
        url, {"year": this_year(), "annual_target": "480", "baseline": "455"}, follow=True
    )
    html = response.content.decode()
    assert 'value="480"' in html and 'value="455"' in html


def test_opening_the_page_shows_this_years_stored_targets(client, people, indicator):
    TargetFactory(indicator=indicator, year=this_year(), annual_target=480, baseline=455)
    client.force_login(people.perf)
    html = client.get(reverse("indicators:targets", args=[indicator.pk])).content.decode()
    assert 'value="480"' in html and 'value="455"' in html


def test_saving_only_a_profile_keeps_the_annual_target_and_baseline(client, people, indicator):
    TargetFactory(indicator=indicator, year=this_year(), annual_target=480, baseline=455)
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    data = form_values(client.get(url).content.decode())
    for number in range(1, 13):
        data[f"profile_{number}"] = "40"
    assert client.post(url, data).status_code == 302
    target = Target.objects.get(indicator=indicator, year=this_year())
    assert target.profile == ["40"] * 12
    assert (target.annual_target, target.baseline) == (480, 455)


def test_a_save_changes_only_the_fields_changed_on_the_page(client, people, indicator):
    """Someone else's change to the baseline, made while the page was open, is kept."""
    target = TargetFactory(indicator=indicator, year=this_year(), annual_target=480, baseline=455)
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    data = form_values(client.get(url).content.decode())
    Target.objects.filter(pk=target.pk).update(baseline=460)
    data["annual_target"] = "500"
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert (target.annual_target, target.baseline) == (500, 460)
    assert target.history.count() == 2


def test_a_save_with_nothing_changed_adds_no_history(client, people, indicator):
    target = TargetFactory(indicator=indicator, year=this_year(), annual_target=480)
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    data = form_values(client.get(url).content.decode())
    assert client.post(url, data).status_code == 302
    assert target.history.count() == 1


def test_the_monthly_profile_is_a_grid_of_labelled_months(client, people, indicator):
    TargetFactory(indicator=indicator, year=this_year(), profile=[str(n) for n in range(1, 13)])
    client.force_login(people.perf)
    html = client.get(reverse("indicators:targets", args=[indicator.pk])).content.decode()
    for number, month in enumerate(MONTHS, start=1):
        field = f"id_profile_{number}"
        assert re.search(rf'<label[^>]*for="{field}"[^>]*>\s*{month}', html), month
        assert re.search(rf'<input[^>]*id="{field}"[^>]*value="{number}"', html) or re.search(
            rf'<input[^>]*value="{number}"[^>]*id="{field}"', html
        ), month
    assert 'name="profile"' not in html


def test_the_quarterly_profile_is_a_grid_of_labelled_quarters(client, people, indicator):
    indicator.frequency = "quarterly"
    indicator.save()
    client.force_login(people.perf)
    html = client.get(reverse("indicators:targets", args=[indicator.pk])).content.decode()
    for number in range(1, 5):
        assert re.search(rf'<label[^>]*for="id_profile_{number}"[^>]*>\s*Q{number}', html)
    assert "id_profile_5" not in html


def test_an_annual_indicator_has_no_profile_grid(client, people, indicator):
    indicator.frequency = "annual"
    indicator.save()
    client.force_login(people.perf)
    html = client.get(reverse("indicators:targets", args=[indicator.pk])).content.decode()
    assert "id_profile_1" not in html


def test_a_part_filled_profile_names_the_blank_months_and_keeps_the_typing(
    client, people, indicator
):
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    data = {"year": this_year(), "annual_target": "480"}
    data |= {f"profile_{n}": "40" for n in range(1, 11)}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give a target for every month, or leave them all blank" in html
    assert "(blank: February, March)" in html
    assert 'value="480"' in html and html.count('value="40"') >= 10
    assert not Target.objects.exists()


def test_a_profile_value_that_is_not_a_number_is_refused_beside_its_month(
    client, people, indicator
):
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    data = {"year": this_year()} | {f"profile_{n}": "40" for n in range(1, 13)}
    data["profile_3"] = "forty"
    html = client.post(url, data).content.decode()
    assert "June: &#x27;forty&#x27; is not a number." in html
    assert not Target.objects.exists()


def test_clearing_every_month_removes_the_profile(client, people, indicator):
    TargetFactory(indicator=indicator, year=this_year(), annual_target=480, profile=["40"] * 12)
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    data = form_values(client.get(url).content.decode())
    data |= {f"profile_{n}": "" for n in range(1, 13)}
    assert client.post(url, data).status_code == 302
    target = Target.objects.get()
    assert (target.profile, target.annual_target) == ([], Decimal(480))


def test_another_year_is_chosen_with_the_year_picker(client, people, indicator):
    TargetFactory(indicator=indicator, year=this_year() - 1, annual_target=300)
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    html = client.get(url, {"year": this_year() - 1}).content.decode()
    assert 'value="300"' in html
    data = form_values(html)
    data["baseline"] = "290"
    response = client.post(url, data)
    assert response["Location"] == f"{url}?year={this_year() - 1}"
    assert Target.objects.get(year=this_year() - 1).baseline == 290
    assert not Target.objects.filter(year=this_year()).exists()
