"""Taking a label off a conversation in the window. A rule's wrong "wholesale-lead", or a
typo ("compliant"), could only be seen in the header: the only way to take one off was to
undo a bulk label. Now each label is a chip in the header taken off with its × (or Space,
or Delete, on the focused chip), Conversation → Remove label… asks which, and with several
selected the queue's right-click menu takes one off them all, with Ctrl+Z to put it back.
The left bar's counts follow, and a colleague's window shows it at its next refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QMenu

from inbox_app.store import open_store
from tests.gui.conftest import settle

SHIFT = Qt.KeyboardModifier.ShiftModifier


def labelled(window, qtbot, location: str, *labels: str) -> int:
    """The open conversation, given `labels` by another program, as the window reads it
    (and only those: the demo's own, a brand mention say, are taken off first)."""
    conversation_id = window.current_id()
    store = open_store(location)
    try:
        for label in store.get_conversation(conversation_id).labels:
            store.unlabel(conversation_id, label)
        for label in labels:
            store.label(conversation_id, label)
    finally:
        store.close()
    window.conversation.reload()
    qtbot.waitUntil(lambda: set(labels) <= set(window.conversation.conversation.labels))
    settle(qtbot, window)
    return conversation_id


def labels_in_store(location: str, conversation_id: int) -> tuple[str, ...]:
    store = open_store(location)
    try:
        return store.get_conversation(conversation_id).labels
    finally:
        store.close()


def chips(window) -> list:
    return window.conversation.labels.chips()


def sidebar_count(window, key: str) -> int | None:
    model = window.sidebar_model
    row = model.row_of(key)
    return None if row is None else model.entry(row).count


def test_each_label_is_a_chip_and_its_x_takes_it_off(window, qtbot, demo_location):
    conversation_id = labelled(window, qtbot, demo_location, "compliant", "mention:brand")
    assert [chip.property("label") for chip in chips(window)] == ["compliant", "mention:brand"]
    assert [chip.accessibleName() for chip in chips(window)] == [
        "Label compliant, remove", "Label Brand mention, remove"]
    assert "compliant" not in window.conversation.ui.metaLabel.text()  # shown once: a chip
    qtbot.waitUntil(lambda: sidebar_count(window, "tag:compliant") == 1)

    qtbot.mouseClick(chips(window)[0], Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    assert labels_in_store(demo_location, conversation_id) == ("mention:brand",)
    assert [chip.property("label") for chip in chips(window)] == ["mention:brand"]
    assert window.statusBar().currentMessage() == \
        f"Removed the label compliant from #{conversation_id}."
    qtbot.waitUntil(lambda: sidebar_count(window, "tag:compliant") is None)


def test_space_and_delete_on_a_chip_take_it_off_and_the_focus_stays(active, qtbot,
                                                                    demo_location):
    window = active
    conversation_id = labelled(window, qtbot, demo_location, "apple", "banana", "cherry")
    first = chips(window)[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert labels_in_store(demo_location, conversation_id) == ("banana", "cherry")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget().property("label") == "banana"  # where apple was

    last = chips(window)[-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert labels_in_store(demo_location, conversation_id) == ("banana",)
    assert QApplication.focusWidget().property("label") == "banana"  # none after it

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    settle(qtbot, window)
    assert labels_in_store(demo_location, conversation_id) == ()
    assert not window.conversation.ui.labelsArea.isVisible()
    assert QApplication.focusWidget() is window.conversation.ui.moreButton


def test_tab_reaches_the_chips_after_the_header_buttons(active, qtbot, demo_location):
    window = active
    labelled(window, qtbot, demo_location, "refund", "wholesale-lead")
    more = window.conversation.ui.moreButton
    assert more.nextInFocusChain() is chips(window)[0]
    assert chips(window)[0].nextInFocusChain() is chips(window)[1]


def test_two_clicks_before_it_is_read_back_ask_once(window, qtbot, demo_location):
    labelled(window, qtbot, demo_location, "compliant")
    asked = []
    window.conversation.unlabel_requested.connect(lambda _id, label: asked.append(label))
    chip = chips(window)[0]
    chip.click()
    chip.click()
    settle(qtbot, window)
    assert asked == ["compliant"]


def answer_prompt(qtbot, window, trigger, choice: str | None) -> dict:
    """Triggers a prompt, reads what it offers, then chooses `choice` (None: cancels)."""
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, look)
            return
        combo = dialog.findChild(QComboBox)
        seen.update(offered=dialog.comboBoxItems(), editable=combo.isEditable(),
                    title=dialog.windowTitle(), text=dialog.labelText())
        if choice is None:
            dialog.reject()
        else:
            combo.setCurrentIndex(combo.findText(choice))
            dialog.accept()

    QTimer.singleShot(0, look)
    trigger()
    qtbot.waitUntil(lambda: "offered" in seen, timeout=10000)
    settle(qtbot, window)
    return seen


def test_remove_label_asks_which_of_the_conversations_labels(active, qtbot, demo_location):
    window = active
    conversation_id = labelled(window, qtbot, demo_location, "compliant", "refund")
    action = window.remove_label_action
    assert action in window.ui.menuConversation.actions()

    seen = answer_prompt(qtbot, window, action.trigger, None)
    assert seen["offered"] == ["compliant", "refund"] and not seen["editable"]
    assert labels_in_store(demo_location, conversation_id) == ("compliant", "refund")

    answer_prompt(qtbot, window, action.trigger, "compliant")
    assert labels_in_store(demo_location, conversation_id) == ("refund",)


def open_queue_menu_on(window, qtbot, row: int) -> list[str]:
    """Right-clicks the queue's row as a mouse does (the press, then the menu), and reads
    what the menu offers; the menu is left open for the caller's `choose`."""
    view = window.ui.queueView
    centre = view.visualRect(window.queue_model.index(row, 0)).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.RightButton, pos=centre)
    offered: list[str] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, look)
            return
        offered.extend(action.text() for action in menu.actions() if action.text())
        menu.close()

    QTimer.singleShot(0, look)
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, centre, view.viewport().mapToGlobal(centre)))
    qtbot.waitUntil(lambda: bool(offered), timeout=10000)
    return offered


def select_by_keys(window, qtbot, count: int) -> list[int]:
    window.ui.queueView.setFocus()
    for _ in range(count - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, SHIFT)
    return window.bulk.selected_ids()


def test_right_click_on_a_selection_keeps_it_and_offers_what_acts_on_all(active, qtbot):
    window = active
    chosen = select_by_keys(window, qtbot, 4)
    assert len(chosen) == 4

    offered = open_queue_menu_on(window, qtbot, 2)

    assert window.bulk.selected_ids() == chosen  # it was cut to the clicked one
    assert "Remove label…" in offered and "Close" in offered
    assert "Reply" not in offered  # says "select one" with several selected

    offered = open_queue_menu_on(window, qtbot, 6)  # outside the selection: that one
    assert window.bulk.selected_ids() == [window.queue_model.conversation_at(6).conversation_id]
    assert "Reply" in offered and "Remove label…" in offered


def test_remove_label_from_a_selection_and_undo(active, qtbot, demo_location):
    window = active
    chosen = select_by_keys(window, qtbot, 4)
    store = open_store(demo_location)
    try:
        store.label(chosen[0], "wholesale-lead")
        store.label(chosen[2], "Wholesale-Lead")
        store.label(chosen[3], "refund")
        for conversation_id in chosen:
            store.unlabel(conversation_id, "mention:brand")  # the demo's, out of the way
    finally:
        store.close()
    before = [labels_in_store(demo_location, i) for i in chosen]

    seen = answer_prompt(qtbot, window, window.remove_label_action.trigger, "wholesale-lead")

    assert seen["title"] == "Remove label"
    assert "wholesale-lead" in seen["offered"] and "refund" in seen["offered"]
    assert not any(label.casefold() == "wholesale-lead"
                   for i in chosen for label in labels_in_store(demo_location, i))
    assert labels_in_store(demo_location, chosen[3]) == before[3]
    assert window.statusBar().currentMessage() == (
        "Removed the label wholesale-lead from 2 conversations. Ctrl+Z undoes it.")

    window.ui.actionUndoMerge.trigger()
    settle(qtbot, window)
    assert [labels_in_store(demo_location, i) for i in chosen] == before
    assert window.statusBar().currentMessage() == \
        "Undone: Removed the label wholesale-lead from 2 conversations."


def test_a_selection_without_labels_says_so(active, qtbot, demo_location):
    window = active
    chosen = select_by_keys(window, qtbot, 3)
    store = open_store(demo_location)
    try:
        for conversation_id in chosen:
            for label in store.get_conversation(conversation_id).labels:
                store.unlabel(conversation_id, label)
    finally:
        store.close()
    problems = []
    window.bulk.problem.connect(problems.append)
    window.remove_label_action.trigger()
    settle(qtbot, window)
    assert problems == ["None of the 3 selected conversations has a label to remove."]
    assert QApplication.activeModalWidget() is None


def test_a_colleagues_window_shows_it_gone_at_its_next_refresh(make_window, team_location,
                                                                qtbot):
    mine = make_window(team_location)
    theirs = make_window(team_location, staff="Theo Brandt")
    conversation_id = labelled(mine, qtbot, team_location, "compliant")
    theirs.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: theirs.conversation.conversation is not None
                    and "compliant" in theirs.conversation.conversation.labels, timeout=15000)

    qtbot.mouseClick(chips(mine)[0], Qt.MouseButton.LeftButton)
    settle(qtbot, mine)

    theirs.refresh_all(keep_current=True)
    qtbot.waitUntil(lambda: not [c for c in chips(theirs) if c.property("label") == "compliant"],
                    timeout=15000)
    assert labels_in_store(team_location, conversation_id) == ()


def test_the_chips_are_inert_while_the_store_is_away(window, qtbot, demo_location):
    labelled(window, qtbot, demo_location, "compliant")
    window.conversation.set_offline(True)
    assert not chips(window)[0].isEnabled()
    window.conversation.set_offline(False)
    assert chips(window)[0].isEnabled()


def test_a_long_label_is_shortened_to_the_pane(window, qtbot, demo_location):
    long = "wholesale enquiry from a café chain with forty branches " * 3
    labelled(window, qtbot, demo_location, long.strip())
    chip = chips(window)[0]
    assert chip.text().endswith("×") and "…" in chip.text()
    assert chip.width() <= window.conversation.ui.labelsArea.width()
    assert chip.toolTip() == f"Remove the label {long.strip()}"


def test_labelling_with_a_label_it_has_says_so_and_how_to_take_it_off(window, qtbot,
                                                                      demo_location):
    conversation_id = labelled(window, qtbot, demo_location, "Refund")
    window.actions_.label(conversation_id, "refund")
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == (
        f"#{conversation_id} has the label Refund already; its × in the header"
        " (or Conversation → Remove label…) takes it off.")
    assert labels_in_store(demo_location, conversation_id) == ("Refund",)

    window.actions_.label(conversation_id, "follow-up")
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == "Labelled follow-up."


def test_shift_l_in_the_queue_takes_a_label_off(active, qtbot, demo_location):
    """The key beside L's: listed with the conversation's keys in the overlay (`?`)."""
    window = active
    conversation_id = labelled(window, qtbot, demo_location, "compliant", "refund")
    window.ui.queueView.setFocus()

    answer_prompt(qtbot, window, lambda: qtbot.keyClick(window.ui.queueView, Qt.Key.Key_L,
                                                        SHIFT), "compliant")
    assert labels_in_store(demo_location, conversation_id) == ("refund",)
    assert window.current_id() == conversation_id
