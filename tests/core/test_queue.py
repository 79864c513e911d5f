"""try_enqueue: a task handed to the queue, or False when the broker cannot be reached."""

from kombu.exceptions import OperationalError

from core.queue import try_enqueue


class Task:
    name = "tests.sample"

    def __init__(self, error=None):
        self.sent, self.error = [], error

    def delay(self, *args):
        if self.error:
            raise self.error
        self.sent.append(args)


def test_a_task_the_queue_takes():
    task = Task()
    assert try_enqueue(task, 1, [2]) is True
    assert task.sent == [(1, [2])]


def test_a_broker_that_cannot_be_reached_gives_false_and_a_log_line(caplog):
    for error in (OperationalError("Connection refused"), ConnectionRefusedError()):
        assert try_enqueue(Task(error), 7) is False
    assert "tests.sample(7,)" in caplog.text


def test_other_errors_are_not_hidden():
    import pytest

    with pytest.raises(ValueError):
        try_enqueue(Task(ValueError("a bug")), 1)
