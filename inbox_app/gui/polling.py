"""Background polling: on a timer and on demand, in a worker with its own store."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from inbox_app.gui.jobs import Jobs

PollFunction = Callable[..., list[Any]]


POLLER = "inbox_app.sources.poller"


def default_poll_function() -> PollFunction | None:
    """The sources' poller, when this build has one — imported on first use, in the worker,
    since it brings requests, keyring and the channels (most of a second at start-up)."""
    if importlib.util.find_spec(POLLER) is None:
        return None

    def poll(store, **options):
        return importlib.import_module(POLLER).poll_once(store, **options)

    return poll


def summarize(results: list[Any]) -> str:
    """One line for the status bar from the poller's AccountResults."""
    new = sum(getattr(r, "new", 0) or 0 for r in results)
    failed = [r for r in results if getattr(r, "error", None)]
    line = f"{new} new message{'s' if new != 1 else ''}" if new else "Nothing new"
    if failed:
        first = failed[0]
        line += f" · {len(failed)} account{'s' if len(failed) > 1 else ''} failed"
        line += f" ({getattr(first, 'account', '?')}: {first.error})"
    return line


class PollController(QObject):
    """Runs `poll_fn(store, due_only=…)` off the event loop, never two at once.

    Signals: poll_started(); poll_finished(results); poll_failed(message).
    """

    poll_started = Signal()
    poll_finished = Signal(list)
    poll_failed = Signal(str)

    def __init__(self, jobs: Jobs, poll_fn: PollFunction | None = None,
                 interval_s: int = 300, parent: QObject | None = None):
        super().__init__(parent)
        self.jobs = jobs
        self.poll_fn = poll_fn if poll_fn is not None else default_poll_function()
        self.running = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.poll_now(due_only=True))
        self.set_interval(interval_s)

    @property
    def available(self) -> bool:
        return self.poll_fn is not None

    def set_interval(self, seconds: int) -> None:
        """The timer checks at least once a minute which accounts are due."""
        interval = max(15, min(int(seconds or 300), 60)) * 1000
        if self.timer.interval() != interval:
            self.timer.setInterval(interval)

    def start(self) -> None:
        if self.available:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll_now(self, due_only: bool = False) -> bool:
        """Starts a poll unless one is running; returns whether it started."""
        if self.running or not self.available:
            return False
        self.running = True
        self.poll_started.emit()
        poll = self.poll_fn
        self.jobs.run(lambda store: list(poll(store, due_only=due_only)),
                      self._finished, self._failed, pool=self.pool)
        return True

    def _finished(self, results: list[Any]) -> None:
        self.running = False
        self.poll_finished.emit(results)

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.poll_failed.emit(str(error))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
