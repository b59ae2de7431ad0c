"""`queue --search` and filters on 200,000 messages vs a bare SQLite FTS5 query.

Run: .venv/bin/python tests/benchmarks/bench_queue.py [--count 200000]
Target: search within 1.5x of the bare FTS5 query that finds the same messages.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from inbox_app.store import QueueQuery, open_store  # noqa: E402
from inbox_app.store.fts5 import fts5_query  # noqa: E402
from tests.benchmarks.big_store import big_store  # noqa: E402

TERMS = ["refund", "wholesale", "grinder", "subscription holidays", "customer123", "barista rude"]


def timed(function, repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    args = parser.parse_args()
    path = big_store(args.count)
    store = open_store(path)
    bare = sqlite3.connect(path)
    print(f"store: {store.stats()['messages']} messages, {store.stats()['conversations']} conversations")
    print(f"{'search':<24}{'matches':>9}{'bare FTS5':>12}{'queue':>10}{'ratio':>8}"
          f"{'FTS5 in C':>12}{'ratio':>8}")
    for term in TERMS:
        query = fts5_query(term)
        matches = bare.execute("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH ?",
                               (query,)).fetchone()[0]
        bare_s = timed(lambda q=query: bare.execute(
            "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (q,)).fetchall())
        # The bare query's rows, counted inside SQLite: no Python objects made for them.
        in_c = timed(lambda q=query: bare.execute(
            "SELECT COUNT(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)",
            (q,)).fetchall())
        queue_s = timed(lambda t=term: store.queue(QueueQuery(filter="all", search=t, limit=50)))
        print(f"{term:<24}{matches:>9}{bare_s * 1000:>10.1f}ms{queue_s * 1000:>8.1f}ms"
              f"{queue_s / bare_s:>7.2f}x{in_c * 1000:>10.1f}ms{queue_s / in_c:>7.2f}x")
    print()
    for name in ("open", "unassigned", "negative", "closed", "all"):
        for order in ("priority", "newest"):
            seconds = timed(lambda n=name, o=order: store.queue(
                QueueQuery(filter=n, order=o, limit=100)))
            print(f"filter {name:<11} {order:<9} {seconds * 1000:6.1f} ms (first page of 100)")
    seconds = timed(lambda: store.view_counts("Maya"))
    print(f"sidebar counts          {seconds * 1000:6.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
