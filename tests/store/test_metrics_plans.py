"""Every query behind the monthly summary reads messages and events through an index."""

from __future__ import annotations

import re

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.reports.figures import compute_figures

from .helpers import msg

FULL_SCAN = re.compile(r"^SCAN (m|o|p|e|mm|messages|events|message_mentions)\b")


@pytest.mark.sqlite_only  # reads SQLite's query plans; PostgreSQL plans itself
def test_no_summary_query_scans_messages_or_events(store):
    store.add_staff("Maya")
    store.save_messages([
        msg(f"e{i}", email=f"c{i % 7}@x.org", thread=f"t{i}", at=f"2026-03-{1 + i % 28:02d}T10:00:00Z")
        for i in range(60)
    ] + [
        msg(f"r{i}", "Done", direction="out", staff="Maya", thread=f"t{i}",
            at=f"2026-03-{1 + i % 28:02d}T11:00:00Z")
        for i in range(0, 60, 2)
    ])
    queries: list[tuple[str, tuple]] = []
    real_rows = store._rows

    def recording(sql, params=()):
        queries.append((sql, tuple(params)))
        return real_rows(sql, params)

    store._rows = recording
    compute_figures(store, month_period("2026-03"))
    store._rows = real_rows
    summary_queries = [(sql, params) for sql, params in queries
                       if "messages" in sql or "events" in sql]
    assert len(summary_queries) >= 7
    for sql, params in summary_queries:
        plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        assert not [step for step in plan if FULL_SCAN.match(step)], (sql, plan)
        assert any("USING" in step and "INDEX" in step for step in plan), (sql, plan)
