"""Locust users for the deadline-day load: officers entering figures, board members reading.

Run by `manage.py loadtest` (which passes the settings below as environment variables):
LOADTEST_PASSWORD, LOADTEST_PAIRS, LOADTEST_BOARD, LOADTEST_OUTCOMES (a file to append each
officer's outcome to, for the database check afterwards), LOADTEST_SAMPLES (a file to write
every request's name, time and failure to, for the table with and without sign-in).
"""

import itertools
import json
import os

from gevent.event import Event
from locust import HttpUser, between, events, task

from devtools.loadtest.names import BOARD, DEPUTY, OWNER, SIGN_IN
from devtools.loadtest.pages import alert_text, parse_fields

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
PAIRS = int(os.environ.get("LOADTEST_PAIRS", "10"))
BOARD_USERS = int(os.environ.get("LOADTEST_BOARD", "5"))
OUTCOMES = os.environ.get("LOADTEST_OUTCOMES", "loadtest-outcomes.jsonl")
SAMPLES = os.environ.get("LOADTEST_SAMPLES", "loadtest-samples.json")

_officer_names = itertools.cycle(
    [name for pair in range(PAIRS) for name in (OWNER.format(pair), DEPUTY.format(pair))]
)
_board_names = itertools.cycle([BOARD.format(n) for n in range(BOARD_USERS)])
# Owner and deputy load the entry page, then both save at once: a real race for the figure.
_pair_ready: dict[str, Event] = {}


def sign_in(user: HttpUser, username: str) -> None:
    page = user.client.get("/accounts/login/", name="login page")
    token = parse_fields(page.text)["csrfmiddlewaretoken"][1]
    user.client.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": f"{user.host}/accounts/login/"},
        name=SIGN_IN,
    )


class Officer(HttpUser):
    """Opens "my indicators", enters every due figure on one page and submits, then browses."""

    weight = 4
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.username = next(_officer_names)
        self.pair = self.username.rsplit("-", 1)[1]
        self.is_owner = self.username.startswith("load-owner")
        self.done = False
        sign_in(self, self.username)

    def typed(self) -> dict[str, str]:
        # Owner and deputy type different figures, so the check can tell whose were kept.
        return {
            "value": "50" if self.is_owner else "51",
            "numerator": "45" if self.is_owner else "46",
        }

    @task
    def deadline_day(self) -> None:
        self.client.get("/indicators/my/", name="my indicators")
        if self.done:
            self.client.get("/dashboard/mine/", name="my dashboard")
            return
        page = self.client.get("/indicators/my/enter/", name="entry page")
        fields = parse_fields(page.text)
        total = int(fields.get("form-TOTAL_FORMS", ("", "0"))[1] or 0)
        if total == 0:
            self.record("nothing due", total)
            self.done = True
            return
        data = {name: value for name, (_kind, value) in fields.items()}
        typed = self.typed()
        for index in range(total):
            prefix = f"form-{index}-"
            ratio = fields.get(prefix + "numerator", ("hidden", ""))[0] != "hidden"
            if ratio:
                data[prefix + "numerator"] = typed["numerator"]
                data[prefix + "denominator"] = "90"
            else:
                data[prefix + "value"] = typed["value"]
            data[prefix + "commentary"] = f"Deadline-day figure entered by {self.username}."
            data[prefix + "corrective_action"] = "Reviewed with the team; actions in hand."
            data[prefix + "plausibility_confirmed"] = "on"
            data[prefix + "plausibility_explanation"] = "Checked against the source system."
        data["action"] = "submit"
        # The first of the pair to get here waits (up to 3 s) for the other; then both save.
        arrived = _pair_ready.get(self.pair)
        if arrived is None:
            _pair_ready[self.pair] = Event()
            _pair_ready[self.pair].wait(timeout=3)
        else:
            arrived.set()
        self.record("sent", total)  # answered below, unless the run stops first
        with self.client.post(
            "/indicators/my/enter/",
            data,
            headers={"Referer": f"{self.host}/indicators/my/enter/"},
            allow_redirects=False,
            name="submit figures",
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                self.record("saved", total)
                self.done = True
                response.success()
            elif response.status_code == 409:
                # The other officer of the pair saved first: a correct refusal, not an error.
                self.record("conflict", total)
                response.success()
            else:
                why = alert_text(response.text)
                self.record(f"http {response.status_code}", total, why)
                response.failure(f"unexpected {response.status_code}: {why}")

    def record(self, status: str, forms: int, why: str = "") -> None:
        line = {"user": self.username, "status": status, "forms": forms, "typed": self.typed()}
        if why:
            line["why"] = why
        with open(OUTCOMES, "a") as out:
            out.write(json.dumps(line) + "\n")


class BoardMember(HttpUser):
    """Reads the dashboard, filters it, and drills down to the indicators behind a count."""

    weight = 1
    wait_time = between(1, 4)

    def on_start(self) -> None:
        sign_in(self, next(_board_names))

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/dashboard/", name="dashboard")

    @task(2)
    def red_indicators(self) -> None:
        self.client.get("/dashboard/indicators/?rag=red", name="dashboard drill-down")

    @task(1)
    def register(self) -> None:
        self.client.get("/indicators/", name="PI register")


_samples: list[tuple[str, float, bool]] = []


@events.request.add_listener
def _timed(name: str, response_time: float, exception: object = None, **_kwargs) -> None:
    _samples.append((name, response_time, exception is not None))


@events.quitting.add_listener
def _write_samples(**_kwargs) -> None:
    with open(SAMPLES, "w") as out:
        json.dump(_samples, out)


@events.test_start.add_listener
def _fresh_outcomes(**_kwargs) -> None:
    if os.path.exists(OUTCOMES):
        os.remove(OUTCOMES)
