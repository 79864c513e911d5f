import pytest

from core.models import OrgUnit
from tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def test_subtree_contains_the_unit_and_everything_below(org):
    assert set(org.place.subtree()) == {org.place, org.housing, org.housing_team, org.planning}
    assert set(org.housing.subtree()) == {org.housing, org.housing_team}


def test_moving_a_unit_moves_its_subtree(org):
    people_dir = OrgUnitFactory(
        name="People", code="people", kind="directorate", parent=org.council
    )
    org.housing.parent = people_dir
    org.housing.save()
    org.housing_team.refresh_from_db()
    assert org.housing_team.ancestor_ids() == [
        org.council.pk,
        people_dir.pk,
        org.housing.pk,
        org.housing_team.pk,
    ]
    assert org.housing_team not in org.place.subtree()
    assert set(OrgUnit.objects.subtree_of(people_dir)) == {
        people_dir,
        org.housing,
        org.housing_team,
    }


def test_depth_counts_from_the_council(org):
    assert org.council.depth == 0
    assert org.housing_team.depth == 3


def test_a_partner_organisation_sits_beside_the_council_not_inside_it(org):
    from django.core.exceptions import ValidationError

    police = OrgUnitFactory(name="Police", code="police", kind="partner", parent=None)
    police.full_clean()
    assert police.depth == 0
    OrgUnitFactory.build(
        name="Police area", code="police-area", kind="partner", parent=police
    ).full_clean()
    inside = OrgUnitFactory.build(name="Health", code="health", kind="partner", parent=org.council)
    with pytest.raises(ValidationError) as refused:
        inside.full_clean()
    assert "beside the council" in str(refused.value.message_dict["parent"])
