"""Typing `@` in an internal note offers the colleagues to ask in (core/mentions.py).

"@pr" lists Priya Raman and Priya Rao; Enter, Tab or a click puts "@Priya Raman " in
place of what was typed. Only in note mode: a reply goes to the customer, and an @ in
it is the customer's business. Accents and case are not needed to find someone ("@jose"
offers José Álvarez, on a keyboard without them), and the name goes in as it is spelt.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit

LOOK_BACK = 40  # characters before the cursor that can hold "@" and a partial name
POPUP_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
              Qt.Key.Key_Escape}


@cache
def typed_mention():
    """An "@" and the name typed after it, not in an address or a link. `regex`'s \\w holds
    the marks that letters are written with ("Zoë" typed as e and a diaeresis; प्रिया),
    which `re`'s stops at. Compiled at the first "@": importing `regex` costs the window's
    start about 20 ms."""
    import regex

    return regex.compile(r"(?:^|(?<=[^\w@/.]))@([\w'-]*)$")


def folded(text: str) -> str:
    """`text` as it is compared while typed: without accents, case or spelling variants."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


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
        # The list is matched here (accent-blind), not by QCompleter (which is not).
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
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

    def typed_prefix(self) -> str | None:
        """What follows an `@` just before the cursor, or None when the cursor is not in a
        mention being typed."""
        cursor = self.edit.textCursor()
        if cursor.hasSelection():
            return None
        block = before_cursor(cursor.block().text(), cursor.positionInBlock())
        found = typed_mention().search(block[-LOOK_BACK:]) if "@" in block else None
        return None if found is None else found.group(1)

    def _typed(self) -> None:
        prefix = self.typed_prefix() if self.names and self.active() else None
        popup = self.completer.popup()
        if prefix is None:
            popup.hide()
            return
        wanted = folded(prefix)
        matching = [name for name in self.names if folded(name).startswith(wanted)]
        if not matching:
            popup.hide()
            return
        self.completer.model().setStringList(matching)
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
        # Back over "@" and what was typed, in Qt's UTF-16 units: moving Left goes by
        # whole letters, and "e" with a combining accent is one, two characters.
        typed = len(f"@{prefix}".encode("utf-16-le")) // 2
        cursor.setPosition(cursor.position() - typed, QTextCursor.MoveMode.KeepAnchor)
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
