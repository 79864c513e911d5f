"""Who sees which packs, and who may generate, publish and retry."""

import pytest
from django.urls import reverse

from reporting.models import Pack
from tests.factories import PackFactory

pytestmark = pytest.mark.django_db

SEE_DRAFTS = {"admin", "perf", "audit"}


@pytest.fixture
def packs(org):
    return {
        "published": PackFactory(status="published", title="Published pack", version=1),
        "draft": PackFactory(status="ready", title="Draft pack", version=2),
        "housing_draft": PackFactory(
            status="ready",
            title="Housing draft",
            version=1,
            scope_unit=org.housing,
            report_type="directorate_monthly",
            period_label="2026-10",
        ),
    }


@pytest.mark.parametrize(
    "who", ["admin", "perf", "manager", "officer", "other_officer", "board", "audit"]
)
def test_pack_list_shows_published_packs_to_all_and_drafts_to_those_who_see_drafts(
    client, people, packs, who, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(getattr(people, who))
    client.get(reverse("reporting:pack_list"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse("reporting:pack_list"))
    assert response.status_code == 200
    PackFactory.create_batch(20, status="published", period_label="2025", requested_by=people.perf)
    with django_assert_max_num_queries(len(few)):  # no query per pack
        client.get(reverse("reporting:pack_list"))
    content = response.content.decode()
    assert "Published pack" in content
    assert ("Draft pack" in content) == (who in SEE_DRAFTS)
    # A manager sees their own service's drafts only.
    assert ("Housing draft" in content) == (who in SEE_DRAFTS | {"manager"})
    assert ("Generate a pack" in content) == (who in {"admin", "perf"})


def test_anonymous_people_are_sent_to_sign_in(client, packs):
    for url in (
        reverse("reporting:pack_list"),
        reverse("reporting:pack_detail", args=[packs["published"].pk]),
        reverse("reporting:calendar"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_guessing_a_draft_pack_url_reveals_nothing(client, people, packs):
    client.force_login(people.board)
    for name in ("pack_detail", "pack_status", "pack_file", "pack_export"):
        assert client.get(reverse(f"reporting:{name}", args=[packs["draft"].pk])).status_code == 404
    assert (
        client.get(reverse("reporting:pack_detail", args=[packs["published"].pk])).status_code
        == 200
    )


@pytest.mark.parametrize("who", ["manager", "officer", "board", "audit"])
def test_only_the_performance_team_and_admins_generate_publish_or_retry(client, people, packs, who):
    client.force_login(getattr(people, who))
    draft = packs["draft"]
    assert client.post(reverse("reporting:pack_publish", args=[draft.pk])).status_code == 403
    assert client.post(reverse("reporting:pack_retry", args=[draft.pk])).status_code == 403
    assert client.post(reverse("reporting:pack_regenerate", args=[draft.pk])).status_code == 403
    response = client.post(
        reverse("reporting:pack_create"), {"report_type": "calendar", "period": "2026"}
    )
    assert response.status_code == 403
    assert Pack.objects.count() == 3
    assert Pack.objects.get(pk=draft.pk).status == "ready"


def test_state_changes_refuse_get(client, people, packs):
    client.force_login(people.perf)
    # Publishing's GET is its confirmation page: it changes nothing.
    assert (
        client.get(reverse("reporting:pack_publish", args=[packs["draft"].pk])).status_code == 200
    )
    assert Pack.objects.get(pk=packs["draft"].pk).status == "ready"
    assert client.get(reverse("reporting:pack_create")).status_code == 405


def test_a_bad_period_is_explained_and_the_typed_values_kept(client, people):
    client.force_login(people.perf)
    response = client.post(
        reverse("reporting:pack_create"), {"report_type": "quarterly_pack", "period": "2026-10"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "covers a quarterly period (e.g. 2026/27 Q2), not &#x27;2026-10&#x27;" in content
    assert 'value="2026-10"' in content
    assert not Pack.objects.exists()


def test_generating_from_the_page_makes_a_pack_and_shows_its_report(
    client, people, demo_cycle, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:pack_create"), {"report_type": "calendar", "period": "2026"}
        )
    pack = Pack.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:pack_detail", args=[pack.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Ready (draft)" in page
    assert "Quarterly Fin/ perf report" in page
    assert "Download PDF" in page
    pdf = client.get(reverse("reporting:pack_file", args=[pack.pk]))
    assert pdf["Content-Type"] == "application/pdf"

    pack.refresh_from_db()
    response = client.post(
        reverse("reporting:pack_publish", args=[pack.pk]), {"confirm": pack.sha256}
    )
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.status == "published"
    client.force_login(people.board)
    assert (
        "Quarterly Fin/ perf report"
        in client.get(reverse("reporting:pack_detail", args=[pack.pk])).content.decode()
    )


def test_the_status_panel_polls_while_running_and_refreshes_when_done(client, people, packs):
    running = PackFactory(
        status="generating", progress=40, progress_note="Assessing indicators", version=3
    )
    client.force_login(people.perf)
    url = reverse("reporting:pack_status", args=[running.pk])
    content = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in content
    assert "Assessing indicators" in content
    assert 'max="100" value="40"' in content  # the progress bar
    Pack.objects.filter(pk=running.pk).update(status="ready", progress=100)
    response = client.get(url + "?was=running", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "every 2s" not in response.content.decode()


def test_failed_packs_show_the_reason_and_a_retry_button(client, people):
    failed = PackFactory(status="failed", error="OSError: disk full")
    client.force_login(people.perf)
    content = client.get(reverse("reporting:pack_detail", args=[failed.pk])).content.decode()
    assert "Generation failed: OSError: disk full" in content
    assert "Try again" in content
