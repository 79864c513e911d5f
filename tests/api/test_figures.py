"""POST /api/v1/figures/: figures as the figures import takes them, through the entry page's
own checks and service, all or nothing, idempotent, recorded as sent via the API."""

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import IdempotentDelivery
from indicators.choices import FigureState
from indicators.models import Figure, PeriodClosure
from indicators.periods import Period
from indicators.services import FigureInput, figure_submit
from tests.api.conftest import token_client
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/figures/"


def _month(back: int = 1) -> Period:
    return Period.last_ended("monthly", timezone.localdate()).back(back)[0]


def _send(api, *rows, key: str | None = None, submit: bool = True):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return api.post(URL, {"figures": list(rows), "submit": submit}, format="json", **headers)


@pytest.fixture
def officer_api(world, people):
    return token_client(people.officer, can_submit_figures=True, name="Revenues extract")


def test_a_figure_sent_by_the_api_is_saved_as_one_typed_on_the_entry_page(
    world, people, org, officer_api, client
):
    api, _token = officer_api
    twin = IndicatorFactory(
        code="LPI HO 02", frequency="monthly", service=org.housing, owner=people.officer
    )
    TargetFactory(indicator=twin, year=world.indicator.targets.first().year, annual_target=100)
    month = _month()
    response = _send(
        api, {"code": "lpi ho 01", "period": month.label, "value": 95, "commentary": "Rota"}
    )
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "saved": 1,
        "figures": [
            {"code": "LPI HO 01", "period": month.label, "state": "submitted", "version": 1}
        ],
    }
    figure_submit(
        user=people.officer,
        entry=FigureInput(indicator=twin, period=month, value=95, commentary="Rota"),
    )
    sent = Figure.objects.get(indicator=world.indicator, year=month.year, number=month.number)
    typed = Figure.objects.get(indicator=twin, year=month.year, number=month.number)
    fields = ("value", "numerator", "denominator", "commentary", "state", "version")
    fields += ("entered_by_id", "submitted_by_id", "plausibility_explanation")
    assert {f: getattr(sent, f) for f in fields} == {f: getattr(typed, f) for f in fields}
    client.force_login(people.perf)
    csv = client.get(reverse("indicators:export") + f"?period={month.label}").content.decode()
    lines = {line.split(",")[0]: line.split(",")[3:] for line in csv.splitlines()[1:]}
    assert lines["LPI HO 01"] == lines["LPI HO 02"]
    assert sent.history.first().history_change_reason == "Submitted via API, token Revenues extract"


def test_one_bad_row_saves_nothing_and_every_problem_is_listed_by_row(world, officer_api):
    api, _token = officer_api
    month = _month()
    response = _send(
        api,
        {"code": "LPI HO 01", "period": month.label, "value": "95", "commentary": "Steady"},
        {"code": "NOPE", "period": month.label, "value": "1"},
        {"code": "LPI HO 01", "period": "Smarch 2026", "value": "1"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("Nothing was saved")
    assert [e["row"] for e in body["errors"]] == [2, 3]
    assert "NOPE" in body["errors"][0]["message"]
    assert not Figure.objects.filter(year=month.year, number=month.number).exists()


def test_a_read_only_token_and_a_role_that_enters_no_figures_are_refused(world, people):
    month = _month()
    row = {"code": "LPI HO 01", "period": month.label, "value": "95", "commentary": "Steady"}
    read_only, _t = token_client(people.officer)
    response = _send(read_only, row)
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    board, _t = token_client(people.board, can_submit_figures=True)
    assert _send(board, row).status_code == 403
    planner, _t = token_client(people.other_officer, can_submit_figures=True)
    response = _send(planner, row)
    assert response.status_code == 400
    assert "you may not enter figures for LPI HO 01" in response.json()["errors"][0]["message"]
    assert not Figure.objects.filter(year=month.year, number=month.number).exists()


def test_closed_periods_and_verified_figures_are_refused(world, people, officer_api):
    api, _token = officer_api
    closed = _month(2)
    PeriodClosure.objects.create(
        frequency="monthly", year=closed.year, number=closed.number, closed_at=timezone.now()
    )
    world.figure.state = FigureState.VERIFIED
    world.figure.save()
    verified = Period("monthly", world.figure.year, world.figure.number)
    response = _send(
        api,
        {"code": "LPI HO 01", "period": closed.label, "value": "95", "commentary": "Steady"},
        {"code": "LPI HO 01", "period": verified.label, "value": "95", "commentary": "Steady"},
    )
    assert response.status_code == 400
    assert [e["row"] for e in response.json()["errors"]] == [1, 2]
    assert "closed or verified" in response.json()["errors"][0]["message"]
    assert Figure.objects.get(pk=world.figure.pk).value == 90


def test_an_unusual_value_needs_its_explanation(world, people, officer_api):
    api, _token = officer_api
    month = _month()
    Figure.objects.all().delete()
    for period in month.back(9)[:-1]:
        FigureFactory(
            indicator=world.indicator,
            year=period.year,
            number=period.number,
            value=100,
            state=FigureState.VERIFIED,
        )
    row = {"code": "LPI HO 01", "period": month.label, "value": "100000"}
    refused = _send(api, row)
    assert refused.status_code == 400, refused.json()
    assert refused.json()["errors"][0]["row"] == 1
    accepted = _send(api, {**row, "explanation": "A one-off bulk rebilling"})
    assert accepted.status_code == 201, accepted.json()
    figure = Figure.objects.get(year=month.year, number=month.number)
    assert figure.plausibility_explanation == "A one-off bulk rebilling"


def test_a_retried_delivery_with_its_key_saves_nothing_twice(world, officer_api):
    api, _token = officer_api
    month = _month()
    row = {"code": "LPI HO 01", "period": month.label, "value": "95", "commentary": "Steady"}
    first = _send(api, row, key="extract-2026-11-01")
    again = _send(api, row, key="extract-2026-11-01")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json()
    figure = Figure.objects.get(year=month.year, number=month.number)
    assert figure.version == 1 and figure.history.count() == 1
    other = _send(api, {**row, "value": "96", "commentary": "Steady"}, key="extract-2026-11-01")
    assert other.status_code == 422
    figure.refresh_from_db()
    assert figure.value == 95 and IdempotentDelivery.objects.count() == 1


def test_the_same_key_of_another_person_is_their_own(world, people, officer_api):
    api, _token = officer_api
    month = _month()
    row = {"code": "LPI HO 01", "period": month.label, "value": "95", "commentary": "Steady"}
    assert _send(api, row, key="k1").status_code == 201
    manager, _t = token_client(people.manager, can_submit_figures=True)
    assert (
        _send(manager, {**row, "value": "97", "commentary": "Steady"}, key="k1").status_code == 201
    )
    assert Figure.objects.get(year=month.year, number=month.number).value == 97


def test_a_figure_changed_since_its_version_was_read_is_a_conflict(world, people, officer_api):
    api, _token = officer_api
    month = _month()
    row = {
        "code": "LPI HO 01",
        "period": month.label,
        "value": "95",
        "commentary": "Steady",
        "version": 0,
    }
    assert _send(api, row).status_code == 201  # version 0: there was no figure yet
    stale = _send(
        api, {**row, "value": "96", "commentary": "Steady"}
    )  # still says 0, but it is at version 1 now
    assert stale.status_code == 400
    assert "changed by someone else" in stale.json()["errors"][0]["message"]
    fresh = _send(api, {**row, "value": "96", "commentary": "Steady", "version": 1})
    assert fresh.status_code == 201 and fresh.json()["figures"][0]["version"] == 2


@pytest.mark.parametrize(
    "body",
    [[], {}, {"figures": []}, {"figures": "x"}, {"figures": [{"code": "A"}]}, {"figures": [1]}],
)
def test_a_malformed_delivery_is_a_400_not_a_server_error(body, world, officer_api):
    api, _token = officer_api
    assert api.post(URL, body, format="json").status_code == 400
