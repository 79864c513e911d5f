"""A published pack never changes: its bytes survive re-requests in any spelling of the period,
regenerations, and a file changed behind its back is refused, not served."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from reporting.models import Pack
from reporting.services import pack_generate, pack_request

pytestmark = pytest.mark.django_db

SPELLINGS = ["2026/27Q2", "Q2 2026/27", "2026/2027 Q2", " 2026/27 q2 "]


def _download(client, pack: Pack) -> bytes:
    response = client.get(reverse("reporting:pack_file", args=[pack.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _request_pack(client, capture, period: str, scope: str = "") -> Pack:
    with capture(execute=True):
        response = client.post(
            reverse("reporting:pack_create"),
            {"report_type": "risk_register", "period": period, "scope": scope},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Pack.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def _publish(client, pack: Pack) -> None:
    pack.refresh_from_db()
    response = client.post(
        reverse("reporting:pack_publish", args=[pack.pk]), {"confirm": pack.sha256}
    )
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.status == "published"


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_published_packs_bytes_survive_a_request_for_the_same_period_spelt_another_way(
    client, people, django_capture_on_commit_callbacks, spelling
):
    client.force_login(people.perf)
    first = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2")
    _publish(client, first)
    published = _download(client, first)

    again = _request_pack(client, django_capture_on_commit_callbacks, spelling)
    again.refresh_from_db()
    assert again.period_label == "2026/27 Q2"
    assert again.version == 2
    assert again.file.name != first.file.name
    assert _download(client, first) == published
    assert Pack.objects.filter(report_type="risk_register").count() == 2


def test_regenerating_a_scoped_pack_twice_gives_two_versions_and_files(
    client, people, org, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    first = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2", org.housing.pk)
    second = _request_pack(client, django_capture_on_commit_callbacks, "Q2 2026/27", org.housing.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.file.name != second.file.name
    for pack in (first, second):
        assert pack.sha256 == hashlib.sha256(pack.file.read()).hexdigest()


def test_a_generated_pack_records_the_sha256_of_its_pdf_and_the_page_shows_it(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    pack = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2")
    _publish(client, pack)
    content = _download(client, pack)
    assert pack.sha256 == hashlib.sha256(content).hexdigest()
    page = client.get(reverse("reporting:pack_detail", args=[pack.pk])).content.decode()
    assert pack.sha256 in page
    assert "SHA-256" in page


def test_a_tampered_pack_file_is_refused_and_logged(
    client, people, django_capture_on_commit_callbacks, caplog
):
    client.force_login(people.perf)
    pack = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2")
    _publish(client, pack)
    with open(default_storage.path(pack.file.name), "r+b") as stream:
        stream.seek(200)
        stream.write(b"Tampered")
    with caplog.at_level("ERROR", logger="reporting"):
        response = client.get(reverse("reporting:pack_file", args=[pack.pk]))
    assert response.status_code == 409
    assert b"%PDF" not in response.content
    assert "no longer matches" in response.content.decode()
    assert pack.sha256 in response.content.decode()
    assert any("no longer matches" in r.getMessage() for r in caplog.records)


def test_a_missing_pack_file_is_refused_not_a_server_error(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    pack = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2")
    default_storage.delete(pack.file.name)
    response = client.get(reverse("reporting:pack_file", args=[pack.pk]))
    assert response.status_code == 409


def test_the_period_is_normalised_before_the_version_is_counted(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        one = pack_request(report_type="risk_register", period_label="2026/27 Q2")
        two = pack_request(report_type="risk_register", period_label="q2 2026/27")
    assert (one.version, two.version) == (1, 2)
    assert two.period_label == "2026/27 Q2"


def test_a_version_already_taken_by_the_whole_council_is_refused_by_the_database(people):
    from django.db import IntegrityError, transaction

    Pack.objects.create(report_type="risk_register", period_label="2026/27 Q2", version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pack.objects.create(report_type="risk_register", period_label="2026/27 Q2", version=1)


def test_a_pack_whose_file_was_changed_before_publishing_cannot_be_published(
    people, django_capture_on_commit_callbacks
):
    from reporting.services import pack_publish

    with django_capture_on_commit_callbacks(execute=True):
        pack = pack_request(report_type="risk_register", period_label="2026/27 Q2")
    pack.refresh_from_db()
    with open(default_storage.path(pack.file.name), "ab") as stream:
        stream.write(b"more")
    with pytest.raises(ValidationError, match="no longer matches"):
        pack_publish(pack=pack, published_by=people.perf)
    pack.refresh_from_db()
    assert pack.status == "ready"


def test_generating_a_pack_again_never_replaces_its_stored_file(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pack = pack_request(report_type="risk_register", period_label="2026/27 Q2")
    pack.refresh_from_db()
    before = pack.file.read()
    assert pack_generate(pack.pk).file.read() == before


def _export(client, pack: Pack, section: str, file_format: str):
    return client.get(
        reverse("reporting:pack_export", args=[pack.pk]),
        {"section": section, "format": file_format},
    )


def test_a_published_packs_tables_are_stored_once_and_served_with_the_same_bytes(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    pack = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2")
    _publish(client, pack)
    exports = list(pack.exports.all())
    sections = {s["id"] for s in pack.data["sections"] if s.get("exportable")}
    assert sections
    assert {(e.section_id, e.file_format) for e in exports} == {
        (section, fmt) for section in sections for fmt in ("csv", "xlsx")
    }
    page = client.get(reverse("reporting:pack_detail", args=[pack.pk])).content.decode()
    for export in exports:
        first = _export(client, pack, export.section_id, export.file_format)
        assert first.status_code == 200
        content = b"".join(first.streaming_content)
        assert hashlib.sha256(content).hexdigest() == export.sha256
        again = b"".join(_export(client, pack, export.section_id, export.file_format))
        assert again == content
        assert export.sha256 in page


def test_a_tampered_export_is_refused_and_logged(
    client, people, django_capture_on_commit_callbacks, caplog
):
    client.force_login(people.perf)
    pack = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2")
    _publish(client, pack)
    export = pack.exports.filter(file_format="csv").first()
    with open(default_storage.path(export.file.name), "ab") as stream:
        stream.write(b"an extra row\r\n")
    with caplog.at_level("ERROR", logger="reporting"):
        response = _export(client, pack, export.section_id, "csv")
    assert response.status_code == 409
    assert export.sha256 in response.content.decode()
    assert any("no longer matches" in r.getMessage() for r in caplog.records)


def test_a_draft_packs_export_is_stored_on_first_download_and_kept(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    pack = _request_pack(client, django_capture_on_commit_callbacks, "2026/27 Q2")
    section = next(s["id"] for s in pack.data["sections"] if s.get("exportable"))
    first = b"".join(_export(client, pack, section, "xlsx").streaming_content)
    second = b"".join(_export(client, pack, section, "xlsx").streaming_content)
    assert first == second
    assert pack.exports.get().sha256 == hashlib.sha256(first).hexdigest()
