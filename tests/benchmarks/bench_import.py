"""Bulk import of N generated messages vs VADER alone scoring the same texts on one core.

Run: .venv/bin/python tests/benchmarks/bench_import.py [--count 100000]
The hardening target: import at least as fast as VADER alone on one core.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inbox_app.core.sentiment import score_many, worker_count  # noqa: E402
from inbox_app.pipeline import import_jsonl  # noqa: E402
from inbox_app.store import open_store  # noqa: E402
from tests.benchmarks.synthetic import write_import_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "messages.jsonl"
        texts = write_import_file(source, args.count)
        started = time.perf_counter()
        score_many(texts)
        vader_seconds = time.perf_counter() - started
        store = open_store(Path(folder) / "bench.db")
        started = time.perf_counter()
        summary = import_jsonl(store, source)
        import_seconds = time.perf_counter() - started
        assert summary.imported == args.count, summary.line()
        started = time.perf_counter()
        again = import_jsonl(store, source)
        reimport_seconds = time.perf_counter() - started
        assert again.imported == 0
        stats = store.stats()
        store.close()
    print(f"messages:            {args.count}")
    print(f"cores used:          {worker_count()}")
    print(f"VADER alone, 1 core: {args.count / vader_seconds:,.0f} msg/s ({vader_seconds:.1f} s)")
    print(f"import:              {args.count / import_seconds:,.0f} msg/s ({import_seconds:.1f} s)"
          f"  ratio {vader_seconds / import_seconds:.2f}x")
    print(f"re-import (all dup): {args.count / reimport_seconds:,.0f} msg/s"
          f" ({reimport_seconds:.1f} s)")
    print(f"store: {stats['conversations']} conversations, {stats['customers']} customers")


if __name__ == "__main__":
    main()
