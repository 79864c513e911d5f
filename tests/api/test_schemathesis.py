"""Schemathesis (4.x) against the live schema of a live server, with a token of each role:
stateful and negative-data checks on. It must find no server error, no response breaking
the schema, and no access beyond the role: objects planted where a role may not look never
appear in any answer it got.

The run is bounded (5 examples per operation and phase, stateful scenarios of 4 steps): about
two minutes in all.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from api.services import token_create
from plans.choices import PlanKind
from tests.factories import FigureFactory, IndicatorFactory, PackFactory, PlanFactory
from tests.security.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "use_after_free",
        "ensure_resource_availability",
        "ignored_auth",
    )
)
# What each role must never be shown (markers planted below): a planner's individual plan,
# a draft pack of Planning, and an unverified Planning figure.
PRIVATE_PLAN, DRAFT_PACK, DRAFT_VALUE = "Private plan of the planner", "Draft Planning pack", 4242.5
HIDDEN = {
    "board": (PRIVATE_PLAN, DRAFT_PACK, DRAFT_VALUE),
    "officer": (PRIVATE_PLAN, DRAFT_PACK, DRAFT_VALUE),
    "manager": (PRIVATE_PLAN, DRAFT_PACK, DRAFT_VALUE),
    "perf": (PRIVATE_PLAN,),
    "audit": (),
    "admin": (),
}
REQUESTS: dict[str, int] = {}


def _plant(org, people) -> None:
    build_world(org, people)
    PlanFactory(
        kind=PlanKind.INDIVIDUAL, unit=org.planning, owner=people.other_officer, title=PRIVATE_PLAN
    )
    PackFactory(
        status="ready", scope_unit=org.planning, report_type="action_plan", title=DRAFT_PACK
    )
    planning_pi = IndicatorFactory(
        code="LPI PL 01", frequency="monthly", service=org.planning, owner=people.other_officer
    )
    FigureFactory(indicator=planning_pi, year=2026, number=6, value=DRAFT_VALUE, state="submitted")


def _run(url: str, secret: str, report: Path) -> subprocess.CompletedProcess:
    """Run the CLI in the report's folder (it keeps a cache there), bounded in time."""
    config = report.parent / "schemathesis.toml"
    config.write_text("[phases.stateful]\nmax-steps = 4\n")  # short scenarios, many of them
    return subprocess.run(  # noqa: S603  our own virtualenv's schemathesis, fixed arguments
        [
            str(SCHEMATHESIS),
            "--config-file",
            str(config),
            "run",
            f"{url}/api/v1/schema/",
            "--header",
            f"Authorization: Bearer {secret}",
            "--checks",
            CHECKS,
            "--phases",
            # The coverage phase (every parameter's boundary values) alone takes minutes
            # here; fuzzing draws positive and negative cases of every operation instead.
            "examples,fuzzing,stateful",
            "--mode",
            "all",  # positive and negative data
            "--max-examples",
            "5",
            "--workers",
            "1",
            "--seed",
            "1",
            "--generation-database",
            "none",
            "--request-timeout",
            "20",
            "--report",
            "har",
            "--report-har-path",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=report.parent,
    )


def test_schemathesis_finds_nothing_wrong_as_any_role(live_server, org, people, tmp_path, settings):
    """One live server and world; the CLI runs once per role's token."""
    settings.API_THROTTLE_RATE = "100000/minute"  # the fuzzer's pace is not what is tested
    _plant(org, people)
    problems, requests = [], {}
    for role, hidden in HIDDEN.items():
        _token, secret = token_create(
            person=getattr(people, role), name="schemathesis", can_submit_figures=True
        )
        folder = tmp_path / role
        folder.mkdir()
        result = _run(live_server.url, secret, folder / "run.har")
        if result.returncode != 0:
            problems.append(f"as {role}:\n{result.stdout[-6000:]}{result.stderr[-2000:]}")
        entries = json.loads((folder / "run.har").read_text())["log"]["entries"]
        requests[role] = len(entries)
        problems += [
            f"as {role}: {entry['request']['method']} {entry['request']['url']} showed {marker!r}"
            for entry in entries
            for marker in hidden
            if str(marker) in entry["response"]["content"].get("text", "")
        ]
    REQUESTS.update(requests)
    print(f"schemathesis: {sum(requests.values())} requests {requests}")  # noqa: T201
    assert not problems, "\n\n".join(problems)
    assert all(count > 50 for count in requests.values()), requests  # it really ran
