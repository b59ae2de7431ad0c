"""The connection lost in the middle of a batch of inserts (an import of thousands of
messages while the server restarts): the person reads the store's one sentence, and
nothing of psycopg's own on stderr besides it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]

# As `inbox-app import` runs it: no logging set up, errors caught and printed as one line.
# The line goes (a proxy cut) while the batch is still being sent: far more than can be
# sent before the cut.
BATCH = r"""
import sys, threading
from urllib.parse import urlsplit
from inbox_app.store import StoreUnavailable, open_store
from tests.pgserver import TcpProxy

parts = urlsplit(sys.argv[1])
proxy = TcpProxy(parts.port)
store = open_store(f"postgresql://{parts.username}@127.0.0.1:{proxy.port}{parts.path}")
threading.Timer(0.3, proxy.cut).start()
try:
    with store.transaction():
        store._exec_many("SELECT length(?) AS n", [("x" * 100_000,)] * 20_000)
except StoreUnavailable as error:
    print(error)
"""


def test_a_batch_cut_off_midway_prints_nothing_but_the_stores_sentence(pg_url):
    """Seen: `inbox-app import` printed "error ignored terminating <psycopg.Pipeline
    [BAD] …>: the connection is lost" above its own message."""
    done = subprocess.run([sys.executable, "-c", BATCH, pg_url], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.startswith("Lost the connection to the shared database"), done
    assert done.stderr == ""
