"""The store's engine-neutral half: the primitives every query goes through.

Queries in the mixins are written once, in SQL that SQLite and PostgreSQL both
accept (`?` placeholders, `RETURNING`, `ON CONFLICT`, integer times and flags).
An engine supplies the primitives below plus full-text search and claims.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import socket
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from inbox_app.core.timeutil import now
from inbox_app.store.search_words import (
    ASCII_LETTER,
    ASCII_LOWERCASE,
    search_readings,
    split_unspaced,
)

log = logging.getLogger(__name__)

# The columns each full-text index holds.
SEARCHED_COLUMNS = {
    "messages": ("title", "text", "author_name"),
    "customers": ("name",),
    "notes": ("text",),
}
@dataclass(frozen=True)
class Change:
    """Something changed in the store, maybe on another computer.

    `table` is what to refresh ("conversations", "customers", "accounts", "staff",
    "settings", "templates"), or "*" when anything may have changed (SQLite, or a
    reconnect after missed notifications); `id` names the row when known.
    """

    table: str
    id: int | None = None


ChangeCallback = Callable[[Change], None]


class Listener:
    """A running subscription to changes, each told to `callback` from a thread of the
    listener's own (`_run`, an engine's way of hearing them); `stop()` ends it (waits for
    its thread). `ready` is set once it hears changes."""

    def __init__(self, callback: ChangeCallback) -> None:
        self._callback = callback
        self._stopped = threading.Event()
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="inbox-app-listen", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        raise NotImplementedError

    def wait_ready(self, timeout: float = 5.0) -> bool:
        return self.ready.wait(timeout)

    def _deliver(self, change: Change) -> None:
        try:
            self._callback(change)
        except Exception:  # a listener's bug must not end the subscription
            log.exception("a change listener failed")

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)


@dataclass(frozen=True)
class TableInfo:
    """A table as `move-store` needs it: columns, primary key, tables it references."""

    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    references: frozenset[str]


@dataclass
class AccountLock:
    """Held while one poller reads an account; `renew()` extends a time-limited lock."""

    account: str
    holder: str
    renew: Callable[[], None]


class Engine:
    """The primitives an engine provides; the mixins use nothing else."""

    engine = "abstract"
    location = ""
    # Appended to a SELECT of rows about to be claimed. PostgreSQL locks them (LOCK_ROWS
    # waits for a colleague's transaction on the row; SKIP_LOCKED_ROWS passes over rows
    # someone else is claiming right now); SQLite needs nothing: its write transactions
    # run one at a time.
    LOCK_ROWS = ""
    SKIP_LOCKED_ROWS = ""
    # Put before an ORDER BY term to keep the planner from reading an index for the order
    # (SQLite's unary +); PostgreSQL plans that itself.
    LOOKUP_ORDER = ""
    CONTAINS = "instr({text}, ?) > 0"  # whether a text holds a parameter, as SQL
    ASCII_LOWER = "lower({text})"  # a text with A-Z as a-z and every other letter kept
    _depth = 0  # transactions open on this connection (the inner ones are savepoints)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Runs a write; returns the number of rows it touched."""
        raise NotImplementedError

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Runs an INSERT … RETURNING id and returns the id."""
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction; nested calls join the outer one."""
        raise NotImplementedError
        yield

    def _reserve_ids(self, table: str, count: int) -> int:
        """The first of `count` ids of `table` that this transaction may insert with."""
        raise NotImplementedError

    def fts_match(self, table: str, query: str) -> tuple[str, list[Any]]:
        """SQL selecting the ids of `table` rows matching a person's search text, in any of
        its readings (search_readings: "A1041" finds "A-1041")."""
        matches = [self.reading_match(table, reading) for reading in search_readings(query)]
        return (" UNION ALL ".join(sql for sql, _ in matches),
                [param for _, params in matches for param in params])

    def reading_match(self, table: str, query: str) -> tuple[str, list[Any]]:
        """SQL selecting the ids of `table` rows matching one reading of a search.

        Scripts written without spaces between words (Chinese, Japanese, Thai…) and Korean,
        whose words carry their endings, reach the word index as whole runs of text, so
        a word of theirs is looked for inside the searched columns instead: slower (it
        reads every row), but found anywhere in a sentence.
        """
        spaced, unspaced = split_unspaced(query)
        if not unspaced:
            return self.word_match(table, query)
        searched = " || ' ' || ".join(f"coalesce({c}, '')" for c in SEARCHED_COLUMNS[table])
        where, params = [], []
        for word in unspaced:
            # Latin letters inside such a word ("iPhone充電器") match in either case; the
            # rest as typed, and the text is lowered only when the word needs it.
            if ASCII_LETTER.search(word):
                where.append(self.CONTAINS.format(text=self.ASCII_LOWER.format(text=searched)))
                params.append(word.translate(ASCII_LOWERCASE))
            else:
                where.append(self.CONTAINS.format(text=searched))
                params.append(word)
        if spaced:
            sql, extra = self.word_match(table, spaced)
            where.insert(0, f"id IN ({sql})")
            params[:0] = extra
        return f"SELECT id FROM {table} WHERE {' AND '.join(where)}", params

    def word_match(self, table: str, query: str) -> tuple[str, list[Any]]:
        """The engine's full-text index: ids of `table` rows holding every word of `query`,
        the last one as a prefix."""
        raise NotImplementedError

    def matching_conversations_sql(self, query: str) -> tuple[str, list[Any]]:
        """SQL selecting the conversation ids of messages matching one reading of a search
        (search_readings; the queue asks for each)."""
        sql, params = self.reading_match("messages", query)
        return f"SELECT conversation_id FROM messages WHERE id IN ({sql})", params

    def walking_match_sql(self, query: str) -> tuple[str, list[Any]]:
        """A condition on the conversation `c` the queue is walking in its own order: it
        holds a message matching one reading of the search (a common word; see
        queue._search_clause)."""
        sql, params = self.matching_conversations_sql(query)
        return f"+c.id IN ({sql})", params

    def search_is_common(self, query: str) -> bool:
        """Whether a search's matches are spread over so many conversations that the queue
        should walk its ordered index (walking_match_sql) rather than look them up (one
        reading of it, as matching_conversations_sql)."""
        return self.rows_are_common(*self.reading_match("messages", query))

    def rows_are_common(self, sql: str, params: Sequence[Any] = ()) -> bool:
        """Whether `sql` selects so many rows (matches of a search, unhappy customers) that
        the queue should read its ordered index and keep them, rather than look every one
        up and sort them. PostgreSQL plans that itself."""
        return False

    def index_messages(self, message_ids: Sequence[int]) -> None:
        """Brings full-text search up to date with newly inserted messages (same transaction)."""
        raise NotImplementedError

    def index_customers(self, customer_ids: Sequence[int]) -> None:
        """Brings customer search up to date with newly inserted customers (same transaction)."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Refreshes the query planner's statistics after large changes (bulk imports)."""

    @contextmanager
    def checkpoints_aside(self) -> Iterator[None]:
        """While a bulk write runs, the engine's upkeep of what it has written runs beside
        it instead of inside the writer's commits, where an engine has such upkeep."""
        yield

    def close(self) -> None:
        raise NotImplementedError

    def snapshot(self) -> AbstractContextManager[None]:
        """A transaction in which reads see one consistent state of the whole store."""
        raise NotImplementedError

    def _table_info(self) -> dict[str, TableInfo]:
        """The store's own tables (not the engine's bookkeeping or search indexes)."""
        raise NotImplementedError

    def _bulk_insert(self, table: str, columns: Sequence[str],
                     rows: Iterable[Sequence[Any]]) -> None:
        """Inserts many whole rows as they are (ids included): `move-store`'s write."""
        self._exec_many(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(len(columns))})",
            rows,
        )

    def _before_copy(self) -> None:
        """Called in the target's transaction before `move-store` copies rows in."""

    def _after_copy(self, tables: Iterable[str]) -> None:
        """Called after rows were copied in with their ids (PostgreSQL moves its counters)."""

    def ping(self) -> None:
        """Checks the database answers; raises StoreUnavailable when it does not."""
        raise NotImplementedError

    def listen(self, callback: ChangeCallback) -> Listener:
        """Calls `callback(Change)` from a background thread for every change, whoever
        made it, until the returned listener is stopped. Uses its own connection."""
        raise NotImplementedError

    def account_lock(self, account: str) -> AbstractContextManager[AccountLock]:
        """Held while polling `account`: raises AccountBusy when another poller holds it."""
        raise NotImplementedError

    def _account_lock_key(self, account: str) -> str:
        """Lower case, as every version has locked an account (so one named in another case
        is the same lock); a twin from before names were compared in any case ("Shop"
        beside "shop") by its exact name, or each round would read one and skip the other."""
        name = account.strip()
        key = name.lower()
        twins = [row for row in self._rows("SELECT name FROM accounts")
                 if row["name"].lower() == key]
        return name if len(twins) > 1 else key

    def changes(self, timeout: float | None = None) -> Iterator[Change]:
        """Changes as they happen; ends after `timeout` seconds without one (None: never)."""
        arrived: queue.Queue[Change] = queue.Queue()
        listener = self.listen(arrived.put)
        try:
            while True:
                try:
                    yield arrived.get(timeout=timeout)
                except queue.Empty:
                    return
        finally:
            listener.stop()

    # Derived helpers, shared by every engine.

    def _row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _undo_recorded(self, kind: str, kept: int, merge_event: int) -> bool:
        """Whether the merge `merge_event` into `kept` (a "customer" or a "conversation")
        was undone already: by another window or computer, or an undo pressed twice."""
        return any(json.loads(row["data"]).get("merge_event") == merge_event
                   for row in self._rows(
                       f"SELECT data FROM events WHERE action = '{kind}.unmerged'"
                       f" AND {kind}_id = ? AND id > ?", (kept, merge_event)))

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._row(sql, params)
        if row is None:
            return None
        return next(iter(row.values()))

    def _ids(self, sql: str, *params: Any) -> list[int]:
        """The first column of every row: the ids a query names."""
        return [next(iter(row.values())) for row in self._rows(sql, params)]

    def _rows_in(self, sql: str, values: Sequence[Any], *, before: Sequence[Any] = (),
                 after: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of `sql` for all of `values`, which fill its `IN (…)` list a chunk at a
        time: an engine takes only so many parameters in one statement. `before` and
        `after`: the statement's other parameters, on either side of the list."""
        for part in chunked(values):
            yield from self._rows(sql.replace(IN_LIST, f"({placeholders(len(part))})"),
                                  (*before, *part, *after))

    def _exec_in(self, sql: str, values: Sequence[Any], *, before: Sequence[Any] = (),
                 after: Sequence[Any] = ()) -> int:
        """`_rows_in` for a write; returns the number of rows it touched."""
        return sum(self._exec(sql.replace(IN_LIST, f"({placeholders(len(part))})"),
                              (*before, *part, *after)) for part in chunked(values))

    def _event(
        self,
        action: str,
        *,
        staff: str | None = None,
        conversation_id: int | None = None,
        customer_id: int | None = None,
        message_id: int | None = None,
        data: dict[str, Any] | None = None,
        at: int | None = None,
    ) -> int:
        return self._insert(
            "INSERT INTO events (at, staff, action, conversation_id, customer_id, message_id, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                now() if at is None else at,
                staff,
                action,
                conversation_id,
                customer_id,
                message_id,
                json.dumps(data or {}, ensure_ascii=False),
            ),
        )


def holder_name() -> str:
    """Which computer and process holds a lock, for "being read by …" messages."""
    return f"{socket.gethostname()} (process {os.getpid()})"


def holder_is_gone(holder: str | None) -> bool:
    """True when the holder was a process on this computer that no longer runs: a poller
    killed with -9 never lets go of its lock, and waiting out the expiry would stop polling."""
    match = re.fullmatch(r"(.*) \(process (\d+)\)", holder or "")
    if not match or match.group(1) != socket.gethostname():
        return False
    pid = int(match.group(2))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # alive, someone else's
    return False


IN_LIST = "(…)"  # in SQL for `_rows_in` and `_exec_in`: where the values' placeholders go


def chunked(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def placeholders(count: int) -> str:
    return ", ".join("?" * count)
