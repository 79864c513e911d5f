"""My indicators and the entry page: drafts, submission, refusals keeping what was typed."""

import pytest
from django.urls import reverse

from devtools.loadtest.pages import parse_fields
from indicators.choices import Aggregation, FigureState, Unit
from indicators.models import Figure
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, SEPTEMBER, history, housing_pi

pytestmark = pytest.mark.django_db

MY = reverse("indicators:my")
ENTER = reverse("indicators:enter")
PREVIEW = reverse("indicators:entry_preview")


def key(pi, period=OCTOBER):
    return f"{pi.pk}:{period.label}"


def page_keys(client, url=ENTER) -> list[str]:
    """Return the item keys of the entry page's forms, in order, as a browser would post them."""
    response = client.get(url)
    if response.status_code != 200:
        return []  # the refusal is what the caller tests
    fields = parse_fields(response.content.decode())
    return [fields[f"form-{n}-figure_key"][1] for n in range(int(fields["form-TOTAL_FORMS"][1]))]


def post_page(client, forms, action="submit", url=ENTER):
    """POST the entry page with one dict of values per form (in the page's order)."""
    keys = page_keys(client, url)
    data = {
        "form-TOTAL_FORMS": str(len(forms)),
        "form-INITIAL_FORMS": str(len(forms)),
        "action": action,
    }
    for index, values in enumerate(forms):
        data[f"form-{index}-version"] = "0"
        if index < len(keys):
            data[f"form-{index}-figure_key"] = keys[index]
        for name, value in values.items():
            data[f"form-{index}-{name}"] = value
    return client.post(url, data)


def test_my_indicators_lists_own_and_deputised_pis_most_urgent_first(client, people, org):
    owned = housing_pi(people, org, code="LPI HO 01", title="Homelessness preventions")
    deputised = housing_pi(
        people,
        org,
        owner=people.manager,
        deputy=people.officer,
        code="LPI HO 02",
        active_from=SEPTEMBER.start,
    )
    housing_pi(people, org, owner=people.other_officer, service=org.planning, code="LPI PL 01")
    FigureFactory(
        indicator=deputised,
        year=SEPTEMBER.year,
        number=SEPTEMBER.number,
        state=FigureState.RETURNED,
        return_reason="Wrong month's data",
    )
    client.force_login(people.officer)
    response = client.get(MY)
    assert response.status_code == 200
    page = response.content.decode()
    assert "LPI HO 01" in page and "LPI HO 02" in page and "LPI PL 01" not in page
    assert "Wrong month&#x27;s data" in page
    items = response.context["items"]
    assert items[0].indicator == deputised and items[0].state == FigureState.RETURNED
    assert {i.indicator for i in items} == {owned, deputised}


def test_the_navigation_shows_how_many_figures_need_action(client, people, org):
    housing_pi(people, org)
    client.force_login(people.officer)
    response = client.get(MY)
    nav = {item["name"]: item for item in response.context["nav_items"]}
    assert nav["indicators:my"]["count"] >= 1
    assert 'class="badge' in response.content.decode()


@pytest.mark.parametrize("role", ["board", "audit"])
def test_roles_without_entry_cannot_open_my_indicators_or_enter(client, people, org, role):
    pi = housing_pi(people, org)
    client.force_login(getattr(people, role))
    assert client.get(MY).status_code == 403
    assert client.get(ENTER).status_code == 403
    assert post_page(client, [{"value": "5"}], url=f"{ENTER}?item={key(pi)}").status_code == 403
    assert not Figure.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(MY).status_code == 302
    assert client.post(ENTER).status_code == 302


def test_an_officer_saves_drafts_for_some_pis_and_leaves_others_blank(client, people, org):
    first, second = housing_pi(people, org), housing_pi(people, org)
    client.force_login(people.officer)
    page = client.get(ENTER)
    assert [f.item.indicator for f in page.context["formset"].forms] == [first, second]
    response = post_page(client, [{"value": "104"}, {"value": ""}], action="draft")
    assert response.status_code == 302
    figure = Figure.objects.get()
    assert (figure.indicator, figure.value, figure.state) == (first, 104, FigureState.DRAFT)


def test_submitting_a_red_figure_without_commentary_keeps_what_was_typed(client, people, org):
    pi = housing_pi(people, org)
    client.force_login(people.officer)
    response = post_page(client, [{"value": "50", "commentary": ""}])
    assert response.status_code == 400
    form = response.context["formset"].forms[0]
    assert "commentary" in form.errors and "corrective_action" in form.errors
    page = response.content.decode()
    assert 'value="50"' in page and "Red" in page
    assert not Figure.objects.exists()
    response = post_page(
        client,
        [
            {
                "value": "50",
                "commentary": "Staff shortage",
                "corrective_action": "Agency cover from December",
            }
        ],
    )
    assert response.status_code == 302
    assert Figure.objects.get(indicator=pi).state == FigureState.SUBMITTED


def test_an_amber_figure_needs_commentary_only(client, people, org):
    housing_pi(people, org)
    client.force_login(people.officer)
    response = post_page(client, [{"value": "97"}])
    assert set(response.context["formset"].forms[0].errors) == {"commentary"}


def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_saved(client, people, org):
    housing_pi(people, org)
    housing_pi(people, org, unit=Unit.PERCENTAGE)
    client.force_login(people.officer)
    response = post_page(client, [{"value": "120"}, {"value": "12O"}])
    assert response.status_code == 400
    forms = response.context["formset"].forms
    assert "not a number" in forms[1].errors["value"][0]
    assert 'value="12O"' in response.content.decode()
    assert not Figure.objects.exists()


def test_a_ratio_is_entered_as_numerator_and_denominator(client, people, org):
    pi = housing_pi(
        people, org, aggregation=Aggregation.RATIO, multiplier=100, unit=Unit.PERCENTAGE
    )
    client.force_login(people.officer)
    bad = post_page(client, [{"numerator": "5", "denominator": "0"}])
    assert "cannot be 0" in bad.context["formset"].forms[0].errors["denominator"][0]
    good = post_page(client, [{"numerator": "45", "denominator": "40"}], action="draft")
    assert good.status_code == 400  # 112.5%
    post_page(client, [{"numerator": "38", "denominator": "40"}], action="draft")
    figure = Figure.objects.get(indicator=pi)
    assert (figure.numerator, figure.denominator, figure.value) == (38, 40, 95)


def test_an_implausible_value_must_be_confirmed_and_explained(client, people, org):
    pi = housing_pi(people, org)
    history(pi, [100, 102, 98, 101, 99, 100, 103, 97])
    client.force_login(people.officer)
    response = post_page(client, [{"value": "400"}])
    form = response.context["formset"].forms[0]
    assert {"plausibility_confirmed", "plausibility_explanation"} <= set(form.errors)
    assert "Unusual value" in response.content.decode()
    response = post_page(
        client,
        [
            {
                "value": "400",
                "plausibility_confirmed": "on",
                "plausibility_explanation": "A new hostel opened",
            }
        ],
    )
    assert response.status_code == 302
    assert Figure.objects.get(indicator=pi, number=OCTOBER.number).plausibility_explanation


def test_the_preview_shows_the_rag_the_value_would_get(client, people, org):
    pi = housing_pi(people, org)
    client.force_login(people.officer)
    data = {"key": key(pi), "prefix": "form-0", "form-0-version": "0"}
    red = client.post(PREVIEW, data | {"form-0-value": "40"}).content.decode()
    assert "Red" in red and "corrective action" in red
    green = client.post(PREVIEW, data | {"form-0-value": "120"}).content.decode()
    assert "Green" in green
    bad = client.post(PREVIEW, data | {"form-0-value": "abc"}).content.decode()
    assert "not a number" in bad
    assert not Figure.objects.exists()


def test_no_js_check_button_shows_the_rag_without_saving(client, people, org):
    housing_pi(people, org)
    client.force_login(people.officer)
    response = post_page(client, [{"value": "40"}], action="check")
    assert response.status_code == 200 and "Red" in response.content.decode()
    assert not Figure.objects.exists()


def test_an_officer_cannot_enter_or_read_another_services_pi(client, people, org):
    planning = housing_pi(people, org, owner=people.other_officer, service=org.planning)
    FigureFactory(
        indicator=planning,
        year=OCTOBER.year,
        number=OCTOBER.number,
        state=FigureState.DRAFT,
        value=7,
        commentary="secret draft",
    )
    client.force_login(people.officer)
    assert client.get(f"{ENTER}?item={key(planning)}").status_code == 404
    forged = post_page(client, [{"value": "99"}], url=f"{ENTER}?item={key(planning)}")
    assert forged.status_code == 404
    preview = client.post(PREVIEW, {"key": key(planning), "prefix": "form-0"})
    assert preview.status_code == 404
    assert Figure.objects.get(indicator=planning).value == 7


def test_guessed_item_keys_are_not_found(client, people, org):
    pi = housing_pi(people, org)
    client.force_login(people.officer)
    for guess in (
        "x",
        "99999:2025-04",
        f"{pi.pk}:nonsense",
        f"{pi.pk}:2099-01",
        f"{pi.pk}:{OCTOBER.fy_label}",
    ):
        assert client.get(f"{ENTER}?item={guess}").status_code == 404, guess


def test_a_returned_figure_is_corrected_and_resubmitted(client, people, org):
    pi = housing_pi(people, org)
    FigureFactory(
        indicator=pi,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=10,
        state=FigureState.RETURNED,
        return_reason="Typo?",
        version=3,
    )
    client.force_login(people.officer)
    page = client.get(f"{ENTER}?item={key(pi)}").content.decode()
    assert "Typo?" in page and 'value="10"' in page
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "action": "submit",
        "form-0-version": "3",
        "form-0-value": "101",
    }
    assert client.post(f"{ENTER}?item={key(pi)}", data).status_code == 302
    figure = Figure.objects.get(indicator=pi)
    assert (figure.state, figure.value, figure.version) == (FigureState.SUBMITTED, 101, 4)
