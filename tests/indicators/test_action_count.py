"""The count beside "My indicators": figures owed for ended periods, as the entry list has them."""

import pytest
from django.db.models.signals import post_init
from django.utils import timezone

from indicators.choices import FigureState
from indicators.figures.due import action_count, due_items, my_indicators
from indicators.models import Figure, PeriodClosure
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db


def test_the_count_is_what_the_entry_list_says_is_owed(people, org):
    owned = housing_pi(people, org, code="LPI HO 01", active_from=OCTOBER.back(6)[0].start)
    deputised = housing_pi(
        people, org, code="LPI HO 02", owner=people.manager, deputy=people.officer
    )
    housing_pi(people, org, code="LPI HO 03", owner=people.manager)  # not the officer's
    months = OCTOBER.back(4)  # July to October
    FigureFactory(
        indicator=owned, year=months[0].year, number=months[0].number, state=FigureState.RETURNED
    )
    FigureFactory(
        indicator=owned, year=months[1].year, number=months[1].number, state=FigureState.DRAFT
    )
    FigureFactory(
        indicator=owned, year=months[2].year, number=months[2].number, state=FigureState.SUBMITTED
    )
    FigureFactory(
        indicator=deputised, year=OCTOBER.year, number=OCTOBER.number, state=FigureState.VERIFIED
    )
    # A closed month is no longer owed, figure or not.
    earlier = OCTOBER.back(6)[0]
    PeriodClosure.objects.create(
        frequency="monthly", year=earlier.year, number=earlier.number, closed_at=timezone.now()
    )
    items = due_items(my_indicators(people.officer), today=timezone.localdate())
    owed = [item for item in items if item.needs_action]
    # July returned, August draft, October missing, and the month before July (missing) for
    # HO 01; nothing for HO 02 (verified).
    assert sorted((i.indicator.code, i.period.label) for i in owed) == sorted(
        [("LPI HO 01", p.label) for p in (months[0], months[1], OCTOBER, OCTOBER.back(5)[0])]
    )
    assert action_count(people.officer) == len(owed) == 4
    assert action_count(people.manager) == 1  # HO 03's October (HO 02's is verified)


def test_the_lists_build_whole_figures_only_for_the_items_they_show(people, org):
    # The chasing page reads every reporting period of every PI: a year of figures each, most
    # of them submitted long ago. Only the figures of the items listed are built as models.
    pi = housing_pi(people, org, code="LPI HO 01", active_from=OCTOBER.back(13)[0].start)
    months = OCTOBER.back(12)
    for month in months[:-1]:
        FigureFactory(
            indicator=pi, year=month.year, number=month.number, state=FigureState.VERIFIED
        )
    draft = FigureFactory(
        indicator=pi, year=OCTOBER.year, number=OCTOBER.number, state=FigureState.DRAFT
    )
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance.pk)

    post_init.connect(count, sender=Figure)
    try:
        owed = due_items(
            my_indicators(people.officer), today=timezone.localdate(), include_done=False
        )
    finally:
        post_init.disconnect(count, sender=Figure)
    assert [(i.period.label, i.figure.pk if i.figure else None) for i in owed] == [
        (OCTOBER.label, draft.pk)
    ]
    assert owed[0].figure.value == draft.value and owed[0].figure.version == draft.version
    assert built == [draft.pk]
