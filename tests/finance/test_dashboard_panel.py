"""The Finance panel beside the PIs on the Board's dashboard and a unit's dashboard."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_board_sees_variance_by_directorate_and_the_largest_overspends(
    client, people, imported
):
    client.force_login(people.board)
    page = client.get(reverse("dashboards:pmb"), {"period": "2026-10"}).content.decode()
    assert "Finance: forecast outturn against budget" in page
    assert "£200k over" in page  # Place, in thousands where space is short
    assert "Homelessness, £300k over – Bed and breakfast" in page
    assert reverse("finance:unit", args=["housing"]) in page  # the drill-down


def test_a_services_dashboard_shows_its_lines_beside_its_pis(client, people, imported, org):
    client.force_login(people.manager)
    url = reverse("dashboards:unit", args=[org.housing.code])
    page = client.get(url, {"period": "2026-10"}).content.decode()
    assert "Housing's budget lines" in page
    assert "Housing options" in page and "Development control" not in page


def test_officers_do_not_see_the_panel(client, people, imported):
    client.force_login(people.officer)
    page = client.get(reverse("dashboards:pmb"), {"period": "2026-10"}).content.decode()
    assert "Finance: forecast outturn" not in page and "£200k" not in page
