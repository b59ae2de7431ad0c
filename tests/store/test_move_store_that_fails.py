"""`move-store --to NEW.db` that fails half-way (a full disk, say) leaves nothing where
the new store was to be: not an empty store, nor a write-ahead log holding a half copy
that fills the disk until something opens it again."""

from __future__ import annotations

import pytest

from inbox_app.cli import main
from inbox_app.store import DiskFull, open_store
from inbox_app.store import move as move_module

from .helpers import msg

pytestmark = pytest.mark.sqlite_only


def test_a_move_to_a_new_file_that_fails_leaves_no_file_behind(db_path, tmp_path, capsys,
                                                                 monkeypatch):
    store = open_store(db_path)
    store.save_messages([msg(str(n), "a message", email=f"c{n}@example.com") for n in range(5)])
    store.close()
    copy_table = move_module._copy_table

    def fills_the_disk(source, target, table, info):
        copy_table(source, target, table, info)
        if table == "messages":
            raise DiskFull(f"The disk holding {target.location} is full, so the last change"
                           " was rolled back (what was saved before it is kept). Free some"
                           " space and try again.")

    monkeypatch.setattr(move_module, "_copy_table", fills_the_disk)
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    capsys.readouterr()
    assert main(["--db", str(db_path), "move-store", "--to", str(laptop / "inbox.db")]) == 2
    assert "is full" in capsys.readouterr().err
    assert list(laptop.iterdir()) == []

    monkeypatch.undo()  # space freed: the same command again
    assert main(["--db", str(db_path), "move-store", "--to", str(laptop / "inbox.db")]) == 0
    moved = open_store(laptop / "inbox.db")
    assert moved.stats()["messages"] == 5
    moved.close()


def test_a_failed_move_into_an_empty_store_that_was_there_keeps_it(db_path, tmp_path,
                                                                      monkeypatch):
    open_store(db_path).close()
    empty = tmp_path / "prepared.db"
    open_store(empty).close()

    def fails(*args):
        raise DiskFull("The disk is full.")

    monkeypatch.setattr(move_module, "_copy_table", fails)
    source = open_store(db_path)
    try:
        with pytest.raises(DiskFull):
            move_module.move_store(source, str(empty))
    finally:
        source.close()
    assert empty.exists()
