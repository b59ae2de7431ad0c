"""Keeping the window's shortcut keys from reaching lists and combo boxes.

An action's key does nothing while the action is off (Shift+I with no images to load, E
with no conversation). Qt then hands the key to the focused widget, and a list or a combo
box takes a letter as type-to-find: the queue jumped to a customer whose name starts with
"I" and marked their conversation read. `ShortcutGuard` swallows such a key in the widgets
it watches, so a documented shortcut never moves the selection, whatever its state.
`keyboard_paths` sets where Tab and Escape lead in the main window, and `shortcut_groups`
orders the shortcuts overlay (`?`) the way a person looks for a key.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QWidget

SHIFT = Qt.KeyboardModifier.ShiftModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier

# Keys the composer reads itself (no action holds them), listed with the actions.
SEND = ("Ctrl+Enter", "Send the reply or note")
SEND_AND_CLOSE = ("Ctrl+Shift+Enter", "Send and close: then the next conversation")
UNDO_SEND = ("Alt+U", "Undo send, while a reply waits to go out")
LEAVE_COMPOSER = ("Esc", "Leave the composer")
# The thread's find bar holds its own keys (gui/thread_find.py).
FIND = ("Ctrl+F", "Find in the conversation; Esc closes the find bar")
FIND_AGAIN = ("F3 / Shift+F3", "Next / previous match (Enter / Shift+Enter in the find bar)")
# The overlay's groups, in the order of a day's work: find a conversation, answer it, sort
# it out, then the shop's own business. An action is named by its object name.
SHORTCUT_GROUPS: tuple[tuple[str, tuple[str | tuple[str, str], ...]], ...] = (
    ("Moving around", ("actionNext", "actionPrevious", "actionTakeNext", "actionSearch",
                       FIND, FIND_AGAIN, "actionSelectAll", "actionShowQueue",
                       "actionShowInsights")),
    ("Answering", ("actionReply", "actionNote", "actionInsertTemplate", SEND, SEND_AND_CLOSE,
                   UNDO_SEND, LEAVE_COMPOSER)),
    ("The conversation", ("actionAssign", "actionSnooze", "actionClose", "actionReopen",
                          "actionLabel", "actionRemoveLabel", "actionMarkUnread", "actionLoadImages",
                          "actionHistory", "actionMergeConversations", "actionUndoMerge")),
    ("The customer", ("actionTag", "actionCustomerValue", "actionMergeCustomer")),
    ("The shop", ("actionPoll", "actionLogCall", "actionAccounts", "actionSettings",
                  "actionSwitchStaff", "actionShortcuts", "actionQuit")),
)
OTHER_KEYS = "Other keys"


def shortcut_groups(actions: list[QAction]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The shortcuts overlay's rows, (key, what it does), under their group's title. Every
    action with a key is listed once: one no group names yet goes under "Other keys" rather
    than missing from the list."""
    keyed = {action.objectName(): action for action in actions
             if not action.shortcut().isEmpty()}

    def row(action: QAction) -> tuple[str, str]:
        return (action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                action.text().replace("&", "").rstrip("…"))

    groups = []
    for title, members in SHORTCUT_GROUPS:
        rows = [member if isinstance(member, tuple) else row(keyed.pop(member))
                for member in members if isinstance(member, tuple) or member in keyed]
        if rows:
            groups.append((title, rows))
    if keyed:
        groups.append((OTHER_KEYS, [row(action) for action in keyed.values()]))
    return groups


def key_sequences(event: QKeyEvent) -> list[QKeySequence]:
    """The shortcuts a key press can stand for: Shift+/ is also "?" on a US keyboard, the
    way Qt's own shortcut map reads it (a letter's Shift counts: Shift+I is not I)."""
    key = Qt.Key(event.key())
    modifiers = event.modifiers() & ~KEYPAD
    found = [QKeySequence(QKeyCombination(modifiers, key))]
    if modifiers & SHIFT and not Qt.Key.Key_A.value <= key.value <= Qt.Key.Key_Z.value:
        found.append(QKeySequence(QKeyCombination(modifiers & ~SHIFT, key)))
    return found


class ShortcutGuard(QObject):
    """An event filter for the lists and combo boxes of `owner`: a key press that is the
    shortcut of one of `owner`'s actions (one that is off, or it would have run) ends here."""

    def __init__(self, owner: QWidget):
        super().__init__(owner)
        self.owner = owner

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def watch_all(self, root: QWidget) -> None:
        """Every list, table, tree and fixed-choice combo box in `root` (an editable combo
        box takes letters as text: it is left alone)."""
        for widget in [root, *root.findChildren(QWidget)]:
            if isinstance(widget, QAbstractItemView) or (
                    isinstance(widget, QComboBox) and not widget.isEditable()):
                self.watch(widget)

    def is_shortcut(self, event: QKeyEvent) -> bool:
        wanted = key_sequences(event)
        return any(action.shortcut() in wanted
                   for action in self.owner.findChildren(QAction)
                   if not action.shortcut().isEmpty())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self.is_shortcut(event):
            event.accept()
            return True
        return super().eventFilter(watched, event)


def keyboard_paths(window) -> None:
    """Where Tab and Escape lead in the main window, for a person who works by keys."""
    ui = window.ui
    # Escape leaves the search box for the queue, keeping what was searched for.
    leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), ui.searchEdit)
    leave.setContext(Qt.ShortcutContext.WidgetShortcut)  # the constructor ignores it
    leave.activated.connect(window._search_now)
    # Tab goes round in reading order: the views, the queue, the conversation, the
    # customer, then the staff button in the toolbar (it was made before the panes and
    # sat between the queue and the conversation).
    QWidget.setTabOrder(window.customer.last_in_tab_order(), window.state.staff_button)
    # With several selected, the bulk panel stands where the conversation was.
    bulk = window.bulk.panel.ui
    chain = [ui.queueView, bulk.scopeLabel, bulk.assignButton, bulk.tagButton,
             bulk.labelButton, bulk.snoozeButton, bulk.closeButton, bulk.mergeButton,
             window.conversation.ui.assignButton]
    for before, after in pairwise(chain):
        QWidget.setTabOrder(before, after)
