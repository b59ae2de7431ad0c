"""The customer's tags by keyboard: choosing a completion with Enter adds the tag and leaves
the box empty for the next (the completion put the tag back in the box after it was sent,
so it stayed there and went with the customer's typed text); removing a tag with Space on
its chip leaves the focus among the tags (the chip was made anew and the focus went
nowhere, so the next Tab started over from the window's first stop)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import settle


def test_enter_on_a_completion_adds_the_tag_and_empties_the_box(window, qtbot, demo_store):
    panel = window.customer
    customer_id = panel.customer_id
    assert "wholesale" in panel.known_tags
    assert "wholesale" not in demo_store.get_customer(customer_id).tags
    panel.focus_tag_entry()
    qtbot.keyClicks(panel._tag_edit, "who")
    popup = panel._tag_edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    settle(qtbot, window)

    assert "wholesale" in demo_store.get_customer(customer_id).tags
    assert panel._tag_edit.text() == ""


def chips(panel) -> list:
    return [panel._chips.itemAt(i).widget() for i in range(panel._chips.count() - 1)]


def test_space_on_a_chip_removes_the_tag_and_the_focus_stays_among_the_tags(window, qtbot,
                                                                             demo_store):
    panel = window.customer
    customer_id = panel.customer_id
    for tag in ("VIP", "wholesale", "Allergic to nuts"):
        demo_store.tag_customer(customer_id, tag)
    panel.reload()
    settle(qtbot, window)
    first, second = chips(panel)[:2]
    removed, following = first.property("tag"), second.property("tag")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert removed not in demo_store.get_customer(customer_id).tags
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget().property("tag") == following  # where the removed was

    last = chips(panel)[-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Space)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is panel._tag_edit  # no chip after it: the box
