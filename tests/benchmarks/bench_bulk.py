"""Bulk actions on a selection: close, label and assign N conversations, one transaction each.

Run: /work/venv/bin/python tests/benchmarks/bench_bulk.py [--count 500]
What it shows: the time the pool thread spends in the store for one bulk action
(the window keeps painting meanwhile; tests/gui proves that part).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from inbox_app.core.timeutil import now  # noqa: E402
from inbox_app.store import QueueQuery, open_store  # noqa: E402
from tests.store.helpers import msg  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-bulk-"))
    store = open_store(folder / "bulk.db")
    store.add_staff("Maya")
    start = now() - 86400
    store.save_messages([msg(f"e{i}", f"Question {i}", email=f"c{i}@example.com",
                             thread=f"t{i}", at=start + i) for i in range(args.count)])
    ids = store.queue_ids(QueueQuery())
    for name, action in (
        ("label", lambda: store.bulk_label(ids, "refund", staff="Maya")),
        ("tag", lambda: store.bulk_tag(ids, "wholesale", staff="Maya")),
        ("assign", lambda: store.bulk_assign(ids, "Maya", due_at=now() + 3600, staff="Maya")),
        ("snooze", lambda: store.bulk_snooze(ids, now() + 3600, staff="Maya")),
        ("close", lambda: store.bulk_close(ids, staff="Maya")),
    ):
        started = time.perf_counter()
        changed = action()
        print(f"{name:<7} {changed:>6} in {(time.perf_counter() - started) * 1000:7.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
