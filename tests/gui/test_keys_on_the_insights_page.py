"""Insights hides the queue and the conversation: a conversation's keys pressed there must
not act on the conversation that is out of sight (E closed it, J and K opened others and
marked them read, Ctrl+A selected the whole queue for the next key to close)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import current, settle

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def on_insights(window, qtbot):
    window.ui.actionShowInsights.trigger()
    settle(qtbot, window)
    focus = QApplication.focusWidget()
    assert focus is not None and window.dashboard.isAncestorOf(focus)
    return focus


def test_close_next_and_select_all_do_nothing_out_of_sight(active, qtbot, demo_store):
    window = active
    shown = current(window)
    focus = on_insights(window, qtbot)
    for key, modifier in ((Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_J, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_K, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_A, CTRL),
                          (Qt.Key.Key_U, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_I, SHIFT)):
        qtbot.keyClick(QApplication.focusWidget() or focus, key, modifier)
        settle(qtbot, window)
        assert QApplication.activeModalWidget() is None
    assert current(window) == shown
    assert not window.bulk.active
    assert demo_store.get_conversation(shown).status == "open"
    assert not demo_store.get_conversation(shown).unread
    assert window.ui.contentStack.currentWidget() is window.ui.insightsHost


def test_the_conversation_menu_is_off_on_insights_and_back_with_the_queue(active, qtbot,
                                                                          demo_store):
    window = active
    ui = window.ui
    queue_only = [ui.actionReply, ui.actionAssign, ui.actionClose, ui.actionNext,
                  ui.actionPrevious, ui.actionSelectAll, ui.actionHistory]
    assert all(action.isEnabled() for action in queue_only)
    on_insights(window, qtbot)
    window.refresh_all(keep_current=True)  # a refresh meanwhile turns none of them on
    settle(qtbot, window)
    assert [a.objectName() for a in queue_only if a.isEnabled()] == []
    ui.actionShowQueue.trigger()
    settle(qtbot, window)
    assert [a.objectName() for a in queue_only if not a.isEnabled()] == []
    shown = current(window)
    ui.queueView.setFocus()
    qtbot.keyClick(ui.queueView, Qt.Key.Key_E)  # back on the queue, E closes again
    qtbot.waitUntil(lambda: demo_store.get_conversation(shown).status == "closed")
    settle(qtbot, window)


def test_ctrl_1_comes_back_to_the_view_and_conversation_left_for_insights(active, qtbot):
    """Ctrl+2 for a look at the figures and Ctrl+1 back put the person on All open at its
    top conversation (now marked read), not where they were."""
    window = active
    window.select_key("view:unassigned")
    settle(qtbot, window)
    for _ in range(3):
        window.move(1)
    settle(qtbot, window)
    reading = current(window)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_2, CTRL)
    settle(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, CTRL)
    settle(qtbot, window)
    assert window.ui.contentStack.currentWidget() is window.ui.queuePage
    assert window.current_key == "view:unassigned"
    assert window.ui.viewTitle.text() == "Unassigned"
    row = window.sidebar_model.row_of("view:unassigned")
    assert window.ui.sidebarView.currentIndex().row() == row
    assert current(window) == reading == window.conversation.conversation_id
    assert QApplication.focusWidget() is window.ui.queueView


def test_slash_on_insights_searches_the_view_left_for_it(active, qtbot):
    window = active
    window.select_key("view:negative")
    settle(qtbot, window)
    window.ui.actionShowInsights.trigger()
    settle(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Slash)
    settle(qtbot, window)
    assert window.current_key == "view:negative"
    assert QApplication.focusWidget() is window.ui.searchEdit
