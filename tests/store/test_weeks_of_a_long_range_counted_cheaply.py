"""A long range (`--from 2000-01-01`, a From date far back on the Insights page) puts each
message in its week without comparing it with every week before it: 1,400 weeks cost a
busy store's count seconds, one comparison per week per message."""

from __future__ import annotations

import pytest

from inbox_app.core.metrics import month_period, range_period, weeks
from inbox_app.core.timeutil import parse_iso

from .helpers import msg


def vm_steps(store, period) -> int:
    """SQLite's virtual-machine steps (in hundreds) for the weekly counts of `period`:
    the work done, counted the same on any machine."""
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    store.conn.set_progress_handler(tick, 100)
    try:
        rows = store.inbound_summary(period.start, period.end,
                                     [week.start for week in weeks(period)[1:]])
    finally:
        store.conn.set_progress_handler(None, 0)
    assert sum(row["messages"] for row in rows) == 200
    return steps


@pytest.mark.sqlite_only  # counts SQLite's own steps
def test_a_range_of_decades_costs_about_what_a_month_does(store):
    store.save_messages([
        msg(f"e{i}", email=f"c{i % 9}@x.org", at=f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:00:00Z")
        for i in range(200)
    ])
    month = vm_steps(store, month_period("2026-03"))
    decades = range_period("1970-01-01", "2026-12-31")  # 2,975 weeks
    assert vm_steps(store, decades) < 3 * month + 50


@pytest.mark.parametrize("first, last", [("2026-03-01", "2026-03-31"),
                                         ("1999-12-27", "2026-04-05")])
def test_every_message_lands_in_its_own_week(store, first, last):
    days = ["2026-03-01T23:59:59Z", "2026-03-02T00:00:00Z", "2026-03-15T12:00:00Z",
            "2026-03-29T23:59:59Z", "2026-03-30T00:00:00Z", "2026-03-31T23:59:59Z"]
    store.save_messages([msg(f"e{i}", email="a@x.org", at=at) for i, at in enumerate(days)])
    period = range_period(first, last)
    period_weeks = weeks(period)
    rows = store.inbound_summary(period.start, period.end,
                                 [week.start for week in period_weeks[1:]])
    placed = {row["bucket"]: row["messages"] for row in rows}
    expected: dict[int, int] = {}
    for at in days:
        moment = parse_iso(at)
        (index,) = [i for i, week in enumerate(period_weeks) if week.start <= moment < week.end]
        expected[index] = expected.get(index, 0) + 1
    assert placed == expected
