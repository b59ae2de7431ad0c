"""kill -9 at random moments of an import or a poll, then the same again: every item exactly once."""

from __future__ import annotations

import os
import random
import select
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


def _count_stored(db: Path) -> int:
    """Messages committed so far; 0 before the schema exists."""
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=1)
    try:
        return connection.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
    finally:
        connection.close()


def _kill_once_stored(process: subprocess.Popen, db: Path, target: int, extra: float) -> bool:
    """SIGKILL once the store holds `target` messages and `extra` seconds more have passed
    (inside the next batch, or between two); False when the import ended first. Progress,
    not the clock, chooses the moment, so a fast machine is killed as often as a slow one."""
    while process.poll() is None:
        if _count_stored(db) >= target:
            time.sleep(extra)
            if process.poll() is not None:
                return False
            os.killpg(process.pid, signal.SIGKILL)
            return True
        time.sleep(0.005)
    return False


@pytest.mark.slow
def test_kill_9_during_import_then_rerun_stores_everything_exactly_once(tmp_path):
    source = tmp_path / "messages.jsonl"
    total = 30000
    write_import_file(source, total, seed=11)
    db = tmp_path / "inbox.db"
    rng = random.Random(5)
    killed_mid_way, progress = 0, []
    for round_number in range(KILLS):
        before = _count_stored(db)
        # Round 0 is killed while starting (maybe before the schema exists); later rounds
        # once the store holds a growing share of the file, somewhere in the next batch.
        target = total * round_number // KILLS
        process = _import(db, source)
        if _kill_once_stored(process, db, target, rng.uniform(0.0, 0.4)):
            killed_mid_way += 1
        process.wait(timeout=60)
        stored = _count_stored(db)
        assert before <= stored <= total
        progress.append(stored)
    assert killed_mid_way >= KILLS // 2, progress
    print(f"import killed {killed_mid_way} times in {KILLS} rounds; stored after each: {progress}")
    final = _import(db, source)
    out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    assert out.decode().strip().endswith("errors 0")
    _check_consistent(db, total)


# kill -9 during a poll

FEEDS = 8
FEED_ENTRIES_FIRST, FEED_ENTRIES_GROWTH = 220, 20  # 500 (a feed's cap per poll) by the end
MENTIONS_FIRST, MENTIONS_GROWTH = 900, 90  # a poll reads 10 pages of 40: backlogs carry over
POLL_KILLS = 20
MASTODON_TOKEN = "durability-token"


class GrowingSources:
    """Review feeds and a Mastodon server whose content grows every round, as a busy shop's
    would, so every poll has work to be killed in: feeds gain entries (ETag per size, so an
    unchanged feed answers 304) and new mentions arrive on top of any backlog."""

    def __init__(self, server, corpus_mention: dict):
        from tests.sources.mastodon_standin import MastodonServer

        self.server = server
        self.round = 0
        self.mastodon = MastodonServer(server, token=MASTODON_TOKEN)
        self.template = corpus_mention
        self.mentions: list[dict] = []  # newest first
        self._documents: dict[tuple[int, int], bytes] = {}
        for number in range(FEEDS):
            server.route("GET", f"/reviews/{number}.rss", self._feed_handler(number))
        self.grow()

    def feed_entries(self) -> int:
        return FEED_ENTRIES_FIRST + FEED_ENTRIES_GROWTH * min(self.round, 14)

    def grow(self) -> None:
        """The next round: more entries in every feed, more mentions."""
        import copy

        self.round += 1
        wanted = MENTIONS_FIRST + MENTIONS_GROWTH * (self.round - 1)
        for number in range(len(self.mentions), wanted):
            mention = copy.deepcopy(self.template)
            status = mention["status"]
            mention["id"] = str(1000 + number)
            status["id"] = str(117020577157700000 + number)
            status["url"] = f"{self.server.base_url}/@admin/{status['id']}"
            status["content"] = (f"<p>Order {number}: the beans arrived "
                                 f"{'late and crushed' if number % 3 else 'fresh, thank you'}</p>")
            minute = 1_800_000_000 + number * 60
            status["created_at"] = mention["created_at"] = time.strftime(
                "%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(minute))
            self.mentions.insert(0, mention)
        self.mastodon.serve(self.mentions, page_size=40)

    def _feed_handler(self, number: int):
        from tests.servers import Reply

        def handle(request):
            entries = self.feed_entries()
            etag = f'"{number}-{entries}"'
            if request.header("If-None-Match") == etag:
                return Reply(304, {"ETag": etag})
            return Reply(200, {"Content-Type": "application/rss+xml", "ETag": etag},
                         self._document(number, entries))

        return handle

    def _document(self, number: int, entries: int) -> bytes:
        key = (number, entries)
        if key not in self._documents:
            items = "".join(
                f"<item><guid isPermaLink='false'>shop{number}-review{n}</guid>"
                f"<title>Review {n} of branch {number}</title>"
                f"<link>https://reviews.example/{number}/{n}</link>"
                f"<author>reviewer{n % 97}@example.org (Reviewer {n % 97})</author>"
                f"<pubDate>{time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime(1_790_000_000 + n * 3600))}</pubDate>"
                f"<description>&lt;p&gt;The coffee was {'great' if n % 2 else 'cold'} and the "
                f"staff {'friendly' if n % 5 else 'slow'} (visit {n}).&lt;/p&gt;</description>"
                "</item>" for n in range(entries))
            self._documents[key] = (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>Branch {number} '
                f"reviews</title>{items}</channel></rss>").encode()
        return self._documents[key]

    def expected(self) -> int:
        return FEEDS * self.feed_entries() + len(self.mentions)


def _poll(db: Path, environment: dict[str, str]) -> subprocess.Popen:
    """`poll --once` in its own process group; unbuffered, so each account's line shows as
    soon as its transaction has committed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **environment}
    return subprocess.Popen(
        [sys.executable, "-m", "inbox_app", "--db", str(db), "poll", "--once"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
        start_new_session=True,
    )


def _stored(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    finally:
        connection.close()


def _stored_for(db: Path, account: str) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT COUNT(*) FROM messages WHERE account = ?",
                                  (account,)).fetchone()[0]
    finally:
        connection.close()


@pytest.mark.slow
def test_kill_9_during_a_poll_then_polling_again_stores_everything_exactly_once(
        tmp_path, http_server, corpus):
    from inbox_app.sources.feeds import _seen_mark
    from inbox_app.store import open_store
    from tests.file_keyring import environment
    from tests.sources.recorded import mastodon_json

    mention = mastodon_json("test_notifications_mentions_only.yaml", 1, http_server.base_url)[0]
    sources = GrowingSources(http_server, mention)
    db = tmp_path / "inbox.db"
    store = open_store(db)
    for number in range(FEEDS):
        store.add_account(f"Branch {number} reviews", "feed",
                          {"url": http_server.url(f"/reviews/{number}.rss")})
    store.add_account("Mastodon", "mastodon", {"server": http_server.base_url})
    store.set_cursor("Mastodon", {"since_id": "999"})  # read everything from mention 1000 on
    store.close()
    keyring_env = environment(tmp_path / "keyring.json", {"Mastodon": MASTODON_TOKEN})

    rng = random.Random(9)
    killed_mid_way, progress = 0, []
    for iteration in range(POLL_KILLS):
        before = _stored(db)
        process = _poll(db, keyring_env)
        if iteration % 2:
            # Anywhere up to the first account's commit: starting up, the daily backup,
            # fetching, parsing, storing (however fast the machine).
            select.select([process.stdout], [], [], rng.uniform(0.2, 5.0))
        else:
            # Once some accounts are stored: between or inside the others' transactions.
            for _ in range(rng.randint(1, FEEDS)):
                if not process.stdout.readline():
                    break
            time.sleep(rng.uniform(0.0, 0.05))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed_mid_way += 1
        process.wait(timeout=60)
        after = _stored(db)
        assert before <= after <= sources.expected()
        progress.append(after - before)
        sources.grow()
    assert killed_mid_way >= POLL_KILLS * 3 // 4, progress
    assert sum(1 for stored in progress if stored) >= POLL_KILLS // 3, progress
    print(f"poll killed {killed_mid_way} times in {POLL_KILLS} rounds; messages stored by each "
          f"round before its kill: {progress}")

    # Polls run to the end until nothing is new (the Mastodon backlog takes a few).
    for _ in range(10):
        final = _poll(db, keyring_env)
        out, err = final.communicate(timeout=600)
        assert final.returncode == 0, err.decode()
        lines = out.decode().splitlines()
        assert len(lines) == FEEDS + 1 and not any("failed" in line for line in lines), lines
        if all(": 0 new" in line for line in lines):
            break
    else:
        pytest.fail("the polls never caught up")
    _check_consistent(db, sources.expected())

    store = open_store(db)
    try:
        counts = {account.name: account_count for account in store.list_accounts()
                  for account_count in [_stored_for(db, account.name)]}
        assert counts == {**{f"Branch {n} reviews": sources.feed_entries() for n in range(FEEDS)},
                          "Mastodon": len(sources.mentions)}
        for number in range(FEEDS):
            cursor = store.get_account(f"Branch {number} reviews").cursor
            assert cursor["etag"] == f'"{number}-{sources.feed_entries()}"'
            assert set(cursor["seen"]) == {_seen_mark(f"shop{number}-review{n}")
                                           for n in range(sources.feed_entries())}
        assert store.get_account("Mastodon").cursor == {"since_id": sources.mentions[0]["id"]}
    finally:
        store.close()


HELPERS = """
import os, sys, time
from inbox_app.core.sentiment import Scorer, score_many
from inbox_app.sources import parse_worker

if __name__ == "__main__":
    parse_worker.start()
    scorer = Scorer(1)
    pids = {parse_worker.run(os.getpid), *(pid for pid in scorer.map_ordered(
        os.getpid, [()] * 3))}
    print(" ".join(map(str, pids)), flush=True)
    time.sleep(120)
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_helper_processes_end_when_the_app_is_killed(tmp_path):
    """A window or an import killed with -9 cannot tell its helper processes (parsing,
    scoring); they notice their parent is gone and end instead of waiting for ever."""
    script = tmp_path / "helpers.py"
    script.write_text(HELPERS)
    app = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    try:
        helpers = [int(pid) for pid in app.stdout.readline().split()]
        assert len(helpers) == 2 and app.pid not in helpers
        assert all(_running(pid) for pid in helpers)
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_running(pid) for pid in helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_running(pid) for pid in helpers)
    finally:
        app.kill()
