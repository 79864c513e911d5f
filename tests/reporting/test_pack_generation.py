import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from reporting.models import Pack
from reporting.services import pack_generate, pack_publish, pack_request, pack_retry
from tests.reporting.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _request(people, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return pack_request(
            report_type=kwargs.get("report_type", "calendar"),
            period_label=kwargs.get("period_label", "2026"),
            requested_by=people.perf,
        )


@pytest.mark.pdf
def test_a_requested_pack_is_generated_stored_and_ready(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    pack = _request(people, django_capture_on_commit_callbacks)
    pack.refresh_from_db()
    assert pack.status == "ready"
    assert pack.progress == 100
    assert pack.version == 1
    assert pack.requested_by == people.perf
    assert pack.data["meta"]["title"] == "Annual planning & reporting cycle 2026"
    assert pack.data["meta"]["version"] == 1
    text, pages = pdf_text(pack.file.read())
    assert pages == pack.page_count
    assert 5 <= pages <= 15
    assert "Annual planning & reporting cycle 2026" in text
    assert "Contents" in text
    assert "Quarterly Fin/ perf report" in text
    assert f"Page 2 of {pages}" in text


def test_a_failure_is_recorded_readably_with_no_file_and_can_be_retried(
    demo_cycle, people, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(data):
        raise OSError("the fonts directory is not readable")

    monkeypatch.setattr("reporting.pdf.render_pdf", broken)
    pack = _request(people, django_capture_on_commit_callbacks)
    pack.refresh_from_db()
    assert pack.status == "failed"
    assert pack.error == "OSError: the fonts directory is not readable"
    assert not pack.file
    assert not default_storage.exists("packs") or not default_storage.listdir("packs")[1]
    with pytest.raises(ValidationError):
        pack_publish(pack=pack, published_by=people.perf)

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        pack_retry(pack=pack)
    pack.refresh_from_db()
    assert pack.status == "ready"
    assert pack.attempts == 2
    assert pack.error == ""


def test_only_failed_packs_can_be_retried(demo_cycle, people, django_capture_on_commit_callbacks):
    pack = _request(people, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        pack_retry(pack=pack)


def test_a_redelivered_task_does_not_build_a_ready_pack_again(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    pack = _request(people, django_capture_on_commit_callbacks)
    pack.refresh_from_db()
    generated_at = pack.generated_at
    again = pack_generate(pack.pk)
    assert again.generated_at == generated_at
    assert again.attempts == 1


def test_published_packs_never_change_and_regenerating_makes_a_new_version(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    pack = _request(people, django_capture_on_commit_callbacks)
    pack_publish(pack=pack, published_by=people.perf)
    pack.refresh_from_db()
    assert pack.status == "published"
    assert pack.published_by == people.perf
    pack.title = "Tampered"
    with pytest.raises(ValidationError, match="cannot be changed"):
        pack.save()
    with pytest.raises(ValidationError):
        pack_publish(pack=pack, published_by=people.perf)
    second = _request(people, django_capture_on_commit_callbacks)
    assert second.version == 2
    assert Pack.objects.get(pk=pack.pk).title == "Annual planning & reporting cycle 2026"


def test_a_period_of_the_wrong_kind_is_refused(db, people):
    with pytest.raises(ValidationError, match="quarterly period"):
        pack_request(report_type="quarterly_pack", period_label="2026-10", requested_by=people.perf)
    with pytest.raises(ValidationError, match="not a period"):
        pack_request(
            report_type="pi_monthly", period_label="last tuesday", requested_by=people.perf
        )


def test_publishing_a_council_wide_pi_pack_closes_its_period_but_a_scoped_one_does_not(
    people, org, django_capture_on_commit_callbacks
):
    from indicators.models import PeriodClosure

    with django_capture_on_commit_callbacks(execute=True):
        scoped = pack_request(
            report_type="directorate_monthly",
            period_label="2026-09",
            scope_unit=org.place,
            requested_by=people.perf,
        )
        council = pack_request(
            report_type="pi_monthly", period_label="2026-10", requested_by=people.perf
        )
    pack_publish(pack=scoped, published_by=people.perf)
    assert not PeriodClosure.objects.exists()
    pack_publish(pack=council, published_by=people.perf)
    closure = PeriodClosure.objects.get()
    assert (closure.frequency, closure.year, closure.number) == ("monthly", 2026, 7)
    assert closure.closed_by == people.perf
    assert "Monthly traffic-lighted PI report (version 1)" in closure.reason
