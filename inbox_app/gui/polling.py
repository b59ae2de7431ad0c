"""Background polling: on a timer, on demand, and for an email account as soon as its
server says mail arrived (gui.mail_push) — in a worker with its own store."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from inbox_app.core.timeutil import now as current_time
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.mail_push import MailPush
from inbox_app.store import NotFound

PollFunction = Callable[..., list[Any]]


POLLER = "inbox_app.sources.poller"
PARSE_WORKER = "inbox_app.sources.parse_worker"
ACCOUNTS_MENU = "File → Accounts… (Ctrl+Shift+A)"
# A first read of a big mailbox reads step after step in one poll, and while it does no
# other poll runs: the other accounts' turns and the mail their servers announce waited
# for minutes. After this long a poll reads on no further; an account with more to read
# is due again at once and read on by the next poll, once the others had their turn.
READ_ON_SECONDS = 120.0
monotonic_clock = time.monotonic  # the read-on's clock; tests step it instead of waiting


@dataclass(frozen=True)
class NothingToRead:
    """The one result of a poll asked for (F5) that found no account it could read: the
    status bar says why and what to do, where "Nothing new" read as if accounts had been
    checked. Shaped as a poller result with nothing in it."""

    summary: str
    account: str = ""
    kind: str = ""
    new: int = 0
    error: str | None = None


def nothing_to_read(store) -> NothingToRead | None:
    """Why no account was read, when that is for want of one to read (None otherwise)."""
    accounts = store.list_accounts()
    readable = [account for account in accounts if account.kind != "phone"]
    if not accounts:
        return NothingToRead(f"No accounts to read yet: add one with {ACCOUNTS_MENU}")
    if not readable:
        return NothingToRead("Phone lines are logged, not read: add an email, social or feed"
                             f" account with {ACCOUNTS_MENU}")
    if not any(account.enabled for account in readable):
        return NothingToRead(f"Every account is paused: switch one back on in {ACCOUNTS_MENU}")
    return None


def default_poll_function() -> PollFunction | None:
    """The sources' poller, when this build has one — imported on first use, in the worker,
    since it brings requests, keyring and the channels (most of a second at start-up).
    Feeds and mail are parsed and scored in a helper process (sources/parse_worker.py):
    in the window's own threads that work would take Python away from its event loop."""
    if importlib.util.find_spec(POLLER) is None:
        return None

    def poll(store, **options):
        importlib.import_module(PARSE_WORKER).start()
        poller = importlib.import_module(POLLER)
        turns = TakingTurns(poller._fetch_account)
        results = poller.poll_once(store, fetcher=turns.fetch, **options)
        return turns.read_on_later(store, results)

    return poll


class TakingTurns:
    """The poller's fetcher, reading on (a server saying it has `more`) only until
    READ_ON_SECONDS after the poll began; the accounts it stopped are due again at once."""

    def __init__(self, fetch: Callable[..., Any]):
        self._fetch = fetch
        self._until = monotonic_clock() + READ_ON_SECONDS
        self._stopped: set[str] = set()
        self._lock = threading.Lock()  # the poller fetches in threads of its own

    def fetch(self, account, secret):
        fetched = self._fetch(account, secret)
        if fetched.more and monotonic_clock() >= self._until:
            with self._lock:
                self._stopped.add(account.name)
            return replace(fetched, more=False)  # stored with its cursor as any step
        return fetched

    def read_on_later(self, store, results: list[Any]) -> list[Any]:
        """Each stopped account made due at once (in the store, so another computer or the
        next start reads on too); its result says so by a next poll that is already due."""
        with self._lock:
            stopped = set(self._stopped)
        marked = []
        for result in results:
            # A result not recorded (the account changed while it was read: next_poll_at
            # None) leaves the account as its edit made it, due with its new settings.
            if result.account in stopped and result.ok and result.next_poll_at is not None:
                try:
                    account = store.get_account(result.account)
                except NotFound:  # removed while it was read: nothing to read on
                    marked.append(result)
                    continue
                at = account.last_poll_at
                store.record_poll_success(account.name, cursor=None, at=at, next_poll_at=at)
                result = replace(result, next_poll_at=at)
            marked.append(result)
        return marked


def stop_parse_worker() -> None:
    """Ends the helper process, if a poll started one (the window is closing)."""
    if PARSE_WORKER in sys.modules:
        # import_module, not the half-made module: a poll's thread may be importing it
        # still, and this waits for that to finish (closing the window at once did not).
        importlib.import_module(PARSE_WORKER).stop()


def summarize(results: list[Any]) -> str:
    """One line for the status bar from the poller's AccountResults."""
    told = [r.summary for r in results if isinstance(r, NothingToRead)]
    if told:
        return told[0]
    new = sum(getattr(r, "new", 0) or 0 for r in results)
    failed = [r for r in results if getattr(r, "error", None)]
    line = f"{new} new message{'s' if new != 1 else ''}" if new else "Nothing new"
    if failed:
        first = failed[0]
        line += f" · {len(failed)} account{'s' if len(failed) > 1 else ''} failed"
        line += f" ({getattr(first, 'account', '?')}: {first.error})"
    warned = [r for r in results if getattr(r, "warning", None)]
    if warned:
        line += f" · {getattr(warned[0], 'account', '?')}: {warned[0].warning}"
    return line


def _due_already(result: Any) -> bool:
    """A read whose next one is due by the time it finished (see TakingTurns)."""
    next_poll_at = getattr(result, "next_poll_at", None)
    return next_poll_at is not None and next_poll_at <= current_time()


class PollController(QObject):
    """Runs `poll_fn(store, due_only=…)` off the event loop, never two at once; while
    started, also reads an email account the moment its server reports new mail.

    Signals: poll_started(); poll_finished(results); poll_failed(message). A poll of every
    account that found none to read finishes with one NothingToRead saying why.
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
        self.push = MailPush(self)
        self.push.arrived.connect(self._mail_arrived)
        self._accounts: list[dict[str, Any]] = []
        self._arrivals: list[str] = []  # accounts with new mail, read after the poll under way
        self._read_on = False  # a poll left an account due already: read on after arrivals

    @property
    def available(self) -> bool:
        return self.poll_fn is not None

    def set_interval(self, seconds: int) -> None:
        """The timer checks at least once a minute which accounts are due."""
        interval = max(15, min(int(seconds or 300), 60)) * 1000
        if self.timer.interval() != interval:
            self.timer.setInterval(interval)

    def set_accounts(self, accounts: list[dict[str, Any]]) -> None:
        """The store's accounts (as the sidebar has them): which email ones to wait on."""
        self._accounts = list(accounts)
        if self.timer.isActive():
            self.push.watch(self._accounts)

    def start(self) -> None:
        if self.available:
            self.timer.start()
            self.push.watch(self._accounts)

    def stop(self) -> None:
        self.timer.stop()
        self.push.stop()

    def poll_now(self, due_only: bool = False, account: str | None = None) -> bool:
        """Starts a poll (of `account` alone, if given) unless one is running; returns
        whether it started."""
        if self.running or not self.available:
            return False
        self.running = True
        self.poll_started.emit()
        poll = self.poll_fn
        options: dict[str, Any] = {"due_only": due_only}
        if account is not None:
            options["account"] = account
        else:
            self._read_on = False  # this poll reads every due account
        every_account = not due_only and account is None

        def run(store) -> list[Any]:
            results = list(poll(store, **options))
            if not results and every_account:
                return [why] if (why := nothing_to_read(store)) is not None else []
            return results

        self.jobs.run(run, self._finished, self._failed, pool=self.pool)
        return True

    def _mail_arrived(self, account: str) -> None:
        if not self.timer.isActive() or self.poll_now(account=account):
            return
        if account not in self._arrivals:
            self._arrivals.append(account)

    def _finished(self, results: list[Any]) -> None:
        self.running = False
        self._read_on = self._read_on or any(map(_due_already, results))
        self.poll_finished.emit(results)
        self._next_turn()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.poll_failed.emit(str(error))
        self._next_turn()

    def _next_turn(self) -> None:
        """Mail that arrived meanwhile first, each account in a poll of its own; then the
        accounts due already (one whose long read was stopped, and any that came due)."""
        if self.running or not self.timer.isActive():
            return
        if self._arrivals:
            self.poll_now(account=self._arrivals.pop(0))
        elif self._read_on:
            self.poll_now(due_only=True)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def shut_down(self) -> None:
        """At close: the poll under way finished (`wait`), the helper process ends too."""
        self.stop()
        if self.wait():
            stop_parse_worker()
