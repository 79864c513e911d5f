"""Calendar feed addresses: random tokens naming nobody, revoked and reissued by their owner or
an administrator, dead once reissued, revoked or their person deactivated."""

import base64
import re

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from reporting.admin import CalendarFeedAdmin
from reporting.ical import user_feed_token
from reporting.models import CalendarFeed

pytestmark = pytest.mark.django_db

CALENDAR = reverse("reporting:calendar")
REISSUE = reverse("reporting:calendar_feed_reissue")
REVOKE = reverse("reporting:calendar_feed_revoke")


def _feed(client, token: str, which: str = "mine") -> int:
    return client.get(reverse("reporting:calendar_feed", args=[token, which])).status_code


def _shown_token(client) -> str | None:
    """Return the token in the feed address the calendar page shows, or None."""
    found = re.search(r"/reports/calendar/feed/([^/]+)/mine\.ics", client.get(CALENDAR).text)
    return found.group(1) if found else None


def test_a_feed_token_is_random_and_carries_no_readable_user_id(people):
    token = user_feed_token(people.board)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    for part in token.split(":"):
        decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        assert f'"u":{people.board.pk}'.encode() not in decoded
    assert user_feed_token(people.manager) != token
    assert user_feed_token(people.board) == token  # stable until reissued


def test_the_owner_reissues_and_the_old_address_stops_working(client, people):
    old = user_feed_token(people.board)
    client.force_login(people.board)
    page = client.get(REISSUE).text
    assert "The current ones stop working" in page  # asked first
    assert CalendarFeed.objects.get(user=people.board).token == old  # a GET changes nothing
    response = client.post(REISSUE, follow=True)
    assert response.redirect_chain[-1][0] == CALENDAR + "#subscribe"
    assert "the old ones no longer work" in response.text
    new = _shown_token(client)
    assert new and new != old
    assert (_feed(client, old), _feed(client, old, "all")) == (404, 404)
    assert (_feed(client, new), _feed(client, new, "all")) == (200, 200)


def test_the_owner_revokes_after_confirming_and_no_address_is_shown_or_works(client, people):
    token = user_feed_token(people.board)
    client.force_login(people.board)
    assert "will stop working at once" in client.get(REVOKE).text
    assert _feed(client, token) == 200
    response = client.post(REVOKE, follow=True)
    assert "no longer work" in response.text
    assert not CalendarFeed.objects.filter(user=people.board).exists()
    assert _feed(client, token) == 404
    assert _shown_token(client) is None  # visiting the page does not issue one again
    assert "Create my calendar addresses" in client.get(CALENDAR).text


def test_a_person_without_addresses_creates_them_from_the_calendar_page(client, people):
    client.force_login(people.officer)
    assert _shown_token(client) is None
    client.post(REISSUE)
    token = _shown_token(client)
    assert token == CalendarFeed.objects.get(user=people.officer).token
    assert _feed(client, token) == 200


def test_one_persons_reissue_leaves_everyone_elses_address_alone(client, people):
    theirs = user_feed_token(people.manager)
    user_feed_token(people.board)
    client.force_login(people.board)
    client.post(REISSUE)
    client.post(REVOKE)
    assert _feed(client, theirs) == 200


def test_a_deactivated_persons_feed_stops_working(client, people):
    token = user_feed_token(people.board)
    people.board.is_active = False
    people.board.save()
    assert (_feed(client, token), _feed(client, token, "all")) == (404, 404)


def test_an_administrator_revokes_or_reissues_a_persons_addresses(client, people):
    token = user_feed_token(people.board)
    people.admin.is_staff = people.admin.is_superuser = True  # as seed_demo makes them
    people.admin.save()
    client.force_login(people.admin)
    changelist = reverse("admin:reporting_calendarfeed_changelist")
    assert token not in client.get(changelist).text  # the token is never shown to them
    feed = CalendarFeed.objects.get(user=people.board)
    client.post(changelist, {"action": "reissue", "_selected_action": [feed.pk]})
    assert _feed(client, token) == 404
    reissued = CalendarFeed.objects.get(user=people.board).token
    assert _feed(client, reissued) == 200
    delete = reverse("admin:reporting_calendarfeed_delete", args=[feed.pk])
    client.post(delete, {"post": "yes"})
    assert _feed(client, reissued) == 404


def test_administrators_cannot_make_a_token_by_hand(people):
    request = RequestFactory().get("/")
    request.user = people.admin
    assert CalendarFeedAdmin(CalendarFeed, site).has_add_permission(request) is False
