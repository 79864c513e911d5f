import pytest
from django.urls import reverse

from tests.conftest import need_services

pytestmark = pytest.mark.django_db


def test_embedded_default_reports_the_broker_as_in_process(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "in-process"}


def test_an_unreachable_broker_answers_503(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"].startswith("error")


@pytest.mark.services
def test_real_redis_broker_answers_200(client, settings):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        need_services("no CELERY_BROKER_URL is set")
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
