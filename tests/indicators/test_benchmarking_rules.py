"""The ranking rule (indicators.benchmarking): ties, polarity, band, rounding, quartiles."""

from decimal import Decimal as D

import pytest

from indicators.benchmarking import Comparator, compare, quartile_of, rank_values


def ranks(values, polarity="higher", places=0, band=None):
    ranking = rank_values(
        None,
        [(f"A{n}", D(v)) for n, v in enumerate(values)],
        polarity=polarity,
        places=places,
        band=band,
    )
    return [
        next(e.rank for e in ranking.entries if e.authority == f"A{n}") for n in range(len(values))
    ]


def test_ties_share_the_best_rank_and_the_next_skips():
    assert ranks(["90", "80", "80", "70"]) == [1, 2, 2, 4]


def test_polarity_decides_which_end_is_rank_one():
    assert ranks(["90", "80", "70"], polarity="lower") == [3, 2, 1]
    assert ranks(["90", "80", "70"], polarity="higher") == [1, 2, 3]
    # Data-only PIs are ranked too, highest first.
    assert ranks(["90", "80", "70"], polarity="data") == [1, 2, 3]


def test_band_pis_rank_by_closeness_to_the_band():
    band = (D("40"), D("60"))
    # 45 and 60 are inside (0 away, tied first), 35 is 5 below, 70 is 10 above.
    assert ranks(["45", "60", "35", "70"], polarity="band", band=band) == [1, 1, 3, 4]
    assert rank_values(D("1"), [], polarity="band", places=0, band=None) is None


def test_values_are_compared_as_reported_rounded_to_the_pis_places():
    # 91.2 and 90.6 both read 91 at no decimal places: a tie.
    assert ranks(["91.2", "90.6", "89.4"], places=0) == [1, 1, 3]
    assert ranks(["91.2", "90.6", "89.4"], places=1) == [1, 2, 3]
    # Half-up, as for RAG: 90.5 is 91.
    assert ranks(["90.5", "90.6"], places=0) == [1, 1]


@pytest.mark.parametrize(
    ("rank", "of", "quartile"),
    [
        (1, 32, 1),
        (8, 32, 1),
        (9, 32, 2),
        (16, 32, 2),
        (17, 32, 3),
        (24, 32, 3),
        (25, 32, 4),
        (32, 32, 4),
        (1, 1, 1),
        (2, 2, 3),
        (1, 3, 1),
        (2, 3, 2),
        (3, 3, 3),
        (8, 31, 1),
        (9, 31, 2),
        (4, 5, 3),
        (5, 5, 4),
    ],
)
def test_quartile_from_rank(rank, of, quartile):
    assert quartile_of(rank, of) == quartile


def test_median_best_and_our_place():
    others = [Comparator("A", D("10")), Comparator("B", D("20")), Comparator("C", D("30"))]
    result = compare(D("25"), others, polarity="higher", places=0)
    assert (result.rank, result.of, result.quartile) == (2, 4, 2)
    assert result.median == D("23")  # (20 + 25) / 2 = 22.5, half-up at no places
    assert result.best == D("30")
    assert [e.is_us for e in result.overall.entries] == [False, True, False, False]


def test_without_our_figure_the_others_are_still_ranked():
    result = compare(
        None, [Comparator("A", D("10")), Comparator("B", D("20"))], polarity="lower", places=0
    )
    assert result.rank is None and result.quartile is None
    assert result.of == 2 and result.best == D("10")


def test_groups_come_from_our_own_row_and_its_value_is_ignored():
    rows = [
        Comparator("Us Council", D("1"), ("Family 1", "Nearest neighbours")),
        Comparator("A", D("50"), ("Family 1",)),
        Comparator("B", D("70"), ("Family 2",)),
        Comparator("C", D("40"), ("Family 1", "Nearest neighbours")),
    ]
    result = compare(D("60"), rows, polarity="higher", places=0, our_name="  us council ")
    assert (result.rank, result.of) == (2, 4)  # our 60, not the file's 1
    assert [(g.name, g.ranking.rank, g.ranking.of) for g in result.groups] == [
        ("Family 1", 1, 3),
        ("Nearest neighbours", 1, 2),
    ]
    assert result.group.name == "Family 1"
    # Unnamed: every row is another authority's, and there are no groups.
    unnamed = compare(D("60"), rows, polarity="higher", places=0)
    assert unnamed.of == 5 and unnamed.groups == ()


def test_nothing_to_compare_with():
    assert compare(D("1"), [], polarity="higher", places=0) is None
    assert (
        compare(D("1"), [Comparator("Us", D("2"))], polarity="higher", places=0, our_name="Us")
        is None
    )
