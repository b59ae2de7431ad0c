"""The main window's two pages, the queue and Insights: what acts on the queue acts only
where the person can see it, and Ctrl+1 goes back to the view left for Insights.

A mixin of MainWindow (gui/main_window.py).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QWidget

from inbox_app.gui.models.sidebar_model import INSIGHTS_KEY


class WindowPages:
    """The queue page and Insights (see the module docstring)."""

    def queue_shown(self) -> bool:
        return self.ui.contentStack.currentWidget() is self.ui.queuePage

    def _on_queue_page(self, act, *args) -> None:
        """Runs a queue action only where the person can see what it acts on."""
        if self.queue_shown():
            act(*args)

    def _set_conversation_actions(self, enabled: bool) -> None:
        """The conversation's actions are off on Insights too: E there closed the conversation
        hidden behind it, and J and K opened others (marking them read) out of sight."""
        super()._set_conversation_actions(enabled and self.queue_shown())

    def _show_page(self, page: QWidget) -> None:
        """Insights or the queue; the queue's actions follow what is shown."""
        self.ui.contentStack.setCurrentWidget(page)
        shown = self.queue_shown()
        for action in self.queue_actions:
            action.setEnabled(shown)
        if shown:
            self.ui.actionMergeConversations.setEnabled(not self.read_only)
            self.ui.actionLoadImages.setEnabled(self.conversation.images_to_load())
        self._set_conversation_actions(self.current_id() is not None)

    def show_queue(self) -> None:
        """Ctrl+1: back from Insights to the view left for it (All open if it is gone: a
        tag no longer used)."""
        if self.current_key != INSIGHTS_KEY:
            return
        if self.sidebar_model.row_of(self.queue_key) is None:
            self.queue_key = "view:open"
        self.select_key(self.queue_key)

    def _ensure_dashboard(self) -> None:
        """The dashboard is built the first time Insights opens, so start-up stays quick."""
        if getattr(self, "dashboard", None) is not None:
            return
        from inbox_app.gui.dashboard import DashboardView

        self.dashboard = DashboardView(self.location, self)
        self.set_insights_widget(self.dashboard)
        self.shortcut_guard.watch_all(self.dashboard)
        # Tab reads the page after the views, as it reads the queue: made last, the page
        # came after the toolbar's staff button.
        for before, after in pairwise([self.ui.sidebarView, *self.dashboard.tab_chain()]):
            QWidget.setTabOrder(before, after)

    def set_insights_widget(self, widget: QWidget) -> None:
        """Puts the Insights dashboard in place of the placeholder page."""
        layout = self.ui.insightsHostLayout
        old = self.ui.insights_page
        layout.replaceWidget(old, widget)
        old.setObjectName("")
        old.hide()
        old.deleteLater()
        widget.setObjectName("insights_page")
        self.ui.insights_page = widget
