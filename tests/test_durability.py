"""kill -9 at random moments of an import, then the same import again: every item exactly once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.synthetic import write_import_file

ROOT = Path(__file__).resolve().parent.parent
KILLS = 15


def _import(db: Path, source: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "inbox_app", "--db", str(db), "import", str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
        start_new_session=True,
    )


def _check_consistent(db: Path, expected: int) -> None:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count, distinct = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT external_id) FROM messages").fetchone()
        assert count == distinct == expected
        indexed = connection.execute("SELECT COUNT(*) FROM messages_fts").fetchone()[0]
        assert indexed == expected
        wrong = connection.execute(
            "SELECT COUNT(*) FROM conversations c WHERE message_count !="
            " (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id)"
            " AND status != 'merged'").fetchone()[0]
        assert wrong == 0
        orphans = connection.execute(
            "SELECT COUNT(*) FROM conversations c WHERE NOT EXISTS"
            " (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)").fetchone()[0]
        assert orphans == 0
    finally:
        connection.close()


@pytest.mark.slow
def test_kill_9_during_import_then_rerun_stores_everything_exactly_once(tmp_path):
    source = tmp_path / "messages.jsonl"
    total = 30000
    write_import_file(source, total, seed=11)
    db = tmp_path / "inbox.db"
    rng = random.Random(5)
    killed_mid_way = 0
    for _ in range(KILLS):
        process = _import(db, source)
        time.sleep(rng.uniform(0.3, 2.5))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed_mid_way += 1
        process.wait(timeout=60)
        if db.exists():
            connection = sqlite3.connect(db)
            try:
                stored = connection.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # killed before the schema was created
            connection.close()
            assert stored <= total
    assert killed_mid_way >= KILLS // 2
    final = _import(db, source)
    out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    assert out.decode().strip().endswith("errors 0")
    _check_consistent(db, total)
