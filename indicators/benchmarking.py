"""How we compare: the ONE rule ranking our figure among other authorities' (docs/benchmarking.md).

`compare()` takes our value for a PI and period (as the reader's basis counts it) and the
comparators' values, and returns a Comparison: our rank among every authority with a value,
how many were ranked, our quartile, the median and the best value; and the same within each
comparator group the council belongs to. The assessment engine (indicators.assessment) calls
it beside RAG and direction, so every page, export and report shows the same comparison.

The rules:
- Values are compared as reported: ours and the comparators' are rounded half-up to the PI's
  decimal places first (as for RAG), so 91.2% and 90.8% at 0 places tie at 91%.
- Rank 1 is the best by the PI's polarity: the highest for higher-is-better, the lowest for
  lower-is-better, the closest to the target band (any value inside it is 0 away) for
  on-target-band PIs (unranked without a band), and the highest for data-only PIs (the
  usual "1 is high" order of benchmarking tables).
- Ties share the best rank, and the next rank skips (1, 2, 2, 4): an authority's rank is one
  more than the number of authorities strictly better.
- Quartile (1 = best quarter) from rank r of n ranked: floor(4 (r - 1) / n) + 1. With 32
  councils, ranks 1-8 are quartile 1, 9-16 quartile 2, 17-24 quartile 3 and 25-32 quartile 4
  (the LGBF's quartiles); tied authorities share the quartile of their shared rank.
- The median is that of every ranked value (ours included), the mean of the middle two for an
  even number, rounded to the PI's places; the best value is that of rank 1.
- The council's own row in a comparator file (CouncilSettings.comparator_name) gives only its
  groups; its value is ignored, ours stands in its place, or it is left out when we have none.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from indicators.choices import Polarity
from indicators.rag import rounded

US = "us"  # the key our own entry ranks under when the data does not name the council


def name_key(name: str | None) -> str:
    """Return the form of an authority's name used to match it: spaces collapsed, any case."""
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class Comparator:
    """Another authority's reported value, with the groups it belongs to for this PI."""

    authority: str
    value: Decimal
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One ranked authority (for the dot plot and tables)."""

    authority: str
    value: Decimal
    rank: int
    is_us: bool = False


@dataclass(frozen=True)
class Ranking:
    """Our place among a set of authorities. `rank` and `quartile` are None when we have no
    figure to compare; `entries` are best first."""

    rank: int | None
    of: int
    quartile: int | None
    median: Decimal | None
    best: Decimal | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class GroupRanking:
    name: str
    ranking: Ranking


@dataclass(frozen=True)
class Comparison:
    """Our comparison for one PI and period: among all authorities, then within each group."""

    overall: Ranking
    groups: tuple[GroupRanking, ...]
    order: str  # how rank 1 is chosen, in words

    @property
    def rank(self) -> int | None:
        return self.overall.rank

    @property
    def of(self) -> int:
        return self.overall.of

    @property
    def quartile(self) -> int | None:
        return self.overall.quartile

    @property
    def median(self) -> Decimal | None:
        return self.overall.median

    @property
    def best(self) -> Decimal | None:
        return self.overall.best

    @property
    def group(self) -> GroupRanking | None:
        """The first group the council belongs to (the one exports name), or None."""
        return self.groups[0] if self.groups else None

    @property
    def is_bottom_quartile(self) -> bool:
        return self.overall.quartile == 4


ORDER_TEXT = {
    Polarity.HIGHER: "highest value first",
    Polarity.LOWER: "lowest value first",
    Polarity.BAND: "closest to the target band first",
    Polarity.DATA: "highest value first (data only)",
}


def quartile_of(rank: int, of: int) -> int:
    """Return the quartile (1 = best) of rank `rank` among `of` ranked."""
    return 4 * (rank - 1) // of + 1


def _badness(polarity: str, band: tuple[Decimal, Decimal] | None):
    """Return the sort key (lower is better) for the polarity, or None when unrankable."""
    if polarity == Polarity.LOWER:
        return lambda v: v
    if polarity == Polarity.BAND:
        if band is None:
            return None
        low, high = band
        return lambda v: low - v if v < low else (v - high if v > high else Decimal(0))
    return lambda v: -v  # higher is better, and data-only PIs


def rank_values(
    our_value: Decimal | None,
    others: Sequence[tuple[str, Decimal]],
    *,
    polarity: str,
    places: int,
    band: tuple[Decimal, Decimal] | None = None,
) -> Ranking | None:
    """Rank our value (None: we have none) among the others' (name, value) pairs; None when
    the PI cannot be ranked (a band PI without a band) or nobody has a value."""
    key = _badness(polarity, band)
    if key is None:
        return None
    values = [(name, rounded(value, places), False) for name, value in others]
    if our_value is not None:
        values.append((US, rounded(our_value, places), True))
    if not values:
        return None
    keys = sorted(key(v) for _, v, _ in values)
    # One more than the number strictly better: ties share the best rank (1, 2, 2, 4).
    first_at = {}
    for position, k in enumerate(keys, start=1):
        first_at.setdefault(k, position)
    entries = sorted(
        (Entry(name, v, first_at[key(v)], is_us) for name, v, is_us in values),
        key=lambda e: (e.rank, not e.is_us, name_key(e.authority)),
    )
    of = len(entries)
    ours = next((e for e in entries if e.is_us), None)
    middle = median(e.value for e in entries)
    return Ranking(
        rank=ours.rank if ours else None,
        of=of,
        quartile=quartile_of(ours.rank, of) if ours else None,
        median=rounded(Decimal(middle), places),
        best=entries[0].value,
        entries=tuple(entries),
    )


def compare(
    our_value: Decimal | None,
    comparators: Sequence[Comparator],
    *,
    polarity: str,
    places: int,
    our_name: str = "",
    band: tuple[Decimal, Decimal] | None = None,
) -> Comparison | None:
    """Return how our value compares with the comparators' (see the module's rules), or None
    when there is nothing to compare with."""
    ours = name_key(our_name) if our_name else None
    own_rows = [c for c in comparators if ours and name_key(c.authority) == ours]
    others = [c for c in comparators if not (ours and name_key(c.authority) == ours)]
    if not others:
        return None
    options = {"polarity": polarity, "places": places, "band": band}
    overall = rank_values(our_value, [(c.authority, c.value) for c in others], **options)
    if overall is None:
        return None
    our_groups: list[str] = []
    for row in own_rows:
        our_groups.extend(g for g in row.groups if g not in our_groups)
    groups = []
    for group in our_groups:
        members = [(c.authority, c.value) for c in others if group in c.groups]
        ranking = rank_values(our_value, members, **options)
        if ranking is not None:
            groups.append(GroupRanking(group, ranking))
    return Comparison(overall, tuple(groups), ORDER_TEXT.get(polarity, ""))
