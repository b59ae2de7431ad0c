"""Store work off the event loop: each job opens its own store in a pool thread.

SQLite connections belong to one thread, so a job never borrows the window's;
it opens the store by location (a couple of milliseconds), runs one plain
function from the layers below and reports back by signals, which Qt delivers
on the main thread. Workers never touch widgets.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from inbox_app.store import (
    Store,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
    is_postgres,
    open_store,
)

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Signals: finished(result), failed(error, traceback_text)."""

    finished = Signal(object)
    failed = Signal(object, str)


class StoreJob(QRunnable):
    """Runs `work(store)` on a store of its own; `location=None` runs `work()` alone.

    Its outcome is also kept as `error` (None when it worked), for the one caller that
    waits for a job instead of hearing from it: the window as it closes.
    """

    def __init__(self, location: str | None, work: Callable[..., Any]):
        super().__init__()
        self.location = location
        self.work = work
        self.signals = JobSignals()
        self.error: Exception | None = None
        self.setAutoDelete(False)

    def run(self) -> None:
        store: Store | None = None
        try:
            if self.location is None:
                result = self.work()
            else:
                store = open_existing_store(self.location)
                result = self.work(store)
        except Exception as error:  # reported to the main thread, never swallowed
            self.error = error
            self.signals.failed.emit(error, traceback.format_exc())
        else:
            self.signals.finished.emit(result)
        finally:
            if store is not None:
                store.close()


def open_existing_store(location: str) -> Store:
    """The window's store, which exists by the time it runs jobs: a store file that is not
    there is unreachable (its disk or share went away), never made anew — an empty store
    in its place would answer every ping and bring the window back showing nothing."""
    if location in ("", ":memory:", "sqlite::memory:"):
        return open_store(location)
    if is_postgres(location):
        try:  # a database dropped and made anew (a restore under way) holds no store yet
            return open_store(location, create=False)
        except StoreError as error:
            if type(error) is not StoreError:
                raise
            raise StoreUnavailable(f"{error} Is it being restored or made anew?") from None
    path = Path(location.removeprefix("sqlite:")).expanduser()
    if not path.is_file():
        raise StoreUnavailable(f"The store {path} cannot be read (it is not there).")
    return open_store(location, create=False)


class Jobs(QObject):
    """A small pool for the window's store work.

    Signals: failed(error, traceback_text) for jobs given no failure handler;
    idle() when the last running job has reported; unreachable(message) whenever a
    job found the store unreachable (whatever handled the failure), so the window
    can check the connection at once instead of at its next ping; damaged(error)
    whenever a job met broken pages in the store (a StoreDamaged).
    """

    failed = Signal(object, str)
    idle = Signal()
    unreachable = Signal(str)
    damaged = Signal(object)

    def __init__(self, location: str, parent: QObject | None = None, threads: int = 3):
        super().__init__(parent)
        self.location = location
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        # Small writes made as a person moves (marking read, mentions seen) wait here, one
        # at a time: while another program holds the store's write lock (a big import, a
        # cron poll) they wait for it, and in the main pool they took every thread and
        # held up the reads of the next conversation, which SQLite lets through.
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self._running: set[StoreJob] = set()
        self.closed = False

    @property
    def pending(self) -> int:
        return len(self._running)

    def run(
        self,
        work: Callable[..., Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        *,
        with_store: bool = True,
        pool: QThreadPool | None = None,
        owner: QObject | None = None,
    ) -> StoreJob:
        """Starts `work(store)` in the pool; `done(result)` or `failed(error)` follow on
        the main thread. Without `failed`, errors go to the `failed` signal. What they
        report to may be gone by then (a dialog closed while its look-up ran): they are not
        called once `owner`, or the widget whose method `done` is, has been deleted."""
        job = StoreJob(self.location if with_store else None, work)
        owners = [o for o in (owner, getattr(done, "__self__", None),
                              getattr(failed, "__self__", None)) if isinstance(o, QObject)]

        def gone() -> bool:
            return self.closed or not all(isValid(o) for o in owners)

        if done is not None:
            job.signals.finished.connect(lambda result: None if gone() else done(result))
        if failed is not None:
            job.signals.failed.connect(
                lambda error, _text: None if gone() else failed(error))
        else:
            job.signals.failed.connect(
                lambda error, text: None if self.closed else self.failed.emit(error, text))
        job.signals.failed.connect(self._check_unreachable)
        job.signals.finished.connect(lambda _result: self._forget(job))
        job.signals.failed.connect(lambda _error, _text: self._forget(job))
        self._running.add(job)
        (pool or self.pool).start(job)
        return job

    def _check_unreachable(self, error: Exception, _text: str) -> None:
        if self.closed:
            return
        if isinstance(error, StoreUnavailable):
            self.unreachable.emit(str(error))
        elif isinstance(error, StoreDamaged):
            self.damaged.emit(error)

    def _forget(self, job: StoreJob) -> None:
        self._running.discard(job)
        if not self._running and not self.closed:
            self.idle.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Blocks until every started job has run (used on quit)."""
        return self.pool.waitForDone(msecs) and self.writes.waitForDone(msecs)

    def close(self, msecs: int = 30000) -> bool:
        """Waits for the jobs started so far; what they report afterwards is dropped (the
        widgets they would report to are going away with the window)."""
        self.closed = True
        return self.wait(msecs)
