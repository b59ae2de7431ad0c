"""The main window's status bar: its passing messages ("Closed #12", a refusal), what the
last poll found, and where the store is; and what a job's failure shows there.

A mixin of MainWindow (gui/main_window.py), which builds the poller and the live updates
whose progress these methods show (`poller`, `live`).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QProgressBar

from inbox_app.gui.live import COALESCE_MS, POLLING_COALESCE_MS
from inbox_app.gui.polling import summarize
from inbox_app.gui.widgets import ElidingLabel
from inbox_app.store import StoreError, display_location

POLL_LINE_SHARE, STORE_LINE_SHARE = 0.35, 0.25  # of the status bar's width, at most
STATUS_MS, PROBLEM_MS = 6000, 12000  # how long a message stays: a problem takes longer to read


class WindowStatus:
    """The main window's status bar (see the module docstring)."""

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.poll_progress = QProgressBar(self)
        self.poll_progress.setObjectName("pollProgress")
        self.poll_progress.setRange(0, 0)
        self.poll_progress.setTextVisible(False)
        self.poll_progress.setFixedWidth(110)
        self.poll_progress.hide()
        # A long line (an account's failure, a store deep in folders) is cut with "…", whole
        # in its tooltip: a label's whole width made the window wider than the screen.
        self.poll_label = ElidingLabel("", self)
        self.store_label = ElidingLabel("", self)
        self.store_label.setObjectName("storeLabel")
        self._show_location()
        bar.addPermanentWidget(self.poll_progress)
        bar.addPermanentWidget(self.poll_label)
        bar.addPermanentWidget(self.store_label)

    def _show_location(self) -> None:
        """The store's place in the status bar, never with a database password."""
        shown = display_location(self.location)
        self.store_label.setText(shown)
        self.store_label.setToolTip(f"The store: {shown}")

    def _fit_status_bar(self) -> None:
        """The poll's line and the store's place keep to their share of the status bar, the
        rest left to its messages ("Closed #12", "Not sent: …"), which show on its left."""
        width = self.statusBar().width()
        self.poll_label.setMaximumWidth(max(120, int(width * POLL_LINE_SHARE)))
        self.store_label.setMaximumWidth(max(120, int(width * STORE_LINE_SHARE)))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def show_problem(self, text: str) -> None:
        self.statusBar().showMessage(text, PROBLEM_MS)

    def _on_job_failed(self, error: Exception, text: str) -> None:
        """The store's refusals are sentences for the status bar; anything else is a bug,
        for the excepthook (logged, and a dialog)."""
        if isinstance(error, StoreError):
            self.show_problem(str(error))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    # Polling

    def _on_poll_started(self) -> None:
        # Each account the poll stores is a change: shown once a second meanwhile, not ten
        # times (a 25-account poll kept the window repainting its queue), and all at the end.
        self.live.set_coalescing(POLLING_COALESCE_MS)
        self.ui.actionPoll.setEnabled(False)
        self.poll_progress.show()
        self.poll_label.setText("Checking for new messages…")

    def _on_poll_finished(self, results: list) -> None:
        self.live.set_coalescing(COALESCE_MS)
        self.ui.actionPoll.setEnabled(not self.read_only)
        self.poll_progress.hide()
        self.poll_label.setText(summarize(results))
        self.refresh_all(keep_current=True)

    def _on_poll_failed(self, message: str) -> None:
        self.live.set_coalescing(COALESCE_MS)
        self.ui.actionPoll.setEnabled(not self.read_only)
        self.poll_progress.hide()
        self.poll_label.setText(f"Polling failed: {message}")
