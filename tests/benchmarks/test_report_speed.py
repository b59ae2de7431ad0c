"""How long the monthly summary takes on a store of 200,000 messages.

Run on demand (not part of the default suite):

    /work/venv/bin/python -m pytest -o addopts="" tests/benchmarks/test_report_speed.py -s

The store is built once (a few minutes) into .pytest_cache. Targets: the JSON
report of a month under 1 s, the PDF under 3 s. Nothing here fails on time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inbox_app.core.metrics import month_period, range_period
from inbox_app.reports.figures import compute_figures
from inbox_app.reports.json_report import json_text
from inbox_app.store import open_store
from tests.benchmarks import bigstore

ROOT = Path(__file__).resolve().parents[2]
MARCH = month_period("2026-03")
YEAR = range_period("2025-04-01", "2026-03-31")


@pytest.fixture(scope="session")
def big_location(request) -> Path:
    return bigstore.cached(Path(request.config.cache.mkdir("report-bench")))


@pytest.fixture
def big_store(big_location):
    store = open_store(big_location)
    yield store
    store.close()


def test_the_store_holds_200000_messages(big_store):
    assert big_store.stats()["messages"] >= 200_000


def test_report_json_for_a_month(benchmark, big_store):
    text = benchmark(lambda: json_text(compute_figures(big_store, MARCH)))
    assert json.loads(text)["inbound"]["total"] > 5_000


def test_report_json_for_the_whole_year(benchmark, big_store):
    text = benchmark.pedantic(lambda: json_text(compute_figures(big_store, YEAR)), rounds=3)
    inbound = json.loads(text)["inbound"]["total"]
    assert inbound == big_store._scalar(
        "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND at >= ? AND at < ?",
        (YEAR.start, YEAR.end))


def test_report_pdf_for_a_month(benchmark, big_store):
    from inbox_app.reports.pdf import application, pdf_bytes

    application()
    content = benchmark.pedantic(lambda: pdf_bytes(compute_figures(big_store, MARCH)), rounds=3)
    assert content.startswith(b"%PDF-")


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_report_from_the_command_line(big_location, tmp_path, fmt):
    """Wall time of `inbox-app report`, Python and Qt start-up included."""
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    out = tmp_path / f"march.{fmt}"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "inbox_app", "--db", str(big_location), "report", "--month",
         "2026-03", "--format", fmt, "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    print(f"\ninbox-app report --format {fmt} on 200,000 messages: {elapsed:.2f} s wall")
