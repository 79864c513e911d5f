import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_user_signs_in_and_out(client, people):
    response = client.post(
        reverse("login"), {"username": "officer", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("core:home")).status_code == 302


def test_a_wrong_password_is_refused_with_a_message_and_keeps_the_username(client, people):
    response = client.post(reverse("login"), {"username": "officer", "password": "nope"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please enter a correct username and password" in page
    assert 'value="officer"' in page


def test_repeated_failures_lock_the_account_for_a_while(client, people, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "officer", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_password_change_applies_the_validators(client, people):
    client.force_login(people.officer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    people.officer.refresh_from_db()
    assert people.officer.check_password("correct-horse-battery")


def test_password_change_succeeds_with_a_strong_password(client, people):
    client.force_login(people.officer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "Amber-target-2025-tolerance",
            "new_password2": "Amber-target-2025-tolerance",
        },
    )
    assert response.status_code == 302
    people.officer.refresh_from_db()
    assert people.officer.check_password("Amber-target-2025-tolerance")
