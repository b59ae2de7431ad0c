"""A restore on a disk too full to keep the store it replaces: it must say that nothing was
restored, not only that "the backup to …-before-restore-….db could not be written" — a
shop owner who asked for a restore reads that as the restore's backup having failed."""

from __future__ import annotations

import pytest

from inbox_app.backup import backup_now, restore
from inbox_app.cli import main
from inbox_app.store import SqliteStore, StoreError, open_store

from .helpers import msg

pytestmark = pytest.mark.sqlite_only


def on_a_full_disk(self, target):
    raise StoreError(f"The backup to {target} could not be written (database or disk is"
                     " full).")


def test_a_restore_that_cannot_keep_the_store_first_says_nothing_was_restored(
        db_path, tmp_path, capsys, monkeypatch):
    store = open_store(db_path)
    store.save_messages([msg("1", "in the backup", email="ann@example.com")])
    copy = backup_now(store, tmp_path / "copy.db")
    store.save_messages([msg("2", "only in the store", email="bo@example.com")])
    store.close()
    monkeypatch.setattr(SqliteStore, "backup_to", on_a_full_disk)
    with pytest.raises(StoreError, match="^Nothing was restored: the store as it is could not"
                                         " be kept first"):
        restore(db_path, copy)
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(copy)]) == 2
    err = capsys.readouterr().err
    assert "Nothing was restored" in err and "disk is full" in err
    assert len(err.strip().splitlines()) == 1
    monkeypatch.undo()
    assert open_store(db_path).stats()["messages"] == 2
