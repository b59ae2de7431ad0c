"""Insights: the monthly summary's figures for a chosen month or range, live, with export.

`DashboardView(store_location)` is self-contained: it opens its own store in a
worker thread for every count (SQLite connections belong to one thread), shows
the figures the reports compute (`inbox_app.reports.figures`), draws the same
QtCharts charts as the PDF, and writes the summary as PDF, CSV or JSON.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFontInfo, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QWidget,
)

from inbox_app.core import metrics
from inbox_app.core.metrics import Period, PeriodError
from inbox_app.core.text import capitalized
from inbox_app.gui.dashboard_parts import (
    CHART_FOCUS_STYLE,
    EXPORT_FILTERS,  # noqa: F401 (tests and callers find the export's filters here)
    EXPORT_SUFFIX,  # noqa: F401
    Card,
    FiguresWorker,
    FocusInSight,
    RangeRow,
    ask_export_target,
    cards_fit,
    fit_rows,
    name_chart,
    page_margins,
    setup_table,
)
from inbox_app.gui.forms.ui_dashboard import Ui_DashboardView
from inbox_app.gui.models.dashboard_models import (
    OVERDUE_COLOUR,
    StaffModel,
    TopCustomersModel,
    ValuableCustomersModel,
)
from inbox_app.reports import ReportError, format_for_path, write_report
from inbox_app.reports import formatting as fmt
from inbox_app.reports.figures import Figures

log = logging.getLogger(__name__)

RANGE = "range"
MONTHS_OFFERED = 24
STALE_AFTER_S = 60
LIVE_DELAY_MS = 2000  # changes arriving together (a poll, a colleague's bulk action) count once
NARROW_BELOW = 960  # a page narrower than this shows its charts and tables one under another
CARDS_IN_TWO_BELOW = 720  # …and narrower than this, its cards two to a row instead of four
NOBODY_WROTE = "No customer wrote in the period."
NO_STAFF = ("Nobody is on the staff list, and nobody replied to or closed a conversation in "
            "the period.")


class DashboardView(QWidget):
    """The Insights page.

    Signals:
        figures_ready(object): new figures (a `Figures`) are on screen.
        figures_failed(str): counting failed; one sentence.
        export_finished(str): the summary was written to this path.
        export_failed(str): the summary could not be written; one sentence.
        customer_activated(int): a top customer was double-clicked (its customer id).
    """

    figures_ready = Signal(object)
    figures_failed = Signal(str)
    export_finished = Signal(str)
    export_failed = Signal(str)
    customer_activated = Signal(int)

    def __init__(self, store_location: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store_location = str(store_location)
        self.ui = Ui_DashboardView()
        self.ui.setupUi(self)
        self._figures: Figures | None = None
        self._charts_dark: bool | None = None
        self._counted_at = 0.0
        self._request = 0
        self._shown_request = 0
        self._wanted: Period | None = None  # the period the latest count is of
        self._running: dict[int, FiguresWorker] = {}
        self._layout_for: tuple[bool, bool] | None = None  # (narrow, cards in two columns)
        self._range_row = RangeRow(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._range_timer = QTimer(self)
        self._range_timer.setSingleShot(True)
        self._range_timer.setInterval(400)
        self._range_timer.timeout.connect(self.refresh)
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_DELAY_MS)
        self._live_timer.timeout.connect(self.refresh)
        self._outdated = False
        self._months_from = (0, 0)  # the month the period list was made in

        self.customers_model = TopCustomersModel(self)
        self.valuable_model = ValuableCustomersModel(self)
        self.staff_model = StaffModel(self)
        self._setup_tables()
        self._cards = [Card(self.ui.scrollContents) for _ in range(8)]
        for index, card in enumerate(self._cards):
            self.ui.cardsLayout.addWidget(card, index // 4, index % 4)
        for view in self._chart_views():
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setStyleSheet(CHART_FOCUS_STYLE)
        FocusInSight(self.ui.scrollArea)
        # A style sheet, not setFont: once the window's style sheet is applied, moving the
        # page into the window gave the heading back the body text's font.
        heading_px = round(QFontInfo(self.ui.titleLabel.font()).pixelSize() * 1.5)
        self.ui.titleLabel.setStyleSheet(f"font-size: {heading_px}px; font-weight: 700;")
        self.ui.footnoteLabel.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ui.contentsLayout.addStretch(1)
        self._arrange(narrow=False, two_card_columns=False)
        self._fill_periods(date.today())

        self.ui.periodBox.currentIndexChanged.connect(self._period_chosen)
        self.ui.fromEdit.dateChanged.connect(self._range_edited)
        self.ui.toEdit.dateChanged.connect(self._range_edited)
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.exportButton.clicked.connect(self._export_clicked)
        self.ui.exportButton.setEnabled(False)
        self.ui.customersTable.doubleClicked.connect(self._customer_double_clicked)
        self.ui.valuableTable.doubleClicked.connect(self._customer_double_clicked)
        refresh = QAction("Refresh", self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)
        self._show_range_edits(False)
        self.refresh()

    # Public

    @property
    def figures(self) -> Figures | None:
        """The figures on screen, or None before the first count."""
        return self._figures

    def period(self) -> Period:
        """The period chosen in the toolbar (raises PeriodError for a backwards range)."""
        choice = self.ui.periodBox.currentData()
        if choice == RANGE:
            return metrics.range_period(self.ui.fromEdit.date().toPython(),
                                        self.ui.toEdit.date().toPython())
        return metrics.month_period(choice)

    def set_period(self, period: Period) -> None:
        """Shows `period` (a month in the list, or a range of days) and counts it."""
        blocker = [w.blockSignals(True) for w in (self.ui.periodBox, self.ui.fromEdit,
                                                  self.ui.toEdit)]
        try:
            index = self.ui.periodBox.findData(period.label) if period.is_month else -1
            if index < 0:
                index = self.ui.periodBox.findData(RANGE)
                self.ui.fromEdit.setDate(QDate(period.first))
                self.ui.toEdit.setDate(QDate(period.last))
            self.ui.periodBox.setCurrentIndex(index)
        finally:
            for widget, was in zip((self.ui.periodBox, self.ui.fromEdit, self.ui.toEdit), blocker,
                                   strict=True):
                widget.blockSignals(was)
        self._show_range_edits(self.ui.periodBox.currentData() == RANGE)
        self.refresh()

    def store_changed(self) -> None:
        """Messages, replies or closes were stored (here or elsewhere): while on screen the
        figures follow within a couple of seconds; hidden, they are counted when shown."""
        if self.isVisible():
            if not self._live_timer.isActive():
                self._live_timer.start()
        else:
            self._outdated = True

    def refresh(self) -> None:
        """Counts the chosen period again in the background."""
        self._range_timer.stop()
        self._live_timer.stop()
        self._outdated = False
        self._follow_the_calendar()
        try:
            period = self.period()
        except PeriodError as error:
            # No period is chosen now: a count still running for the one before must neither
            # show its figures nor cover this sentence with "Counted at …" or its failure.
            self._wanted = None
            self._request += 1
            self._set_status(f"{capitalized(str(error))}.", error=True)
            return
        for request, waiting in list(self._running.items()):
            # A count asked for earlier that has not started yet is worth nothing now: a big
            # import asks every couple of seconds, and each used to wait its turn.
            if self._pool.tryTake(waiting):
                del self._running[request]
        self._request += 1
        self._wanted = period
        worker = FiguresWorker(self.store_location, period, self._request)
        worker.signals.finished.connect(self._counted)
        worker.signals.failed.connect(self._count_failed)
        self._running[self._request] = worker
        self._set_status("Counting…")
        self._pool.start(worker)

    def export_summary(self, path: str | Path, fmt_name: str | None = None) -> Path | None:
        """Writes the figures on screen as PDF, CSV (a zip, or a folder) or JSON.

        The format comes from `fmt_name` or the file name. Returns the path, or None
        after emitting export_failed with the reason.
        """
        chosen = fmt_name or format_for_path(path) or "pdf"
        if self._figures is None:
            self._export_failed("There is nothing to export yet; the figures are still being counted.")
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_report(self._figures, chosen, path)
        except ReportError as error:
            self._export_failed(str(error))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._set_status(f"Saved {written.name}")
        self.export_finished.emit(str(written))
        return written

    def tab_chain(self) -> list[QWidget]:
        """The page's controls in reading order, for the window to put after its views."""
        ui = self.ui
        return [ui.periodBox, ui.fromEdit, ui.toEdit, ui.refreshButton, ui.exportButton,
                *self._chart_views(), ui.customersTable, ui.valuableTable, ui.staffTable]

    def shutdown(self, msecs: int = 30000) -> bool:
        """Waits for a count in progress (call before the application quits)."""
        return self._pool.waitForDone(msecs)

    # Qt overrides

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._figures is not None and (
                self._outdated or time.monotonic() - self._counted_at > STALE_AFTER_S):
            self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_layout()

    # Internals

    def _fit_layout(self) -> None:
        """Charts side by side on a wide page; cards four to a row where four fit — by the
        cards' own widths too: with 14 pt text a 750 px page cut the fourth column off."""
        self._range_row.place(self.ui.periodBox.currentData() == RANGE)
        room = self.width() - page_margins(self)
        wanted = (self.width() < NARROW_BELOW, self.width() < CARDS_IN_TWO_BELOW
                  or not cards_fit(self._cards, 4, room, self.ui.cardsLayout))
        if wanted != self._layout_for:
            self._arrange(*wanted)

    def _arrange(self, narrow: bool, two_card_columns: bool) -> None:
        """Two columns of charts and the two customer tables side by side; a narrow page
        (a laptop with the sidebar open) puts them one under another, where two columns cut
        the charts' titles and week labels short ("1 N…"). A very narrow one has its cards
        two to a row."""
        self._layout_for = (narrow, two_card_columns)
        charts = self.ui.chartsLayout
        for index, view in enumerate(self._chart_views()):
            charts.removeWidget(view)
            if narrow:
                charts.addWidget(view, index, 0)
            else:
                charts.addWidget(view, index // 2, index % 2)
        for column in range(2):
            charts.setColumnStretch(column, 0 if narrow and column else 1)
        self.ui.tablesLayout.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        cards = self.ui.cardsLayout
        columns = 2 if two_card_columns else 4
        for index, card in enumerate(self._cards):
            cards.removeWidget(card)
            cards.addWidget(card, index // columns, index % columns)
        for column in range(4):
            cards.setColumnStretch(column, 1 if column < columns else 0)

    def _chart_views(self):
        return (self.ui.ratioView, self.ui.volumeView, self.ui.responseView,
                self.ui.sentimentView)

    def _setup_tables(self) -> None:
        setup_table(self.ui.customersTable, self.customers_model, TopCustomersModel.Column.NAME)
        setup_table(self.ui.valuableTable, self.valuable_model, ValuableCustomersModel.Column.NAME)
        setup_table(self.ui.staffTable, self.staff_model, StaffModel.Column.NAME)

    def _fill_periods(self, today: date) -> None:
        self._fill_months(today)
        self.ui.periodBox.setCurrentIndex(0)
        start = QDate(today).addDays(-29)
        self.ui.fromEdit.setDate(start)
        self.ui.toEdit.setDate(QDate(today))

    def _fill_months(self, today: date) -> None:
        """The last MONTHS_OFFERED months, this one "(so far)", then the range."""
        box = self.ui.periodBox
        box.clear()
        year, month = today.year, today.month
        self._months_from = (year, month)
        for back in range(MONTHS_OFFERED):
            number = year * 12 + month - 1 - back
            first = date(number // 12, number % 12 + 1, 1)
            text = first.strftime("%B %Y") + (" (so far)" if back == 0 else "")
            box.addItem(text, f"{first.year:04d}-{first.month:02d}")
        box.addItem("Range of days…", RANGE)

    def _follow_the_calendar(self) -> None:
        """A page left open into a new month offers that month (and the one before is no
        longer "so far"); what is chosen stays chosen."""
        today = date.today()
        if (today.year, today.month) == self._months_from:
            return
        box = self.ui.periodBox
        chosen = box.currentData()
        was = box.blockSignals(True)
        try:
            self._fill_months(today)
            index = box.findData(chosen)
            if index < 0:  # a month that has just dropped off the list: shown as its days
                period = metrics.month_period(chosen)
                for edit, day in ((self.ui.fromEdit, period.first), (self.ui.toEdit, period.last)):
                    edit.blockSignals(True)
                    edit.setDate(QDate(day))
                    edit.blockSignals(False)
                index = box.findData(RANGE)
            box.setCurrentIndex(index)
        finally:
            box.blockSignals(was)
        self._show_range_edits(box.currentData() == RANGE)

    def _show_range_edits(self, visible: bool) -> None:
        self._range_row.place(visible)  # before they show: a toolbar too wide widens the window
        for widget in (self.ui.fromEdit, self.ui.toLabel, self.ui.toEdit):
            widget.setVisible(visible)

    def _period_chosen(self) -> None:
        self._show_range_edits(self.ui.periodBox.currentData() == RANGE)
        self.refresh()

    def _range_edited(self) -> None:
        if self.ui.periodBox.currentData() == RANGE:
            self._range_timer.start()

    def _counted(self, request: int, figures: Figures) -> None:
        """Shows a count of the period chosen that is newer than the one on screen, even
        when a later count has been asked for meanwhile: while an import keeps changing the
        store, the page follows it instead of saying "Counting…" until it ends."""
        self._running.pop(request, None)
        if request <= self._shown_request or figures.period != self._wanted:
            return
        self._shown_request = request
        self._figures = figures
        self._counted_at = time.monotonic()
        self._show(figures)
        self._set_status(f"Counted at {time.strftime('%H:%M')}")
        self.ui.exportButton.setEnabled(True)
        self.figures_ready.emit(figures)

    def _count_failed(self, request: int, message: str) -> None:
        self._running.pop(request, None)
        if request != self._request:
            return
        self._set_status(message, error=True)
        self.figures_failed.emit(message)

    def _show(self, figures: Figures) -> None:
        self.ui.titleLabel.setText(fmt.period_heading(figures))
        for card, content in zip(self._cards, fmt.headline_cards(figures), strict=True):
            card.show_card(*content)
        self._fit_layout()  # longer numbers may no longer fit four to a row
        self._draw_charts(figures)
        self.customers_model.set_figures(figures)
        self.valuable_model.set_figures(figures)
        self.ui.valuableLabel.setText(fmt.valuable_sentence(figures))
        self.staff_model.set_rows(figures.staff)
        # An empty table says nothing; a sentence says why it is empty.
        for table, label, sentence in (
                (self.ui.customersTable, self.ui.customersLabel, NOBODY_WROTE),
                (self.ui.valuableTable, None, ""),
                (self.ui.staffTable, self.ui.staffLabel, NO_STAFF)):
            empty = table.model().rowCount() == 0
            table.setHidden(empty)
            if label is not None:
                label.setText(sentence)
                label.setHidden(not empty)
        fit_rows(self.ui.staffTable)
        fit_rows(self.ui.customersTable, beside=self.ui.valuableTable)
        verdicts = " ".join(fmt.ratio_verdict(key, figures.ratios[key])
                            for key in ("phone_to_social", "email_to_social"))
        self.ui.footnoteLabel.setText(
            f"{verdicts} Strategic companies run about 2 : 1 phone and 1.5 : 1 email per social "
            "message, informal ones 4 : 1 and 3 : 1. First response covers conversations that "
            "started in the period; follow-ups and overdue are as of now."
        )

    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _draw_charts(self, figures: Figures) -> None:
        """The charts in the theme's colours (drawn again when the theme changes)."""
        from inbox_app.gui import charts

        charted = fmt.so_far(figures)
        dark = self._charts_dark = self._is_dark()
        for view, key in zip(self._chart_views(), ("ratio", "volume", "response", "sentiment"),
                             strict=True):
            old = view.chart()
            view.setChart(charts.CHARTS[key](charted, dark=dark))
            name_chart(view, charts.CHART_WORDS[key](charted))
            if old is not None:
                old.deleteLater()

    def changeEvent(self, event: QEvent) -> None:
        """A theme switch (a new palette): the charts follow at once, from the figures on
        screen, rather than at the next count. A new text size: the cards may no longer fit
        four to a row."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_layout()
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and self._figures is not None and self._is_dark() != self._charts_dark:
            self._draw_charts(self._figures)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.ui.statusLabel.setText(text)
        self.ui.statusLabel.setStyleSheet(f"color: {OVERDUE_COLOUR};" if error else "")

    def _export_failed(self, message: str) -> None:
        self._set_status(message, error=True)
        self.export_failed.emit(message)

    def _export_clicked(self) -> None:
        if self._figures is None:
            return
        target = ask_export_target(self, self._figures)
        if target is not None:
            self.export_summary(*target)

    def _customer_double_clicked(self, index: QModelIndex) -> None:
        customer = index.data(TopCustomersModel.CUSTOMER_ROLE)
        if customer is not None:
            self.customer_activated.emit(int(customer))
