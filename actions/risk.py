"""Risk scoring on the council's 4x4 or 5x5 matrix: bands and heat maps (pure functions)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from actions.choices import RISK_BAND_COLOURS, RiskBand

# Lowest score of each band, by matrix size; the bands follow the usual council practice of
# roughly the bottom, middle, upper and top quarters of the matrix.
BAND_FLOORS: dict[int, list[tuple[int, str]]] = {
    4: [(12, RiskBand.VERY_HIGH), (8, RiskBand.HIGH), (4, RiskBand.MEDIUM), (1, RiskBand.LOW)],
    5: [(16, RiskBand.VERY_HIGH), (10, RiskBand.HIGH), (5, RiskBand.MEDIUM), (1, RiskBand.LOW)],
}

LIKELIHOOD_LABELS = {
    4: ["Unlikely", "Possible", "Likely", "Very likely"],
    5: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
}
IMPACT_LABELS = {
    4: ["Minor", "Moderate", "Major", "Critical"],
    5: ["Negligible", "Minor", "Moderate", "Major", "Severe"],
}


SCORE_LABELS = {"likelihood": LIKELIHOOD_LABELS, "impact": IMPACT_LABELS}


def score_label(kind: str, value: int | None, size: int) -> str:
    """Return a likelihood or impact score with its descriptor, '3 – Possible', as the
    council's matrix of `size` names it; the bare number when it lies off the matrix, '–'
    for none. `kind` is 'likelihood' or 'impact'."""
    if value is None or value == "":
        return "–"
    labels = SCORE_LABELS[kind][size]
    number = int(value)
    return f"{number} – {labels[number - 1]}" if 1 <= number <= size else str(number)


def score_choices(kind: str, size: int) -> list[tuple[int, str]]:
    """Return the choices of a likelihood or impact field: [(3, '3 – Possible'), ...]."""
    return [(n, score_label(kind, n, size)) for n in range(1, size + 1)]


def score_kind(field_name: str) -> str | None:
    """Return 'likelihood' or 'impact' for a score field name, None for any other field."""
    for kind in SCORE_LABELS:
        if field_name == kind or field_name.endswith(f"_{kind}"):
            return kind
    return None


def risk_band(score: int, size: int) -> str:
    """Return the RiskBand value of a likelihood x impact score on a matrix of `size`."""
    for floor, band in BAND_FLOORS[size]:
        if score >= floor:
            return band
    return RiskBand.LOW


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: str
    refs: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.refs)

    @property
    def band_label(self) -> str:
        return RiskBand(self.band).label

    @property
    def colour(self) -> str:
        return RISK_BAND_COLOURS[self.band]


@dataclass
class HeatRow:
    impact: int
    label: str
    cells: list[HeatCell]


@dataclass
class HeatMap:
    size: int
    basis: str  # "residual", "inherent" or "target"
    rows: list[HeatRow]  # highest impact first, as a heat map is read
    likelihood_labels: list[str]
    outside: list[str] = field(default_factory=list)  # refs scored beyond the matrix

    @property
    def total(self) -> int:
        return sum(cell.count for row in self.rows for cell in row.cells)

    def band_counts(self) -> list[tuple[str, int]]:
        """Return (band label, number of risks) from Very high down to Low."""
        counts = dict.fromkeys(RiskBand, 0)
        for row in self.rows:
            for cell in row.cells:
                counts[RiskBand(cell.band)] += cell.count
        return [(band.label, counts[band]) for band in reversed(RiskBand)]


def heat_map(risks: Iterable, size: int, basis: str = "residual") -> HeatMap:
    """Return the heat map of `risks` (objects with <basis>_likelihood/_impact and ref).

    Risks scored beyond the matrix (e.g. 5 after the council moved to 4x4) are listed in
    `outside` rather than silently dropped.
    """
    grid = {
        (likelihood, impact): HeatCell(
            likelihood, impact, likelihood * impact, risk_band(likelihood * impact, size)
        )
        for likelihood in range(1, size + 1)
        for impact in range(1, size + 1)
    }
    outside = []
    for risk in risks:
        key = (getattr(risk, f"{basis}_likelihood"), getattr(risk, f"{basis}_impact"))
        if key in grid:
            grid[key].refs.append(risk.ref)
        else:
            outside.append(risk.ref)
    rows = [
        HeatRow(
            impact,
            IMPACT_LABELS[size][impact - 1],
            [grid[(likelihood, impact)] for likelihood in range(1, size + 1)],
        )
        for impact in range(size, 0, -1)
    ]
    return HeatMap(size, basis, rows, LIKELIHOOD_LABELS[size], outside)


def register_heat_map(register, *, size: int | None = None, basis: str = "residual") -> HeatMap:
    """Return the heat map of a register's open risks, in one query.

    `size` defaults to the council's matrix (CouncilSettings.risk_matrix_size).
    """
    from actions.models import Risk
    from core.models import CouncilSettings

    size = size or CouncilSettings.load().risk_matrix_size
    risks = (
        Risk.objects.filter(register=register)
        .open()
        .only("ref", f"{basis}_likelihood", f"{basis}_impact")
    )
    return heat_map(risks, size, basis)


@dataclass
class TrendRow:
    label: str  # the quarter, e.g. "2026/27 Q2"
    counts: list[int]  # risks per band, Very high first (as band_counts)
    reviewed: int  # risks reviewed in the quarter
    average: float | None  # mean residual score of the risks scored by then


def register_trend(risks: Iterable, quarters: list, size: int) -> list[TrendRow]:
    """Return, per quarter (oldest first), the register's risks by band as last reviewed.

    Each risk counts with its latest review dated on or before the quarter's end; risks not yet
    reviewed by then are left out. `risks` must have their `reviews` prefetched (any order).
    """
    bands = list(reversed(RiskBand))
    rows = []
    for quarter in quarters:
        counts = dict.fromkeys(bands, 0)
        scores = []
        reviewed = 0
        for risk in risks:
            dated = [r for r in risk.reviews.all() if r.date <= quarter.end]
            if not dated:
                continue
            latest = max(dated, key=lambda r: (r.date, r.pk))
            if latest.date >= quarter.start:
                reviewed += 1
            counts[RiskBand(risk_band(latest.score, size))] += 1
            scores.append(latest.score)
        average = round(sum(scores) / len(scores), 1) if scores else None
        rows.append(TrendRow(quarter.label, [counts[b] for b in bands], reviewed, average))
    return rows


def score_trend(reviews: Iterable) -> list[int]:
    """Return a risk's residual scores review by review, oldest first."""
    return [r.score for r in sorted(reviews, key=lambda r: (r.date, r.pk))]
