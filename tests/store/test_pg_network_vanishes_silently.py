"""The network to the shared database vanishing without a word (a Wi-Fi change, a laptop
lid closed, a cable pulled, a server's power cut): nothing comes back, not even a reset.

A loopback proxy cannot show this — the kernel acknowledges everything sent to it —
so the desktop runs in a network namespace of its own (`unshare -n`, as root), reaches
the test server through a proxy inside it, and the namespace's loopback is switched
off: what was sent is never acknowledged, as on a network that is gone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.pgserver import server_binaries

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]

# Runs inside the namespace: argv = socket folder, server port, database name, how long
# the network stays away (seconds; 0 = for good).
DESKTOP = r"""
import json, os, socket, subprocess, sys, threading, time

folder, port, dbname, away = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)

def pipe(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass

def accept():
    while True:
        client, _ = listener.accept()
        upstream = socket.socket(socket.AF_UNIX)
        upstream.connect(os.path.join(folder, f".s.PGSQL.{port}"))
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=pipe, args=(a, b), daemon=True).start()

threading.Thread(target=accept, daemon=True).start()

from inbox_app.store import StoreUnavailable, open_store

store = open_store(f"postgresql://postgres@127.0.0.1:{listener.getsockname()[1]}/{dbname}")
store.ping()
subprocess.run(["ip", "link", "set", "lo", "down"], check=True)
if away:
    threading.Timer(away, subprocess.run, (["ip", "link", "set", "lo", "up"],)).start()
started = time.monotonic()
try:
    store.ping()
except StoreUnavailable as error:
    outcome = str(error)
else:
    outcome = "answered"
print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started}))
"""


# Runs inside the namespace, with a server of its own there (its sockets must see the
# network go too): one desktop holds a row and its poller's account lock, its network
# vanishes, and a colleague (on the server's local socket) waits to change that row.
# argv = how long the colleague waits at most (seconds).
COLLEAGUE = r"""
import json, subprocess, sys, time
import psycopg
from inbox_app.store import AccountBusy, open_store
from tests.pgserver import PgCluster, server_binaries
from tests.store.helpers import msg

subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
cluster = PgCluster(server_binaries()).start()
try:
    gone = open_store(cluster.url("postgres"))  # over TCP, as from another computer
    gone.save_messages([msg("m1", "Where is my parcel?", email="ann@example.org")])
    gone.add_staff("Ann")
    conversation = gone._scalar("SELECT MIN(id) AS id FROM conversations")
    polling = gone.account_lock("shop mail")
    polling.__enter__()
    changing = gone.transaction()
    changing.__enter__()
    gone.assign(conversation, "Ann")
    subprocess.run(["ip", "link", "set", "lo", "down"], check=True)
    colleague = open_store(
        f"postgresql://{cluster.user}@/postgres?host={cluster.root}&port={cluster.port}")
    colleague.conn.execute(f"SET lock_timeout = '{sys.argv[1]}s'")
    started = time.monotonic()
    try:
        colleague.close_conversation(conversation)
        with colleague.account_lock("shop mail"):
            outcome = "saved"
    except AccountBusy:
        outcome = "account still held"
    except Exception as error:
        outcome = f"still waiting ({error})"
    print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started}))
finally:
    cluster.stop()
"""


def socket_folder(pg_databases) -> str:
    row = pg_databases.admin.execute("SHOW unix_socket_directories").fetchone()
    folder = (row[0] or "").split(",")[0].strip()
    if not folder or not os.path.isdir(folder):
        pytest.skip("the test server has no local socket to reach it from another namespace")
    return folder


def in_its_own_network(script: str, *args: str, wait: float) -> dict:
    """Runs `script` in a network namespace of its own; what it printed last, as JSON.
    Fails when it is still waiting after `wait` seconds."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("needs unshare and ip (util-linux, iproute2)")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a network namespace here (needs root)")
    try:
        done = subprocess.run(
            ["unshare", "-n", sys.executable, "-c", script, *args],
            cwd=ROOT, capture_output=True, text=True, timeout=wait,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still waiting on the vanished network after {wait:.0f} s")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def desktop_in_its_own_network(pg_databases, pg_url, away: float, wait: float) -> dict:
    """What the desktop's ping came to once its network went, and how long it took."""
    parts = urlsplit(pg_url)
    return in_its_own_network(DESKTOP, socket_folder(pg_databases), str(parts.port),
                              parts.path.lstrip("/"), str(away), wait=wait)


def test_a_query_on_a_network_that_vanished_gives_up_instead_of_hanging(pg_databases, pg_url):
    """Seen: a job's next statement after the cable was pulled waited for TCP's own
    retransmissions (about 15 minutes) while keepalives, which only watch an idle line,
    said nothing; the window's jobs hung that long even after the server was back."""
    said = desktop_in_its_own_network(pg_databases, pg_url, away=0, wait=120)
    assert said["outcome"].startswith("Lost the connection to the shared database"), said
    assert said["seconds"] < 90, said


def test_a_short_network_blip_does_not_drop_the_connection(pg_databases, pg_url):
    """A few seconds of Wi-Fi trouble is waited out: the query answers once it is back."""
    said = desktop_in_its_own_network(pg_databases, pg_url, away=3, wait=120)
    assert said["outcome"] == "answered", said


def test_a_desktop_that_vanished_mid_change_does_not_hold_up_its_colleagues():
    """Seen: a laptop shut mid-change (or mid-poll) kept its row locks and its account lock
    on the server until the server's own TCP keepalive noticed, two hours later by
    default; a colleague closing that conversation, or polling that account, waited."""
    if server_binaries() is None:
        pytest.skip("needs PostgreSQL's server binaries to run a server in the namespace")
    said = in_its_own_network(COLLEAGUE, "100", wait=180)
    assert said["outcome"] == "saved", said
    assert said["seconds"] < 90, said
