"""F6 and Shift+F6 go from pane to pane — the views, the queue, the thread, the reply,
the customer — as in a mail program or a browser: by Tab alone the customer was thirteen
stops from the queue, past every button of the conversation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from inbox_app.gui.keys import shortcut_groups
from tests.gui.conftest import settle

SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press_f6(qtbot, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    """F6 as the keyboard delivers it, to the widget with the focus; where the focus went."""
    qtbot.keyClick(focused(), Qt.Key.Key_F6, modifier)
    return focused()


def on_email(window, qtbot):
    window.select_key("kind:email")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.customer._tag_edit.isVisible())  # made per customer


def test_f6_goes_round_the_panes_and_shift_f6_back(active, qtbot):
    window = active
    on_email(window, qtbot)
    conversation, customer = window.conversation.ui, window.customer.ui
    window.ui.sidebarView.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [press_f6(qtbot) for _ in range(5)]
    assert visited == [window.ui.queueView, conversation.threadBrowser,
                       conversation.composerEdit, customer.identitiesList,
                       window.ui.sidebarView]
    back = [press_f6(qtbot, SHIFT) for _ in range(5)]
    assert back == [*reversed(visited[:-1]), window.ui.sidebarView]
    settle(qtbot, window)


def test_f6_from_a_control_inside_a_pane_goes_to_the_next_pane(active, qtbot):
    window = active
    on_email(window, qtbot)
    conversation = window.conversation.ui
    for start, after in ((window.ui.searchEdit, conversation.threadBrowser),
                         (window.ui.orderCombo, conversation.threadBrowser),
                         (conversation.assignButton, conversation.composerEdit),
                         (conversation.sendButton, window.customer.ui.identitiesList),
                         (window.customer.ui.noteEdit, window.ui.sidebarView),
                         (window.state.staff_button, window.ui.sidebarView)):
        start.setFocus(Qt.FocusReason.TabFocusReason)
        assert focused() is start
        assert press_f6(qtbot) is after, start.objectName()
    settle(qtbot, window)


def test_f6_into_the_reply_shows_its_frame_focused_and_types_nothing(active, qtbot):
    window = active
    on_email(window, qtbot)
    ui = window.conversation.ui
    ui.threadBrowser.setFocus(Qt.FocusReason.TabFocusReason)
    assert press_f6(qtbot) is ui.composerEdit
    assert ui.composerFrame.property("focused") is True
    assert ui.composerEdit.toPlainText() == ""
    settle(qtbot, window)


def test_f6_on_the_insights_page_goes_between_the_views_and_the_page(active, qtbot):
    window = active
    window.select_key("insights")
    settle(qtbot, window)
    window.ui.sidebarView.setFocus(Qt.FocusReason.TabFocusReason)
    page = press_f6(qtbot)
    assert window.ui.insightsHost.isAncestorOf(page)
    assert press_f6(qtbot) is window.ui.sidebarView
    settle(qtbot, window)


def test_the_shortcuts_list_names_f6(window):
    rows = dict(row for _title, rows in shortcut_groups(window.findChildren(QAction))
                for row in rows)
    assert "F6 / Shift+F6" in rows
    assert "pane" in rows["F6 / Shift+F6"].lower()
    assert "views" in rows["Enter"]  # Enter in the left bar


def test_the_shortcuts_list_says_esc_leaves_the_search_box_too(window):
    rows = dict(row for _title, rows in shortcut_groups(window.findChildren(QAction))
                for row in rows)
    assert "composer" in rows["Esc"] and "search" in rows["Esc"]
