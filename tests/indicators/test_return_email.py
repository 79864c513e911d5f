"""Returning a figure e-mails its owner and deputy the reason and a link to the figure."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from indicators.choices import FigureState
from indicators.models import FigureReturnNotice
from tests.factories import FigureFactory, make_user
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

COUNCIL = "https://performance.example-council.gov.uk"
REASON = "Use the validated extract: 72 is the count for last year"


@pytest.fixture(autouse=True)
def _council_address(settings):
    settings.SITE_URL = COUNCIL


@pytest.fixture
def figure(people, org):
    from core.roles import Role

    deputy = make_user("deputy", Role.OFFICER, org.housing_team)
    indicator = housing_pi(people, org, code="LPI HO 01", title="Homeless cases", deputy=deputy)
    return FigureFactory(
        indicator=indicator,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=72,
        state=FigureState.SUBMITTED,
        submitted_by=people.officer,
    )


def return_it(client, people, figure):
    client.force_login(people.manager)
    return client.post(reverse("indicators:figure_return", args=[figure.pk]), {"reason": REASON})


def entry_link(body: str) -> str:
    [link] = re.findall(rf"{re.escape(COUNCIL)}/\S+", body)
    return link


def test_returning_a_figure_emails_the_owner_and_deputy_the_reason_and_a_link(
    client, people, figure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert return_it(client, people, figure).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people.officer.email, figure.indicator.deputy.email]
    )
    message = mail.outbox[0]
    assert "LPI HO 01" in message.subject and "returned" in message.subject.lower()
    assert REASON in message.body
    assert OCTOBER.long_label in message.body
    assert people.manager.get_full_name() in message.body
    # The link opens that figure's entry form, with the reason shown, for the owner.
    link = entry_link(message.body)
    client.force_login(people.officer)
    page = client.get(link.removeprefix(COUNCIL))
    assert page.status_code == 200
    html = page.content.decode()
    assert "LPI HO 01" in html and REASON in html


def test_with_the_task_queue_down_the_return_e_mail_waits_and_goes_later(
    client, people, figure, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from indicators.tasks import send_pending_return_notices_task, send_return_notices_task

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_return_notices_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = return_it(client, people, figure)
    assert response.status_code == 302  # the verifier is not shown an error
    figure.refresh_from_db()
    assert figure.state == FigureState.RETURNED
    assert FigureReturnNotice.objects.filter(sent_at__isnull=True).count() == 2
    assert not mail.outbox
    # Just asked for: it may still be on its way through the queue, so the beat job leaves it.
    assert send_pending_return_notices_task() == 0
    FigureReturnNotice.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    assert send_pending_return_notices_task() == 2
    assert REASON in mail.outbox[0].body
    assert entry_link(mail.outbox[0].body)
    # Sent once: running the job again, or the late task arriving, sends nothing more.
    assert send_pending_return_notices_task() == 0
    ids = list(FigureReturnNotice.objects.values_list("pk", flat=True))
    assert send_return_notices_task(ids) == 0
    assert len(mail.outbox) == 2


def test_people_without_an_address_get_no_e_mail(
    client, people, figure, django_capture_on_commit_callbacks
):
    figure.indicator.deputy.email = ""
    figure.indicator.deputy.save()
    with django_capture_on_commit_callbacks(execute=True):
        return_it(client, people, figure)
    assert [m.to[0] for m in mail.outbox] == [people.officer.email]


def test_the_person_who_returned_it_is_not_e_mailed(
    client, people, figure, django_capture_on_commit_callbacks
):
    figure.indicator.deputy = people.manager  # the deputy returns it
    figure.indicator.save()
    with django_capture_on_commit_callbacks(execute=True):
        return_it(client, people, figure)
    assert [m.to[0] for m in mail.outbox] == [people.officer.email]


def test_someone_who_submitted_for_the_owner_is_told_too(
    client, people, figure, django_capture_on_commit_callbacks
):
    figure.submitted_by = people.perf
    figure.save()
    with django_capture_on_commit_callbacks(execute=True):
        return_it(client, people, figure)
    assert people.perf.email in {m.to[0] for m in mail.outbox}
    assert len(mail.outbox) == 3


def test_a_refused_return_sends_nothing(client, people, figure, django_capture_on_commit_callbacks):
    client.force_login(people.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("indicators:figure_return", args=[figure.pk]), {"reason": "  "}
        )
    assert response.status_code == 400
    assert not mail.outbox
    assert not FigureReturnNotice.objects.exists()
