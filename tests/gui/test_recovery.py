"""A damaged store when the window starts: the offer to put the newest backup back; and a
backup put back while working (File → Restore a backup…)."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from inbox_app.backup import backup_if_due, backup_now
from inbox_app.gui.app import damage_suspected, open_for_window, remember_damage
from inbox_app.gui.recovery import KEEP_WORKING_TEXT, OPEN_TEXT, RESTORE_TEXT, restorable
from inbox_app.store import open_store
from tests.gui.conftest import STAFF, settle
from tests.store.helpers import break_pages, msg


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


def test_damage_met_while_working_is_said_once_and_checked_at_the_next_start(
        qtbot, make_window, demo_location, settings):
    store = open_store(demo_location)
    backup = backup_if_due(store)
    count = store.stats()["messages"]
    store.close()
    window = make_window()
    break_pages(demo_location, "messages")
    seen: list[str] = []
    answer_the_box(qtbot, KEEP_WORKING_TEXT, seen)
    window.refresh_all()
    window.move(1)  # opening another conversation reads its messages
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert "is damaged: part of it cannot be read" in seen[0]
    assert damage_suspected(settings, demo_location)
    window.move(1)
    settle(qtbot, window)
    assert len(seen) == 1  # said once a session
    window.close()

    seen.clear()
    answer_the_box(qtbot, RESTORE_TEXT, seen)
    opened = open_for_window(window_args(demo_location), settings, headless=False)
    assert opened is not None
    assert "The newest backup is from" in seen[0]
    assert not damage_suspected(settings, demo_location)
    store = open_store(demo_location)
    assert store.stats()["messages"] == count and len(store.messages(1)) >= 1
    store.close()
    assert backup.exists()


def test_a_suspected_store_that_checks_sound_opens_without_a_word(qtbot, demo_location,
                                                                   settings):
    remember_damage(settings, demo_location)
    opened = open_for_window(window_args(demo_location), settings, headless=False)
    assert opened is not None and QApplication.activeModalWidget() is None
    assert not damage_suspected(settings, demo_location)


def test_a_damaged_store_can_still_be_opened_as_it_is(qtbot, demo_location, settings):
    store = open_store(demo_location)
    backup_if_due(store)
    store.close()
    break_pages(demo_location, "messages")
    remember_damage(settings, demo_location)
    seen: list[str] = []
    answer_the_box(qtbot, OPEN_TEXT, seen)
    before = Path(demo_location).read_bytes()
    opened = open_for_window(window_args(demo_location), settings, headless=False)
    assert opened is not None and opened[0] == demo_location
    assert seen and "no such button" not in "".join(seen)
    assert Path(demo_location).read_bytes() == before
    assert not damage_suspected(settings, demo_location)  # asked once; met again, it is said again


def test_a_backup_put_back_while_working(qtbot, make_window, demo_location):
    store = open_store(demo_location)
    backup = backup_now(store)
    at_backup = store.stats()
    store.save_messages([msg("after-1", "Where is my parcel? Ordered after your backup.",
                             email="late@example.org", author="Late Comer")])
    store.close()
    window = make_window()
    after = set(window.queue_model.ids())
    window.conversation.ui.composerEdit.setPlainText("Typed just before the restore")
    shown = window.conversation.conversation.id

    seen: list[str] = []
    answer_the_box(qtbot, RESTORE_TEXT, seen)
    window.restore_from(backup)
    settle(qtbot, window)
    assert "Put the store back as it was in" in seen[0] and "kept" in seen[0]
    assert window.statusBar().currentMessage().startswith(f"Restored {backup.name}; the store")

    store = open_store(demo_location)
    assert store.stats() == at_backup
    assert store.draft(shown, STAFF) == ""  # typed after the backup: not in the restored store
    store.close()
    kept = next(backup.parent.glob("inbox-before-restore-*.db"))
    old = open_store(kept)
    assert old.stats()["messages"] == at_backup["messages"] + 1
    assert old.draft(shown, STAFF) == "Typed just before the restore"
    old.close()
    assert set(window.queue_model.ids()) < after  # the newer conversation is gone
    assert window.conversation.conversation.id == window.queue_model.ids()[0]
    assert [path for path, _what in restorable(demo_location)][:2] == [kept, backup]


def test_restore_is_asked_first(qtbot, make_window, demo_location):
    store = open_store(demo_location)
    backup = backup_now(store)
    store.save_messages([msg("after-2", "Still there after a cancelled restore",
                             email="stays@example.org")])
    count = store.stats()["messages"]
    store.close()
    window = make_window()
    seen: list[str] = []
    answer_the_box(qtbot, "Cancel", seen)
    window.restore_from(backup)
    settle(qtbot, window)
    store = open_store(demo_location)
    assert seen and store.stats()["messages"] == count
    store.close()
    assert not list(backup.parent.glob("*before-restore*"))
