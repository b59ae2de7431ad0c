"""Backups as a shop lives with them for weeks: a nightly `inbox-app backup` from cron (or
an early "Back up now") made the day's first copy, so the window's daily backup found one
for today and returned before pruning — the folder grew by a store's size every day until
the disk was full. An old backup that cannot be removed (open in another program, marked
read-only) made a backup that had been written report failure, and `poll --once` stop
with a traceback. A store whose folder is gone (its USB stick taken out) had its backups
folder made again wherever the path pointed, and "backed up" said of a copy hidden there."""

from __future__ import annotations

import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest

from inbox_app.backup import backup_if_due, backup_now, backups
from inbox_app.cli import main
from inbox_app.store import StoreError, open_store

from .helpers import msg

pytestmark = pytest.mark.sqlite_only  # backups here are SQLite files beside the store

DAY = 86400
START = 1_800_000_000  # 2027-01-15, 08:00 UTC


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    folder.mkdir()
    store = open_store(folder / "inbox.db")
    store.save_messages([msg("1", "where is my parcel?", email="ann@example.com")])
    yield store
    store.close()


def test_a_nightly_backup_by_hand_still_leaves_only_the_last_seven_days(shop):
    for day in range(12):
        backup_now(shop, at=START + day * DAY - 7 * 3600)  # cron, at 01:00
        assert backup_if_due(shop, at=START + day * DAY + 3600) is None  # window at 9:00
    days = sorted({path.name.split("-")[1] for path in backups(shop)})
    assert len(days) == 7
    assert len(backups(shop)) == 7


def test_a_folder_grown_before_is_pruned_by_the_windows_next_hourly_check(shop):
    """Twelve days of nightly copies that nothing pruned (made before this version): the
    window finds today's copy there and still leaves only the last seven days."""
    folder = Path(shop.location).parent / "backups"
    folder.mkdir()
    grown = []
    for day in range(12):
        moment = datetime.fromtimestamp(START + day * DAY - 7 * 3600)
        grown.append(folder / f"inbox-{moment:%Y%m%d-%H%M%S}.db")
        shop.backup_to(grown[-1])
    assert backup_if_due(shop, at=START + 11 * DAY + 3600) is None  # today's is there
    assert backups(shop) == grown[-7:]


def test_a_users_own_files_in_the_backups_folder_are_never_pruned(shop):
    folder = Path(shop.location).parent / "backups"
    folder.mkdir()
    own = [folder / "notes.txt", folder / "inbox-before-the-move.db",
           folder / "inbox-20200101-090000 copy.db", folder / "other-20200101-090000.db"]
    for path in own:
        path.write_text("mine")
    for day in range(9):
        backup_if_due(shop, at=START + day * DAY)
    assert len(backups(shop)) == 7
    assert all(path.read_text() == "mine" for path in own)


def test_an_old_backup_that_cannot_be_removed_leaves_todays_made_and_said(shop, monkeypatch):
    made = [backup_if_due(shop, at=START + day * DAY) for day in range(7)]
    held = made[0]
    removing = Path.unlink

    def unlink(path, missing_ok=False):
        if path == held:  # open in a database browser on Windows
            raise PermissionError(13, "The process cannot access the file", str(path))
        return removing(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    today = backup_if_due(shop, at=START + 7 * DAY)
    assert today is not None and today.exists()
    assert held.exists()  # tried again with the next day's backup
    monkeypatch.setattr(Path, "unlink", removing)
    backup_if_due(shop, at=START + 8 * DAY)
    assert not held.exists()


def test_poll_still_reads_when_an_old_backup_cannot_be_removed(tmp_path, monkeypatch, capsys):
    location = tmp_path / "inbox.db"
    store = open_store(location)
    now = time.time()
    old = [backup_now(store, at=now - day * DAY) for day in range(9, 1, -1)]
    store.close()
    removing = Path.unlink

    def unlink(path, missing_ok=False):
        if path in old:
            raise PermissionError(13, "Permission denied", str(path))
        return removing(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    assert main(["--db", str(location), "poll", "--once"]) == 0
    assert "backup failed" not in capsys.readouterr().err


def test_a_store_whose_folder_is_gone_is_not_backed_up_somewhere_else(shop):
    folder = Path(shop.location).parent
    backup_now(shop, at=START)
    shutil.rmtree(folder)  # the USB stick the data folder is on, taken out
    with pytest.raises(StoreError) as refused:
        backup_if_due(shop, at=START + DAY)
    assert str(folder) in str(refused.value)
    assert "not there" in str(refused.value)
    with pytest.raises(StoreError):
        backup_now(shop, at=START + DAY)
    assert not folder.exists()  # no backups folder made again on the computer's own disk


def test_a_file_named_backups_beside_the_store_is_named_as_in_the_way(shop):
    blocking = Path(shop.location).parent / "backups"
    blocking.write_text("my list of backups to make")
    with pytest.raises(StoreError) as refused:
        backup_now(shop, at=START)
    assert f"{blocking} is a file, not a folder" in str(refused.value)
    assert blocking.read_text() == "my list of backups to make"
