"""A shop's laptop may keep the window open for days: each new day still gets its backup,
not only the day the window was opened."""

from __future__ import annotations

from pathlib import Path

from tests.gui.conftest import settle


def test_a_new_day_gets_its_backup_while_the_window_stays_open(window, qtbot, demo_location):
    folder = Path(demo_location).parent / "backups"
    qtbot.waitUntil(lambda: len(list(folder.glob("inbox-*.db"))) == 1, timeout=15000)
    settle(qtbot, window)
    made_today = next(folder.glob("inbox-*.db"))
    made_today.rename(folder / "inbox-20000101-090000.db")  # as if made the day before

    assert window.backup_timer.isActive()
    window.backup_timer.timeout.emit()  # the hourly check, after midnight
    settle(qtbot, window)

    assert len(list(folder.glob("inbox-*.db"))) == 2
    window.backup_timer.timeout.emit()  # and no second one the same day
    settle(qtbot, window)
    assert len(list(folder.glob("inbox-*.db"))) == 2
