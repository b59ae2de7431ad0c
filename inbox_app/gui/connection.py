"""Is the store reachable? Pings in a worker thread and says when that changes.

The window shows a banner and goes read-only on `lost`, and comes back on
`restored`. Each ping opens a connection of its own (`ping_location`), so it
tells the truth about the server and the network, never blocks the event
loop, and never touches the window's store. While the store is lost it checks
more often, so recovery shows within a second or two.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from inbox_app.store import SchemaTooNew, StoreError, StoreUnavailable, ping_location

NORMAL_INTERVAL_MS = 5000
LOST_INTERVAL_MS = 1000


class _PingSignals(QObject):
    answered = Signal(object)  # None when the store answered, else the StoreError why not


class _Ping(QRunnable):
    def __init__(self, ping: Callable[[], None]):
        super().__init__()
        self.ping = ping
        self.signals = _PingSignals()
        self.setAutoDelete(False)  # the watch keeps it until it has answered

    def run(self) -> None:
        try:
            self.ping()
        except StoreError as error:
            self._answer(error)
        except OSError as error:
            self._answer(StoreUnavailable(f"The store cannot be reached ({error})."))
        else:
            self._answer(None)

    def _answer(self, error: StoreError | None) -> None:
        with contextlib.suppress(RuntimeError):  # the app shut down meanwhile: no one to tell
            self.signals.answered.emit(error)


class ConnectionWatch(QObject):
    """Signals: lost(reason) when the store stops answering; restored() when it is back.

    Only changes are signalled: a store that answers from the start emits nothing.
    `error` is why it does not answer (a StoreUnavailable waits for the server; a
    SchemaTooNew, a newer app's changes to a shared store, for this app's update).
    """

    lost = Signal(str)
    restored = Signal()

    def __init__(
        self, location: str, parent: QObject | None = None, *,
        interval_ms: int = NORMAL_INTERVAL_MS, lost_interval_ms: int = LOST_INTERVAL_MS,
        ping: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self._ping = ping or (lambda: ping_location(location))
        self._interval = interval_ms
        self._lost_interval = lost_interval_ms
        self.available: bool | None = None
        self.reason: str | None = None
        self.error: StoreError | None = None
        self._in_flight: _Ping | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self._timer.start(self._interval)
        self.check_now()

    def stop(self) -> None:
        self._timer.stop()
        self._pool.waitForDone(5000)

    def check_now(self) -> None:
        """Pings now unless a ping is already on its way."""
        if self._in_flight is not None:
            return
        job = _Ping(self._ping)
        job.signals.answered.connect(self._answered)
        self._in_flight = job
        self._pool.start(job)

    def _answered(self, error: StoreError | None) -> None:
        self._in_flight = None
        self.error = error
        if error is None:
            was = self.available
            self.available, self.reason = True, None
            if was is False:
                self._timer.setInterval(self._interval)
                self.restored.emit()
        else:
            reason = str(error)
            was = self.available
            self.available, self.reason = False, reason
            if was is not False:
                # A newer app's changes stay until this one is updated: no use asking often.
                waiting = not isinstance(error, SchemaTooNew)
                self._timer.setInterval(self._lost_interval if waiting else self._interval)
                self.lost.emit(reason)
