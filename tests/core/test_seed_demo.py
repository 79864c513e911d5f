import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command

from core.demo import DEMO_USERS
from core.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_login_per_role_and_is_idempotent(settings, capsys):
    call_command("seed_demo")
    first = (User.objects.count(), OrgUnit.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), OrgUnit.objects.count()) == first
    out = capsys.readouterr().out
    for username, (_f, _l, role, *_rest) in DEMO_USERS.items():
        user = authenticate(username=username, password=settings.DEMO_PASSWORD)
        assert user is not None, username
        assert user.groups.filter(name=role).exists()
        assert username in out


def test_if_empty_leaves_an_existing_database_alone(capsys):
    User.objects.create_user("someone", password="x-long-password-1")
    call_command("seed_demo", "--if-empty")
    assert not OrgUnit.objects.exists()
    assert "not seeded again" in capsys.readouterr().out


def test_officer_reports_to_the_manager():
    call_command("seed_demo")
    officer = User.objects.get(username="officer")
    assert officer.profile.line_manager.username == "manager"
    assert officer.profile.unit.parent.name == "Housing"
