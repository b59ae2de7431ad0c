"""When the person's own action empties a view, the pane names the next place with work in
it ("14 conversations in Unassigned wait for someone", "All open, in the left bar, has 80
conversations"); that name is a link to the view — by mouse, and by Tab and Enter — and a
screen reader hears the hint and where Enter goes. It was plain text: the person had to find
the view in the left bar themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inbox_app.gui.window_queue import named_place
from inbox_app.store import QueueQuery
from tests.gui.conftest import STAFF, settle
from tests.gui.test_a_view_emptied_by_your_own_action import leave_one, on_view


def empty_mine(make_window, qtbot, demo_location):
    last = leave_one(demo_location, QueueQuery(filter="mine", staff=STAFF))
    window = on_view(make_window, qtbot, "view:mine")
    window.actions_.close(last)
    settle(qtbot, window)
    hint = window.conversation.ui.emptyHint
    assert "in Unassigned wait for someone" in hint.text()
    return window, hint


def test_the_named_place_is_a_link_to_its_view(make_window, qtbot, demo_location):
    window, hint = empty_mine(make_window, qtbot, demo_location)
    assert '<a href="view:unassigned">Unassigned</a>' in hint.__class__.__base__.text(hint)
    assert hint.accessibleName() == hint.text()
    assert "Unassigned" in hint.accessibleDescription()
    with qtbot.waitSignal(window.conversation.place_chosen) as chosen:
        hint.linkActivated.emit("view:unassigned")
    assert chosen.args == ["view:unassigned"]
    settle(qtbot, window)
    assert window.current_key == "view:unassigned"
    assert window.ui.viewTitle.text() == "Unassigned"
    assert window.queue_model.rowCount() > 0


def test_tab_reaches_the_link_and_enter_follows_it(make_window, qtbot, demo_location):
    window, hint = empty_mine(make_window, qtbot, demo_location)
    window.activateWindow()
    window.ui.queueView.setFocus()
    qtbot.waitUntil(lambda: window.ui.queueView.hasFocus())
    for _press in range(12):
        if hint.hasFocus():
            break
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert hint.hasFocus()
    qtbot.keyClick(hint, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.current_key == "view:unassigned"
    assert window.ui.queueView.hasFocus()  # the keys go on in the view it opened


def test_each_hint_names_its_place():
    assert named_place("14 conversations in Unassigned wait for someone: N takes the top"
                       " one.") == ("view:unassigned", "Unassigned")
    assert named_place("All open, in the left bar, has 80 conversations.") == (
        "view:open", "All open")
    assert named_place("Everything, in the left bar, lists every conversation.") == (
        "view:all", "Everything")
    assert named_place("Nothing is open anywhere: the queue is clear.") is None
