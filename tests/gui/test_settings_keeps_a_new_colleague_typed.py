"""Settings → Staff: a colleague's name typed in "Name of someone new" is not lost — Save
adds it as Add would (someone already working is not added twice), and Enter in that
field adds it without closing the dialog, ready for the next name."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import settle


def _settings_on_the_staff_tab(window, qtbot):
    window.ui.actionSettings.trigger()
    dialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.staffTab)
    return dialog


def _staff(store) -> dict[str, bool]:
    return {member.name: member.active for member in store.list_staff(include_inactive=True)}


def test_save_adds_the_name_typed_but_not_yet_added(window, qtbot, demo_store):
    dialog = _settings_on_the_staff_tab(window, qtbot)
    dialog.ui.newStaffEdit.setText("Jo Park")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, window)
    assert _staff(demo_store).get("Jo Park") is True


def test_save_with_a_name_already_working_adds_no_one(window, qtbot, demo_store):
    dialog = _settings_on_the_staff_tab(window, qtbot)
    before = _staff(demo_store)
    dialog.ui.newStaffEdit.setText("theo  brandt")
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, window)
    assert _staff(demo_store) == before


def test_save_brings_back_a_colleague_who_had_left_when_typed_again(window, qtbot, demo_store):
    demo_store.set_staff_active("Theo Brandt", False)
    dialog = _settings_on_the_staff_tab(window, qtbot)
    dialog.ui.newStaffEdit.setText("theo brandt")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, window)
    assert _staff(demo_store)["Theo Brandt"] is True


def test_enter_in_the_name_field_adds_the_colleague_and_keeps_the_dialog_open(
        window, qtbot, demo_store):
    dialog = _settings_on_the_staff_tab(window, qtbot)
    field = dialog.ui.newStaffEdit
    field.setFocus()
    qtbot.keyClicks(field, "Jo Park")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "Ana Diaz")
    qtbot.keyClick(field, Qt.Key.Key_Enter)
    settle(qtbot, window)
    assert dialog.isVisible()
    listed = [dialog.ui.staffList.item(row).text() for row in range(dialog.ui.staffList.count())]
    assert listed[-2:] == ["Jo Park  (new)", "Ana Diaz  (new)"]
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, window)
    assert _staff(demo_store).get("Jo Park") is True and _staff(demo_store).get("Ana Diaz")
