"""Mean VADER compounds that do not depend on the order an engine added the scores in.

A float sum is off in its last bits by the order it was added in, and SQLite and
PostgreSQL add in different orders: the same store gave 0.2626217105263158 on one and
0.26262171052631583 on the other. The summary's means must be one number on both.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import as_json, compute_figures
from tests.reports.conftest import felt
from tests.store.helpers import msg

MARCH = month_period("2026-03")
AS_OF = t("2026-04-01T10:00:00Z")
SCORES = ["0.1", "0.2", "0.3", "0.7", "-0.4", "0.2", "0.3"]  # 0.1 + 0.2 + 0.3 ≠ 0.6 in floats


def exact_mean(scores: list[str]) -> float:
    """The mean of the exact sum, as the nearest float to that sum divided by the count."""
    return float(sum(Decimal(score) for score in scores)) / len(scores)


@pytest.mark.both_engines
def test_a_mean_compound_is_the_exact_sum_over_the_count(store):
    store.save_messages([
        felt(msg(f"m{index}", email="ann@x.org", author="Ann Adams",
                 at=f"2026-03-{index + 2:02d}T10:00:00Z"), float(score))
        for index, score in enumerate(SCORES)
    ])
    store.set_customer_value(store.find_customer("ann@x.org").id, 900.0)
    figures = compute_figures(store, MARCH, now_at=AS_OF)
    expected = exact_mean(SCORES)
    assert figures.sentiment.mean_compound == expected
    assert figures.sentiment_by_family["email"].mean_compound == expected
    assert figures.valuable_customers[0].mean_compound == expected
    week = [w for w in figures.weeks if w.week.first.isoformat() == "2026-03-02"][0]
    assert week.mood.mean_compound == expected  # Monday 2 to Sunday 8 March


def test_the_demo_shops_summary_is_the_same_on_sqlite_and_postgresql(demo_on_both_engines):
    solo, team = demo_on_both_engines
    for month in ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05"):
        period = month_period(month)
        assert (as_json(compute_figures(solo, period, now_at=1_780_000_000))
                == as_json(compute_figures(team, period, now_at=1_780_000_000))), month
