"""Ctrl+Z takes back an action on a selection: closed, snoozed or assigned by mistake,
each conversation comes back as it was (not merely "open"), and a colleague's change made
meanwhile stays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inbox_app.core.timeutil import now
from inbox_app.store import open_store
from tests.gui.conftest import settle

SHIFT = Qt.KeyboardModifier.ShiftModifier


def select_by_keys(window, qtbot, count: int) -> list[int]:
    window.ui.queueView.setFocus()
    for _ in range(count - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, SHIFT)
    selected = window.bulk.selected_ids()
    assert len(selected) == count
    return selected


def states(location: str, ids: list[int]) -> list[tuple]:
    store = open_store(location)
    try:
        return [(c.status, c.assignee, c.due_at, c.snoozed_until)
                for c in (store.get_conversation(i) for i in ids)]
    finally:
        store.close()


def test_ctrl_z_after_a_bulk_assign_gives_each_its_own_assignee_back(active, qtbot,
                                                                     demo_location):
    window = active
    # One of them Maya's, with her own follow-up date, the others nobody's (the demo's
    # assignments near the top of the queue vary with the hour it is made at).
    target = window.queue_model.conversation_at(1).conversation_id
    store = open_store(demo_location)
    try:
        store.assign(target, "Maya Okafor", due_at=now() + 3 * 86400)
    finally:
        store.close()
    model = window.queue_model

    def row_of_target():
        return next((r for r in range(model.rowCount())
                     if model.conversation_at(r).conversation_id == target
                     and model.conversation_at(r).assignee == "Maya Okafor"), None)

    qtbot.waitUntil(lambda: row_of_target() is not None, timeout=15000)  # the window saw it
    settle(qtbot, window)
    row = row_of_target()
    window.ui.queueView.setCurrentIndex(model.index(row, 0))  # opened: marked read …

    def seen_as_stored() -> bool:
        store = open_store(demo_location)
        try:
            return store.get_conversation(target).version == \
                model.conversation_at(row_of_target()).version
        finally:
            store.close()

    qtbot.waitUntil(seen_as_stored, timeout=15000)  # … and the window has seen that
    settle(qtbot, window)
    chosen = select_by_keys(window, qtbot, 6)
    before = states(demo_location, chosen)
    assert before[0][:2] == ("open", "Maya Okafor")
    assert len(set(before)) > 1  # not all alike

    window.bulk.assign("Theo Brandt", now() + 86400)
    settle(qtbot, window)
    assert window.statusBar().currentMessage().endswith("Ctrl+Z undoes it.")
    assert {state[1] for state in states(demo_location, chosen)} == {"Theo Brandt"}
    assert window.ui.actionUndoMerge.text().startswith("Undo: Assigned to Theo Brandt")

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)

    assert states(demo_location, chosen) == before
    assert window.statusBar().currentMessage().startswith("Undone: Assigned to Theo Brandt")
    assert window.ui.actionUndoMerge.text() == "Undo"


def test_a_colleagues_change_meanwhile_is_kept_and_the_undo_says_so(active, qtbot,
                                                                    demo_location):
    window = active
    chosen = select_by_keys(window, qtbot, 3)
    before = states(demo_location, chosen)
    window.bulk.close()
    settle(qtbot, window)
    colleague = open_store(demo_location)
    try:
        colleague.reopen_conversation(chosen[0], staff="Priya Raman")
        colleague.assign(chosen[0], "Priya Raman", staff="Priya Raman")
    finally:
        colleague.close()

    window.ui.actionUndoMerge.trigger()
    settle(qtbot, window)

    assert window.statusBar().currentMessage() == (
        "Undone: Closed 3 conversations, except 1 changed since (left as it is).")
    after = states(demo_location, chosen)
    assert after[0][:2] == ("open", "Priya Raman")  # the colleague's, kept
    assert after[1:] == before[1:]  # the others as they were before the close
