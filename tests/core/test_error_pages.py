"""Error pages say what to do next, in the site's layout."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_refusal_says_whom_to_ask(client, people):
    client.force_login(people.board)
    response = client.get("/indicators/my/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You do not have access to this page" in page
    assert "ask the performance team" in page and "Check the address" not in page


def test_a_missing_page_points_back_to_the_start(client, people):
    client.force_login(people.officer)
    response = client.get("/indicators/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "Check the address" in page
    assert "ask the performance team" not in page


@pytest.mark.parametrize(
    "address",
    [
        "/reports/view/action_plan/?scope=%00",
        "/reports/view/action_plan/pdf/?scope=a%00b",
        "/indicators/?q=%00",
        "/dashboard/?%00=1",
    ],
)
def test_an_address_with_a_nul_character_is_refused_with_a_page_not_a_server_error(
    client, people, address
):
    client.force_login(people.perf)
    response = client.get(address)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Address not understood" in page and "start page" in page
