"""Redis down: pages still serve, asking for a pack says clearly that it is queued and will go
once the service is back, nothing is lost, and it goes through when Redis returns.

The app runs in gunicorn and a real worker (with its beat, which runs the pack recovery every
second here instead of every minute) on a Redis of the test's own, which the test stops and
starts again on the same port. The machine's shared Redis is never touched.
"""

import time

import pytest
from django.urls import reverse

from reporting.models import Pack
from reporting.services import WAITING_FOR_QUEUE
from tests.faults.conftest import Browser, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUICKLY = 5  # seconds: what a page may take while Redis is down (connections are refused)


def _timed(call, *args, **kwargs):
    started = time.monotonic()
    result = call(*args, **kwargs)
    return result, time.monotonic() - started


def _ask_for(browser: Browser, period: str) -> tuple[Pack, str, float]:
    """Ask for the calendar of `period`; return the pack, the page shown next and the time taken."""
    (status, body, headers), took = _timed(
        browser.post,
        reverse("reporting:pack_create"),
        {"report_type": "calendar", "period": period},
    )
    assert status == 302, body[:2000]
    pack = Pack.objects.get(period_label=period)
    assert headers["Location"] == reverse("reporting:pack_detail", args=[pack.pk])
    status, page, _headers = browser.get(headers["Location"])
    assert status == 200
    return pack, page, took


def _generated(pack: Pack, timeout: float = 120) -> Pack:
    def finished():
        pack.refresh_from_db()
        return pack.status == "ready"

    wait_for(f"pack {pack.pk} generated (now {pack.status})", finished, timeout=timeout)
    return pack


def test_with_redis_down_pages_serve_a_pack_request_waits_and_goes_through_when_it_is_back(
    app_on_own_redis, own_redis, workers, people, tmp_path
):
    worker = workers.start(
        "--pool=solo", "--beat", "--schedule", str(tmp_path / "beat-schedule"),
        PACK_RECOVERY_SECONDS="1",
    )  # fmt: skip
    browser = Browser(app_on_own_redis, people.perf)
    browser.get(reverse("reporting:pack_list"))  # signed in, with a CSRF cookie
    own_redis.stop()

    # Pages answer, quickly.
    for name in ("core:home", "dashboards:pmb", "indicators:list", "reporting:pack_list"):
        (status, _body, _headers), took = _timed(browser.get, reverse(name))
        assert status == 200, name
        assert took < QUICKLY, f"{name} took {took:.1f} s"
    # The health check says which service is down.
    (status, body, _headers), took = _timed(browser.get, "/healthz")
    assert (status, took < QUICKLY) == (503, True)
    assert '"database": "ok"' in body
    assert '"broker": "error' in body

    # Asking for a pack: saved, queued, and the person is told it will go once the service is back.
    pack, page, took = _ask_for(browser, "2026")
    assert took < QUICKLY
    assert (pack.status, pack.sent_at) == ("queued", None)
    assert "is saved and queued, but the service that generates packs is not answering" in page
    assert "generated automatically once the service is back" in page
    assert WAITING_FOR_QUEUE in page  # the status panel, polled while it waits, says so too
    time.sleep(3)  # the worker and its beat keep trying: nothing is lost or failed meanwhile
    pack.refresh_from_db()
    assert (pack.status, pack.attempts) == ("queued", 0)

    own_redis.start()  # the same port, empty: whatever Redis held before is gone
    pack = _generated(pack)  # the recovery job sent it again
    assert pack.attempts == 1
    assert pack.sent_at is not None
    assert pack.file
    assert "recover_packs_task" in worker.output()

    # The app itself was not restarted: a new request goes straight to the queue.
    (status, body, _headers) = browser.get("/healthz")
    assert status == 200, body
    second, page, _took = _ask_for(browser, "2027")
    assert second.sent_at is not None
    assert "not answering" not in page
    assert _generated(second).attempts == 1
