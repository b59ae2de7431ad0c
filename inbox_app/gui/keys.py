"""Keeping the window's shortcut keys from reaching lists and combo boxes.

An action's key does nothing while the action is off (Shift+I with no images to load, E
with no conversation). Qt then hands the key to the focused widget, and a list or a combo
box takes a letter as type-to-find: the queue jumped to a customer whose name starts with
"I" and marked their conversation read. `ShortcutGuard` swallows such a key in the widgets
it watches, so a documented shortcut never moves the selection, whatever its state.
`keyboard_paths` sets where Tab, Escape, Enter in the left bar and F6 (pane to pane) lead in
the main window, and `shortcut_groups` orders the shortcuts overlay (`?`) the way a person
looks for a key.
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
LEAVE_COMPOSER = ("Esc", "Leave the composer (or the search box) for the queue")
# The thread's find bar holds its own keys (gui/thread_find.py).
FIND = ("Ctrl+F", "Find in the conversation; Esc closes the find bar")
FIND_AGAIN = ("F3 / Shift+F3", "Next / previous match (Enter / Shift+Enter in the find bar)")
# `keyboard_paths` holds F6 itself: it walks the panes, not one action.
NEXT_PANE = ("F6 / Shift+F6",
             "Next / previous pane: the views, the queue, the thread, the reply, the customer")
INTO_VIEW = ("Enter", "In the views (left): go into the chosen one's queue")
# The overlay's groups, in the order of a day's work: find a conversation, answer it, sort
# it out, then the shop's own business. An action is named by its object name.
SHORTCUT_GROUPS: tuple[tuple[str, tuple[str | tuple[str, str], ...]], ...] = (
    ("Moving around", ("actionNext", "actionPrevious", "actionTakeNext", NEXT_PANE,
                       INTO_VIEW, "actionSearch", FIND, FIND_AGAIN, "actionSelectAll",
                       "actionShowQueue", "actionShowInsights")),
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
             bulk.labelButton, bulk.snoozeButton, bulk.closeButton, bulk.unlabelButton,
             bulk.mergeButton,
             window.conversation.ui.assignButton]
    for before, after in pairwise(chain):
        QWidget.setTabOrder(before, after)
    # Enter on a view in the left bar goes into it: to its queue (or the Insights page),
    # where the arrow keys left off choosing. A filter on the list, not a shortcut: a
    # shortcut on Return is matched against wherever the focus is, not the key's widget.
    ui.sidebarView.installEventFilter(_IntoTheView(window))
    # F6 / Shift+F6: pane to pane, without Tabbing through every button on the way.
    for key, step in (("F6", 1), ("Shift+F6", -1)):
        QShortcut(QKeySequence(key), window).activated.connect(
            lambda step=step: to_next_pane(window, step))


class _IntoTheView(QObject):
    """Enter or Return in the left bar: into the chosen view's page."""

    def __init__(self, window):
        super().__init__(window.ui.sidebarView)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & ~KEYPAD == Qt.KeyboardModifier.NoModifier):
            to_next_pane(self.window, 1)
            return True
        return super().eventFilter(watched, event)


def _panes(window) -> list[tuple[QWidget, QWidget | None]]:
    """The window's panes in reading order, each with the control F6 puts the focus on
    (None: the pane's first control in Tab order). The reply box is a pane of its own
    inside the conversation's: listed after it, the inner one names where the focus is."""
    ui, conversation = window.ui, window.conversation.ui
    return [(ui.sidebarView, ui.sidebarView), (ui.queuePane, ui.queueView),
            (window.bulk.panel, None), (window.conversation, conversation.threadBrowser),
            (conversation.composerFrame, conversation.composerEdit), (window.customer, None),
            (ui.insightsHost, None)]


def _can_take_focus(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))


def _first_control(window, pane: QWidget) -> QWidget | None:
    """The first control in `pane` that Tab reaches, going round from the left bar."""
    start = widget = window.ui.sidebarView
    for _ in range(5000):  # the chain is a ring; the bound only guards against a broken one
        if pane.isAncestorOf(widget) and _can_take_focus(widget):
            return widget
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return None


def to_next_pane(window, step: int) -> None:
    """Puts the focus in the next shown pane (`step` 1) or the one before (-1); from
    outside every pane (the toolbar) F6 starts at the left bar."""
    panes = _panes(window)
    focus = window.focusWidget()
    here = None
    for number, (pane, _target) in enumerate(panes):
        if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
            here = number  # the last that holds it is the innermost
    if here is None:
        here = -1 if step > 0 else len(panes)
    for distance in range(1, len(panes) + 1):
        pane, target = panes[(here + step * distance) % len(panes)]
        if not pane.isVisible():
            continue
        if target is None or not _can_take_focus(target):
            target = _first_control(window, pane)
        if target is not None:
            reason = Qt.FocusReason.TabFocusReason if step > 0 \
                else Qt.FocusReason.BacktabFocusReason
            target.setFocus(reason)
            return
