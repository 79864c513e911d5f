"""The load test's table: median and 95th percentile per page, overall and without sign-in."""

from devtools.loadtest.names import SIGN_IN
from devtools.loadtest.summary import Sample, percentile, summarise


def test_percentiles_are_nearest_rank():
    times = [float(ms) for ms in range(1, 101)]
    assert percentile(times, 0.5) == 50
    assert percentile(times, 0.95) == 95
    assert percentile([7.0], 0.95) == 7
    assert percentile([], 0.95) == 0


def test_sign_in_is_left_out_of_the_second_total_only():
    samples = [Sample("dashboard", ms, False) for ms in (10, 20, 30, 40)]
    samples += [Sample(SIGN_IN, ms, False) for ms in (900, 1000, 1100, 1200)]
    rows = {row.name: row for row in summarise(samples, seconds=2)}
    assert rows["dashboard"].requests == 4 and rows["dashboard"].per_second == 2
    assert rows["all pages"].requests == 8 and rows["all pages"].p95_ms == 1200
    without = rows["all but sign-in"]
    assert without.requests == 4 and without.p95_ms == 40 and without.median_ms == 20


def test_failures_are_counted_per_page_and_in_both_totals():
    samples = [Sample("entry page", 50, True), Sample("entry page", 60, False)]
    samples += [Sample(SIGN_IN, 500, True)]
    rows = {row.name: row for row in summarise(samples, seconds=1)}
    assert rows["entry page"].errors == 1
    assert rows["all pages"].errors == 2 and rows["all but sign-in"].errors == 1


def test_pages_are_listed_by_name_then_the_totals():
    samples = [Sample("b", 1, False), Sample("a", 1, False)]
    assert [row.name for row in summarise(samples, seconds=1)] == [
        "a",
        "b",
        "all pages",
        "all but sign-in",
    ]
