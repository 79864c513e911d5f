import factory
from django.contrib.auth.models import Group, User

from core.models import OrgUnit, Profile

__all__ = ["OrgUnitFactory", "UserFactory", "ProfileFactory", "make_user"]


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Unit {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")
    kind = "service"
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("correct-horse-battery")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    unit = None


def make_user(
    username: str, role: str | None = None, unit: OrgUnit | None = None, line_manager=None
) -> User:
    """Create a user with a profile and (optionally) a role group."""
    user = UserFactory(username=username)
    Profile.objects.create(user=user, unit=unit, line_manager=line_manager)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
