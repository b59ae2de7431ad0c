"""The store going away and coming back (a shared database out of reach, a network share
unplugged): a banner, read-only, drafts kept on this computer and stored on return."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from inbox_app.gui.connection import ConnectionWatch
from inbox_app.store import NotFound, SchemaTooNew, StoreUnavailable

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow

OFFLINE_BANNER = "{reason} — read-only until it is back; drafts are kept on this computer."
# Waiting will not bring it back: a newer app changed the shared store (see ConnectionWatch).
UPDATE_BANNER = "{reason} — read-only until then; drafts are kept on this computer."


class OfflineMode(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.connection: ConnectionWatch | None = None

    def watch(self) -> None:
        """Watches the window's store (again, after it switched to another one)."""
        self.stop()
        self.connection = ConnectionWatch(self.window.location, self.window)
        self.connection.lost.connect(self._on_lost)
        self.connection.restored.connect(self._on_restored)
        self.connection.start()

    def stop(self) -> None:
        if self.connection is not None:
            self.connection.stop()
            self.connection.deleteLater()
            self.connection = None

    def _on_lost(self, reason: str) -> None:
        self.set_read_only(reason)
        self.window.went_offline.emit(reason)

    def _on_restored(self) -> None:
        window = self.window
        self.set_read_only(None)
        window.show_status("The store answers again; everything is up to date.")
        window.live.restart_in(window.jobs)
        self.save_local_drafts(then=lambda: window.refresh_all(keep_current=True)
                               if window._ready else window.apply_query())
        window.came_back.emit()

    def set_read_only(self, reason: str | None) -> None:
        """`reason`: the store cannot be reached — a banner says so and nothing that would
        change the store can be done, while everything shown stays readable and typing
        goes on (drafts are kept on this computer). None: back to normal."""
        window = self.window
        offline = reason is not None
        window.read_only = offline
        ui = window.ui
        if offline:
            watch = self.connection
            newer = watch is not None and isinstance(watch.error, SchemaTooNew)
            banner = UPDATE_BANNER if newer else OFFLINE_BANNER
            ui.offlineText.setText(banner.format(reason=reason.rstrip(". ")))
        ui.offlineBanner.setVisible(offline)
        for action in window.store_actions:
            action.setEnabled(not offline)
        ui.actionPoll.setEnabled(not offline and window.poller.available
                                 and not window.poller.running)
        window._update_undo_action()
        window._set_conversation_actions(window.current_id() is not None)
        window.conversation.set_offline(offline)
        window.customer.set_read_only(offline)
        window.bulk.panel.setEnabled(not offline)
        if offline:
            window.stop_timed_work()
        elif window._ready:
            window.start_timed_work()

    def save_local_drafts(self, then=None) -> None:
        """Writes drafts typed while the store was away into it, then forgets them here."""
        window = self.window
        pending = window.local_drafts.pending()
        if not pending:
            if then is not None:
                then()
            return

        def work(store) -> list:
            saved = []
            for draft in pending:
                try:
                    store.get_conversation(draft.conversation_id)
                except NotFound:
                    continue  # gone from the store: nothing to attach the text to
                store.save_draft(draft.conversation_id, draft.staff, draft.text)
                saved.append(draft)
            return saved

        def done(saved: list) -> None:
            for draft in pending:
                window.local_drafts.discard(draft.conversation_id, draft.staff, draft.text)
            if saved:
                count = len(saved)
                window.show_status(f"Saved {count} draft{'s' if count != 1 else ''} typed while"
                                   " the store was away.")
            if then is not None:
                then()

        def failed(error: Exception) -> None:
            if isinstance(error, StoreUnavailable):
                return  # still away: the watch says so, and they are tried again later
            window._on_job_failed(error, "")
            if then is not None:
                then()

        window.jobs.run(work, done, failed)
