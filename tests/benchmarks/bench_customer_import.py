"""Importing a shop system's customer list (Shopify-shaped CSV) into a demo store.

Run: .venv/bin/python tests/benchmarks/bench_customer_import.py [--rows 10000]
Times the first import (most rows new customers, some matching the demo's), then the
same file again (every row unchanged).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inbox_app import demo  # noqa: E402
from inbox_app.customer_import import import_customer_csv  # noqa: E402
from inbox_app.store import open_store  # noqa: E402

HEADER = (ROOT / "tests" / "fixtures" / "customers" / "shopify.csv").read_text().splitlines()[0]


def write_list(path: Path, rows: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    lines = [HEADER]
    for n in range(rows):
        spent = rng.randrange(0, 500_000) / 100
        lines.append(f"'{n},First{n},Last{n},person{n}@example.com,yes,,,,,,,,,"
                     f"'+1207555{n % 10000:04d},no,{spent:.2f},{rng.randrange(1, 50)},,no,"
                     f'"VIP, tag{n % 7}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "customers_export.csv"
        write_list(source, args.rows)
        store = open_store(Path(folder) / "demo.db")
        demo.fill(store)
        for label in ("first import", "same file again"):
            started = time.perf_counter()
            summary = import_customer_csv(store, source)
            seconds = time.perf_counter() - started
            print(f"{label:<16} {summary.line():<48} {seconds:5.2f} s"
                  f"  {args.rows / seconds:,.0f} rows/s")
        store.close()


if __name__ == "__main__":
    main()
