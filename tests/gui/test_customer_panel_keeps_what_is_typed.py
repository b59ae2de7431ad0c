"""What a person is typing in the customer panel stays with that customer: the panel is
shown anew whenever the store changes (the 30-second refresh, a colleague's change, a new
message), and the tag box, made anew each time, lost a half-typed tag and its focus; the
note box kept its text when another customer was shown, so Enter put one customer's note
on the next customer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import settle


def show_another_customer(window, qtbot) -> int:
    panel = window.customer
    first = panel.customer_id
    view = window.ui.queueView
    for row in range(1, window.queue_model.rowCount()):
        view.setCurrentIndex(window.queue_model.index(row, 0))
        settle(qtbot, window)
        if panel.customer_id != first:
            return row
    raise AssertionError("the demo queue shows one customer only")


def test_a_half_typed_tag_survives_the_panel_being_shown_anew(active, qtbot, demo_store):
    window, panel = active, active.customer
    panel.focus_tag_entry()
    qtbot.keyClicks(panel._tag_edit, "whole")
    window.refresh_all(keep_current=True)  # what the 30-second refresh does
    settle(qtbot, window)
    assert panel._tag_edit.text() == "whole"
    assert panel._tag_edit.hasFocus()
    qtbot.keyClicks(panel._tag_edit, "sale")
    qtbot.keyClick(panel._tag_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert "wholesale" in demo_store.get_customer(panel.customer_id).tags
    assert panel._tag_edit.text() == ""  # the tag went in; the box is ready for another


def test_a_note_being_typed_stays_with_its_customer(window, qtbot, demo_store):
    panel = window.customer
    first = panel.customer_id
    first_row = window.ui.queueView.currentIndex().row()
    notes_before = {len(demo_store.notes(customer_id=first))}
    panel.ui.noteEdit.setText("Prefers a call after 5 pm")
    show_another_customer(window, qtbot)
    second = panel.customer_id
    assert panel.ui.noteEdit.text() == ""
    qtbot.keyClick(panel.ui.noteEdit, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert "Prefers a call after 5 pm" not in [n.text for n in demo_store.notes(customer_id=second)]

    window.ui.queueView.setCurrentIndex(window.queue_model.index(first_row, 0))
    settle(qtbot, window)
    assert panel.customer_id == first
    assert panel.ui.noteEdit.text() == "Prefers a call after 5 pm"
    assert {len(demo_store.notes(customer_id=first))} == notes_before
