"""The left bar worked by the arrow keys and heard through a screen reader: the section
titles (Channels, Tags, Accounts) are words between the choices, not choices. The
cursor used to stop on them: no ring was painted (the focus seemed gone), the queue stayed
on the view before, and the reader announced "Channels" as where the focus was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from inbox_app.gui.models.sidebar_model import SidebarRole
from tests.gui.conftest import settle


def focused():
    return QApplication.focusWidget()


def around_title(model, title: str, step: int) -> tuple[str, str]:
    """The keys of the choices just before and just after a section title, in the order
    an arrow key moving by `step` passes them."""
    row = model.row_of(title)
    before, after = model.entry(row - 1).key, model.entry(row + 1).key
    return (before, after) if step > 0 else (after, before)


@pytest.mark.parametrize(("title", "key", "step"), [
    ("section:channels", Qt.Key.Key_Down, 1),
    ("section:channels", Qt.Key.Key_Up, -1),
    ("section:tags", Qt.Key.Key_Down, 1),
    ("section:tags", Qt.Key.Key_Up, -1),
])
def test_the_arrow_keys_step_over_a_section_title(active, qtbot, title, key, step):
    window = active
    view = window.ui.sidebarView
    start, landing = around_title(window.sidebar_model, title, step)
    window.select_key(start)
    settle(qtbot, window)
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(focused(), key)
    settle(qtbot, window)
    assert view.currentIndex().data(SidebarRole.KEY) == landing
    assert window.current_key == landing  # the queue follows the cursor at once
    assert view.selectionModel().isSelected(view.currentIndex())  # and the ring is drawn
    face = QAccessible.queryAccessibleInterface(view)
    spoken = face.child(view.currentIndex().row()).text(QAccessible.Text.Name)
    assert spoken == view.currentIndex().data(Qt.ItemDataRole.AccessibleTextRole)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_view_goes_into_its_queue(active, qtbot, key):
    """A view chosen with the arrow keys, Enter goes into it: Enter did nothing, and the
    way to the queue was Tab past the order box and the search."""
    window = active
    view = window.ui.sidebarView
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # All open → Unassigned
    settle(qtbot, window)
    qtbot.keyClick(focused(), key)
    assert focused() is window.ui.queueView
    assert window.current_key == "view:unassigned"
    qtbot.keyClick(focused(), Qt.Key.Key_J)  # the queue's keys work at once
    assert window.ui.queueView.currentIndex().row() == 1
    settle(qtbot, window)


def test_enter_on_insights_goes_into_the_page(active, qtbot):
    window = active
    window.select_key("insights")
    settle(qtbot, window)
    window.ui.sidebarView.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.ui.insightsHost.isAncestorOf(focused())
    settle(qtbot, window)
