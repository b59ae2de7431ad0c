"""Team mode against solo: claims, search, live changes and move-store, on both engines.

Run: .venv/bin/python tests/benchmarks/bench_team.py [--messages 20000]

Starts a throwaway PostgreSQL cluster on 127.0.0.1 (tests/pgserver.py; as root the
cluster belongs to the `postgres` user), builds the same synthetic store in a
SQLite file (through the ingest path) and copies it to PostgreSQL with move-store,
then measures on each engine:
- `claim_next` one at a time (median), and 20 desktops (threads, own connections)
  claiming at once (wall time until all 20 have one);
- the queue's search as a person types it (median per query, first page of 100);
- a change reaching another desktop (commit to listener callback, median);
- move-store SQLite → PostgreSQL (rows per second).
The server runs with fsync off, like the test cluster: numbers are for the app's
side of the work, not for disk durability.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inbox_app.store import QueueQuery, open_store  # noqa: E402
from inbox_app.store.move import move_store  # noqa: E402
from tests.pgserver import Databases, PgCluster, server_binaries  # noqa: E402
from tests.store.helpers import msg  # noqa: E402

WORDS = [
    "order", "parcel", "refund", "delivery", "wholesale", "price", "coffee", "beans", "late",
    "broken", "thanks", "invoice", "receipt", "opening", "hours", "croissant", "café",
    "espresso", "grinder", "subscription",
]
TYPED = ["r", "re", "ref", "refu", "refund", "wholesale pri", "café late", "ann@"]


def build(path: Path, count: int) -> None:
    rng = random.Random(7)
    store = open_store(path)
    for start in range(0, count, 2000):
        store.save_messages([
            msg(f"b{i}", " ".join(rng.choice(WORDS) for _ in range(12)),
                email=f"c{i % (count // 4 or 1)}@x.org", author=f"Customer {i % 997}",
                at=1_760_000_000 + i * 60)
            for i in range(start, min(count, start + 2000))
        ])
    for index in range(25):
        store.add_staff(f"Desk{index:02d}")
    store.close()


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms"


def measure(location: str, label: str) -> None:
    store = open_store(location)
    print(f"\n{label}: {store.stats()['messages']} messages, "
          f"{store.stats()['conversations']} conversations")
    for typed in TYPED:
        samples = []
        for _ in range(7):
            started = time.perf_counter()
            rows = store.queue(QueueQuery(filter="all", search=typed, limit=100))
            samples.append(time.perf_counter() - started)
        print(f"  search {typed!r:<18} {median_ms(samples):>10}  ({len(rows)} rows)")
    samples = []
    for _ in range(100):
        started = time.perf_counter()
        store.claim_next("Desk24")
        samples.append(time.perf_counter() - started)
    print(f"  claim_next, one desktop        {median_ms(samples):>10}")

    start = threading.Barrier(21)
    taken: list[int] = []

    def desk(name: str) -> None:
        mine = open_store(location)
        start.wait()
        taken.append(mine.claim_next(name).id)
        mine.close()

    threads = [threading.Thread(target=desk, args=(f"Desk{i:02d}",)) for i in range(20)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    print(f"  20 desktops claim_next at once {wall * 1000:>7.1f} ms wall,"
          f" {len(set(taken))} different conversations")

    arrived = threading.Event()
    listener = store.listen(lambda change: arrived.set())
    listener.wait_ready(10)
    writer = open_store(location)
    conversation = store.queue(QueueQuery(filter="open", limit=1))[0].conversation_id
    samples = []
    for _ in range(30):
        arrived.clear()
        started = time.perf_counter()
        writer.assign(conversation, "Desk00")
        arrived.wait(5)
        samples.append(time.perf_counter() - started)
    listener.stop()
    writer.close()
    print(f"  a change reaches another desktop {median_ms(samples):>8}")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20000)
    args = parser.parse_args()
    bindir = server_binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL's server binaries are not installed (apt-get install"
                         " postgresql).")
    cluster = PgCluster(bindir).start()
    databases = Databases(cluster.url("postgres"), cluster.url)
    try:
        with tempfile.TemporaryDirectory() as folder:
            solo = Path(folder) / "solo.db"
            began = time.perf_counter()
            build(solo, args.messages)
            print(f"built {args.messages} messages into SQLite in"
                  f" {time.perf_counter() - began:.1f} s")
            team = cluster.url(databases.empty())
            source = open_store(solo)
            began = time.perf_counter()
            report = move_store(source, team)
            took = time.perf_counter() - began
            source.close()
            print(f"move-store SQLite → PostgreSQL: {report.rows} rows in {took:.1f} s"
                  f" ({report.rows / took:,.0f} rows/s)")
            measure(str(solo), "SQLite")
            measure(team, "PostgreSQL")
    finally:
        databases.close()
        cluster.stop()


if __name__ == "__main__":
    main()
