"""How long a colleague's change takes to show in an open window, on both engines.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_live_window.py [--rounds 20]

Builds the demo shop in a SQLite file and in a throwaway PostgreSQL cluster
(tests/pgserver.py), opens the main window on each, and then, round after round,
another connection ("another desktop") assigns a conversation shown in the queue;
the time is taken from that commit until the window's queue row shows the new
assignee. Also counts how many queue reloads one of the window's own actions
costs (the action's own, plus its echo where the engine cannot name the row).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from inbox_app import demo  # noqa: E402
from inbox_app.store import open_store  # noqa: E402
from tests.pgserver import Databases, PgCluster, server_binaries  # noqa: E402

STAFF = ("Maya Okafor", "Theo Brandt")


def run_until(ready, limit_s: float = 10.0) -> float:
    """Spins the event loop in 1 ms steps until `ready()`; returns the time it took."""
    loop = QEventLoop()
    start = time.perf_counter()
    while not ready():
        if time.perf_counter() - start > limit_s:
            raise SystemExit("bench_live_window.py: the window did not catch up in time.")
        QTimer.singleShot(1, loop.quit)
        loop.exec()
    return time.perf_counter() - start


def measure(location: str, rounds: int, folder: Path) -> dict[str, float]:
    from inbox_app.gui.main_window import MainWindow

    settings = QSettings(str(folder / f"settings-{abs(hash(location))}.ini"),
                         QSettings.Format.IniFormat)
    window = MainWindow(location, staff=STAFF[0], settings=settings, theme_mode="light",
                        welcome=False)
    window.show()
    run_until(lambda: window._ready and window.jobs.pending == 0, 60)
    run_until(lambda: window.live.wait_ready(0), 30)
    model = window.queue_model
    other = open_store(location)
    delays = []
    try:
        for turn in range(rounds):
            row = model.conversation_at(5 + turn % 20)
            assignee = STAFF[(turn + 1) % 2] if row.assignee != STAFF[1] else STAFF[0]
            other.assign(row.conversation_id, assignee, staff=assignee)
            start = time.perf_counter()
            run_until(lambda r=row, a=assignee: model.row_of(r.conversation_id) is not None
                      and model.conversation_at(model.row_of(r.conversation_id)).assignee == a)
            delays.append(time.perf_counter() - start)
            run_until(lambda: window.jobs.pending == 0)
        reloads = []
        refresh = model.refresh
        model.refresh = lambda **kw: (reloads.append(kw), refresh(**kw))
        target = model.conversation_at(2).conversation_id
        window.actions_.label(target, "bench")
        run_until(lambda: window.jobs.pending == 0)
        heard = []
        window.live.changed.connect(heard.append)
        run_until(lambda: bool(heard), 5)
        run_until(lambda: window.jobs.pending == 0)
    finally:
        other.close()
        window.close()
    return {"median_ms": statistics.median(delays) * 1000, "max_ms": max(delays) * 1000,
            "reloads_per_own_action": len(reloads)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    app = QApplication([])  # noqa: F841  (the window needs one)
    folder = Path(tempfile.mkdtemp(prefix="inbox-bench-live-"))
    sqlite_location = str(folder / "demo.db")
    store = open_store(sqlite_location)
    demo.fill(store)
    store.close()
    results = {"sqlite": measure(sqlite_location, args.rounds, folder)}
    bindir = server_binaries()
    if bindir is not None:
        cluster = PgCluster(bindir).start()
        try:
            databases = Databases(cluster.url("postgres"), cluster.url)
            databases.admin.execute('CREATE DATABASE "inbox"')
            store = open_store(cluster.url("inbox"))
            demo.fill(store)
            store.close()
            results["postgres"] = measure(cluster.url("inbox"), args.rounds, folder)
            databases.close()
        finally:
            cluster.stop()
    for engine, figures in results.items():
        print(f"{engine:9} change elsewhere → queue row updated: median"
              f" {figures['median_ms']:.0f} ms, max {figures['max_ms']:.0f} ms"
              f" ({args.rounds} rounds); queue reloads per own action:"
              f" {figures['reloads_per_own_action']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
