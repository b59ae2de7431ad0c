"""Live updates for the window: changes made on any computer become one Qt signal.

`store.listen()` calls back from a background thread (LISTEN/NOTIFY on
PostgreSQL, the file's data version on SQLite); this object relays each change
to the main thread and coalesces bursts (an import touching hundreds of
conversations) into one `changed` emission, so views refresh once.

A batch counts how often each change arrived: PostgreSQL sends one notification
per row and transaction, so two arrivals of the same change are two writes —
the window's own and maybe a colleague's (see `OwnChanges`).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from inbox_app.store import Change, Listener, Store

if TYPE_CHECKING:
    from inbox_app.gui.jobs import Jobs

EVERYTHING = Change("*")
ECHO_SECONDS = 3.0
COALESCE_MS = 100  # changes made elsewhere: shown a tenth of a second later
POLLING_COALESCE_MS = 1000  # while the window's own poll stores batch after batch


class LiveUpdates(QObject):
    """Signals: changed(Counter[Change]) — what changed since the last emission, with how
    many notifications of each arrived; `Change("*")` alone means anything may have
    changed (refresh every view)."""

    changed = Signal(object)
    _arrived = Signal(object)  # from the listener's thread; queued to ours

    def __init__(self, store: Store | None = None, parent: QObject | None = None, *,
                 coalesce_ms: int = COALESCE_MS):
        super().__init__(parent)
        self._store = store
        self._listener: Listener | None = None
        self._starting = False
        self._generation = 0  # a subscription started for an older generation is unwanted
        self._pending: Counter[Change] = Counter()
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
            assert self._store is not None, "LiveUpdates without a store start with start_in()"
            self._listener = self._store.listen(self._arrived.emit)

    def start_in(self, jobs: Jobs) -> None:
        """Starts listening from a worker of `jobs` (opening the store may wait on the
        network); a store that cannot be reached now is tried again by the next call."""
        if self._listener is not None or self._starting:
            return
        self._starting = True
        generation = self._generation
        emit = self._arrived.emit

        def started(listener: Listener) -> None:
            if generation != self._generation:  # stopped (or restarted) meanwhile
                _stop_in_background(listener)
                return
            self._starting = False
            self._listener = listener

        def failed(_error: Exception) -> None:
            if generation == self._generation:
                self._starting = False

        jobs.run(lambda store: store.listen(emit), started, failed)

    def restart_in(self, jobs: Jobs) -> None:
        """A fresh subscription (after an outage, instead of waiting out the old one's
        back-off); the old one is stopped in the background, never on the event loop."""
        self._generation += 1
        self._starting = False
        old, self._listener = self._listener, None
        if old is not None:
            _stop_in_background(old)
        self.start_in(jobs)

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """True once notifications are being received (for tests and start-up)."""
        listener = self._listener
        return listener is not None and listener.wait_ready(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._generation += 1
        self._starting = False
        if self._listener is not None:
            self._listener.stop(timeout)
            self._listener = None
        self._timer.stop()
        self._pending.clear()

    @property
    def coalescing(self) -> int:
        return self._timer.interval()

    def set_coalescing(self, milliseconds: int) -> None:
        """How long changes gather before one `changed`: longer while this window's own
        poll writes batch after batch (it refreshes everything when the poll ends)."""
        self._timer.setInterval(milliseconds)

    def _collect(self, change: Change) -> None:
        self._pending[change] += 1
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        if not self._pending:
            return
        batch = Counter({EVERYTHING: 1}) if EVERYTHING in self._pending else self._pending
        self._pending = Counter()
        self.changed.emit(batch)


def _stop_in_background(listener: Listener) -> None:
    """Its thread may be waiting on an unreachable server: never join it on the event loop."""
    threading.Thread(target=listener.stop, name="inbox-app-listen-stop", daemon=True).start()


class OwnChanges:
    """Remembers the changes this window just made, to recognise their echo.

    The window refreshes right after its own action; the notification of that
    same change arrives a moment later and need not load anything again. Only
    changes that name a row can be recognised ("*" from SQLite names nothing).

    Why this never hides a colleague's change: each `expect` stands for one write
    of this window that surely notified (a caller expects no more echoes than it
    caused), and each arriving notification uses up one expectation. PostgreSQL
    delivers notifications in commit order, and the window's refresh read the
    store after its own writes: a colleague's write committed after that read
    notifies after the window's echoes, finds nothing left to cancel it, and
    refreshes. Expecting too few only costs a refresh; expectations that are not
    met in a few seconds lapse.
    """

    def __init__(self, seconds: float = ECHO_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._expected: dict[Change, list[float]] = {}

    def expect(self, change: Change) -> None:
        """One write of this window to `change` was committed (or is about to be)."""
        self._expected.setdefault(change, []).append(self._clock() + self.seconds)

    def forget(self, change: Change) -> None:
        """An expected write was refused after all: no echo will come."""
        waiting = self._expected.get(change)
        if waiting:
            waiting.pop()
            if not waiting:
                del self._expected[change]

    def without_echoes(self, batch: Mapping[Change, int]) -> Counter[Change]:
        """The changes of `batch` that are not this window's own."""
        moment = self._clock()
        self._expected = {
            change: alive for change, deadlines in self._expected.items()
            if (alive := [d for d in deadlines if d > moment])
        }
        left: Counter[Change] = Counter()
        for change, count in batch.items():
            waiting = self._expected.get(change, [])
            used = min(count, len(waiting))
            del waiting[:used]
            if not waiting:
                self._expected.pop(change, None)
            if count > used:
                left[change] = count - used
        return left
