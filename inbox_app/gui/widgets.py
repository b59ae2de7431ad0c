"""Small widgets: labels and links that give way in a narrow window instead of pushing it
wider (their text ends in "…" where it does not fit, the whole of it in the tooltip), and
the thread's browser."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QTextBrowser, QWidget

from inbox_app.core.text import shortened, wrappable

LABEL_RUN = 12  # a label's unbroken run wraps sooner than the thread's: a panel is narrow


def show_shortened(label: QLabel, text: str, length: int) -> None:
    """At most `length` characters of a customer's words in a word-wrapping label, able to
    wrap anywhere in a long run; all of them in the tooltip when they were cut."""
    label.setText(wrappable(shortened(text, length), LABEL_RUN))
    label.setToolTip(text if len(text) > length else "")


class ElidingLabel(QLabel):
    """One line of plain text; `text()` is always the whole of it."""

    def __init__(self, *args):
        super().__init__(*args)
        self._full = super().text()
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what someone typed

    def text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              self.contentsRect().width())
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")


class ElidingLinkButton(QPushButton):
    """A link-styled button (its role set by the caller) that keeps one line."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.full_text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width() - 4
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)


class ThreadBrowser(QTextBrowser):
    """The conversation thread. Long unbroken runs are shown with zero-width spaces to
    wrap at (core.text.wrappable); what is copied leaves them out."""

    def createMimeDataFromSelection(self) -> QMimeData:
        copied = super().createMimeDataFromSelection()
        clean = QMimeData()
        if copied.hasText():
            clean.setText(copied.text().replace("\u200b", ""))
        if copied.hasHtml():
            clean.setHtml(copied.html().replace("\u200b", ""))
        return clean
