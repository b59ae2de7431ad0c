"""A store damaged unnoticed, polled by cron every five minutes (or the window started
again and again): each daily backup found no sound backup of today, copied the whole
store again, found the copy damaged and kept it — a full-size `…-damaged-….db` per poll,
never pruned, until the disk was full. One damaged copy tells the story; the store is
still said to be damaged each time, and once it is mended the daily backups go on."""

from __future__ import annotations

import pytest

from inbox_app.backup import backup_if_due, backups, restore
from inbox_app.store import StoreDamaged, open_store

from .helpers import break_pages, msg

pytestmark = pytest.mark.sqlite_only
DAY = 86400


def damaged_copies(db_path):
    return sorted((db_path.parent / "backups").glob("*-damaged-*.db"))


def test_polls_of_a_damaged_store_keep_one_damaged_copy(db_path):
    store = open_store(db_path)
    store.save_messages([msg(str(n), "words " * 100, email=f"c{n}@x.org") for n in range(50)])
    start = 1_800_000_000
    sound = backup_if_due(store, at=start)
    store.close()
    break_pages(db_path, "messages")
    damaged = open_store(db_path)
    try:
        for poll in range(1, 6):  # every five minutes, the next day
            with pytest.raises(StoreDamaged, match="failed its check|is damaged") as refused:
                backup_if_due(damaged, at=start + DAY + poll * 300)
            assert refused.value.newest_backup == sound
        assert len(damaged_copies(db_path)) == 1
        assert backups(damaged) == [sound]
    finally:
        damaged.close()

    restore(db_path, sound)  # mended: the next daily backup is made and kept
    mended = open_store(db_path)
    try:
        made = backup_if_due(mended, at=start + 2 * DAY)
        assert made is not None and backups(mended) == [sound, made]
    finally:
        mended.close()
