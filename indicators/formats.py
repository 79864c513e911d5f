"""The column layouts of the register, targets and figures files (docs/imports.md).

Plain Python with no Django, so scripts that write these files (e.g. the real-data converter
under indicators/fixtures/realdata) share the one definition with the importers.
"""

INDICATOR_COLUMNS = (
    "code",
    "title",
    "description",
    "unit",
    "decimal_places",
    "polarity",
    "frequency",
    "aggregation",
    "type",
    "service",
    "owner",
    "deputy",
    "tolerance_pct",
    "is_national",
    "is_public",
)
INDICATOR_REQUIRED = ("code", "title", "polarity", "frequency", "aggregation", "service", "owner")
# Accepted beyond the documented columns, for registers that keep them.
INDICATOR_EXTRA = (
    "definition",
    "data_source",
    "multiplier",
    "data_quality_risk",
    "allow_negative",
    "allow_over_100",
)

PROFILE_COLUMNS = tuple(f"p{n}" for n in range(1, 13))
TARGET_COLUMNS = ("code", "year", "annual_target", "baseline", "floor", *PROFILE_COLUMNS)
TARGET_REQUIRED = ("code", "year", "annual_target")
TARGET_EXTRA = ("band_low", "band_high")

FIGURE_COLUMNS = (
    "code",
    "period",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "corrective_action",
)
FIGURE_REQUIRED = ("code", "period")

# Comparator data (benchmarking): other authorities' values of our PIs (docs/benchmarking.md).
BENCHMARK_COLUMNS = ("code", "authority", "period", "value", "group", "numerator", "denominator")
BENCHMARK_REQUIRED = ("code", "authority", "period", "value")
BENCHMARK_GROUP_SEPARATOR = ";"
