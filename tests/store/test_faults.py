"""Faults of the disk and the file under a SQLite store: a full disk, a lock held too long,
a backup that cannot be written. Each is one sentence, and nothing half-done stays."""

from __future__ import annotations

import sqlite3

import pytest

from inbox_app.cli import main
from inbox_app.store import DiskFull, SqliteStore, StoreBusy, StoreError, open_store

from .helpers import fill_the_disk, msg

pytestmark = pytest.mark.sqlite_only


def test_a_full_disk_rolls_the_batch_back_and_the_store_goes_on(store):
    store.save_messages([msg("1", "first", email="a@x.org")])
    fill_the_disk(store)
    batch = [msg(str(n), "words " * 400, email=f"c{n}@x.org") for n in range(2, 300)]
    with pytest.raises(DiskFull, match="is full, so the last change was rolled back"):
        store.save_messages(batch)
    assert not store.conn.in_transaction  # no write lock left behind
    assert store.stats()["messages"] == 1
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    store.save_messages(batch)
    assert store.stats()["messages"] == 299


def test_the_command_line_says_the_disk_is_full_in_one_sentence(tmp_path, capsys, monkeypatch):
    db = tmp_path / "shop.db"
    store = open_store(db)
    store.save_messages([msg("1", "first", email="a@x.org")])
    store.close()
    source = tmp_path / "many.jsonl"
    source.write_text("".join(
        f'{{"kind": "email", "id": "m{n}", "text": "{"words " * 300}",'
        f' "at": "2026-03-01T10:00:00Z", "email": "c{n}@x.org"}}\n' for n in range(400)))
    opened = SqliteStore.__init__

    def on_a_full_disk(self, *args, **kwargs):  # max_page_count lasts one connection
        opened(self, *args, **kwargs)
        fill_the_disk(self)

    monkeypatch.setattr(SqliteStore, "__init__", on_a_full_disk)
    code = main(["--db", str(db), "import", str(source)])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 2
    assert "is full" in err and "Traceback" not in err
    store = open_store(db)
    assert store.stats()["messages"] == 1
    store.close()


def test_a_lock_held_too_long_is_said_and_changes_nothing(store):
    store.save_messages([msg("1", email="a@x.org")])
    other = sqlite3.connect(store.location, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    store.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreBusy, match="held .* busy"):
            store.add_staff("Maya")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.list_staff() == []
    store.add_staff("Maya")
    assert [member.name for member in store.list_staff()] == ["Maya"]


class FailingBackup:
    """The store's connection, except that copying it fails half-way, like a full disk."""

    def __init__(self, connection):
        self.connection = connection

    def backup(self, target, **kwargs):
        self.connection.backup(target, pages=1)
        raise sqlite3.OperationalError("database or disk is full")

    def __getattr__(self, name):
        return getattr(self.connection, name)


def test_a_backup_that_cannot_be_written_leaves_no_half_copy(store, tmp_path):
    store.save_messages([msg("1", email="a@x.org")])
    real = store.conn
    store.conn = FailingBackup(real)
    try:
        with pytest.raises(StoreError, match="could not be written"):
            store.backup_to(tmp_path / "copy.db")
    finally:
        store.conn = real
    assert list(tmp_path.glob("copy.db*")) == []
