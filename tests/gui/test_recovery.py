"""A damaged store when the window starts: the offer to put the newest backup back."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from inbox_app.backup import backup_if_due
from inbox_app.gui.app import open_for_window
from inbox_app.gui.recovery import RESTORE_TEXT
from inbox_app.store import open_store
from tests.store.helpers import break_pages


def answer_the_box(qtbot, button_text: str, seen: list[str]) -> None:
    """Clicks `button_text` on the message box once it is up, noting what it said."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(f"{box.text()}\n{box.informativeText()}")
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        seen.append("no such button: " + ", ".join(b.text() for b in box.buttons()))
        box.reject()

    QTimer.singleShot(0, click)


def damaged_with_a_backup(location: str) -> tuple[Path, int]:
    store = open_store(location)
    backup = backup_if_due(store)
    count = store.stats()["messages"]
    store.close()
    break_pages(location, "messages", "staff")
    return backup, count


def window_args(location: str) -> Namespace:
    return Namespace(db=location, demo=False, as_staff=None, screenshot=None)


def test_the_window_offers_the_newest_backup_for_a_damaged_store(qtbot, demo_location,
                                                                  settings):
    backup, count = damaged_with_a_backup(demo_location)
    seen: list[str] = []
    answer_the_box(qtbot, RESTORE_TEXT, seen)
    opened = open_for_window(window_args(demo_location), settings, headless=False)
    assert opened is not None and opened[0] == demo_location
    assert "is damaged and cannot be opened" in seen[0]
    assert "The newest backup is from" in seen[0] and "no such button" not in "".join(seen)
    store = open_store(demo_location)
    assert store.stats()["messages"] == count
    store.close()
    kept = [path.name for path in backup.parent.glob("*.db") if path != backup]
    assert len(kept) == 1 and ("damaged" in kept[0] or "before-restore" in kept[0])


def test_quitting_leaves_the_damaged_store_as_it_was(qtbot, demo_location, settings):
    damaged_with_a_backup(demo_location)
    before = Path(demo_location).read_bytes()
    seen: list[str] = []
    answer_the_box(qtbot, "Quit", seen)
    assert open_for_window(window_args(demo_location), settings, headless=False) is None
    assert seen and Path(demo_location).read_bytes() == before
    assert len(list(Path(demo_location).parent.joinpath("backups").iterdir())) == 1
