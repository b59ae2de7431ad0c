"""Settings → Staff: names pasted into "Name of someone new" from a column of a
spreadsheet or a list (one a line) are that many colleagues, as the welcome takes them —
not one person called "Jo Park Ana Diaz". A name already working is not added twice, and
a colleague who left is ticked again."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _settings_on_the_staff_tab(window, qtbot):
    window.ui.actionSettings.trigger()
    dialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.staffTab)
    return dialog


def _rows(dialog) -> dict[str, bool]:
    staff_list = dialog.ui.staffList
    return {staff_list.item(row).text(): staff_list.item(row).checkState() == Qt.CheckState.Checked
            for row in range(staff_list.count())}


def test_a_pasted_column_of_names_adds_each_colleague(window, qtbot, demo_store):
    demo_store.set_staff_active("Priya Raman", False)
    dialog = _settings_on_the_staff_tab(window, qtbot)
    field = dialog.ui.newStaffEdit
    field.setText("Jo Park\r\n  ana   diaz \n\nTHEO BRANDT\npriya raman\nJo\tPark\n")
    dialog.ui.addStaffButton.click()
    rows = _rows(dialog)
    assert rows["Jo Park  (new)"] and rows["ana diaz  (new)"]
    assert rows["Priya Raman"]  # back, as `staff add` brings her back
    assert "THEO BRANDT  (new)" not in rows and "Jo Park Ana Diaz  (new)" not in rows
    assert field.text() == ""  # everyone in it is on the list now
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    working = {m.name for m in demo_store.list_staff()}
    assert {"Jo Park", "ana diaz", "Priya Raman", "Theo Brandt"} <= working


def test_save_with_a_pasted_column_not_yet_added_adds_each_colleague(
        window, qtbot, demo_store):
    dialog = _settings_on_the_staff_tab(window, qtbot)
    dialog.ui.newStaffEdit.setText("Jo Park\nAna Diaz")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    working = {m.name for m in demo_store.list_staff()}
    assert {"Jo Park", "Ana Diaz"} <= working and "Jo Park Ana Diaz" not in working
