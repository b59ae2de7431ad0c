"""Accounts (configured sources), their cursors and their health.

A poll's items and the account's new cursor are written in one transaction
(`record_poll_success` inside the caller's `transaction()` around
`save_messages`), so a crash mid-poll neither loses nor duplicates anything.

A poll's outcome (cursor and health) is recorded only on the account as the poll read it
(`read=`): one edited meanwhile to read another feed, mailbox or bot, or removed (and
perhaps added again under its name), keeps what the edit left.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from inbox_app.core.kinds import KINDS
from inbox_app.core.models import Account
from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine
from inbox_app.store.errors import NotFound, StoreError
from inbox_app.store.spellings import distinct_values_sql, reading_key

WATCHES = ("brand", "competitor")
MIN_INTERVAL = 30
MAX_INTERVAL = 86400  # a day: an account read less often than that is better switched off


def _account(row: dict[str, Any]) -> Account:
    return Account(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        config=json.loads(row["config"] or "{}"),
        watch=row["watch"],
        enabled=bool(row["enabled"]),
        poll_interval=row["poll_interval"],
        cursor=json.loads(row["cursor"] or "{}"),
        last_poll_at=row["last_poll_at"],
        last_success_at=row["last_success_at"],
        last_error=row["last_error"],
        last_error_at=row["last_error_at"],
        next_poll_at=row["next_poll_at"],
        failures=row["failures"],
        created_at=row["created_at"],
    )


def _alphabetical(rows: list[dict[str, Any]]) -> list[Account]:
    """By name as a person reads a list (store.spellings.reading_key), alike on both
    engines."""
    return [_account(row) for row in sorted(rows, key=lambda row: reading_key(row["name"]))]


def _unprintable(char: str) -> bool:
    """Control characters and line or paragraph separators: a name is one line. (Format
    characters stay: Persian needs the zero-width non-joiner, emoji the joiner.)"""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")



def _still_as_read(row: dict[str, Any] | None, read: Account) -> bool:
    """Whether the account row is the one `read` was, with the same settings. Its id alone
    does not tell: SQLite gives a removed account's id to the next one added."""
    return row is not None and row["created_at"] == read.created_at \
        and json.loads(row["config"] or "{}") == read.config


def _check_interval(interval: int) -> None:
    if interval < MIN_INTERVAL:
        raise StoreError(f"Poll at most every {MIN_INTERVAL} seconds.")
    if interval > MAX_INTERVAL:
        raise StoreError(f"Poll at least once a day ({MAX_INTERVAL:,} seconds), not every"
                         f" {interval:,}.")

class AccountsMixin(Engine):
    def add_account(
        self, name: str, kind: str, config: dict[str, Any], *, watch: str | None = None,
        poll_interval: int | None = None, staff: str | None = None,
    ) -> Account:
        name = name.strip()
        interval = self.check_new_account(name, kind, watch=watch, poll_interval=poll_interval)
        with self.transaction():
            self._insert(
                "INSERT INTO accounts (name, kind, config, watch, enabled, poll_interval, cursor,"
                " failures, created_at) VALUES (?, ?, ?, ?, 1, ?, '{}', 0, ?) RETURNING id",
                (name, kind, json.dumps(config, ensure_ascii=False), watch, interval, now()),
            )
            self._event("account.added", staff=staff, data={"name": name, "kind": kind})
        return self.get_account(name)

    def check_new_account(self, name: str, kind: str, *, watch: str | None = None,
                          poll_interval: int | None = None) -> int:
        """Refuses what add_account would refuse (before a secret goes to the keyring, where a
        taken name would overwrite another account's); returns the poll interval to use."""
        name = name.strip()
        if not name:
            raise StoreError("An account needs a name.")
        if any(_unprintable(char) for char in name):
            raise StoreError(f"An account's name is one line, without line breaks, tabs or"
                             f" other control characters (not {name!r}).")
        if kind not in KINDS:
            raise StoreError(f"Unknown kind {kind!r} (try one of {', '.join(KINDS)}).")
        if watch is not None and watch not in WATCHES:
            raise StoreError(f"A watch is 'brand' or 'competitor', not {watch!r}.")
        if self._rows_named(name):
            raise StoreError(f"There is already an account called {name}.")
        # An interval given is the interval: 0 is refused, not taken for "the default".
        interval = poll_interval if poll_interval is not None else (
            self.get_setting("poll_interval") or 300)
        _check_interval(interval)
        return interval

    def get_account(self, name: str) -> Account:
        """The account called `name` in any case, of any script ("café ü" is "Café Ü")."""
        row = self._account_row(name)
        if row is None:
            raise NotFound(f"There is no account called {name!r}.")
        return _account(row)

    def _account_row(self, name: str) -> dict[str, Any] | None:
        """The exact name first: a store from before names were compared in any case may
        hold "Shop" and "shop", each its own account. Else the one so named in any case;
        where that could be either of two, StoreError asks for the name as written."""
        found = self._rows_named(name)
        if len(found) > 1:
            names = " and ".join(row["name"] for row in found)
            raise StoreError(f"Two accounts are called {name.strip()} in some case: {names};"
                             " give the name exactly as it is written.")
        return found[0] if found else None

    def _rows_named(self, name: str) -> list[dict[str, Any]]:
        """The account so written, else every account so named in any case."""
        wanted = name.strip()
        row = self._row("SELECT * FROM accounts WHERE name = ?", (wanted,))
        if row is not None:
            return [row]
        # SQL's lower() folds A-Z only; a shop has a handful of accounts, compared here.
        folded = wanted.casefold()
        return [other for other in self._rows("SELECT * FROM accounts ORDER BY id")
                if other["name"].casefold() == folded]

    def list_accounts(self, *, enabled_only: bool = False) -> list[Account]:
        where = " WHERE enabled = 1" if enabled_only else ""
        return _alphabetical(self._rows(f"SELECT * FROM accounts{where}"))

    def account_names(self) -> list[str]:
        """The accounts set up and every account stored messages were filed under (an
        import's "reviews" with no account of that name): what a rule's account can name."""
        names = [account.name for account in self.list_accounts()]
        for kind in KINDS:
            for row in self._rows(distinct_values_sql("messages", "account", "kind = ?"),
                                  (kind, kind)):
                if row["value"] and row["value"] not in names:
                    names.append(row["value"])
        return sorted(names, key=reading_key)

    def due_accounts(self, at: int | None = None) -> list[Account]:
        """Enabled accounts whose next poll is due (never polled counts as due)."""
        moment = now() if at is None else at
        return _alphabetical(self._rows(
            "SELECT * FROM accounts WHERE enabled = 1 AND kind != 'phone'"
            " AND (next_poll_at IS NULL OR next_poll_at <= ?)", (moment,)))

    def remove_account(self, name: str, *, staff: str | None = None) -> Account:
        """Forgets the account; the messages it brought in stay."""
        account = self.get_account(name)
        with self.transaction():
            self._exec("DELETE FROM accounts WHERE id = ?", (account.id,))
            self._event("account.removed", staff=staff,
                        data={"name": account.name, "kind": account.kind})
        return account

    def set_account_enabled(self, name: str, enabled: bool, *, staff: str | None = None) -> None:
        account = self.get_account(name)
        with self.transaction():
            self._exec(
                "UPDATE accounts SET enabled = ?, next_poll_at = NULL, failures = 0 WHERE id = ?",
                (int(enabled), account.id),
            )
            self._event("account.enabled" if enabled else "account.disabled", staff=staff,
                        data={"name": account.name})

    def update_account(
        self, name: str, *, config: dict[str, Any] | None = None, watch: str | None = None,
        poll_interval: int | None = None, staff: str | None = None,
    ) -> Account:
        """Changes what was given; `watch=""` stops watching (None keeps it as it is). An
        account whose settings changed is read at the next round, its backoff forgotten."""
        account = self.get_account(name)
        if poll_interval is not None:
            _check_interval(poll_interval)
        with self.transaction():
            self._exec(
                "UPDATE accounts SET config = ?, watch = ?, poll_interval = ?,"
                " next_poll_at = NULL, failures = 0 WHERE id = ?",
                (
                    json.dumps(config if config is not None else account.config,
                               ensure_ascii=False),
                    (watch or None) if watch is not None else account.watch,
                    poll_interval or account.poll_interval,
                    account.id,
                ),
            )
            self._event("account.changed", staff=staff, data={"name": account.name})
        return self.get_account(name)

    def _account_id(self, name: str) -> int | None:
        """The one account a poll's outcome belongs to (None: removed meanwhile, which
        leaves nothing to record). Not `lower(name)`: that touched both of two accounts
        differing only in case, and folds A-Z only."""
        row = self._account_row(name)
        return None if row is None else row["id"]

    def set_cursor(self, name: str, cursor: dict[str, Any]) -> None:
        with self.transaction():
            self._exec("UPDATE accounts SET cursor = ? WHERE id = ?",
                       (json.dumps(cursor, ensure_ascii=False), self._account_id(name)))

    def account_as_polled(self, read: Account) -> Account | None:
        """The account now, while it is still the one a poll read as `read`: None when it
        was removed since (a namesake added meanwhile is another account) or its settings
        changed (what the poll read is a place in the old source)."""
        row = self._row("SELECT * FROM accounts WHERE id = ?", (read.id,))
        return _account(row) if _still_as_read(row, read) else None

    def _polled_account(self, name: str, read: Account | None) -> dict[str, Any] | None:
        """The row (id, config) a poll's outcome is recorded on, inside the recording
        transaction: locked (PostgreSQL; SQLite's transaction holds the file) so an edit
        cannot come between this look and the write. None: nothing to record."""
        if read is None:
            row = self._account_row(name)
        else:
            row = self._row(f"SELECT id, config, created_at FROM accounts WHERE id = ?"
                            f"{self.LOCK_ROWS}", (read.id,))
            if not _still_as_read(row, read):
                return None
        return None if row is None else {"id": row["id"],
                                         "config": json.loads(row["config"] or "{}")}

    def _polled_account_id(self, name: str, read: Account | None) -> int | None:
        polled = self._polled_account(name, read)
        return None if polled is None else polled["id"]

    def record_poll_success(
        self, name: str, *, cursor: dict[str, Any] | None, at: int, next_poll_at: int,
        read: Account | None = None, config: dict[str, Any] | None = None,
    ) -> bool:
        """The poll's new cursor and a healthy account; False when not recorded, as the
        account is not what the poll read (`read`, see account_as_polled). An edit
        cleared the cursor and made the account due: the old source's place written back
        had the new feed answer "not modified", the new mailbox read from the old one's
        UID, and the new settings wait a whole interval. `config`: settings the poll
        learned (FetchResult.config), added to the account's in the same write, so the
        next poll reads them as the account's own, no edit; never over an edit, which
        they would not describe (a Mastodon id learned on the server the account left)."""
        with self.transaction():
            polled = self._polled_account(name, read)
            if polled is None:
                return False
            account_id = polled["id"]
            if config:
                self._exec("UPDATE accounts SET config = ? WHERE id = ?",
                           (json.dumps({**polled["config"], **config}, ensure_ascii=False),
                            account_id))
            if cursor is not None:
                self._exec("UPDATE accounts SET cursor = ? WHERE id = ?",
                           (json.dumps(cursor, ensure_ascii=False), account_id))
            self._exec(
                "UPDATE accounts SET last_poll_at = ?, last_success_at = ?, last_error = NULL,"
                " last_error_at = NULL, failures = 0, next_poll_at = ? WHERE id = ?",
                (at, at, next_poll_at, account_id),
            )
        return True

    def record_poll_failure(self, name: str, *, error: str, at: int, next_poll_at: int,
                            read: Account | None = None) -> bool:
        """The error as the account's health, and its backoff; False when not recorded (as
        record_poll_success): the old settings' failure is not the new ones' error."""
        with self.transaction():
            account_id = self._polled_account_id(name, read)
            if account_id is None:
                return False
            self._exec(
                "UPDATE accounts SET last_poll_at = ?, last_error = ?, last_error_at = ?,"
                " failures = failures + 1, next_poll_at = ? WHERE id = ?",
                (at, error, at, next_poll_at, account_id),
            )
        return True
