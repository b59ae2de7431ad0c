"""The Insights page's parts: the worker that counts a period's figures on a store of
its own, the figure cards, and tables as tall as their rows (gui/dashboard.py)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QTableView, QVBoxLayout, QWidget

from inbox_app.core.metrics import Period
from inbox_app.reports.figures import compute_figures
from inbox_app.store import StoreError, open_store

log = logging.getLogger(__name__)


class FiguresSignals(QObject):
    """Signals: finished(request, figures), failed(request, message)."""

    finished = Signal(int, object)
    failed = Signal(int, str)


class FiguresWorker(QRunnable):
    """Computes the figures for one period on a store of its own."""

    def __init__(self, location: str, period: Period, request: int):
        super().__init__()
        self.location = location
        self.period = period
        self.request = request
        self.signals = FiguresSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            store = open_store(self.location, create=False)
            try:
                figures = compute_figures(store, self.period)
            finally:
                store.close()
        except StoreError as error:
            self.signals.failed.emit(self.request, str(error))
        except Exception as error:  # reported to the main thread, never swallowed
            log.exception("counting the figures for %s failed", self.period.label)
            self.signals.failed.emit(self.request, f"Counting failed: {error}")
        else:
            self.signals.finished.emit(self.request, figures)


class Card(QFrame):
    """One headline number with its label and a line of context."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("insightCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Preferred, not Maximum: a card whose note is one line short of its neighbours' is
        # as tall as they are, its text at the top, instead of shorter and lower.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Midlight, a shade off the page in either theme (alternate-base is the page's
        # own colour in the dark one: the cards could not be told from the page).
        self.setStyleSheet("QFrame#insightCard { background: palette(midlight);"
                           " border: none; border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.label = QLabel(self)
        self.number = QLabel(self)
        self.note = NoteLabel(self)
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.number.setFont(font)
        self.note.setWordWrap(True)
        for label in (self.label, self.note):
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for label in (self.label, self.number, self.note):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)

    def show_card(self, label: str, number: str, note: str) -> None:
        self.label.setText(label)
        self.number.setText(number)
        self.note.setText(note)


class NoteLabel(QLabel):
    """A card's note, wrapped only between its " · " parts ("phone 61" stays together on a
    narrow card), as the PDF's cards are. `text()` gives the note as written."""

    def setText(self, text: str) -> None:
        self._written = text
        super().setText(" · ".join(part.replace(" ", "\u00a0") for part in text.split(" · ")))

    def text(self) -> str:
        return getattr(self, "_written", super().text())



def fit_rows(table: QTableView, most: int = 12, *, beside: QTableView | None = None) -> None:
    """As tall as its rows (up to `most`, then it scrolls): the team is a few people, and
    the table has the page's width to itself. With `beside`, both are as tall as the
    longer of the two, so tables side by side end on one line."""
    tables = [table] if beside is None else [table, beside]
    height = max(_rows_height(each, most) for each in tables)
    for each in tables:
        each.setFixedHeight(height)


def _rows_height(table: QTableView, most: int) -> int:
    rows = min(max(table.model().rowCount(), 1), most)
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(rows)) or table.verticalHeader(
        ).defaultSectionSize()
    return height + 6
