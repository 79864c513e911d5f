"""Figures, people and labels are written by one module (indicators.formatting, and the
built-in template filters over it): pages, charts, exports, PDFs and e-mails agree."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.template.loader import render_to_string

from actions.choices import ACTION_RAG_COLOUR, ActionRag
from actions.models import Action
from indicators.charts import line_chart_svg
from indicators.choices import Direction, Rag, Unit
from indicators.formatting import format_figure, person_name, unit_suffix
from reporting.delivery import action_rows
from reporting.pi_reports import unit_symbol
from tests.factories import IndicatorFactory
from tests.factories.actions import ActionFactory

pytestmark = pytest.mark.django_db


def render(text: str, **context) -> str:
    return Template(text).render(Context(context))


def test_a_person_is_named_the_same_everywhere(people):
    named = User.objects.create(username="jsmith", first_name="Jo", last_name="Smith")
    unnamed = User.objects.create(username="kbrown")
    for user, name in ((named, "Jo Smith"), (unnamed, "kbrown")):
        assert person_name(user) == name
        assert render("{{ u|person }}", u=user) == name
    assert render("{{ u|person }}", u=None) == person_name(None) == ""


@pytest.mark.parametrize(
    ("unit", "places", "value", "shown"),
    [
        (Unit.PERCENTAGE, 1, Decimal("85.25"), "85.2%"),
        (Unit.CURRENCY, 0, Decimal("1250"), "£1,250"),
        (Unit.DAYS, 1, Decimal("12"), "12.0 days"),
        (Unit.NUMBER, 0, Decimal("1204.5"), "1,204"),
        (Unit.SCORE, 2, Decimal("3.14159"), "3.14"),
    ],
)
def test_a_figure_reads_the_same_on_pages_charts_and_pdfs(unit, places, value, shown):
    indicator = IndicatorFactory(unit=unit, decimal_places=places)
    assert format_figure(value, indicator) == shown
    assert render("{{ v|figure:pi }}", v=value, pi=indicator) == shown
    assert unit_symbol(indicator) == unit_suffix(unit) == render("{{ u|suffix }}", u=unit)
    svg = line_chart_svg(
        title="t", labels=["2026-04"], actual=[value], unit=unit_suffix(unit), decimal_places=places
    )
    assert f"Latest (2026-04): {shown}" in svg


def test_rag_and_direction_badges_say_their_choices_labels():
    for rag in Rag:
        html = render_to_string("partials/rag_badge.html", {"rag": rag.value})
        assert rag.label in html
    for direction in Direction:
        html = render_to_string("partials/direction.html", {"direction": direction.value})
        assert direction.label in html


def test_an_action_rag_has_one_colour_on_pages_and_in_pdfs():
    today = date(2026, 11, 23)
    for rag in ActionRag:
        ActionFactory(rag_override=rag, rag_override_reason="Set by the lead")
    actions = (
        Action.objects.with_suggested_rag(today)
        .select_related("theme__plan")
        .prefetch_related("leads", "updates")
    )
    pack = {row["rag_label"]: row["rag"] for row in action_rows(actions, today)}
    for rag in ActionRag:
        page = render_to_string("partials/action_rag.html", {"rag": rag.value})
        assert f'class="rag rag-{ACTION_RAG_COLOUR[rag]}"' in page and rag.label in page
        assert pack[rag.label] == ACTION_RAG_COLOUR[rag]
    assert ACTION_RAG_COLOUR[ActionRag.COMPLETE] == "none"  # neutral, as on the action's page
