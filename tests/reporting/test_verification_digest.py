"""Submitted figures reach their verifiers as one daily digest, each figure in one digest."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from core.links import absolute_url
from indicators.choices import FigureState
from indicators.services import FigureInput, figure_return, figures_enter
from reporting.notifications import send_verification_digests
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db


def submitted(indicator, by):
    return FigureFactory(
        indicator=indicator,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=90,
        state=FigureState.SUBMITTED,
        submitted_by=by,
    )


@pytest.fixture
def waiting(people, org):
    """Two Housing figures and one Planning figure submitted by their officers."""
    return [
        submitted(
            housing_pi(people, org, code="LPI HO 01", title="Homeless cases"), people.officer
        ),
        submitted(housing_pi(people, org, code="LPI HO 02", title="Rent arrears"), people.officer),
        submitted(
            housing_pi(
                people,
                org,
                code="LPI PL 01",
                title="Planning decisions",
                owner=people.other_officer,
                service=org.planning,
            ),
            people.other_officer,
        ),
    ]


def digest_to(user):
    messages = [m for m in mail.outbox if m.to == [user.email]]
    assert len(messages) <= 1, "one digest per person"
    return messages[0] if messages else None


def listed(message) -> list[str]:
    return re.findall(r"^- (LPI \w\w \d\d) ", message.body, re.MULTILINE)


def test_each_verifier_gets_one_digest_of_the_figures_waiting_for_them(people, waiting):
    assert send_verification_digests() == 3  # manager, performance team, administrator
    manager = digest_to(people.manager)
    assert listed(manager) == ["LPI HO 01", "LPI HO 02"]  # their service only
    assert "2 figures" in manager.subject
    assert OCTOBER.long_label in manager.body and "Homeless cases" in manager.body
    assert people.officer.get_full_name() in manager.body
    assert absolute_url(reverse("indicators:verify_queue")) in manager.body
    assert listed(digest_to(people.perf)) == ["LPI HO 01", "LPI HO 02", "LPI PL 01"]
    # Those who cannot verify hear nothing.
    for person in (people.officer, people.other_officer, people.board, people.audit):
        assert digest_to(person) is None


def test_a_figure_appears_in_one_digest_once(people, org, waiting):
    send_verification_digests()
    mail.outbox.clear()
    assert send_verification_digests() == 0
    assert mail.outbox == []
    submitted(housing_pi(people, org, code="LPI HO 03", title="Voids"), people.officer)
    send_verification_digests()
    manager = digest_to(people.manager)
    assert listed(manager) == ["LPI HO 03"]
    assert "2 more sent to you before are still waiting" in manager.body


def test_nothing_is_sent_when_nothing_is_waiting(people, org):
    FigureFactory(
        indicator=housing_pi(people, org, code="LPI HO 01"),
        year=OCTOBER.year,
        number=OCTOBER.number,
        state=FigureState.DRAFT,
    )
    assert send_verification_digests() == 0
    assert mail.outbox == []


def test_a_verifiers_own_submission_is_not_in_their_digest(people, org):
    submitted(housing_pi(people, org, code="LPI HO 01"), people.manager)
    send_verification_digests()
    assert digest_to(people.manager) is None
    assert listed(digest_to(people.perf)) == ["LPI HO 01"]


def test_a_figure_resubmitted_after_a_return_is_in_the_next_digest(people, waiting):
    send_verification_digests()
    mail.outbox.clear()
    figure = figure_return(figure=waiting[0], user=people.manager, reason="Wrong month")
    mail.outbox.clear()  # the return's own e-mail to the officer
    figures_enter(
        user=people.officer,
        entries=[
            FigureInput(
                indicator=figure.indicator,
                period=OCTOBER,
                value=Decimal("91"),
                commentary="Corrected from the validated extract",
                expected_version=figure.version,
            )
        ],
        submit=True,
    )
    assert mail.outbox == []  # submitting sends no e-mail of its own
    send_verification_digests()
    assert listed(digest_to(people.manager)) == ["LPI HO 01"]


def test_the_digest_is_a_daily_beat_job():
    from reporting.tasks import verification_digest_task

    [entry] = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "reporting.tasks.verification_digest_task"
    ]
    assert entry["schedule"].hour == {7}
    assert verification_digest_task.name == entry["task"]
