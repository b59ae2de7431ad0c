"""A store named with brackets ("shop [2024].db", "inbox[old].db"): its backups were looked
for with the name as a glob pattern, where "[2024]" means one of the characters 2, 0 or 4,
so none was found — every poll made another full backup, none was ever pruned, a damaged
store named no backup to restore, and the window offered none."""

from __future__ import annotations

import pytest

from inbox_app.backup import backup_if_due, backups
from inbox_app.store import StoreDamaged, open_store

pytestmark = pytest.mark.sqlite_only
DAY = 86400


@pytest.mark.parametrize("name", ["shop [2024].db", "inbox[old]*?.db"])
def test_backups_of_a_store_with_brackets_in_its_name_are_found(tmp_path, name):
    location = tmp_path / name
    store = open_store(location)
    store.add_staff("Maya")
    start = 1_800_000_000
    try:
        first = backup_if_due(store, at=start)
        assert backup_if_due(store, at=start + 300) is None  # the next poll, same day
        assert backups(store) == [first]
        for day in range(1, 9):
            backup_if_due(store, at=start + day * DAY)
        assert len(backups(store)) == 7 and first not in backups(store)
    finally:
        store.close()
    with open(location, "r+b") as file:
        file.truncate(4096)
    with pytest.raises(StoreDamaged) as refused:
        open_store(location)
    assert refused.value.newest_backup == backups(store)[-1]


def test_the_window_offers_them_to_restore(tmp_path):
    pytest.importorskip("PySide6")
    from inbox_app.gui.recovery import restorable

    location = tmp_path / "shop [2024].db"
    store = open_store(location)
    try:
        made = backup_if_due(store)
    finally:
        store.close()
    assert [path for path, _what in restorable(str(location))] == [made]
