"""The customer pane's head and merge link as they give way in a narrow pane (a 1,024-pixel
laptop at 14 pt): the avatar goes above a name that has no room beside it, a long run of
the name breaks where the pane needs it, and the merge link says less (all in its tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTextBoundaryFinder
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QWidget

from inbox_app.core.text import shortened
from inbox_app.gui.flow_layout import ItemsLayout
from inbox_app.gui.widgets import ElidingLinkButton

WRAP_HERE = "\u200b"  # a zero-width space: a place the label may wrap at


def breakable(text: str, metrics: QFontMetrics, room: int) -> str:
    """`text` with a place to wrap inside each run (between spaces and after hyphens) wider
    than `room` pixels, so a word-wrapped label of it is never wider than `room`; never
    inside a character drawn from several (an accent, an emoji family)."""
    pieces: list[str] = []
    line = 0  # the width of the run so far
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    start = 0
    while (end := finder.toNextBoundary()) != -1:
        character = text[start:end]
        start = end
        if character.isspace():
            pieces.append(character)
            line = 0
            continue
        width = metrics.horizontalAdvance(character)
        if line and line + width > room:
            pieces.append(WRAP_HERE)
            line = 0
        pieces.append(character)
        line = 0 if character in "-‐–—/" else line + width
    return "".join(pieces)


def show_name(label: QLabel, name: str, length: int, room: int) -> None:
    """At most `length` characters of the customer's name in the word-wrapping `label`, its
    long runs breakable to `room` pixels; the whole name in the tooltip when it was cut."""
    label.ensurePolished()  # the stylesheet's bold, which the breaking measures
    label.setText(breakable(shortened(name, length), label.fontMetrics(), room))
    label.setToolTip(name if len(name) > length else "")


class BesideOrAbove(ItemsLayout):
    """The avatar beside the name and the line under it where they have `least_beside`
    pixels of room there, else the avatar above them: the pane's least width is then the
    name's, not the avatar's and the name's together."""

    def __init__(self, picture: QWidget, words: QLayout, spacing: int):
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)
        self.least_beside = 0
        self.addWidget(picture)
        words.setParent(None)
        self.addChildLayout(words)
        self.addItem(words)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def _parts(self) -> tuple[QLayoutItem, QLayoutItem]:
        return self._items[0], self._items[1]

    def beside(self, width: int) -> bool:
        picture, words = self._parts()
        room = width - picture.sizeHint().width() - self.spacing()
        return room >= max(self.least_beside, words.minimumSize().width())

    def heightForWidth(self, width: int) -> int:
        picture, words = self._parts()
        tall = picture.sizeHint().height()
        if self.beside(width):
            room = width - picture.sizeHint().width() - self.spacing()
            return max(tall, words.heightForWidth(room))
        return tall + self.spacing() + words.heightForWidth(width)

    def minimumSize(self) -> QSize:
        """The avatar above the name: as narrow as the wider of them. Its height is the
        avatar's: a scroll area keeps its contents at least their minimum height, and the
        stacked height there showed a scroll bar in a wide pane with room to spare (the
        height each width needs is heightForWidth's)."""
        picture, words = self._parts()
        width = max(picture.minimumSize().width(), words.minimumSize().width())
        return QSize(width, picture.minimumSize().height())

    def sizeHint(self) -> QSize:
        picture, words = self._parts()
        width = picture.sizeHint().width() + self.spacing() + words.sizeHint().width()
        return QSize(width, self.heightForWidth(width))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        picture, words = self._parts()
        size = picture.sizeHint()
        if self.beside(rect.width()):
            room = rect.width() - size.width() - self.spacing()
            height = words.heightForWidth(room)
            picture.setGeometry(QRect(rect.x(), rect.y() + max(0, (height - size.height()) // 2),
                                      size.width(), size.height()))
            words.setGeometry(QRect(rect.right() + 1 - room,
                                    rect.y() + max(0, (size.height() - height) // 2),
                                    room, height))
        else:
            picture.setGeometry(QRect(rect.topLeft(), size))
            top = rect.y() + size.height() + self.spacing()
            words.setGeometry(QRect(rect.x(), top, rect.width(), words.heightForWidth(
                rect.width())))


class MergeLink(ElidingLinkButton):
    """The merge link: its words whole where they fit, else `short` ("Merge…"), else
    shortened to "…"; what it does is in its tooltip either way."""

    def __init__(self, text: str, short: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.short_text = short

    def resizeEvent(self, event) -> None:
        room = self.contentsRect().width() - 4
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self.full_text) <= room:
            shown = self.full_text
        else:
            shown = metrics.elidedText(self.short_text, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)
        super(ElidingLinkButton, self).resizeEvent(event)

    def least_width(self) -> int:
        """What its short words need whole."""
        return self.fontMetrics().horizontalAdvance(self.short_text) + 5  # its 4 px slack


def place_head(ui) -> BesideOrAbove:
    """The avatar and the name, from the form's row (`ui`: the panel's form) into a
    BesideOrAbove in its place."""
    layout = ui.panelLayout
    at = layout.indexOf(ui.identityRow)
    layout.removeItem(ui.identityRow)
    ui.identityRow.removeWidget(ui.avatarLabel)
    ui.identityRow.removeItem(ui.nameColumn)
    head = BesideOrAbove(ui.avatarLabel, ui.nameColumn, ui.identityRow.spacing())
    ui.identityRow.deleteLater()
    layout.insertLayout(at, head)
    return head
