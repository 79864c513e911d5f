import csv as csvlib
import io

import pytest
from django.urls import reverse

from reporting.ical import user_feed_token
from tests.factories import AudienceFactory, PackFactory
from tests.reporting.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_calendar_shows_the_seed_grid_with_ticks(
    client, people, demo_cycle, django_assert_max_num_queries
):
    client.force_login(people.board)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reporting:calendar") + "?year=2026")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Reporting calendar 2026</h1>" in content
    assert "Quarterly Performance reports:" in content
    assert "Staff survey results" in content
    # The quarterly report has four ticks.
    grid = response.context["section"]["grid"]
    row = next(r for r in grid["rows"] if r.get("name") == "Quarterly Fin/ perf report")
    assert [i + 1 for i, tick in enumerate(row["ticks"]) if tick] == [2, 5, 8, 11]
    assert "Configure the cycle" not in content


def test_a_published_pack_is_linked_from_its_cell(client, people, demo_cycle):
    from datetime import date

    pack = PackFactory(
        status="published",
        report_type="quarterly_pack",
        period_label="2026/27 Q2",
        cycle_item=demo_cycle["Quarterly Fin/ perf report"],
        occurrence=date(2026, 11, 1),
    )
    client.force_login(people.board)
    content = client.get(reverse("reporting:calendar") + "?year=2026").content.decode()
    assert reverse("reporting:pack_detail", args=[pack.pk]) in content


@pytest.mark.pdf
def test_calendar_as_pdf_and_csv(client, people, demo_cycle):
    client.force_login(people.officer)
    response = client.get(reverse("reporting:calendar_pdf") + "?year=2026")
    assert response["Content-Type"] == "application/pdf"
    text, pages = pdf_text(response.content)
    assert "Annual planning & reporting cycle 2026" in text
    assert "Page 1 of" not in text  # the cover has no running header or number
    assert f"Page {pages} of {pages}" in text
    csv = client.get(reverse("reporting:calendar_export") + "?year=2026&section=grid&format=csv")
    rows = list(csvlib.reader(io.StringIO(csv.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Group", "Report", "January", "February"]
    quarterly = next(row for row in rows if row[1] == "Quarterly Fin/ perf report")
    assert quarterly[0] == "Quarterly Performance reports"
    assert [rows[0][i] for i, cell in enumerate(quarterly) if cell == "yes"] == [
        "February",
        "May",
        "August",
        "November",
    ]
    assert quarterly[-2:] == ["Cabinet, PMB", "Performance Team and Finance"]


def test_ical_feeds_for_the_person_and_the_whole_cycle(client, people, demo_cycle):
    cabinet = AudienceFactory(name="Cabinet")
    cabinet.members.add(people.board)
    token = user_feed_token(people.board)
    mine = client.get(reverse("reporting:calendar_feed", args=[token, "mine"]))
    assert mine.status_code == 200
    assert mine["Content-Type"].startswith("text/calendar")
    text = mine.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Quarterly Fin/ perf report due" in text
    assert "SUMMARY:PI report due" not in text  # CMT's item, not Cabinet's
    everything = client.get(
        reverse("reporting:calendar_feed", args=[token, "all"])
    ).content.decode()
    assert "SUMMARY:PI report due" in everything
    assert "DTSTART;VALUE=DATE:20261118" in everything


def test_a_forged_or_unknown_feed_is_not_found(client, people, demo_cycle):
    token = user_feed_token(people.board)
    assert (
        client.get(reverse("reporting:calendar_feed", args=[token + "x", "all"])).status_code == 404
    )
    assert client.get(reverse("reporting:calendar_feed", args=[token, "other"])).status_code == 404
