"""Links that leave the site (e-mails, calendar feeds, open data) carry the council's SITE_URL,
never the host a request happened to use."""

import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from core.links import absolute_url
from indicators.periods import Period
from indicators.services import ChaseItem, figure_reminders_send
from reporting.ical import user_feed_token
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

COUNCIL = "https://performance.example-council.gov.uk"


@pytest.fixture(autouse=True)
def _council_address(settings):
    settings.SITE_URL = COUNCIL
    settings.ALLOWED_HOSTS = ["testserver", "internal-proxy"]


def test_absolute_url_joins_the_site_url_and_a_path(settings):
    assert absolute_url("/indicators/my/") == f"{COUNCIL}/indicators/my/"
    settings.SITE_URL = "https://perf.example.gov.uk/"
    assert absolute_url("/x/") == "https://perf.example.gov.uk/x/"


def test_the_calendar_pages_feed_addresses_use_the_site_url(client, people):
    token = user_feed_token(people.board)
    client.force_login(people.board)
    html = client.get(reverse("reporting:calendar"), HTTP_HOST="internal-proxy").content.decode()
    mine = reverse("reporting:calendar_feed", args=[token, "mine"])
    assert f'value="{COUNCIL}{mine}"' in html
    assert "internal-proxy" not in html


def test_calendar_feed_events_link_to_the_calendar_at_the_site_url(client, people):
    call_command("import_cycle", verbosity=0)
    token = user_feed_token(people.board)
    feed = client.get(
        reverse("reporting:calendar_feed", args=[token, "all"]), HTTP_HOST="internal-proxy"
    ).content.decode()
    unfolded = feed.replace("\r\n ", "")
    calendar = absolute_url(reverse("reporting:calendar"))
    assert f"URL:{calendar}?year=" in unfolded
    assert f"Calendar: {calendar}?year=" in unfolded
    assert "internal-proxy" not in unfolded


def test_open_data_links_use_the_site_url(client, org, people):
    IndicatorFactory(code="NI 191", is_public=True, owner=people.officer, service=org.housing)
    data = json.loads(
        client.get(
            reverse("dashboards:public_indicator_json", args=["ni-191"]),
            HTTP_HOST="internal-proxy",
        ).content
    )
    assert data["page"] == absolute_url(reverse("dashboards:public_indicator", args=["ni-191"]))
    assert data["csv"].startswith(COUNCIL)
    assert data["json"].startswith(COUNCIL)


def test_a_chasing_reminder_links_to_entry_at_the_site_url(
    people, org, django_capture_on_commit_callbacks
):
    indicator = IndicatorFactory(code="LPI HO 01", owner=people.officer, service=org.housing)
    with django_capture_on_commit_callbacks(execute=True):
        figure_reminders_send(
            items=[ChaseItem(indicator, Period("monthly", 2026, 7))], sent_by=people.perf
        )
    [message] = mail.outbox
    assert absolute_url(reverse("indicators:my")) in message.body


def test_the_cycles_e_mails_link_to_the_site_url(people, org):
    from datetime import date

    from reporting.notifications import notify_pack_ready, send_figure_reminders
    from tests.factories import CycleItemFactory, PackFactory

    IndicatorFactory(code="LPI HO 09", owner=people.officer, service=org.housing)
    pack = PackFactory(cycle_item=CycleItemFactory(responsible_user=people.manager))
    assert notify_pack_ready(pack) == 2
    assert send_figure_reminders(date(2026, 11, 11)) == 1
    links = [link for m in mail.outbox for link in re.findall(r"https?://\S+", m.body)]
    assert len(links) == 3
    assert all(link.startswith(f"{COUNCIL}/") for link in links), links
    assert absolute_url(reverse("reporting:pack_detail", args=[pack.pk])) in links
