"""A backup whose pages are another size than the store's (made by another SQLite, or a
store once compacted with another page size in a database tool) restores like any other,
also while the window has the store open."""

from __future__ import annotations

import sqlite3

import pytest

from inbox_app.backup import backup_now, restore
from inbox_app.cli import main
from inbox_app.store import open_store

from .helpers import msg

pytestmark = pytest.mark.sqlite_only


def page_size(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()


def with_pages_of(path, size: int) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(f"PRAGMA page_size = {size}")
        connection.execute("VACUUM")
    finally:
        connection.close()


def test_a_backup_with_bigger_pages_restores_into_an_open_store(db_path, tmp_path, capsys):
    store = open_store(db_path)
    store.save_messages([msg("1", "the backup's message", email="ann@example.com")])
    copy = backup_now(store, tmp_path / "from another computer.db")
    with_pages_of(copy, 16384)
    assert page_size(copy) == 16384 > page_size(db_path)
    store.save_messages([msg("2", "only in the store", email="bo@example.com")])
    window = open_store(db_path)  # the window, open on the store throughout
    try:
        capsys.readouterr()
        assert main(["--db", str(db_path), "restore", str(copy)]) == 0, capsys.readouterr().err
        assert "restored" in capsys.readouterr().out
        assert window.stats()["messages"] == 1  # the window sees the restored store
    finally:
        window.close()
        store.close()
    restored = open_store(db_path)
    try:
        assert [m.text for m in restored.messages(1)] == ["the backup's message"]
        assert restored._scalar("PRAGMA journal_mode") == "wal"
    finally:
        restored.close()
    expected = {"backups", copy.name, db_path.name, f"{db_path.name}-wal", f"{db_path.name}-shm"}
    assert {path.name for path in tmp_path.iterdir()} <= expected  # nothing left behind


def test_restore_leaves_the_backup_it_was_given_as_it_was(db_path, tmp_path):
    store = open_store(db_path)
    store.save_messages([msg("1", email="ann@example.com")])
    copy = backup_now(store, tmp_path / "copy.db")
    store.close()
    with_pages_of(copy, 1024)
    before = copy.read_bytes()
    restore(db_path, copy)
    assert copy.read_bytes() == before
