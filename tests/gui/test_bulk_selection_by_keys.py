"""Working many conversations at once by keys alone: Shift+arrows select, the action keys
act on the selection (and never, unseen, on the one conversation that happens to be
current), and "Select all in this view" holds while the view changes under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inbox_app.store import QueueQuery, open_store
from tests.gui.conftest import settle

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def select_by_keys(window, qtbot, count: int) -> list[int]:
    """The current conversation and the `count - 1` below it, with Shift+Down."""
    window.ui.queueView.setFocus()
    for _ in range(count - 1):
        press(qtbot, Qt.Key.Key_Down, SHIFT)
    selected = window.bulk.selected_ids()
    assert len(selected) == count and window.bulk.panel.isVisible()
    return selected


def select_the_whole_closed_view(window, qtbot) -> None:
    """Closed, Ctrl+A, then the bulk panel's "Select all N in this view"."""
    window.select_key("view:closed")
    settle(qtbot, window)
    window.ui.queueView.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)
    window.bulk.panel.ui.scopeLabel.linkActivated.emit("all")


def statuses(location: str, ids: list[int]) -> list[str]:
    store = open_store(location)
    try:
        return [store.get_conversation(i).status for i in ids]
    finally:
        store.close()


def test_closed_by_mistake_with_e_they_come_back_with_shift_e(active, qtbot, demo_location):
    window = active
    chosen = select_by_keys(window, qtbot, 5)
    press(qtbot, Qt.Key.Key_E)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == "Closed 5 conversations. Ctrl+Z undoes it."
    assert statuses(demo_location, chosen) == ["closed"] * 5
    window.select_key("view:closed")
    settle(qtbot, window)
    window.ui.queueView.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)
    selected = window.bulk.selected_ids()
    assert set(chosen) <= set(selected) and len(selected) == 100
    press(qtbot, Qt.Key.Key_E, SHIFT)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == "Reopened 100 conversations. Ctrl+Z undoes it."
    assert statuses(demo_location, selected) == ["open"] * 100


def test_a_key_for_one_conversation_does_not_act_unseen_on_the_current_one(
        active, qtbot, demo_location):
    window = active
    chosen = select_by_keys(window, qtbot, 3)
    settle(qtbot, window)  # walking over them read them
    current = window.current_id()
    store = open_store(demo_location)
    try:
        unread_before = store.get_conversation(current).unread
    finally:
        store.close()
    press(qtbot, Qt.Key.Key_U)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Select one conversation to mark it unread; 3 are selected.")
    store = open_store(demo_location)
    try:
        assert store.get_conversation(current).unread == unread_before
    finally:
        store.close()
    assert window.bulk.selected_ids() == chosen and window.bulk.panel.isVisible()
    # r (reply) and Ctrl+T (a template) said nothing at all
    press(qtbot, Qt.Key.Key_R)
    assert window.statusBar().currentMessage() == (
        "Select one conversation to reply to it; 3 are selected.")
    window.ui.queueView.setFocus()
    press(qtbot, Qt.Key.Key_T, CTRL)
    assert window.statusBar().currentMessage() == (
        "Select one conversation to answer it; 3 are selected.")
    assert window.bulk.selected_ids() == chosen


def test_select_all_in_this_view_holds_while_a_colleague_changes_the_view(
        active, qtbot, demo_location):
    window = active
    select_the_whole_closed_view(window, qtbot)
    total = window.queue_model.total
    assert total > 100 and window.bulk.whole_view
    colleague = open_store(demo_location)
    try:  # Theo reopens one of the loaded rows at his computer
        colleague.reopen_conversation(window.queue_model.ids()[3], staff="Theo Brandt")
    finally:
        colleague.close()
    window.refresh_all(keep_current=True)  # what the live update does
    settle(qtbot, window)
    assert window.bulk.whole_view
    assert window.bulk.panel.ui.countTitle.text() == f"{total - 1:,} conversations selected"
    assert len(window.bulk.selected_rows()) == window.queue_model.rowCount()
    press(qtbot, Qt.Key.Key_E, SHIFT)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == f"Reopened {total - 1:,} conversations. Ctrl+Z undoes it."
    store = open_store(demo_location)
    try:
        assert store.queue_count(QueueQuery(filter="closed")) == 0
    finally:
        store.close()


def test_a_new_view_ends_select_all_in_the_last_one(active, qtbot):
    window = active
    select_the_whole_closed_view(window, qtbot)
    assert window.bulk.whole_view
    window.select_key("view:open")
    settle(qtbot, window)
    assert not window.bulk.whole_view and not window.bulk.panel.isVisible()


def open_and_closed(window, qtbot, *, current: str) -> tuple[int, int]:
    """In Everything, an open conversation and the closed one below it, selected with
    Shift+arrows ending on the `current` one ("open" or "closed"): (open id, closed id)."""
    window.select_key("view:all")
    settle(qtbot, window)
    rows = [window.queue_model.conversation_at(r) for r in range(window.queue_model.rowCount())]
    at = next(i for i in range(len(rows) - 1)
              if rows[i].status == "open" and rows[i + 1].status == "closed")
    was_open, was_closed = rows[at].conversation_id, rows[at + 1].conversation_id
    window.open_conversation(was_open if current == "closed" else was_closed)
    settle(qtbot, window)
    window.ui.queueView.setFocus()
    press(qtbot, Qt.Key.Key_Down if current == "closed" else Qt.Key.Key_Up, SHIFT)
    settle(qtbot, window)  # the current one has loaded behind the bulk panel
    assert set(window.bulk.selected_ids()) == {was_open, was_closed}
    assert window.current_id() == (was_closed if current == "closed" else was_open)
    return was_open, was_closed


def test_e_closes_the_selection_when_the_current_one_is_closed_already(
        active, qtbot, demo_location):
    window = active
    was_open, was_closed = open_and_closed(window, qtbot, current="closed")
    press(qtbot, Qt.Key.Key_E)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == "Closed 1 conversation. Ctrl+Z undoes it."
    assert statuses(demo_location, [was_open, was_closed]) == ["closed", "closed"]


def test_shift_e_reopens_the_selection_when_the_current_one_is_open(
        active, qtbot, demo_location):
    window = active
    was_open, was_closed = open_and_closed(window, qtbot, current="open")
    press(qtbot, Qt.Key.Key_E, SHIFT)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == "Reopened 1 conversation. Ctrl+Z undoes it."
    assert statuses(demo_location, [was_open, was_closed]) == ["open", "open"]


def test_back_to_one_conversation_close_and_reopen_follow_its_state(active, qtbot):
    window = active
    was_open, _was_closed = open_and_closed(window, qtbot, current="open")
    assert window.ui.actionClose.isVisible() and window.ui.actionReopen.isVisible()
    window.bulk.panel.ui.scopeLabel.linkActivated.emit("clear")  # "Clear": the open one stays
    assert not window.bulk.active and window.current_id() == was_open
    assert window.ui.actionClose.isVisible() and not window.ui.actionReopen.isVisible()
