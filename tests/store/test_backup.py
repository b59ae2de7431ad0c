import os
import sqlite3

import pytest

from inbox_app.backup import backup_if_due, backup_now, backups, restore
from inbox_app.cli import main
from inbox_app.store import NotAStore, SchemaTooNew, open_store

from .helpers import msg

DAY = 86400
# Backups here are SQLite files beside the store (PostgreSQL: see test_postgres.py).
pytestmark = pytest.mark.sqlite_only


def test_backup_is_a_consistent_store_and_restore_brings_it_back(store, tmp_path):
    store.save_messages([msg("1", "before the backup", email="a@x.org")])
    copy = backup_now(store, tmp_path / "copy.db")
    store.save_messages([msg("2", "after the backup", email="b@x.org")])
    location = store.location
    store.close()
    kept = restore(location, copy)
    assert kept is not None and kept.exists()
    restored = open_store(location)
    assert restored.stats()["messages"] == 1
    restored.close()
    assert open_store(kept).stats()["messages"] == 2


def test_daily_backups_keep_the_last_seven(store):
    store.save_messages([msg("1", email="a@x.org")])
    start = 1_800_000_000
    made = []
    for day in range(10):
        moment = start + day * DAY
        path = backup_if_due(store, at=moment)
        assert path is not None
        os.utime(path, (moment, moment))
        made.append(path)
        assert backup_if_due(store, at=moment + 3600) is None
    remaining = backups(store)
    assert len(remaining) == 7
    assert remaining == made[-7:]


def test_restore_refuses_what_is_not_a_store_or_is_newer(store, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello" * 1000)
    with pytest.raises(NotAStore):
        restore(store.location, junk)
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE things (x)")
    connection.commit()
    connection.close()
    with pytest.raises(NotAStore):
        restore(store.location, other)
    future = backup_now(store, tmp_path / "future.db")
    connection = sqlite3.connect(future)
    connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                       " VALUES ('inbox_app', 'm999_future', 'x')")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNew):
        restore(store.location, future)


def test_backup_and_restore_commands(tmp_path, capsys):
    db = str(tmp_path / "shop.db")
    assert main(["--db", db, "staff", "add", "Maya"]) == 0
    assert main(["--db", db, "backup", "--out", str(tmp_path / "b.db")]) == 0
    assert main(["--db", db, "staff", "add", "Theo"]) == 0
    assert main(["--db", db, "restore", str(tmp_path / "b.db")]) == 0
    capsys.readouterr()
    main(["--db", db, "staff", "list"])
    assert capsys.readouterr().out.split() == ["Maya"]
    assert main(["--db", db, "restore", str(tmp_path / "missing.db")]) == 2
    assert "There is no file" in capsys.readouterr().err
