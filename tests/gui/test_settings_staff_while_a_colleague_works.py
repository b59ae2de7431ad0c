"""Settings → Business's staff list, used while a colleague changes it elsewhere: someone
unticked says how many conversations went back to Unassigned (as `staff remove` does), a
person a colleague added meanwhile does not stop the other settings from saving, and a
name of someone who left brings them back instead of being called "already on the list"."""

from __future__ import annotations

import contextlib
import sqlite3

from PySide6.QtCore import Qt

from inbox_app.gui.settings_dialog import SettingsDialog
from inbox_app.store import open_store
from tests.gui.conftest import settle


def open_settings(window, qtbot) -> SettingsDialog:
    window.ui.actionSettings.trigger()
    dialog: SettingsDialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    return dialog


def staff_row(dialog: SettingsDialog, name: str):
    rows = [dialog.ui.staffList.item(i) for i in range(dialog.ui.staffList.count())]
    return next(row for row in rows if row.data(Qt.ItemDataRole.UserRole) == name)


def held_by(location: str, name: str) -> int:
    with contextlib.closing(sqlite3.connect(location)) as db:
        return db.execute("SELECT count(*) FROM conversations WHERE assignee = ?"
                          " AND status IN ('open', 'snoozed')", (name,)).fetchone()[0]


def test_unticking_someone_says_how_many_of_their_conversations_went_back(
        window, qtbot, demo_location):
    held = held_by(demo_location, "Theo Brandt")
    assert held > 1
    dialog = open_settings(window, qtbot)
    staff_row(dialog, "Theo Brandt").setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == (
        f"Theo Brandt no longer works the queue; {held} open conversations of theirs went"
        " back to Unassigned.")
    assert held_by(demo_location, "Theo Brandt") == 0


def test_someone_a_colleague_added_meanwhile_does_not_stop_the_save(
        window, qtbot, demo_store, demo_location):
    dialog = open_settings(window, qtbot)
    colleague = open_store(demo_location)
    try:
        colleague.add_staff("Jo Park")
    finally:
        colleague.close()
    dialog.ui.newStaffEdit.setText("jo park")
    dialog.ui.addStaffButton.click()
    dialog.ui.businessEdit.setText("Harbour Lane Roasters")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert demo_store.get_setting("business_name") == "Harbour Lane Roasters"
    names = [(m.name, m.active) for m in demo_store.list_staff(include_inactive=True)]
    assert names.count(("Jo Park", True)) == 1 and len(names) == 4


def test_someone_a_colleague_added_and_removed_meanwhile_and_added_here_is_back(
        window, qtbot, demo_store, demo_location):
    dialog = open_settings(window, qtbot)
    colleague = open_store(demo_location)
    try:
        colleague.add_staff("Jo Park")
        colleague.set_staff_active("Jo Park", False)
    finally:
        colleague.close()
    dialog.ui.newStaffEdit.setText("Jo Park")
    dialog.ui.addStaffButton.click()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert demo_store.staff_named("Jo Park").active


def test_typing_the_name_of_someone_who_left_ticks_them_again(window, qtbot, demo_store):
    demo_store.set_staff_active("Theo Brandt", False)
    dialog = open_settings(window, qtbot)
    assert staff_row(dialog, "Theo Brandt").checkState() == Qt.CheckState.Unchecked
    dialog.ui.newStaffEdit.setText("  theo   BRANDT ")
    dialog.ui.addStaffButton.click()
    assert staff_row(dialog, "Theo Brandt").checkState() == Qt.CheckState.Checked
    assert dialog.ui.newStaffEdit.text() == ""
    assert dialog.ui.problemLabel.text() == "Theo Brandt works the queue again once you save."
    assert dialog.ui.staffList.count() == 3
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert demo_store.staff_named("Theo Brandt").active
    assert [m.name for m in demo_store.list_staff(include_inactive=True)].count(
        "Theo Brandt") == 1


def test_a_name_spaced_differently_is_the_same_person(window, qtbot):
    dialog = open_settings(window, qtbot)
    dialog.ui.newStaffEdit.setText("Maya  okafor")
    dialog.ui.addStaffButton.click()
    assert dialog.ui.problemLabel.text() == "Maya okafor is already on the list."
    assert dialog.ui.staffList.count() == 3
