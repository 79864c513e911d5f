"""Requests are limited per token: one token's burst does not stop another's."""

import pytest
from django.urls import reverse

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_a_token_over_its_rate_is_told_to_wait_and_others_are_not(settings, people):
    settings.API_THROTTLE_RATE = "3/minute"
    busy, _t = token_client(people.officer)
    calm, _t = token_client(people.officer, name="Other")
    url = reverse("api:indicators")
    assert [busy.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = busy.get(url)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert calm.get(url).status_code == 200
