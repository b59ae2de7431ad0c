"""Typing `@` in an internal note offers the colleagues to ask in (core/mentions.py).

"@pr" lists Priya Raman and Priya Rao; Enter, Tab or a click puts "@Priya Raman " in
place of what was typed. Only in note mode: a reply goes to the customer, and an @ in
it is the customer's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit

TYPED = re.compile(r"(?:^|(?<=[^\w@/.]))@([\w'-]*)$")  # not in an address or a link
LOOK_BACK = 40  # characters before the cursor that can hold "@" and a partial name
POPUP_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
              Qt.Key.Key_Escape}


def before_cursor(line: str, position: int) -> str:
    """The part of `line` before a Qt cursor `position`, which counts UTF-16 units: an
    emoji earlier in the line is two of them, one Python character."""
    return line.encode("utf-16-le")[: 2 * position].decode("utf-16-le", errors="ignore")


class MentionCompleter(QObject):
    def __init__(self, edit: QPlainTextEdit, active: Callable[[], bool],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.edit = edit
        self.active = active
        self.names: list[str] = []
        self.completer = QCompleter(QStringListModel(self), self)
        self.completer.setWidget(edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert)  # a click in the list
        edit.textChanged.connect(self._typed)
        # Enter, Tab and Escape reach the list when it holds the keyboard, the note when
        # it does not (no grab); both filters are installed after the others, so asked first.
        self.completer.popup().setObjectName("mentionList")  # styled in style.qss
        self.completer.popup().installEventFilter(self)
        edit.installEventFilter(self)

    def set_names(self, names: list[str]) -> None:
        """The colleagues to offer (the staff list without whoever is writing)."""
        self.names = list(names)
        self.completer.model().setStringList(self.names)

    def typed_prefix(self) -> str | None:
        """What follows an `@` just before the cursor, or None when the cursor is not in a
        mention being typed."""
        cursor = self.edit.textCursor()
        if cursor.hasSelection():
            return None
        block = before_cursor(cursor.block().text(), cursor.positionInBlock())
        found = TYPED.search(block[-LOOK_BACK:]) if "@" in block else None
        return None if found is None else found.group(1)

    def _typed(self) -> None:
        prefix = self.typed_prefix() if self.names and self.active() else None
        popup = self.completer.popup()
        if prefix is None:
            popup.hide()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.edit.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width()
                      + 24)  # the items' padding (style.qss)
        self.completer.complete(rect)

    def insert(self, name: str) -> None:
        """Replaces the "@pre" being typed with "@Full Name "."""
        prefix = self.typed_prefix()
        if prefix is None:
            return
        cursor = self.edit.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor,
                            len(prefix) + 1)
        cursor.insertText(f"@{name} ")
        self.edit.setTextCursor(cursor)
        self.completer.popup().hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the list is open, Enter, Tab and Escape are the list's (choose, close), not
        # the composer's (send, leave) nor QCompleter's (which hands them to the note first,
        # where Enter would start a new line).
        if (watched in (self.edit, self.completer.popup())
                and event.type() == QEvent.Type.KeyPress and self.completer.popup().isVisible()):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in POPUP_KEYS:
                if key_event.key() == Qt.Key.Key_Escape:
                    self.completer.popup().hide()
                else:
                    index = self.completer.popup().currentIndex()
                    if index.isValid():
                        self.insert(index.data())
                return True
        return super().eventFilter(watched, event)
