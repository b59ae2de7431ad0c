"""A mailbox with a large backlog on its first read (20,000 mails is no rarity) is read in
one poll, in bounded steps each stored with its cursor — not 500 mails a poll interval,
days of intervals to catch up. A step killed mid-way loses nothing and doubles nothing
(real dovecot; the real poller, and `inbox-app poll --once` killed with SIGKILL)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inbox_app.sources.poller import _fetch_account, poll_once
from inbox_app.store import open_store
from tests.sources.mail.samples import mail

ROOT = Path(__file__).resolve().parents[3]


def _read_uid(account, folder: str) -> int:
    return int(((account.cursor.get("folders") or {}).get(folder) or {}).get("last_uid") or 0)


@pytest.mark.both_engines
def test_one_poll_reads_a_backlog_step_by_step_each_stored_with_its_cursor(
        store, dovecot, folder, mail_account):
    mail_account(max_per_poll=3)
    for number in range(7):
        dovecot.deliver(folder, mail(message_id=f"<n{number}@ann>", subject=f"Matter {number}"))
    steps: list[tuple[int, int]] = []  # (UID stored before the step, messages it read)

    def recording(account, secret):
        fetched = _fetch_account(account, secret)
        steps.append((_read_uid(account, folder), len(fetched.items)))
        return fetched

    [result] = poll_once(store, account="shop", fetcher=recording)

    assert (result.new, result.error) == (7, None)
    assert steps == [(0, 3), (3, 3), (6, 1)]  # each step began where the stored one ended
    assert store.stats()["messages"] == 7
    assert poll_once(store, account="shop")[0].new == 0


def test_the_sent_folder_is_read_in_the_same_poll_once_the_inbox_has_caught_up(
        store, dovecot, folder, mail_account):
    sent = dovecot.new_folder("Sent")
    mail_account(max_per_poll=3, sent_folder=sent)
    for number in range(5):
        dovecot.deliver(folder, mail(message_id=f"<in{number}@ann>", subject=f"Order {number}"))
    for number in range(2):
        dovecot.deliver(sent, mail(message_id=f"<out{number}@shop>", subject=f"Re: Order {number}",
                                   sender=("Shop", "shop@example.com"), to="ann@example.com",
                                   in_reply_to=f"<in{number}@ann>"))

    [result] = poll_once(store, account="shop")

    assert (result.new, result.error) == (7, None)
    directions = store._rows("SELECT direction, COUNT(*) AS n FROM messages GROUP BY direction")
    assert {row["direction"]: row["n"] for row in directions} == {"in": 5, "out": 2}


def test_a_mailbox_that_cannot_be_read_on_does_not_keep_the_poll_going(
        store, dovecot, folder, mail_account):
    """A step that reads nothing (no message may be read at all) ends the poll."""
    mail_account(max_per_poll=0)
    dovecot.deliver(folder, mail(message_id="<z1@ann>"))
    fetches = []

    def counting(account, secret):
        fetches.append(1)
        return _fetch_account(account, secret)

    [result] = poll_once(store, account="shop", fetcher=counting)
    assert (result.new, result.error, len(fetches)) == (0, None, 1)


BACKLOG = 1200
STEP = 100


def _stored(db: Path) -> tuple[int, int]:
    """(messages, distinct Message-IDs) as another process sees them."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT external_id) FROM messages").fetchone()
    except sqlite3.OperationalError:  # the schema is being made
        return 0, 0
    finally:
        connection.close()


def _poll(db: Path, environment: dict[str, str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **environment}
    return subprocess.Popen(
        [sys.executable, "-m", "inbox_app", "--db", str(db), "poll", "--once"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
        start_new_session=True)


@pytest.mark.slow
def test_a_catch_up_killed_between_or_inside_its_steps_loses_and_doubles_nothing(
        tmp_path, dovecot, folder):
    from tests.file_keyring import environment

    for number in range(BACKLOG):
        dovecot.deliver(folder, mail(message_id=f"<b{number}@ann>", subject=f"Order {number}",
                                     text=f"Where is order {number}?"))
    db = tmp_path / "shop.db"
    store = open_store(db)
    try:
        store.add_account("Shop mail", "email",
                          dovecot.account_config(folder, max_per_poll=STEP))
    finally:
        store.close()
    keyring_env = environment(tmp_path / "keyring.json", {"Shop mail": dovecot.password})

    first = _poll(db, keyring_env)
    try:
        deadline = time.monotonic() + 120
        while _stored(db)[0] < STEP and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.01)
        assert first.poll() is None, first.communicate()  # still reading on: killed mid-way
        os.killpg(first.pid, signal.SIGKILL)
    finally:
        first.wait(timeout=60)
    killed_at = _stored(db)
    assert STEP <= killed_at[0] < BACKLOG and killed_at[0] == killed_at[1]

    again = _poll(db, keyring_env)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()
    assert out.decode().strip() == f"Shop mail: {BACKLOG - killed_at[0]} new"  # in one poll
    assert _stored(db) == (BACKLOG, BACKLOG)
