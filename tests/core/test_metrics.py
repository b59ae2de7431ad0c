"""Periods, weeks and percentiles of the monthly summary, worked out by hand."""

from __future__ import annotations

import statistics
from datetime import date

import pytest

from inbox_app.core import metrics
from inbox_app.core.metrics import PeriodError, month_period, range_period, weeks
from inbox_app.core.timeutil import parse_iso


def test_a_month_is_its_local_days_end_exclusive():
    march = month_period("2026-03")
    assert (march.start, march.end) == (parse_iso("2026-03-01T00:00:00Z"),
                                        parse_iso("2026-04-01T00:00:00Z"))
    assert (march.first, march.last) == (date(2026, 3, 1), date(2026, 3, 31))
    assert march.label == "2026-03" and march.title == "March 2026"
    december = month_period("2025-12")
    assert december.end == parse_iso("2026-01-01T00:00:00Z")


def test_a_month_follows_local_time_and_daylight_saving(berlin):
    march = month_period("2026-03")
    assert march.start == parse_iso("2026-02-28T23:00:00Z")
    assert march.end == parse_iso("2026-03-31T22:00:00Z")  # CEST since 29 March


def test_a_range_includes_both_days():
    period = range_period("2026-03-10", "2026-03-12")
    assert period.start == parse_iso("2026-03-10T00:00:00Z")
    assert period.end == parse_iso("2026-03-13T00:00:00Z")
    assert period.label == "2026-03-10/2026-03-12"
    assert period.title == "10–12 March 2026"
    assert range_period("2026-02-27", "2026-03-02").title == "27 Feb – 2 Mar 2026"


@pytest.mark.parametrize("text", ["2026-13", "2026", "March", "", "26-03", "2026-00"])
def test_a_month_that_is_not_one_is_refused_in_a_sentence(text):
    with pytest.raises(PeriodError, match="is not a month"):
        month_period(text)


def test_a_backwards_range_or_a_bad_date_is_refused():
    with pytest.raises(PeriodError, match="ends .* before it starts"):
        range_period("2026-03-12", "2026-03-10")
    with pytest.raises(PeriodError, match="is not a date"):
        range_period("2026-02-30", "2026-03-10")


def test_previous_month():
    assert metrics.previous_month(date(2026, 1, 15)).label == "2025-12"
    assert metrics.previous_month(date(2026, 3, 1)).label == "2026-02"


def test_weeks_run_monday_to_sunday_cut_at_the_period_edges():
    # 1 March 2026 is a Sunday: a one-day week, four full weeks, then Mon 30 – Tue 31.
    march = weeks(month_period("2026-03"))
    assert [w.first for w in march] == [date(2026, 3, d) for d in (1, 2, 9, 16, 23, 30)]
    assert [(w.end - w.start) // 86400 for w in march] == [1, 7, 7, 7, 7, 2]
    assert march[0].start == month_period("2026-03").start
    assert march[-1].end == month_period("2026-03").end
    assert march[1].label == "2 Mar"


def test_weeks_in_local_time_keep_whole_days_across_daylight_saving(berlin):
    march = weeks(month_period("2026-03"))
    # The week of 23 March loses an hour when the clocks go forward.
    assert march[4].end - march[4].start == 7 * 86400 - 3600
    assert march[5].start == parse_iso("2026-03-29T22:00:00Z")


def test_median_is_statistics_median():
    assert metrics.median([]) is None
    assert metrics.median([5]) == 5
    assert metrics.median([1, 3]) == 2
    assert metrics.median([3600, 1800, 600, 7200]) == statistics.median([600, 1800, 3600, 7200])


def test_p90_is_the_nearest_rank():
    assert metrics.p90([]) is None
    assert metrics.p90([42]) == 42
    assert metrics.p90(list(range(1, 11))) == 9  # ⌈9.0⌉ = 9th
    assert metrics.p90(list(range(1, 12))) == 10  # ⌈9.9⌉ = 10th
    assert metrics.p90([10, 20, 30, 40, 50]) == 50  # ⌈4.5⌉ = 5th
    # 0.9 × 70 is 63.00000000000001 in floating point; the rank is still 63.
    assert metrics.p90(list(range(1, 71))) == 63


def test_top_twenty_percent_rounds_up_exactly():
    assert [metrics.top_count(n) for n in (0, 1, 4, 5, 6, 15, 16)] == [0, 1, 1, 1, 2, 3, 4]


def test_ratio_is_null_without_a_denominator():
    assert metrics.ratio(3, 0) is None
    assert metrics.ratio(0, 0) is None
    assert metrics.ratio(3, 2) == 1.5
    assert metrics.mean_compound(None, 0) is None
    assert metrics.mean_compound(0.1 + 0.2, 3) == 0.3 / 3  # the sum as VADER's places


def test_histogram_puts_each_duration_in_one_bucket():
    seconds = [0, 899, 900, 3599, 3600, 4 * 3600, 86399, 86400, 3 * 86400, 10**7]
    assert metrics.histogram(seconds) == [
        ("0–15 min", 2), ("15–60 min", 2), ("1–4 h", 1), ("4–24 h", 2), ("1–3 days", 1),
        ("3+ days", 2),
    ]
