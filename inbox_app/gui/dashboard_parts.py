"""The Insights page's parts: the worker that counts a period's figures on a store of
its own, the figure cards, tables as tall as their rows, charts a screen reader can read,
the focus kept in sight, and where the summary is saved (gui/dashboard.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRunnable, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inbox_app.core.metrics import Period
from inbox_app.reports import format_for_path
from inbox_app.reports.figures import Figures, compute_figures
from inbox_app.store import StoreError, open_store

log = logging.getLogger(__name__)

EXPORT_FILTERS = {
    "pdf": "PDF document (*.pdf)",
    "csv": "CSV files, zipped (*.zip)",
    "json": "JSON (*.json)",
}
EXPORT_SUFFIX = {"pdf": ".pdf", "csv": ".zip", "json": ".json"}
# A chart the keyboard is on shows it, as the window's buttons and lists do (style.qss).
CHART_FOCUS_STYLE = ("QGraphicsView { border: 2px solid transparent; border-radius: 4px; }"
                     " QGraphicsView:focus { border-color: palette(highlight); }")


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



class RangeRow:
    """The range's days go on a row of their own under the toolbar when the toolbar cannot
    hold them: with 14 pt text a range made the page 1,000 px wide, the window wider than a
    1024 px screen. Decided before the days show, from the controls' smallest widths (so
    the row, once the page is wider, comes back up)."""

    SLACK = 8  # the toolbar comes back to one row only with a little room to spare

    def __init__(self, page: QWidget):
        self.page = page
        self.layout = QHBoxLayout()
        self.layout.setSpacing(page.ui.toolbarLayout.spacing())
        page.ui.rootLayout.insertLayout(1, self.layout)
        self.own_row = False

    def edits(self) -> tuple[QWidget, QWidget, QWidget]:
        ui = self.page.ui
        return ui.fromEdit, ui.toLabel, ui.toEdit

    def one_row_width(self) -> int:
        ui = self.page.ui
        widgets = [ui.periodLabel, ui.periodBox, *self.edits(), ui.refreshButton,
                   ui.statusLabel, ui.exportButton]
        margins = self.page.layout().contentsMargins()
        return (sum(widget.minimumSizeHint().width() for widget in widgets)
                + ui.toolbarLayout.spacing() * (len(widgets) - 1)
                + margins.left() + margins.right())

    def place(self, shown: bool) -> None:
        own = shown and self.page.width() < self.one_row_width() + self.SLACK
        if own == self.own_row:
            return
        self.own_row = own
        toolbar = self.page.ui.toolbarLayout
        if own:
            for widget in self.edits():
                toolbar.removeWidget(widget)
                self.layout.addWidget(widget)
            self.layout.addStretch(1)
        else:
            self.layout.takeAt(self.layout.count() - 1)  # the stretch
            for offset, widget in enumerate(self.edits()):
                self.layout.removeWidget(widget)
                toolbar.insertWidget(2 + offset, widget)


def cards_fit(cards: list[Card], columns: int, room: int, grid: QGridLayout) -> bool:
    """Whether `columns` cards side by side, each at least as wide as its widest line (a
    label, the number, one part of the note), fit in `room` pixels."""
    widest = max(card.minimumSizeHint().width() for card in cards)
    return columns * widest + (columns - 1) * grid.horizontalSpacing() <= room


def page_margins(page: QWidget) -> int:
    """The page's width that the cards cannot have: its margins, the scroll area's right
    margin and its vertical scroll bar."""
    margins = page.layout().contentsMargins()
    inner = page.ui.contentsLayout.contentsMargins()
    bar = page.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, page)
    return margins.left() + margins.right() + inner.left() + inner.right() + bar


def setup_table(table: QTableView, model, stretch: int) -> None:
    """A table of the page: no row numbers, columns as wide as their contents but `stretch`,
    which takes the rest."""
    table.setModel(model)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


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


def name_chart(view: QGraphicsView, words: str) -> None:
    """A chart is a picture to a screen reader: its title is its name, and what it shows in
    words ("4 inbound messages: Email 2 (50 %)…") its description."""
    view.setAccessibleName(view.chart().title())
    view.setAccessibleDescription(words)


class FocusInSight(QObject):
    """Scrolls the page to a control Tab puts the focus on. QScrollArea does so only when
    Tab moves inside it: from the toolbar above, the first chart took the focus out of
    sight while the page was scrolled down to the tables."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area
        for widget in area.widget().findChildren(QWidget):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and event.reason() in (
                Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.area.ensureWidgetVisible(watched)
        return super().eventFilter(watched, event)


def ask_export_target(parent: QWidget, figures: Figures) -> tuple[str, str] | None:
    """Asks where to save the summary; returns (path, format), or None when cancelled."""
    label = figures.period.label.replace("/", "_to_")
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    suggested = str(Path(folder) / f"customer-service-summary-{label}.pdf")
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Export summary", suggested, ";;".join(EXPORT_FILTERS.values()))
    if not path:
        return None
    typed = format_for_path(path)
    if typed is not None:
        # "march.json" typed while the dialog offered PDF: JSON, not march.json.pdf;
        # "march.html" the page the command line writes; "march.csv" the CSV files,
        # zipped as the page writes them (march.csv.zip), not a PDF.
        chosen = typed
        if chosen == "csv" and Path(path).suffix.lower() != EXPORT_SUFFIX["csv"]:
            path += EXPORT_SUFFIX["csv"]
    else:
        chosen = next((name for name, text in EXPORT_FILTERS.items()
                       if text == chosen_filter), None) or "pdf"
        if Path(path).suffix.lower() != EXPORT_SUFFIX[chosen]:
            path += EXPORT_SUFFIX[chosen]
    return path, chosen
