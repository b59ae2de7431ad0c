"""Keeping the main window current: after its own changes, on the periodic refresh,
when a change made elsewhere arrives (a colleague's computer on a shared store, the
command line on this one) and when a conversation is taken; and the left bar's counts
with the settings that come with them (staff, signature, currency, accounts).

A mixin of MainWindow (gui/main_window.py), which builds the widgets, models and
workers these methods use (`queue_model`, `conversation`, `customer`, `sidebar_model`,
`poller`, `notifier`, `own_changes`, `jobs`).
"""

from __future__ import annotations

from collections import Counter

from inbox_app.core.models import Conversation
from inbox_app.gui.live import EVERYTHING
from inbox_app.gui.loaders import SidebarSnapshot, load_sidebar
from inbox_app.gui.models.sidebar_model import INSIGHTS_KEY, build_entries
from inbox_app.store import Change


class WindowRefresh:
    """The main window's refreshing (see the module docstring)."""

    def after_change(self, conversation_id: int | None) -> None:
        """This window wrote to the conversation (a reply, a note): show it now; its echo
        will not load it again."""
        if conversation_id:
            self.own_changes.expect(Change("conversations", conversation_id))
        self.refresh_all()

    def refresh_all(self, *, keep_current: bool = False) -> None:
        """Reloads the queue, the counts and the open conversation; `keep_current` when the
        change came from elsewhere (a conversation leaving the view stays on screen)."""
        if self.read_only:
            return
        self.queue_model.refresh(keep_current=keep_current)
        self.refresh_sidebar()
        self.conversation.reload()
        if self._ready:
            self.notifier.check()
        self._dashboard_changed()

    def _on_refresh_timer(self) -> None:
        self.refresh_all(keep_current=True)
        self.conversation.composer.retry_kept()

    def _dashboard_changed(self) -> None:
        if getattr(self, "dashboard", None) is not None:
            self.dashboard.store_changed()

    # Changes made elsewhere

    def _on_live_changes(self, changes: Counter[Change]) -> None:
        """Loads what a change made elsewhere touched; the echo of this window's own
        change (already shown) is skipped."""
        if self.read_only or not self._ready:
            return
        changes = self.own_changes.without_echoes(changes)
        if not changes:
            return
        everything = EVERYTHING in changes
        tables = {change.table for change in changes}
        shown_id = self.conversation.conversation_id
        if not everything and Change("drafts", shown_id) in changes:
            self.conversation.refresh_drafting()  # someone else is (or stopped) writing here
        if tables == {"drafts"}:
            return  # drafts change nothing else on screen
        if everything or tables & {"conversations", "customers"}:
            self.queue_model.refresh(keep_current=True)
        self.refresh_sidebar()
        snapshot = self.conversation.snapshot
        if snapshot is not None:
            shown = snapshot.conversation
            if (everything or Change("conversations", shown.id) in changes
                    or Change("customers", shown.customer_id) in changes):
                self.conversation.reload()
        if everything or "conversations" in tables:
            self.notifier.check()
        self._dashboard_changed()
        self.live_refreshed.emit(changes)

    # Taking the next conversation

    def _on_taken(self, conversation: Conversation) -> None:
        """Opens a conversation just claimed; it stays open even where it leaves the view
        (it is nobody's no longer, so "Unassigned" drops it)."""
        self._pending_open = conversation.id
        if self.current_key == INSIGHTS_KEY:
            self.select_key("view:mine")
            return
        self.open_conversation(conversation.id)
        self.refresh_all(keep_current=True)

    def refresh_sidebar(self) -> None:
        staff = self.staff
        self.jobs.run(lambda store: load_sidebar(store, staff), self._on_sidebar)

    def _on_sidebar(self, snapshot: SidebarSnapshot) -> None:
        self.staff_names = snapshot.staff
        self.conversation.set_staff_names(snapshot.staff)
        self.customer_tags = snapshot.customer_tags
        self.conversation_labels = snapshot.labels
        self.business_name = snapshot.business_name
        self.conversation.composer.set_signature(snapshot.email_signature, snapshot.business_name)
        self.customer.set_shop(snapshot.currency, snapshot.phone_region)
        self.poller.set_interval(snapshot.poll_interval)
        self.poller.set_accounts(snapshot.accounts)
        self.sidebar_model.set_entries(
            build_entries(snapshot.counts, snapshot.tags, snapshot.accounts, kept=self.queue_key))
        self.state.fit_sidebar(rows_changed=True)  # a new tag, a count grown a digit
        row = self.sidebar_model.row_of(self.current_key)
        view = self.ui.sidebarView
        if row is not None and view.currentIndex().row() != row:
            view.selectionModel().blockSignals(True)
            view.setCurrentIndex(self.sidebar_model.index(row))
            view.selectionModel().blockSignals(False)
            view.viewport().update()
        self.state.refresh_staff_button()
        self.say_why_empty()  # an emptied view names the counts just read
