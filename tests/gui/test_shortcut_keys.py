"""A shortcut whose action is off does nothing: it never reaches a list's type-to-find."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from tests.gui.conftest import current, settle

SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, widget, sequence: QKeySequence) -> None:
    combination = sequence[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def test_shift_i_with_no_images_to_load_leaves_the_queue_alone(active, qtbot, demo_store):
    window = active
    view, model = window.ui.queueView, window.queue_model
    assert not window.ui.actionLoadImages.isEnabled()
    rows = [model.conversation_at(i) for i in range(model.rowCount())]
    target = next(r for r in rows[1:] if r.customer_name.startswith("I") and r.unread)
    before = current(window)
    qtbot.keyClick(view, Qt.Key.Key_I, SHIFT)
    settle(qtbot, window)
    assert current(window) == before
    assert model.conversation_at(model.row_of(target.conversation_id)).unread
    assert demo_store.get_conversation(target.conversation_id).unread


def test_every_shortcut_that_is_off_leaves_lists_and_choices_alone(active, qtbot):
    window = active
    view, sidebar, order = window.ui.queueView, window.ui.sidebarView, window.ui.orderCombo
    actions = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert {a.shortcut().toString() for a in actions} >= {
        "R", "N", "Shift+N", "A", "T", "L", "S", "E", "Shift+E", "U", "Shift+I", "J", "K",
        "C", "V", "M", "Shift+M", "H", "/", "?"}
    for action in actions:
        was = action.isEnabled()
        action.setEnabled(False)
        try:
            for widget in (view, sidebar, order):
                before = (current(window), sidebar.currentIndex().row(), order.currentIndex())
                widget.setFocus()
                press(qtbot, widget, action.shortcut())
                after = (current(window), sidebar.currentIndex().row(), order.currentIndex())
                assert after == before, (action.objectName(), widget.objectName())
        finally:
            action.setEnabled(was)
    settle(qtbot, window)


def test_a_letter_that_is_no_shortcut_still_finds_in_the_list(active, qtbot):
    window = active
    sidebar = window.ui.sidebarView
    sidebar.setFocus()
    qtbot.keyClick(sidebar, Qt.Key.Key_D)  # no action has D: type-to-find, as ever
    assert window.current_key == "view:due"
    settle(qtbot, window)
