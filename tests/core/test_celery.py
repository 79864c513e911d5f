import pytest
from django.conf import settings

from core.tasks import ping_task

pytestmark = pytest.mark.django_db


def test_ping_runs_in_process_when_no_broker_is_configured(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert ping_task.apply(args=["hello"]).get() == "pong: hello"


def test_tasks_are_acknowledged_late_so_a_lost_worker_means_redelivery():
    from config.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_ping_goes_through_a_real_worker(celery_worker_process):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    result = ping_task.delay("through redis")
    assert result.get(timeout=30) == "pong: through redis"
