"""A large store for benchmarks, built once from synthetic messages and cached."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from inbox_app.pipeline import import_jsonl
from inbox_app.store import open_store
from tests.benchmarks.synthetic import write_import_file

CACHE = Path(os.environ.get("INBOX_APP_BENCH_CACHE", Path(tempfile.gettempdir()) / "inbox-bench"))


def big_store(count: int = 200_000) -> Path:
    """Path to a store holding `count` synthetic messages (built on first use)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"store-{count}.db"
    if path.exists():
        return path
    source = CACHE / f"messages-{count}.jsonl"
    write_import_file(source, count, seed=3)
    partial = CACHE / f"store-{count}.partial.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    store = open_store(partial)
    import_jsonl(store, source)
    store._exec("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    partial.rename(path)
    return path
