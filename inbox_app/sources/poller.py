"""One polling round: every due account fetched concurrently, each stored atomically.

Fetches run in worker threads (a slow server does not hold up the others); the
calling thread owns the store and writes each account's items together with its
new cursor in one transaction, so a crash mid-poll neither loses nor duplicates.
A failure is recorded as the account's health in one sentence, with exponential
backoff (or the server's Retry-After when longer).

An account edited, paused or removed while it is read: what the poll fetched is stored
(real messages of the shop), but its cursor and health are recorded only on the account
as the poll read it (settings and secret), and it is not read on past the change. So are
settings a fetch learned (FetchResult.config: whose Mastodon token it read with), kept
with the cursor; the account with them is the one the next round reads, no edit.
"""

from __future__ import annotations

import copy
import logging
import queue
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, replace
from typing import Any

from inbox_app.core.models import Account, IncomingMessage
from inbox_app.core.timeutil import now as current_time
from inbox_app.secrets import KeyringUnavailable, get_secret
from inbox_app.sources import FetchResult, SourceError, source_module
from inbox_app.sources.http import FetchError, make_session
from inbox_app.store import AccountBusy, NotFound, Store

log = logging.getLogger(__name__)

MAX_BACKOFF = 6 * 3600
ELSEWHERE = "its secret is kept on another computer, which reads it"
# Messages older than this before an account was added are history: stored, searchable
# and counted, but they do not flood the open queue (a feed's or mailbox's back catalogue).
HISTORY_GRACE = 3 * 86400
MAX_WORKERS = 8
# Fetches of one account in one poll while its server says there is more: a channel that
# reads a page a fetch (Telegram, 100 updates) catches up on 10,000 in one poll.
MAX_ROUNDS = 100


@dataclass(frozen=True)
class AccountResult:
    account: str
    kind: str
    new: int = 0
    duplicates: int = 0
    error: str | None = None
    skipped: int = 0
    busy: str | None = None  # another computer is reading this account right now
    next_poll_at: int | None = None
    waiting_until: int | None = None  # not read: its last failure's pause has not run out
    warning: str | None = None  # read, but the owner must know something about it

    @property
    def ok(self) -> bool:
        return self.error is None


Fetcher = Callable[[Account, str | None], FetchResult]


def backoff(account: Account, retry_after: float | None) -> int:
    """Seconds until the next try after a failure: doubling per failure, capped."""
    delay = min(MAX_BACKOFF, account.poll_interval * 2 ** min(account.failures, 10))
    if retry_after:
        delay = max(delay, int(retry_after))
    return delay


def watch_labels(account: Account) -> tuple[str, ...]:
    """A feed added with `--watch` labels everything it brings in."""
    if account.watch == "brand":
        return ("mention:brand",)
    if account.watch == "competitor":
        term = str(account.config.get("term") or account.name).lower()
        return (f"mention:competitor:{term}",)
    return ()


def _fetch_account(account: Account, secret: str | None) -> FetchResult:
    module = source_module(account.kind)
    if module is None:
        raise SourceError(f"This version of the app cannot read {account.kind} accounts.")
    session = make_session()
    try:
        return module.fetch(account, secret, session)
    finally:
        session.close()


def needs_secret(module, account: Account) -> bool:
    """A module's `needs_secret(account)` decides when present (a feed needs one only
    behind a password); else its `NEEDS_SECRET`."""
    decide = getattr(module, "needs_secret", None)
    if callable(decide):
        return bool(decide(account))
    return bool(getattr(module, "NEEDS_SECRET", False))


def pollable(account: Account) -> bool:
    module = source_module(account.kind)
    return module is not None and hasattr(module, "fetch")


def poll_once(
    store: Store,
    *,
    account: str | None = None,
    due_only: bool = False,
    after_failures: bool = False,
    at: int | None = None,
    fetcher: Fetcher | None = None,
    on_result: Callable[[AccountResult], None] | None = None,
    on_outbox: Callable[[Any], None] | None = None,
) -> list[AccountResult]:
    """Polls the named account, the due ones, or all enabled ones; returns one result each.
    With `after_failures`, of all enabled ones those whose last read failed wait out its
    pause (a server's Retry-After among them): a result says until when, nothing is read.

    Each account is read under the store's account lock, so two computers (or the
    window and a cron job) never read one account at once. In team mode the round
    also sends the shared outbox's replies this computer holds the secrets for.
    """
    moment = current_time() if at is None else at
    if account is not None:
        accounts = [store.get_account(account)]
    elif due_only:
        accounts = store.due_accounts(moment)
    else:
        accounts = store.list_accounts(enabled_only=True)
    # A named account is read only while enabled: the window's mail push may still ask for
    # one switched off a moment ago (the command line refuses a paused one itself).
    accounts = [a for a in accounts if pollable(a) and a.enabled]
    waiting = [a for a in accounts if after_failures and account is None and a.failures
               and a.next_poll_at is not None and a.next_poll_at > moment]
    accounts = [a for a in accounts if a not in waiting]
    fetch = fetcher or _fetch_account
    results: list[AccountResult] = []
    if store.engine != "sqlite":
        from inbox_app.replies import holds_secret, send_outbox

        sent = send_outbox(store, holds_secret)
        if on_outbox:
            on_outbox(sent)

    def finish(result: AccountResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    for item in waiting:
        finish(AccountResult(item.name, item.kind, error=item.last_error,
                             next_poll_at=item.next_poll_at, waiting_until=item.next_poll_at))
    if not accounts:
        return results

    pending: dict[Future, Account] = {}
    finished: queue.SimpleQueue[Future] = queue.SimpleQueue()  # in the order they finish
    locks: dict[str, ExitStack] = {}
    secret_of: dict[str, str | None] = {}
    so_far: dict[str, tuple[int, AccountResult]] = {}  # rounds done, results added up
    with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(accounts)),
                            thread_name_prefix="poll") as pool:

        def start(account: Account, secret: str | None) -> None:
            # Its own copy of the settings: what the poll read is compared when it is stored.
            future = pool.submit(fetch, replace(account, config=copy.deepcopy(account.config)),
                                 secret)
            pending[future] = account
            future.add_done_callback(finished.put)

        for item in accounts:
            module = source_module(item.kind)
            secret = None
            if needs_secret(module, item):
                try:
                    secret = get_secret(item.name)
                except KeyringUnavailable as error:
                    finish(_fail(store, item, str(error), None, moment))
                    continue
                if not secret and store.engine != "sqlite":
                    # Team mode: the secret is another computer's to use. Recorded as a
                    # failure of the shared account, it pushed back that computer's reads.
                    finish(AccountResult(item.name, item.kind, busy=ELSEWHERE))
                    continue
                if not secret:
                    finish(_fail(store, item, f"The secret for {item.name} is missing from the "
                                 f"keyring; enter it again (Accounts → Edit, or `inbox-app"
                                 f" account secret {item.name!r}`).", None, moment))
                    continue
            lock = ExitStack()
            try:
                lock.enter_context(store.account_lock(item.name))
            except AccountBusy as busy:
                lock.close()
                finish(AccountResult(item.name, item.kind, busy=str(busy)))
                continue
            locks[item.name] = lock
            secret_of[item.name] = secret
            start(item, secret)
        try:
            while pending:
                future = finished.get()
                item = pending.pop(future)
                result, more, item = _finish(store, item, future, moment, secret_of[item.name])
                rounds, earlier = so_far.pop(item.name, (0, None))
                result = _added(earlier, result)
                # Read on with its new cursor, unless paused, removed or edited meanwhile
                # (the new settings wait for the next round, and the secret it reads).
                now_read = store.account_as_polled(item) if more and result.ok else None
                if now_read is not None and now_read.enabled and rounds + 1 < MAX_ROUNDS:
                    so_far[item.name] = (rounds + 1, result)
                    start(now_read, secret_of[item.name])
                    continue
                locks.pop(item.name).close()
                finish(result)
        finally:  # storing failed (the disk full, say): no account stays locked
            for lock in locks.values():
                lock.close()
    return results


def _added(earlier: AccountResult | None, latest: AccountResult) -> AccountResult:
    """One account's result over the fetches of one poll."""
    if earlier is None:
        return latest
    warnings = [w for w in (earlier.warning, latest.warning) if w]
    return replace(latest, new=earlier.new + latest.new,
                   duplicates=earlier.duplicates + latest.duplicates,
                   skipped=earlier.skipped + latest.skipped,
                   warning=" ".join(dict.fromkeys(warnings)) or None)


def _finish(store: Store, item: Account, future, moment: int,
            secret: str | None) -> tuple[AccountResult, bool, Account]:
    """The fetch's outcome stored, whether the server has more right away, and the account
    as the poll now knows it (with the settings it learned and kept: its own change is no
    edit that stops the next round). `secret`: the one the fetch signed in with."""
    try:
        fetched = future.result()
    except FetchError as error:
        return _fail(store, item, str(error), error.retry_after, moment, secret), False, item
    except SourceError as error:
        return _fail(store, item, str(error), None, moment, secret), False, item
    except Exception as error:  # a bug in a channel must not stop the others
        log.exception("polling %s failed", item.name)
        return _fail(store, item, f"Reading {item.name} failed unexpectedly "
                     f"({type(error).__name__}: {error}).", None, moment, secret), False, item
    result, recorded = _save(store, item, fetched, moment)
    if recorded and fetched.config:
        item = replace(item, config={**item.config, **fetched.config})
    return result, fetched.more, item


def _save(store: Store, account: Account, fetched: FetchResult,
          moment: int) -> tuple[AccountResult, bool]:
    """The fetch's items stored, and its cursor and settings learned with them unless the
    account was edited meanwhile: the result, and whether they were recorded."""
    labels = watch_labels(account)
    items: list[IncomingMessage] = []
    for item in fetched.items:
        if item.account != account.name:
            item = replace(item, account=account.name)
        if labels:
            item = replace(item, labels=tuple(dict.fromkeys((*item.labels, *labels))))
        items.append(item)
    next_poll = moment + max(account.poll_interval, int(fetched.retry_after or 0))
    with store.transaction():
        saved = store.save_messages(items)
        if account.created_at:
            store.archive_history(sorted(saved.conversation_ids),
                                  before=account.created_at - HISTORY_GRACE)
        recorded = store.record_poll_success(account.name, cursor=fetched.cursor, at=moment,
                                             next_poll_at=next_poll, read=account,
                                             config=fetched.config)
    warning = fetched.warning if recorded else _joined(
        fetched.warning, _changed_meanwhile(store, account))
    return AccountResult(account.name, account.kind, new=saved.imported,
                         duplicates=saved.duplicates, skipped=fetched.skipped,
                         next_poll_at=next_poll if recorded else None, warning=warning), recorded


def _fail(store: Store, account: Account, error: str, retry_after: float | None,
          moment: int, secret: str | None = None) -> AccountResult:
    """The failure as the account's health, unless it speaks of settings or a secret the
    account no longer has: then only the result tells it, saying so."""
    next_poll = moment + backoff(account, retry_after)
    if not _secret_replaced(account, secret) and store.record_poll_failure(
            account.name, error=error, at=moment, next_poll_at=next_poll, read=account):
        return AccountResult(account.name, account.kind, error=error, next_poll_at=next_poll)
    changed = _changed_meanwhile(store, account) or \
        "its password or token was replaced while it was read; the new one is used next"
    return AccountResult(account.name, account.kind, error=_joined(error, changed))


def _secret_replaced(account: Account, used: str | None) -> bool:
    """Whether the keyring holds another secret than the fetch signed in with (a password
    corrected meanwhile): the old one's refusal is not the account's health."""
    if used is None:
        return False
    try:
        return get_secret(account.name) != used
    except KeyringUnavailable:
        return False


def _changed_meanwhile(store: Store, read: Account) -> str | None:
    """What became of an account while a poll read it (None: nothing), for the result: the
    owner sees why this poll's outcome is not the account's health."""
    if store.account_as_polled(read) is not None:
        return None
    try:
        now = store.get_account(read.name)
    except NotFound:
        now = None
    if now is None or (now.id, now.created_at) != (read.id, read.created_at):
        return "it was removed while it was read; what it brought in is kept"
    return "its settings were changed while it was read; the new ones are read next"


def _joined(*sentences: str | None) -> str | None:
    """The sentences given, each capitalised and ended, as one line for the result."""
    return " ".join(s[0].upper() + s[1:] + ("" if s.endswith(".") else ".")
                    for s in sentences if s) or None
