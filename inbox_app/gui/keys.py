"""Keeping the window's shortcut keys from reaching lists and combo boxes.

An action's key does nothing while the action is off (Shift+I with no images to load, E
with no conversation). Qt then hands the key to the focused widget, and a list or a combo
box takes a letter as type-to-find: the queue jumped to a customer whose name starts with
"I" and marked their conversation read. `ShortcutGuard` swallows such a key in the widgets
it watches, so a documented shortcut never moves the selection, whatever its state.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QWidget

SHIFT = Qt.KeyboardModifier.ShiftModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier


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
