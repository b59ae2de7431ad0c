"""Live updates for the window: changes made on any computer become one Qt signal.

`store.listen()` calls back from a background thread (LISTEN/NOTIFY on
PostgreSQL, the file's data version on SQLite); this object relays each change
to the main thread and coalesces bursts (an import touching hundreds of
conversations) into one `changed` emission, so views refresh once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from inbox_app.store import Change, Listener, Store

EVERYTHING = Change("*")


class LiveUpdates(QObject):
    """Signals: changed(frozenset[Change]) — what changed since the last emission;
    `Change("*")` alone means anything may have changed (refresh every view)."""

    changed = Signal(object)
    _arrived = Signal(object)  # from the listener's thread; queued to ours

    def __init__(self, store: Store, parent: QObject | None = None, *, coalesce_ms: int = 100):
        super().__init__(parent)
        self._store = store
        self._listener: Listener | None = None
        self._pending: set[Change] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(coalesce_ms)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._collect)

    @property
    def running(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        """Starts listening (on a connection of its own; the store's stays the caller's)."""
        if self._listener is None:
            self._listener = self._store.listen(self._arrived.emit)

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """True once notifications are being received (for tests and start-up)."""
        listener = self._listener
        return listener is not None and listener.wait_ready(timeout)

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self._timer.stop()
        self._pending.clear()

    def _collect(self, change: Change) -> None:
        self._pending.add(change)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        if not self._pending:
            return
        batch = frozenset({EVERYTHING}) if EVERYTHING in self._pending else frozenset(
            self._pending)
        self._pending.clear()
        self.changed.emit(batch)
