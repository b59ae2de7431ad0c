"""`inbox-app restore` while a cron `poll --once` (or another window) is reading an account:
the poll would store what it read, and where it got to, into the restored store, and the
messages that came between the backup and that poll would never be read again. The
restore waits for no one: it says so and changes nothing."""

from __future__ import annotations

import pytest

from inbox_app.backup import backup_now, restore
from inbox_app.cli import main
from inbox_app.store import StoreBusy, open_store

from .helpers import msg

pytestmark = pytest.mark.sqlite_only


def test_a_restore_is_refused_while_a_poll_reads_an_account(db_path, tmp_path, capsys):
    store = open_store(db_path)
    store.add_account("Shop mail", "feed", {"url": "https://example.com/feed"})
    store.save_messages([msg("1", "in the backup", email="ann@example.com")])
    copy = backup_now(store, tmp_path / "copy.db")
    store.save_messages([msg("2", "came in after it", email="bo@example.com")])
    poll = open_store(db_path)  # the cron job's own connection
    try:
        with poll.account_lock("Shop mail"):
            with pytest.raises(StoreBusy, match="Shop mail is being read"):
                restore(db_path, copy)
            capsys.readouterr()
            assert main(["--db", str(db_path), "restore", str(copy)]) == 2
            err = capsys.readouterr().err
            assert "is being read" in err and len(err.strip().splitlines()) == 1
            assert store.stats()["messages"] == 2  # nothing was changed
            assert not (tmp_path / "backups").exists()  # nor a copy kept of nothing
        restore(db_path, copy)  # the poll has ended
        assert store.stats()["messages"] == 1
    finally:
        poll.close()
        store.close()


def test_a_lock_left_by_a_poll_that_died_does_not_stop_a_restore(db_path, tmp_path):
    store = open_store(db_path)
    store.save_messages([msg("1", email="ann@example.com")])
    copy = backup_now(store, tmp_path / "copy.db")
    store._exec("INSERT INTO account_locks (account, owner, holder, acquired_at, expires_at)"
                " VALUES ('shop mail', 'x', 'elsewhere (process 1)', 0, 1)")  # long expired
    store.close()
    assert restore(db_path, copy) is not None
