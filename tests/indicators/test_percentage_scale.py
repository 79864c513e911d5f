"""A percentage ratio PI is numerator / denominator x 100 unless told otherwise, and a scale
that could never reach its target is refused: by the form, the targets page and imports."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.tabular import ImportRefused
from indicators.importers import INDICATOR_COLUMNS, import_indicators, import_targets
from indicators.models import Indicator, Target
from indicators.scales import default_multiplier, scale_problem
from tests.factories import IndicatorFactory, TargetFactory
from tests.indicators.test_register_editing import valid_data

pytestmark = pytest.mark.django_db

PERCENT_RATIO = {"unit": "percentage", "aggregation": "ratio", "decimal_places": 1}


def test_the_multiplier_defaults_to_100_for_a_percentage_ratio_and_1_otherwise():
    assert default_multiplier(unit="percentage", aggregation="ratio") == 100
    assert default_multiplier(unit="number", aggregation="ratio") == 1
    assert default_multiplier(unit="percentage", aggregation="latest") == 1


def test_a_percentage_ratio_below_100_could_never_reach_the_percentage_scale():
    problem = scale_problem(
        unit="percentage", aggregation="ratio", multiplier=Decimal(1), allow_over_100=False
    )
    assert "at most 1%" in problem
    assert (
        scale_problem(
            unit="percentage", aggregation="ratio", multiplier=Decimal(100), allow_over_100=False
        )
        is None
    )


def test_a_target_above_what_the_ratio_can_reach_is_a_problem():
    problem = scale_problem(
        unit="percentage",
        aggregation="ratio",
        multiplier=Decimal(100),
        allow_over_100=False,
        targets=[Decimal(95), Decimal(120)],
    )
    assert "never reach its target of 120%" in problem
    allowed = scale_problem(
        unit="percentage",
        aggregation="ratio",
        multiplier=Decimal(100),
        allow_over_100=True,
        targets=[Decimal(120)],
    )
    assert allowed is None


def test_a_new_percentage_ratio_pi_gets_multiplier_100_when_left_blank(client, people, org):
    client.force_login(people.perf)
    data = valid_data(people, org, multiplier="", **PERCENT_RATIO)
    response = client.post(reverse("indicators:create"), data)
    assert response.status_code == 302
    assert Indicator.objects.get(code="LPI HO 20").multiplier == 100


def test_the_new_pi_form_offers_a_blank_multiplier_explained(client, people):
    client.force_login(people.perf)
    html = client.get(reverse("indicators:create")).content.decode()
    assert "Blank: 100 for a percentage ratio, otherwise 1" in html
    assert 'name="multiplier" value="1"' not in html


def test_the_form_refuses_a_percentage_ratio_with_multiplier_1_beside_the_field(
    client, people, org
):
    client.force_login(people.perf)
    data = valid_data(people, org, multiplier="1", **PERCENT_RATIO)
    response = client.post(reverse("indicators:create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "at most 1%" in " ".join(form.errors["multiplier"])
    assert 'value="Households helped into private rented homes"' in response.content.decode()
    assert not Indicator.objects.filter(code="LPI HO 20").exists()


def test_editing_refuses_a_multiplier_that_could_not_reach_a_stored_target(client, people, org):
    pi = IndicatorFactory(code="LPI HO 05", multiplier=1000, allow_over_100=True, **PERCENT_RATIO)
    TargetFactory(indicator=pi, year=2026, annual_target=Decimal(150))
    client.force_login(people.perf)
    data = valid_data(people, org, code="LPI HO 05", multiplier="100", **PERCENT_RATIO)
    response = client.post(reverse("indicators:edit", args=[pi.pk]), data)
    assert response.status_code == 200
    assert "never reach its target of 150%" in " ".join(
        response.context["form"].errors["multiplier"]
    )


def test_the_targets_page_refuses_a_target_the_percentage_could_never_reach(client, people, org):
    pi = IndicatorFactory(code="LPI HO 05", multiplier=100, **PERCENT_RATIO)
    client.force_login(people.perf)
    url = reverse("indicators:targets", args=[pi.pk])
    response = client.post(url, {"year": 2026, "annual_target": "120"})
    assert response.status_code == 200
    assert "never reach its target of 120%" in response.content.decode()
    assert not Target.objects.exists()


def test_the_register_import_uses_the_same_rule(people, org):
    header = ",".join([*INDICATOR_COLUMNS, "multiplier"])
    row = "LPI HO 05,Rent collected,,%,1,higher,monthly,ratio,output,housing,officer,,,no,no,1"
    with pytest.raises(ImportRefused) as refused:
        import_indicators("register.csv", f"{header}\n{row}\n".encode())
    assert "at most 1%" in " ".join(refused.value.errors.as_lines())
    assert not Indicator.objects.exists()


def test_the_targets_import_uses_the_same_rule(people, org):
    IndicatorFactory(code="LPI HO 05", multiplier=100, **PERCENT_RATIO)
    content = b"code,year,annual_target\nLPI HO 05,2026/27,120\n"
    with pytest.raises(ImportRefused) as refused:
        import_targets("targets.csv", content)
    assert "never reach its target of 120%" in " ".join(refused.value.errors.as_lines())
