"""Publishing a pack is confirmed on a page saying what it does, what it closes and whom it
tells; a hand-made pack asks whom to tell. A POST without the confirmation publishes nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from indicators.models import PeriodClosure
from reporting.models import Pack
from reporting.services import pack_request
from tests.factories import AudienceFactory, CycleItemFactory, FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db


def _ready(capture, **kwargs) -> Pack:
    with capture(execute=True):
        pack = pack_request(**kwargs)
    pack.refresh_from_db()
    assert pack.status == "ready"
    return pack


def _url(pack: Pack) -> str:
    return reverse("reporting:pack_publish", args=[pack.pk])


@pytest.fixture
def cabinet(people):
    audience = AudienceFactory(name="Cabinet")
    audience.members.set([people.board, people.manager])
    return audience


def test_a_post_without_the_confirmation_publishes_nothing(
    client, people, django_capture_on_commit_callbacks
):
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="risk_register", period_label="2026/27 Q2"
    )
    client.force_login(people.perf)
    response = client.post(_url(pack))
    assert response.status_code == 302 and response["Location"] == _url(pack)
    pack.refresh_from_db()
    assert pack.status == "ready"


def test_a_confirmation_for_another_file_publishes_nothing(
    client, people, django_capture_on_commit_callbacks
):
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="risk_register", period_label="2026/27 Q2"
    )
    client.force_login(people.perf)
    response = client.post(_url(pack), {"confirm": "0" * 64})
    assert response.status_code == 409
    pack.refresh_from_db()
    assert pack.status == "ready"


def test_a_hand_made_pack_asks_whom_to_tell_and_emails_only_them(
    client, people, cabinet, django_capture_on_commit_callbacks
):
    AudienceFactory(name="Overview and Scrutiny").members.set([people.audit])
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="risk_register", period_label="2026/27 Q2"
    )
    client.force_login(people.perf)
    page = client.get(_url(pack)).content.decode()
    assert "Publishing cannot be undone" in page
    assert "Whom to tell" in page
    assert "Cabinet (2 members)" in page and "Overview and Scrutiny (1 member)" in page
    assert "close no period" in page
    assert pack.sha256 in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(pack), {"confirm": pack.sha256, "audiences": [cabinet.pk]}, follow=True
        )
    assert "The members of Cabinet are e-mailed a link." in response.content.decode()
    pack.refresh_from_db()
    assert pack.status == "published"
    assert list(pack.audiences.all()) == [cabinet]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people.board.email, people.manager.email]
    )


def test_a_hand_made_pack_with_no_audience_ticked_emails_no_one_and_says_so(
    client, people, cabinet, django_capture_on_commit_callbacks
):
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="risk_register", period_label="2026/27 Q2"
    )
    client.force_login(people.perf)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(pack), {"confirm": pack.sha256}, follow=True)
    assert "No one was e-mailed." in response.content.decode()
    assert mail.outbox == []


def test_without_any_audience_the_page_says_plainly_no_one_will_be_emailed(
    client, people, django_capture_on_commit_callbacks
):
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="risk_register", period_label="2026/27 Q2"
    )
    client.force_login(people.perf)
    page = client.get(_url(pack)).content.decode()
    assert "no one will be e-mailed" in page


def test_a_cycle_pack_names_the_audiences_it_tells(
    client, people, cabinet, django_capture_on_commit_callbacks
):
    item = CycleItemFactory(name="Quarterly risk report", report_type="risk_register")
    item.audiences.set([cabinet])
    pack = _ready(
        django_capture_on_commit_callbacks,
        report_type="risk_register",
        period_label="2026/27 Q2",
        cycle_item=item,
    )
    client.force_login(people.perf)
    page = client.get(_url(pack)).content.decode()
    assert "Whom to tell" not in page
    assert "every member of Cabinet (2 members)" in page
    assert "Quarterly risk report" in page
    mail.outbox.clear()  # the "ready to review" e-mails of a cycle pack
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(pack), {"confirm": pack.sha256})
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people.board.email, people.manager.email]
    )


def test_a_pack_that_closes_its_period_shows_what_closing_leaves_behind(
    client, people, org, django_capture_on_commit_callbacks
):
    missing = housing_pi(people, org, code="LPI HO 01")
    unverified = housing_pi(people, org, code="LPI HO 02")
    FigureFactory(indicator=unverified, year=OCTOBER.year, number=OCTOBER.number, state="submitted")
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="pi_monthly", period_label=OCTOBER.label
    )
    client.force_login(people.perf)
    page = client.get(_url(pack)).content.decode()
    assert f"close the figures of {OCTOBER.long_label}" in page
    assert f"What closing {OCTOBER.long_label} leaves behind" in page
    assert missing.code in page and unverified.code in page
    assert f"Publish version 1 and close {OCTOBER.long_label}" in page
    client.post(_url(pack), {"confirm": pack.sha256})
    assert PeriodClosure.objects.filter(year=OCTOBER.year, number=OCTOBER.number).exists()


def test_a_pack_that_is_not_ready_has_no_confirmation_page(client, people):
    from tests.factories import PackFactory

    pack = PackFactory(status="failed")
    client.force_login(people.perf)
    response = client.get(_url(pack), follow=True)
    assert response.redirect_chain == [(reverse("reporting:pack_detail", args=[pack.pk]), 302)]
    assert "only a ready pack can be published" in response.content.decode()


@pytest.mark.parametrize("role", ["board", "manager", "officer", "audit"])
def test_only_the_performance_team_sees_the_confirmation(
    client, people, role, django_capture_on_commit_callbacks
):
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="risk_register", period_label="2026/27 Q2"
    )
    client.force_login(getattr(people, role))
    assert client.get(_url(pack)).status_code in (403, 404)
    assert client.post(_url(pack), {"confirm": pack.sha256}).status_code in (403, 404)
    pack.refresh_from_db()
    assert pack.status == "ready"


@pytest.mark.parametrize("odd", ["²", "9" * 40, "", "x"])
def test_an_odd_audience_is_refused_on_the_page_and_nothing_is_published(
    client, people, cabinet, django_capture_on_commit_callbacks, odd
):
    pack = _ready(
        django_capture_on_commit_callbacks, report_type="risk_register", period_label="2026/27 Q2"
    )
    client.force_login(people.perf)
    response = client.post(_url(pack), {"confirm": pack.sha256, "audiences": [odd]})
    assert response.status_code == 400
    pack.refresh_from_db()
    assert pack.status == "ready"
