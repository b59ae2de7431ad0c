"""The customer's tags in the customer panel: a chip per tag (a click removes it), the
box a new tag is typed into, and the chips shortened to the pane's width. What a tag
means to the store is the panel's business: this module only says what was asked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QToolButton, QWidget

from inbox_app.gui.flow_layout import FlowLayout

# A tag chip's text is shortened to this many pixels (the whole tag in its tooltip): a
# chip as wide as a long tag widened the panel and took the width from the conversation.
CHIP_TEXT_WIDTH = 150
CHIP_TAG = "tag"  # a chip's property: the whole tag it shows
CHIP_MARK = "  ×"  # after the tag on its chip: a click removes it
ENTRY_WIDTH = 90
IN_THE_BOX = -1  # where the focus was: in the tag box (else a chip's index)


def as_button_text(text: str) -> str:
    """`text` as a button shows it: its "&" would underline the next letter and make Alt
    and that letter click the chip (and remove a tag such as "B&B")."""
    return text.replace("&", "&&")


def shown_text(button: QToolButton) -> str:
    return button.text().replace("&&", "&")


def fit_chip(chip: QToolButton, words: str, width: int) -> None:
    """The chip's words shortened to the room `width` leaves ("…", the whole in its
    tooltip), at most CHIP_TEXT_WIDTH of text, then its × mark."""
    metrics = chip.fontMetrics()
    chrome = chip.sizeHint().width() - metrics.horizontalAdvance(shown_text(chip))
    room = min(CHIP_TEXT_WIDTH, width - chrome - metrics.horizontalAdvance(CHIP_MARK))
    shortened = metrics.elidedText(words, Qt.TextElideMode.ElideRight, max(room, 0))
    text = as_button_text(f"{shortened}{CHIP_MARK}")
    if text != chip.text():
        chip.setText(text)


class TagChips(QObject):
    """The chips and the tag box laid out in `area`, made anew for each customer.

    Signals: add_requested(tag) on Enter in the tag box; remove_requested(tag) when a
    chip is clicked."""

    add_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, area: QWidget):
        super().__init__(area)
        self.area = area
        self.layout = FlowLayout(area)
        self.entry: QLineEdit | None = None  # the tag box; None until tags are shown
        self.editable = True
        self._sent: str | None = None  # what Enter sent from the box, until more is typed
        area.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The chips are shortened again when the pane's width changes."""
        if watched is self.area and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():
            self.shorten()
        return super().eventFilter(watched, event)

    def show_tags(self, tags: list[str], known_tags: list[str]) -> None:
        """A chip for each tag, then the tag box, which completes from `known_tags`."""
        while (item := self.layout.takeAt(0)) is not None:
            if item.widget():
                item.widget().deleteLater()
        for tag in tags:
            self.layout.addWidget(self._chip(tag))
        entry = QLineEdit(self.area)
        entry.setProperty("role", "inline")
        entry.setPlaceholderText("+ tag")
        entry.setAccessibleName("Add a tag")
        entry.setFixedWidth(ENTRY_WIDTH)
        completer = QCompleter(known_tags, entry)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        entry.setCompleter(completer)
        entry.returnPressed.connect(lambda: self._send(entry.text()))
        entry.textEdited.connect(self._forget_sent)
        completer.activated.connect(lambda text: self._completed(entry, text))
        self.layout.addWidget(entry)
        self.entry = entry
        self.set_editable(self.editable)
        self.shorten()

    def _send(self, text: str) -> None:
        self._sent = text
        self.add_requested.emit(text)

    def _forget_sent(self, _text: str = "") -> None:
        self._sent = None

    def _completed(self, entry: QLineEdit, text: str) -> None:
        """Enter on a completion sends the tag, and then the box puts it back (after this
        signal): out again, or it stays there as if typed for the next."""
        if self._sent is not None and text == self._sent:
            QTimer.singleShot(0, entry, lambda: entry.clear() if entry.text() == text else None)
        self._forget_sent()

    def _chip(self, tag: str) -> QToolButton:
        chip = QToolButton(self.area)
        chip.setProperty("role", "chip")
        chip.ensurePolished()  # the stylesheet's font, which the shortening measures
        chip.setProperty(CHIP_TAG, tag)
        # Its width is what shorten() makes it: a long tag never holds the pane wide.
        chip.setMinimumWidth(1)
        chip.setText(as_button_text(f"{tag}{CHIP_MARK}"))
        chip.setToolTip(f"Remove the tag {tag}")
        chip.setAccessibleName(f"Tag {tag}, remove")
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.clicked.connect(lambda _checked=False: self.remove_requested.emit(tag))
        return chip

    def widgets(self) -> list[QWidget]:
        """The chips and the tag box in the order they read (and Tab goes)."""
        items = (self.layout.itemAt(i) for i in range(self.layout.count()))
        return [item.widget() for item in items if item is not None and item.widget()]

    def shorten(self) -> None:
        """Each tag's chip shortened to the room the pane has ("…", the whole tag in its
        tooltip), at most CHIP_TEXT_WIDTH of text; the area as tall as its rows."""
        width = self.area.width()
        for chip in self.widgets():
            tag = chip.property(CHIP_TAG)
            if not tag:
                continue
            fit_chip(chip, tag, width)
        self.area.setMinimumHeight(self.layout.heightForWidth(max(width, 1)))

    def set_editable(self, editable: bool) -> None:
        """While the store is away the chips and the box stay readable but do nothing."""
        self.editable = editable
        for widget in self.widgets():
            widget.setEnabled(editable)

    def typed(self) -> str:
        return self.entry.text() if self.entry is not None else ""

    def clear_typed(self) -> None:
        if self.entry is not None:
            self.entry.clear()

    def put_back(self, tag: str) -> None:
        """Puts `tag` in the box (made anew for each customer)."""
        if self.entry is not None:
            self.entry.setText(tag)

    def focused_place(self) -> int | None:
        """Where among the tags the focus is: IN_THE_BOX, a chip's index, or None."""
        shown = self.widgets()
        for place, widget in enumerate(shown):
            if widget.hasFocus():
                return IN_THE_BOX if widget is self.entry else place
        return None

    def focus_place(self, place: int) -> None:
        """The focus back where it was, on the tags made anew: the chip now at `place` (the
        one after a removed chip), or the box when there is none."""
        chips = [widget for widget in self.widgets() if widget is not self.entry]
        target = chips[place] if 0 <= place < len(chips) else self.entry
        if target is not None:
            target.show()  # the layout would show it later: too late for focus
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_entry(self) -> None:
        if self.entry is not None:
            self.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)
