"""Bulk import of N generated messages vs VADER alone scoring the same texts on one core.

Run: .venv/bin/python tests/benchmarks/bench_import.py [--count 100000] [--breakdown]
The hardening target: import at least as fast as VADER alone on one core — vaderSentiment's
own `polarity_scores`, text by text. The import scores with `core/sentiment.polarity()`,
the same scores about three times as fast (VADER's rules without its repeated work, see
core/valence.py), so that rate is printed too: the import against the library is the
target, against our own scorer the harder comparison.
`--breakdown` also times each step alone on one core (parsing, storing already
scored messages), which tells how far the cores can be shared: on two cores the
import cannot beat VADER alone while parsing and storing cost more than VADER.
`--floor` (with `--breakdown`) also stores into a store stripped of what a schema
change could take away — the conversations' indexes for the queue's filters and the
search index — to show what storing would cost at the very least.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inbox_app.core.importing import parse_lines  # noqa: E402
from inbox_app.core.models import Sentiment  # noqa: E402
from inbox_app.core.sentiment import analyzer, score_many, worker_count  # noqa: E402
from inbox_app.pipeline import BATCH, collector_paused, import_jsonl  # noqa: E402
from inbox_app.store import open_store  # noqa: E402
from tests.benchmarks.synthetic import write_import_file  # noqa: E402


def per_message(seconds: float, count: int) -> str:
    return f"{seconds / count * 1e6:5.0f} µs/msg"


def stripped_store(path: Path):
    """A store without the conversations' filter indexes and without search indexing."""
    store = open_store(path)
    for (name,) in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversations'"
            " AND sql IS NOT NULL AND name != 'idx_conversations_thread_key'").fetchall():
        store.conn.execute(f"DROP INDEX {name}")
    store.index_messages = lambda _ids: None
    return store


def breakdown(source: Path, folder: Path, count: int, scoring_seconds: float,
              floor: bool = False) -> None:
    """Each step alone, in this process: what the import spreads over the cores."""
    lines = source.read_bytes().splitlines()
    started = time.perf_counter()
    items = list(parse_lines(lines))
    parse_seconds = time.perf_counter() - started
    for item, row in zip(items, score_many([item.text for item in items]), strict=True):
        item.sentiment = Sentiment(*row)
    store_seconds = timed_storing(open_store(folder / "store-alone.db"), items)
    print(f"one core, per message: scoring {per_message(scoring_seconds, count)},"
          f" parsing {per_message(parse_seconds, count)},"
          f" storing (scored, {BATCH} to a transaction) {per_message(store_seconds, count)}")
    if floor:
        least = timed_storing(stripped_store(folder / "store-stripped.db"), items)
        print(f"storing without the queue's conversation indexes and the search index:"
              f" {per_message(least, count)}; with scoring and parsing that is"
              f" {per_message(scoring_seconds + parse_seconds + least, count)} of work,"
              f" against {per_message(2 * scoring_seconds, count)} (two cores of scoring alone)")


def timed_storing(store, items) -> float:
    """As the import stores: in batches, with the garbage collector paused."""
    started = time.perf_counter()
    with collector_paused():
        for start in range(0, len(items), BATCH):
            store.save_messages(items[start : start + BATCH])
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--breakdown", action="store_true",
                        help="also time parsing and storing alone on one core")
    parser.add_argument("--rules", action="store_true",
                        help="with the demo shop's three rules in force (refunds to Priya…)")
    parser.add_argument("--floor", action="store_true",
                        help="with --breakdown: also storing without the indexes a schema"
                             " change could drop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "messages.jsonl"
        texts = write_import_file(source, args.count)
        started = time.perf_counter()
        score_many(texts)
        ours_seconds = time.perf_counter() - started
        polarity_scores = analyzer().polarity_scores
        started = time.perf_counter()
        for text in texts:
            polarity_scores(text)
        vader_seconds = time.perf_counter() - started
        store = open_store(Path(folder) / "bench.db")
        if args.rules:
            from inbox_app.demo import DEMO_RULES, STAFF

            for name in STAFF:
                store.add_staff(name)
            for rule in DEMO_RULES:
                store.save_rule(rule)
        started = time.perf_counter()
        summary = import_jsonl(store, source)
        import_seconds = time.perf_counter() - started
        assert summary.imported == args.count, summary.line()
        started = time.perf_counter()
        again = import_jsonl(store, source)
        reimport_seconds = time.perf_counter() - started
        assert again.imported == 0
        stats = store.stats()
        assigned = store._scalar("SELECT COUNT(*) AS n FROM conversations"
                                 " WHERE assignee IS NOT NULL")
        labelled = store._scalar("SELECT COUNT(*) AS n FROM conversation_labels")
        store.close()
        if args.breakdown:
            breakdown(source, Path(folder), args.count, ours_seconds, args.floor)
    print(f"messages:            {args.count}")
    print(f"processes:           {worker_count()} worker(s) + this one (stores, and parses"
          " and scores when the workers are behind)")
    print(f"VADER alone, 1 core: {args.count / vader_seconds:,.0f} msg/s ({vader_seconds:.1f} s)"
          "  (vaderSentiment's polarity_scores)")
    print(f"our scorer, 1 core:  {args.count / ours_seconds:,.0f} msg/s ({ours_seconds:.1f} s)"
          "  (core/sentiment.polarity: the same scores)")
    print(f"import:              {args.count / import_seconds:,.0f} msg/s ({import_seconds:.1f} s)"
          f"  ratio {vader_seconds / import_seconds:.2f}x against VADER alone,"
          f" {ours_seconds / import_seconds:.2f}x against our scorer")
    print(f"re-import (all dup): {args.count / reimport_seconds:,.0f} msg/s"
          f" ({reimport_seconds:.1f} s)")
    print(f"store: {stats['conversations']} conversations, {stats['customers']} customers"
          + (f"; rules assigned {assigned:,} and labelled {labelled:,}" if args.rules else ""))


if __name__ == "__main__":
    main()
