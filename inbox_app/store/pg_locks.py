"""What two computers sharing one PostgreSQL store must not both do at once: read one
account, add one tag or label in two cases, add one person twice, wake one snooze twice;
a batch of messages that collided with another computer's is simply stored again, and
what became of a reply outlasts a short outage. A part of PostgresStore
(store/postgres.py): SQLite's one writer at a time gives all this by itself."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager

from inbox_app.core.timeutil import now
from inbox_app.store.base import AccountLock, holder_name
from inbox_app.store.errors import AccountBusy, Conflict, StoreError, StoreUnavailable

CONFLICT_RETRIES = 4
LOCK_PREFIX = "inbox_app.account:"
WORD_LOCK_PREFIX = "inbox_app.word:"
STAFF_LOCK = "inbox_app.staff"
RULES_LOCK = "inbox_app.rules"
WAKE_LOCK = "inbox_app.wake"
ACCOUNT_LOCK_NOTE_SECONDS = 3600
# How long what became of a reply is retried while the server cannot be reached: the
# network dropping for a minute must not lose that a reply went out.
RECORD_DELIVERY_SECONDS = 120.0


class PgConcurrency:
    @contextmanager
    def account_lock(self, account: str) -> Iterator[AccountLock]:
        """An advisory lock per account, held by this connection: if this computer
        crashes or loses the network, the server lets go of it by itself."""
        key = self._account_lock_key(account)
        if key in self._held_locks:
            raise AccountBusy(f"Account {account} is already being read by this app.")
        if not self._scalar("SELECT pg_try_advisory_lock(hashtextextended(?, 0)) AS got",
                            (LOCK_PREFIX + key,)):
            holder = self._scalar("SELECT holder FROM account_locks WHERE account = ?", (key,))
            raise AccountBusy(
                f"Account {account} is being read by {holder or 'another computer'} right now."
            )
        self._held_locks.add(key)
        holder = holder_name()
        try:
            moment = now()
            with self.transaction():
                self._exec(
                    "INSERT INTO account_locks (account, owner, holder, acquired_at, expires_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET"
                    " owner = excluded.owner, holder = excluded.holder,"
                    " acquired_at = excluded.acquired_at, expires_at = excluded.expires_at",
                    (key, self._session, holder, moment, moment + ACCOUNT_LOCK_NOTE_SECONDS),
                )
            yield AccountLock(account, holder, renew=lambda: None)
        finally:
            self._held_locks.discard(key)
            with contextlib.suppress(StoreError):
                self._exec("DELETE FROM account_locks WHERE account = ? AND owner = ?",
                           (key, self._session))
                self._exec("SELECT pg_advisory_unlock(hashtextextended(?, 0))",
                           (LOCK_PREFIX + key,))


    # Tags and labels are one word in any case. Under READ COMMITTED two computers adding
    # "Urgent" and "urgent" at the same moment would each find neither and store both;
    # a lock per word (casefolded), held to the end of the transaction, makes the second
    # wait and then find the first one's spelling, as SQLite's one writer at a time does.

    def _lock_word(self, word: str) -> None:
        self._exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                   (WORD_LOCK_PREFIX + word.strip().casefold(),))

    def _spelling(self, word, first):  # type: ignore[override]
        self._lock_word(word)
        return super()._spelling(word, first)

    def label(self, conversation_id, label, *, staff=None):  # type: ignore[override]
        with self.transaction():
            self._lock_word(label)
            return super().label(conversation_id, label, staff=staff)

    def tag_customer(self, customer_id, tag, *, staff=None):  # type: ignore[override]
        with self.transaction():
            self._lock_word(tag)
            return super().tag_customer(customer_id, tag, staff=staff)

    def add_staff(self, name, *, staff=None):  # type: ignore[override]
        """Two computers adding one person in two cases at once: the second is told she is
        there (a staff member's name is unique in any case; the index knows only one)."""
        with self.transaction():
            self._exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                       (STAFF_LOCK,))
            return super().add_staff(name, staff=staff)

    def _lock_rules(self) -> None:
        """Two people saving rules at the same moment: under READ COMMITTED the second read
        the list before the first committed and wrote over it, losing a rule (and a stale
        edit went unseen). Held to the end of the transaction: the second waits, then reads
        the first one's list."""
        self._exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (RULES_LOCK,))

    def wake_snoozed(self, at=None):  # type: ignore[override]
        """One computer at a time wakes the snoozes that ended. Every queue and count read
        asks (two jobs of one window at the same moment, every window after a change):
        without the lock a second one read the rows before the first committed and woke
        them again — a second "the snooze ended" in their history, their version moved
        twice. The lock is taken only when something is due; the second finds nothing."""
        moment = now() if at is None else at
        if not self._snooze_ended(moment):
            return 0
        with self.transaction():
            self._exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (WAKE_LOCK,))
            return super().wake_snoozed(moment)

    def set_delivery(self, message_id, delivery, **details):  # type: ignore[override]
        """Retried while the server cannot be reached, for a while: the reply has already
        gone out (or been refused) by then, and a lost record left it "sending" until it
        was called stalled — "Try again" would send it twice — while the window put its
        text back in the composer as not sent. An answer lost after the commit went
        through is recognised, not recorded twice."""
        deadline = time.monotonic() + RECORD_DELIVERY_SECONDS
        pause = 0.25
        while True:
            try:
                return super().set_delivery(message_id, delivery, **details)
            except StoreUnavailable:
                if self._depth or self._held_locks or time.monotonic() + pause > deadline:
                    # Inside a transaction it is lost whole; holding account locks, a new
                    # connection would not hold them.
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 5.0)
            with contextlib.suppress(StoreUnavailable):
                if self.get_message(message_id).delivery == delivery:
                    return None

    def save_messages(self, items, *, staff=None):  # type: ignore[override]
        """Retried on Conflict: storing a batch is idempotent, so a batch that collided
        with another computer's (the same new customer, say) is simply stored again."""
        for attempt in range(CONFLICT_RETRIES):
            try:
                return super().save_messages(items, staff=staff)
            except Conflict:
                if attempt == CONFLICT_RETRIES - 1:
                    raise
                time.sleep(random.uniform(0.02, 0.2) * (attempt + 1))
        raise AssertionError("unreachable")
