"""The odd values found reaching server errors (issue 14): each one now gets a page, a 404 or a
message, never a 500, and saves nothing."""

import pytest
from django.urls import reverse

from indicators.choices import Aggregation, FigureState
from indicators.models import Figure, Target
from tests.factories import FigureFactory, IndicatorFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "\u00b2"  # str.isdigit() says yes; int() refuses it
ARABIC_12 = "\u0661\u0662"  # int() reads 12


def test_the_calendar_shows_this_year_for_a_year_that_is_not_one(client, people):
    client.force_login(people.officer)
    for year in (SUPERSCRIPT_TWO, ARABIC_12, "99999999999999999999999", "-1"):
        response = client.get(reverse("reporting:calendar") + f"?year={year}")
        assert response.status_code == 200, year
    for view in ("reporting:calendar_pdf", "reporting:calendar_export"):
        client.force_login(people.perf)
        response = client.get(reverse(view) + f"?year={SUPERSCRIPT_TWO}")
        assert response.status_code < 500


@pytest.mark.parametrize(
    "key",
    [
        f"{SUPERSCRIPT_TWO}:2026-11",
        f"{ARABIC_12}:2026-10",
        "99999999999999999999999999:2026-10",
        "0:2026-10",
        "-1:2026-10",
        "1:\u0662\u0660\u0662\u0666-10",
    ],
)
def test_an_entry_key_that_is_not_an_id_is_not_found(client, people, org, key):
    housing_pi(people, org)
    client.force_login(people.officer)
    assert client.get(reverse("indicators:enter") + f"?item={key}").status_code == 404


def test_an_entry_key_may_name_its_month_as_pages_show_it(client, people, org):
    pi = housing_pi(people, org)
    client.force_login(people.officer)
    url = reverse("indicators:enter") + f"?item={pi.pk}:{OCTOBER.long_label}"
    assert client.get(url).status_code == 200


def test_verifying_a_figure_that_is_not_an_id_verifies_nothing(client, people, org):
    pi = housing_pi(people, org)
    figure = FigureFactory(
        indicator=pi, year=OCTOBER.year, number=OCTOBER.number, state=FigureState.SUBMITTED
    )
    client.force_login(people.manager)
    url = reverse("indicators:verify_queue")
    for value in (SUPERSCRIPT_TWO, "99999999999999999999999", f"{figure.pk}\x00"):
        response = client.post(url, {"figure": value})
        assert response.status_code == 302, value
    response = client.post(url, {"figure": str(figure.pk), f"version-{figure.pk}": ARABIC_12})
    assert response.status_code == 302
    assert Figure.objects.filter(state=FigureState.SUBMITTED).count() == 1


def test_a_forged_form_count_is_refused_without_a_server_error(client, people, org):
    housing_pi(people, org)
    client.force_login(people.officer)
    for count in (SUPERSCRIPT_TWO, ARABIC_12, "99999999999999999999999"):
        data = {"form-TOTAL_FORMS": count, "form-INITIAL_FORMS": "0", "action": "draft"}
        response = client.post(reverse("indicators:enter"), data)
        assert response.status_code in (200, 400), count
    assert not Figure.objects.exists()


def test_the_targets_page_opens_on_this_year_for_a_year_that_is_not_one(client, people):
    indicator = IndicatorFactory()
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    for year in (SUPERSCRIPT_TWO, ARABIC_12, "99999999999999999999999"):
        assert client.get(url + f"?year={year}").status_code == 200, year
    detail = reverse("indicators:detail", args=[indicator.pk])
    assert client.get(detail + f"?year={SUPERSCRIPT_TWO}").status_code == 200


def test_an_entered_value_rounding_past_its_column_is_refused_beside_it(client, people, org):
    housing_pi(people, org)
    client.force_login(people.officer)
    page = client.get(reverse("indicators:enter")).content.decode()
    assert "form-0-figure_key" in page
    key = page.split('name="form-0-figure_key"')[1].split('value="')[1].split('"')[0]
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-figure_key": key.replace("&#x27;", "'"),
        "form-0-version": "0",
        "form-0-value": "99999999999999.99999",
        "action": "draft",
    }
    response = client.post(reverse("indicators:enter"), data)
    assert response.status_code == 400
    assert "too large" in response.context["formset"].forms[0].errors["value"][0]
    assert not Figure.objects.exists()


def test_a_ratio_too_large_to_store_is_refused_on_the_entry_page(client, people, org):
    pi = housing_pi(people, org, aggregation=Aggregation.RATIO, multiplier=1000)
    pi.allow_over_100 = True
    pi.save()
    client.force_login(people.officer)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-figure_key": f"{pi.pk}:{OCTOBER.label}",
        "form-0-version": "0",
        "form-0-numerator": "99999999999999",
        "form-0-denominator": "0.0001",
        "action": "draft",
    }
    response = client.post(reverse("indicators:enter") + f"?item={pi.pk}:{OCTOBER.label}", data)
    assert response.status_code == 400
    assert "too large to store" in response.context["formset"].forms[0].errors["numerator"][0]
    assert not Figure.objects.exists()


def test_chasing_an_owner_who_is_not_an_id_is_not_found(client, people):
    client.force_login(people.perf)
    for owner in (SUPERSCRIPT_TWO, ARABIC_12, "99999999999999999999999"):
        assert client.post(reverse("indicators:chase"), {"owner": owner}).status_code == 404


def test_a_new_plan_under_a_parent_that_is_not_an_id_opens_without_one(client, people):
    client.force_login(people.perf)
    for parent in (SUPERSCRIPT_TWO, ARABIC_12, "99999999999999999999999"):
        response = client.get(reverse("plans:create") + f"?parent={parent}")
        assert response.status_code == 200, parent
        assert response.context["form"].initial.get("parent") is None


def test_target_figures_in_other_digits_are_refused(client, people):
    indicator = IndicatorFactory(frequency="annual")
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[indicator.pk])
    response = client.post(url, {"year": str(OCTOBER.year), "annual_target": ARABIC_12})
    assert response.status_code in (200, 400)
    assert not Target.objects.filter(indicator=indicator).exists()


def test_a_choice_of_many_that_is_not_an_id_is_refused_not_a_server_error(client, people, org):
    # Found by the sweep: Django asks the database for `id IN (9999…)`, which no integer
    # column holds (SQLite: OverflowError; PostgreSQL: out of range).
    from plans.models import Objective
    from tests.factories import PlanFactory

    plan = PlanFactory(unit=org.housing, owner=people.manager)
    client.force_login(people.perf)
    url = reverse("plans:objective_create", args=[plan.pk])
    for indicator in ("99999999999999999999999999", SUPERSCRIPT_TWO, "-1"):
        data = {"number": "1", "title": "Homes", "indicators": [indicator]}
        response = client.post(url, data)
        assert response.status_code == 200, indicator
        assert "indicators" in response.context["form"].errors
    assert not Objective.objects.filter(title="Homes").exists()


@pytest.mark.parametrize("text", [SUPERSCRIPT_TWO, ARABIC_12, "1\u00b2"])
def test_cycle_months_in_other_digits_are_not_months(text):
    from reporting.services import parse_months

    with pytest.raises(ValueError, match="is not a month"):
        parse_months(text)
