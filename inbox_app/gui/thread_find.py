"""Finding text in the open conversation: the find bar over the thread (Ctrl+F).

A long thread (an order dispute of thirty messages) is read for one word: the refund, the
order number. Ctrl+F opens a bar over the thread wherever the focus is in the window while
a conversation is shown — the queue too, where a person reading with J and K has it — as a
mail program's "find in this message" does; `/` stays the queue's search. Every match is
highlighted and the current one stands out; Enter and F3 go to the next, with Shift to the
one before, round the end; Escape closes the bar and hands the focus back to where it was.
Another conversation opening closes it.

Case and accents do not count, nor curly apostrophes or the zero-width places to wrap that
the thread puts into long runs (core.text.wrappable): "cafe" finds "Café", "strasse"
"Straße", "dont" no, "don't" "don’t". The text is searched a slice at a time between turns
of the event loop, and at most MATCH_LIMIT matches are kept, so a thread shown with a
10 MB message whole never holds the window up.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

from inbox_app.gui import icons
from inbox_app.gui.theme import colors, restyle

SLICE = 200_000  # characters searched in one turn of the event loop
MATCH_LIMIT = 1_000  # matches kept and highlighted; beyond it the count says "1,000+"
LONGEST_NEEDLE = 500  # characters of a search; a longer paste is searched by its start
SEARCHING = "Searching…"
NO_MATCHES = "No matches"
PLACEHOLDER = "Find in this conversation"
# Read as the letter or sign on a keyboard: neither accents nor case decompose these.
_PLAIN = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t",
          "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
          "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " "}
_INVISIBLE = "\u200b\u00ad"  # places to wrap the thread adds, and soft hyphens: skipped
# Between two characters: those, and accents written apart from their letter (as macOS
# writes "é" in some mail), which fold to themselves as there is no letter to fold them into.
_BETWEEN = f"[{_INVISIBLE}\u0300-\u036f]*"
_SPACE = "[^\\S\u2029]+"  # any run of spaces or line breaks within one paragraph
_SHARP_S = "(?:ss|ß)"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_folds: dict[int, str] = {}


def fold_char(char: str) -> str:
    """One character as the search compares it, and always one (so a match's place in the
    folded text is its place in the thread): without accents, in lower case."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                    if not unicodedata.combining(c))
    for candidate in (plain.casefold(), plain.lower(), char.lower()):
        candidate = _PLAIN.get(candidate, candidate)
        if len(candidate) == 1:
            return candidate
    return char


def folded(text: str) -> str:
    """The text with every character folded (fold_char), the same length."""
    if text.isascii():
        return text.lower()
    new = {ord(c) for c in set(text)} - _folds.keys()
    for code in new:
        _folds[code] = fold_char(chr(code))
    return text.translate(_folds)


def find_pattern(needle: str) -> re.Pattern[str] | None:
    """What finds `needle` in folded text, or None for nothing to find. Spaces match any
    run of spaces and line breaks, "ss" and "ß" each other; the thread's invisible places
    to wrap may stand between any two characters."""
    needle = unicodedata.normalize("NFC", needle.translate({ord(c): None for c in _INVISIBLE}))
    needle = "".join(c for c in needle[:LONGEST_NEEDLE] if not unicodedata.combining(c))
    if not needle.strip():
        return None
    text = "".join(fold_char(c) for c in needle)
    parts, at = [], 0
    while at < len(text):
        if text.startswith("ss", at) or text[at] == "ß":
            parts.append(_SHARP_S)
            at += 1 if text[at] == "ß" else 2
        elif text[at].isspace():
            parts.append(_SPACE)
            while at < len(text) and text[at].isspace():
                at += 1
        else:
            parts.append(re.escape(text[at]))
            at += 1
    return re.compile(_BETWEEN.join(parts))


def highlight_colours(c: dict[str, str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """(background, text) of a match and of the current one. Matches are a marker's
    yellow, which the thread's cards (white, blue, a note's pale yellow) do not use so
    strongly; the dark palette's note yellows are too dim to spot, so there its bright
    note text is the marker. The current match is the accent, as a selection is."""
    dark = QColor(c["window"]).lightness() < 128
    marker = (c["note_text"], c["note"]) if dark else (c["note_border"], c["text"])
    return marker, (c["accent"], c["on_accent"])


class FindBar(QFrame):
    """The bar's widgets: the field, "3 of 12", previous, next and close."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 10, 6)
        layout.setSpacing(6)
        self.field = QLineEdit(self)
        self.field.setObjectName("findEdit")
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setAccessibleName("Find in this conversation")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setObjectName("findCount")
        # Room for most counts, so the field does not jump as they change; a narrow pane
        # keeps the field wide enough to read what was typed.
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("88 of 88"))
        self.field.setMinimumWidth(self.field.fontMetrics().horizontalAdvance("x" * 16))
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.previous = self._button("findPrevious", Qt.ArrowType.UpArrow,
                                     "Previous match (Shift+Enter, Shift+F3)")
        self.next = self._button("findNext", Qt.ArrowType.DownArrow, "Next match (Enter, F3)")
        self.close_button = self._button("findClose", None, "Close the find bar (Esc)")
        for widget in (self.field, self.count, self.previous, self.next, self.close_button):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.restyle()
        self.hide()

    def _button(self, name: str, arrow: Qt.ArrowType | None, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if arrow is not None:
            button.setArrowType(arrow)
        return button

    def restyle(self) -> None:
        """The palette's colours, again after a theme switch."""
        c = colors()
        self.close_button.setIcon(icons.icon("x"))
        self.setStyleSheet(
            f"QFrame#findBar {{ background: {c['toolbar']}; border: none;"
            f" border-top: 1px solid {c['border']}; border-bottom: 1px solid {c['border']}; }}"
            f" QLineEdit#findEdit {{ background: {c['input']}; color: {c['text']};"
            f" border: 1px solid {c['border']}; border-radius: 6px; padding: 4px 8px;"
            f" selection-background-color: {c['accent']}; selection-color: {c['on_accent']}; }}"
            f" QLineEdit#findEdit:focus {{ border-color: {c['accent']}; }}"
            f' QLineEdit#findEdit[found="false"] {{ border-color: {c["danger"]}; }}'
            f" QLabel#findCount {{ color: {c['muted']}; }}"
            f' QLabel#findCount[found="false"] {{ color: {c["danger"]}; }}'
            f" QToolButton {{ border: none; border-radius: 6px; padding: 4px; }}"
            f" QToolButton:hover {{ background: {c['hover']}; }}")

    def say(self, text: str, found: bool = True, can_step: bool = False) -> None:
        """The count (or why there is none); previous and next are on while there is a
        match to go to."""
        self.count.setText(text)
        self.previous.setEnabled(can_step)
        self.next.setEnabled(can_step)
        for widget in (self.field, self.count):
            restyle(widget, "found", "true" if found else "false")


class ThreadFind(QObject):
    """Finds text in `browser` (the thread) through a FindBar put in `layout` at `index`.
    `pane` holds the keys: Ctrl+F and F3 act while it is shown in the window.
    `reader_moved` is called before the thread is scrolled to a match, so the view keeps
    that place rather than snapping back to the latest message."""

    def __init__(self, pane: QWidget, browser: QTextEdit, layout, index: int,
                 reader_moved: Callable[[], None], can_open: Callable[[], bool]):
        super().__init__(pane)
        self.browser = browser
        self.reader_moved = reader_moved
        self.can_open = can_open
        self.bar = FindBar(pane)
        layout.insertWidget(index, self.bar)
        self.matches: list[tuple[int, int]] = []
        self.more = False  # more matches than MATCH_LIMIT
        self.current = -1
        self.searching = False
        self._text = ""
        self._pattern: re.Pattern[str] | None = None
        self._next_slice = 0
        self._wide_before = 0
        self._anchor = 0  # the current match is the first at or after this place
        self._scroll_when_found = False
        self._keep_index: int | None = None
        self._return_focus: QWidget | None = None
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._search_slice)
        bar = self.bar
        bar.field.textEdited.connect(lambda _text: self.search(scroll=True))
        bar.field.installEventFilter(self)
        bar.previous.clicked.connect(self.previous)
        bar.next.clicked.connect(self.next)
        bar.close_button.clicked.connect(lambda: self.close(return_focus=True))
        self._keys(pane, QKeySequence.StandardKey.Find, self.open)
        self._keys(pane, QKeySequence.StandardKey.FindNext, lambda: self._step_or_open(1))
        self._keys(pane, QKeySequence.StandardKey.FindPrevious, lambda: self._step_or_open(-1))
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), browser)
        self._escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(lambda: self.close(return_focus=True))

    def _keys(self, pane: QWidget, standard: QKeySequence.StandardKey, act) -> None:
        shortcut = QShortcut(pane)
        shortcut.setKeys(standard)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(act)

    @property
    def is_open(self) -> bool:
        return not self.bar.isHidden()

    # Opening and closing

    def open(self) -> None:
        """Shows the bar with the focus in its field, its text selected to type over; text
        selected in the thread (one line) is what it finds."""
        if not self.can_open():
            return
        focused = QApplication.focusWidget()
        if focused is not None and not self.bar.isAncestorOf(focused):
            self._return_focus = focused
        selection = self.browser.textCursor()
        chosen = selection.selectedText()
        from_selection = bool(chosen) and "\u2029" not in chosen and len(chosen) <= 200
        if from_selection:
            self.bar.field.setText(chosen.replace("\u200b", ""))
        self.bar.show()
        self._escape.setEnabled(True)
        self.bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.bar.field.selectAll()
        self.search(scroll=True, anchor=selection.selectionStart() if from_selection else None)

    def close(self, return_focus: bool = False) -> None:
        """Hides the bar and its highlights; with `return_focus`, the focus goes back to
        where it was when the bar opened (the thread if that is gone)."""
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.bar.isAncestorOf(focused)
        self._stop()
        self.matches, self.current, self.more = [], -1, False
        self.browser.setExtraSelections([])
        self.bar.say("")
        self._escape.setEnabled(False)
        self.bar.hide()
        if return_focus or had_focus:
            back = self._return_focus
            if back is None or not isValid(back) or not back.isVisible():
                back = self.browser
            back.setFocus(Qt.FocusReason.OtherFocusReason)
        self._return_focus = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.previous() if back else self.next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close(return_focus=True)
                return True
        return super().eventFilter(watched, event)

    # Searching

    def search(self, scroll: bool = False, keep_index: int | None = None,
               anchor: int | None = None) -> None:
        """Searches the thread for the field's text from the start. The current match is
        the one at `keep_index`, or else the first at or after `anchor`, the one current
        before (as the word is typed on) or the top of what is on screen; `scroll` brings
        it in view."""
        self._stop()
        if anchor is not None:
            self._anchor = anchor
        elif self.current >= 0 and keep_index is None:
            self._anchor = self.matches[self.current][0]
        else:
            self._anchor = self.browser.cursorForPosition(QPoint(0, 0)).position()
        self.matches, self.current, self.more = [], -1, False
        self._pattern = find_pattern(self.bar.field.text())
        self._keep_index = keep_index
        self._scroll_when_found = scroll
        if self._pattern is None:
            self.browser.setExtraSelections([])
            self.bar.say("")
            return
        self._text = self.browser.document().toRawText()
        self._next_slice = 0
        self._wide_before = 0  # characters outside the BMP before the slice searched next
        self.searching = True
        self._search_slice()

    def document_changed(self) -> None:
        """The thread was set again (a new message, a theme, a message shown whole): the
        matches are found anew, the current one kept by its number, the reader's place kept."""
        if self.is_open:
            self.search(keep_index=max(self.current, 0))

    def _stop(self) -> None:
        self._timer.stop()
        self.searching = False
        self._text = ""

    def _search_slice(self) -> None:
        """One slice of the text; a match starting in it may run on past its end."""
        start = self._next_slice
        end = min(len(self._text), start + SLICE)
        original = self._text[start:end + 4 * LONGEST_NEEDLE]
        # Qt counts places in UTF-16: an emoji takes two, one character here.
        wide = [] if original.isascii() else [m.start() for m in _ASTRAL.finditer(original)]
        before = self._wide_before

        def place(at: int) -> int:
            return start + at + before + bisect_left(wide, at)

        for match in self._pattern.finditer(folded(original)):
            if match.start() >= end - start:
                break
            if len(self.matches) == MATCH_LIMIT:
                self.more = True
                break
            self.matches.append((place(match.start()), place(match.end())))
        self._wide_before += bisect_left(wide, end - start)
        self._next_slice = end
        if end < len(self._text) and not self.more:
            self.bar.say(SEARCHING)
            self._timer.start()
            return
        self._stop()
        self._found()

    def _found(self) -> None:
        if not self.matches:
            self.browser.setExtraSelections([])
            self.bar.say(NO_MATCHES, found=False)
            return
        if self._keep_index is not None:
            self.current = min(self._keep_index, len(self.matches) - 1)
        else:
            self.current = next((number for number, (start, _end) in enumerate(self.matches)
                                 if start >= self._anchor), 0)
        self._show(scroll=self._scroll_when_found)

    # Moving between matches

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, by: int) -> None:
        if self.searching or not self.matches:
            return
        self.current = (self.current + by) % len(self.matches)
        self._show(scroll=True)

    def _step_or_open(self, by: int) -> None:
        """F3 in the bar steps; with the bar closed, it opens on what was last found."""
        if not self.is_open:
            self.open()
            return
        self._step(by)

    def _show(self, scroll: bool) -> None:
        match_format, current_format = QTextCharFormat(), QTextCharFormat()
        for text_format, (background, foreground) in zip(
                (match_format, current_format), highlight_colours(colors()), strict=True):
            text_format.setBackground(QColor(background))
            text_format.setForeground(QColor(foreground))
        document = self.browser.document()
        chosen = []
        for number, (start, end) in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = current_format if number == self.current else match_format
            chosen.append(selection)
        self.browser.setExtraSelections(chosen)
        total = f"{len(self.matches):,}{'+' if self.more else ''}"
        self.bar.say(f"{self.current + 1:,} of {total}", can_step=True)
        if scroll:
            self._scroll_to(self.matches[self.current])

    def _scroll_to(self, match: tuple[int, int]) -> None:
        """Brings the match into the middle of the thread, unless it is in view already."""
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(match[0])
        place = self.browser.cursorRect(cursor)
        height = self.browser.viewport().height()
        if place.top() >= 0 and place.bottom() <= height:
            return
        self.reader_moved()
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + place.center().y() - height // 2)
