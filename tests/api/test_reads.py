"""Reads: conditional GET, refusals as JSON, a PI's history, a plan's roll-up, a pack's PDF."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from indicators.periods import Period
from tests.api.conftest import token_client
from tests.factories import PackFactory

pytestmark = pytest.mark.django_db


def test_an_unchanged_answer_is_a_304_to_its_etag(world, people):
    api, _t = token_client(people.perf)
    first = api.get(reverse("api:indicators"))
    assert first.status_code == 200 and first["ETag"]
    again = api.get(reverse("api:indicators"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    world.indicator.title = "Renamed"
    world.indicator.save()
    assert api.get(reverse("api:indicators"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["?page_size=0", "?page_size=x", "?page=x", "?frequency=weekly", "?active=maybe"]
    + ["?q=a&q=b", "?service=housing"],
)
def test_a_parameter_not_as_documented_is_a_400_naming_it(query, world, people):
    api, _t = token_client(people.board)
    response = api.get(reverse("api:indicators") + query)
    assert response.status_code == 400
    name = query[1:].split("=")[0]
    assert response.json()["detail"] and name in response.json()["fields"]


def test_an_address_that_is_not_one_is_a_json_404(people):
    api, _t = token_client(people.board)
    for url in ("/api/v1/indicators/abc/", "/api/v1/nothing/"):
        response = api.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_a_pis_history_is_its_periods_in_the_exports_columns(world, people):
    api, _t = token_client(people.officer)
    month = Period("monthly", world.figure.year, world.figure.number)
    url = reverse("api:indicator_history", args=[world.indicator.pk])
    rows = api.get(url + f"?from={month.back(3)[0].label}&to={month.label}").json()
    assert [r["period"] for r in rows] == [p.label for p in month.back(3)]
    assert rows[-1]["value"] == 90 and rows[-1]["code"] == "LPI HO 01"
    refused = api.get(url + "?from=2026/27 Q1")  # a quarter for a monthly PI
    assert refused.status_code == 400


def test_a_plan_shows_its_objectives_rolled_up(world, people):
    api, _t = token_client(people.manager)
    body = api.get(reverse("api:plan", args=[world.plan.pk])).json()
    assert body["id"] == world.plan.pk and body["period"]
    [objective] = body["objectives"]
    assert objective["objective"]["id"] == world.objective.pk
    assert objective["indicators"] == ["LPI HO 01"]
    assert sum(objective["indicator_rag"].values()) == 1


def test_a_published_pack_downloads_with_a_token(org, people):
    pdf = b"%PDF-1.4 test"
    pack = PackFactory.build(
        status="published",
        scope_unit=org.housing,
        report_type="action_plan",
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    pack.file.save("pack.pdf", ContentFile(pdf), save=False)
    pack.save()
    api, _t = token_client(people.board)
    [listed] = api.get(reverse("api:packs")).json()["results"]
    assert listed["download"].endswith(reverse("api:pack_file", args=[pack.pk]))
    response = api.get(listed["download"])
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
