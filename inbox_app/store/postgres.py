"""The PostgreSQL engine: team mode, several computers sharing one queue.

The store's mixins are written once, in SQL both engines accept; this engine
supplies the same primitives as `sqlite.py` on psycopg 3:

- `?` placeholders become psycopg's `%s` (and a literal `%` becomes `%%`), outside
  quoted strings, identifiers and comments; rows come back as dicts; NUMERIC
  results (what PostgreSQL's SUM gives) come back as int or float, as in SQLite;
  a Python bool is sent as 0/1 (flags are integers on both engines).
- The connection autocommits; `transaction()` opens BEGIN … COMMIT and nested
  calls become savepoints, as on SQLite. Isolation is READ COMMITTED: an edit
  guarded by `expected_version` is an `UPDATE … WHERE version = ?`, which
  PostgreSQL re-checks against the newest row after waiting for a concurrent
  writer, so a stale edit is refused, never applied over a colleague's change.
- Claims lock rows (`LOCK_ROWS`, `SKIP_LOCKED_ROWS`); pollers take an
  advisory lock per account; every change is NOTIFYed (triggers, see
  `pg_migrations.m060_change_notifications`) and `listen()` turns notifications
  into `Change`s.
- A lost server becomes `StoreUnavailable` (one sentence); the next call
  reconnects by itself. Two computers writing the same rows at the same moment
  (a deadlock, a duplicate insert) is `Conflict`, and `save_messages` — which is
  idempotent — simply retries.

Speaking to the server is in `pg_connect.py` (addresses, reachability, the
listening connection) and `pg_dialect.py` (placeholders, values, search terms);
what `move-store` needs of the engine in `pg_copy.py`.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row

from inbox_app.core.timeutil import now
from inbox_app.store import Store
from inbox_app.store.base import (
    ChangeCallback,
    Listener,
)
from inbox_app.store.errors import (
    Conflict,
    NotAStore,
    SchemaTooNew,
    StoreError,
    StoreUnavailable,
)
from inbox_app.store.pg_connect import (
    PgListener,
    ask_server_to_notice_a_vanished_desktop,
    conninfo,
    display_url,
    failure_reason,
    newer_schema,
    refusal,
)
from inbox_app.store.pg_copy import PgCopyMixin
from inbox_app.store.pg_dialect import (
    FlagDumper,
    NumberLoader,
    storable,
    to_pyformat,
    tsquery_terms,
)
from inbox_app.store.pg_locks import PgConcurrency
from inbox_app.store.pg_migrations import (
    MIGRATION_LOCK,
    MIGRATIONS_TABLE,
    pg_migrations,
    schema_names,
)
from inbox_app.store.pg_search import TEXT_CONFIG

log = logging.getLogger(__name__)
# psycopg warns ("error ignored terminating <psycopg.Pipeline [BAD]…>") when a batch's
# connection is lost, beside the error it raises, which the store turns into its one
# sentence. With no logging set up (the command line) Python printed that warning to
# stderr above the sentence; a program that does set up logging still gets it.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

# An idle connection is checked before use after this long: the server may have
# restarted overnight, and a check costs one round trip.
IDLE_CHECK_SECONDS = 30.0
# How far a busy sequence jumps when ids are reserved (more than any number of single
# inserts can take between two function calls of one statement).
ID_JUMP = 1000


class PostgresEngine(PgCopyMixin):
    engine = "postgres"
    LOCK_ROWS = " FOR UPDATE"
    SKIP_LOCKED_ROWS = " FOR UPDATE SKIP LOCKED"
    CONTAINS = "strpos({text}, ?) > 0"
    # Only A-Z, as SQLite's lower(): both engines find the same.
    ASCII_LOWER = "translate({text}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

    def __init__(self, url: str, *, create: bool = True):
        self.url = str(url)
        self.location = display_url(self.url)
        self._conninfo = conninfo(self.url)
        self._depth = 0
        self._held_locks: set[str] = set()
        self._session = uuid.uuid4().hex
        self.conn: psycopg.Connection[dict[str, Any]] = self._connect()
        self._last_used = time.monotonic()
        try:
            self._migrate(create)
        except BaseException:
            self.conn.close()
            raise

    # Connections

    def _connect(self) -> psycopg.Connection[dict[str, Any]]:
        try:
            conn = psycopg.connect(self._conninfo, autocommit=True, row_factory=dict_row)
        except psycopg.OperationalError as error:
            refused = refusal(error)
            if refused is not None:
                # The server answered and said no (a login, a missing database): waiting won't help.
                raise StoreError(f"The database server refused {self.location}: {refused}.") from None
            raise StoreUnavailable(
                f"Cannot reach the shared database {self.location} ({failure_reason(error)});"
                " check that the server is running and this computer is on its network."
            ) from None
        ask_server_to_notice_a_vanished_desktop(conn, self.url)
        conn.adapters.register_loader("numeric", NumberLoader)
        conn.adapters.register_dumper(bool, FlagDumper)
        return conn

    def _live(self) -> psycopg.Connection[dict[str, Any]]:
        """The connection, reconnected when it was lost outside a transaction."""
        if self.conn.closed or self.conn.broken:
            if self._depth:
                raise StoreUnavailable(
                    f"The connection to {self.location} was lost in the middle of a change;"
                    " nothing of it was saved."
                )
            if self._held_locks:
                raise StoreUnavailable(
                    f"The connection to {self.location} was lost, and with it this computer's"
                    " claim on the accounts it was reading."
                )
            self.conn = self._connect()
        elif not self._depth and time.monotonic() - self._last_used > IDLE_CHECK_SECONDS:
            try:
                self.conn.execute("SELECT 1")
            except psycopg.Error:
                self.conn.close()
                return self._live()
        return self.conn

    def _translate(self, error: psycopg.Error) -> BaseException:
        if isinstance(error, (pg_errors.DeadlockDetected, pg_errors.SerializationFailure,
                              pg_errors.UniqueViolation, pg_errors.LockNotAvailable)):
            return Conflict(
                "Another computer changed the same thing at the same moment; nothing was saved,"
                " please try again."
            )
        sqlstate = error.sqlstate or ""
        if (self.conn.closed or self.conn.broken or sqlstate.startswith("08")
                or sqlstate in ("57P01", "57P02", "57P03")
                or (isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError))
                    and not sqlstate)):
            return StoreUnavailable(
                f"Lost the connection to the shared database {self.location}"
                f" ({failure_reason(error)}); the change under way was not saved (what was"
                " saved before it stays)."
            )
        if isinstance(error, pg_errors.QueryCanceled):
            return StoreError(f"The shared database {self.location} took too long to answer.")
        return error

    @contextmanager
    def _answering(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        """The live connection, with its errors as the store's (Conflict, StoreUnavailable…)."""
        conn = self._live()
        try:
            yield conn
        except psycopg.Error as error:
            translated = self._translate(error)
            if translated is error:
                translated = newer_schema(self._conninfo, self.location) or error
            if translated is error:
                raise
            raise translated from error
        self._last_used = time.monotonic()

    def _execute(self, sql: str, params: Sequence[Any]) -> psycopg.Cursor[dict[str, Any]]:
        with self._answering() as conn:
            return conn.execute(to_pyformat(sql), tuple(storable(p) for p in params))

    def close(self) -> None:
        self.conn.close()

    def ping(self) -> None:
        self._execute("SELECT 1 AS ok", ())

    # Primitives

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._execute(sql, params).fetchall()

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._execute(sql, params).rowcount

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._answering() as conn, conn.cursor() as cursor:
            cursor.executemany(to_pyformat(sql), [tuple(storable(p) for p in row) for row in rows])

    def _insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self._execute(sql, params).fetchone()
        return next(iter(row.values()))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN … COMMIT; nested calls are savepoints that roll back on their own."""
        if self._depth:
            name = f"sp{self._depth}"
            self._depth += 1
            self._execute(f"SAVEPOINT {name}", ())
            try:
                yield
            except BaseException:
                if not (self.conn.closed or self.conn.broken):
                    with contextlib.suppress(psycopg.Error):
                        self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                        self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self._execute(f"RELEASE SAVEPOINT {name}", ())
            finally:
                self._depth -= 1
            return
        self._execute("BEGIN", ())
        self._depth = 1
        try:
            yield
        except BaseException:
            if not (self.conn.closed or self.conn.broken):
                with contextlib.suppress(psycopg.Error):
                    self.conn.execute("ROLLBACK")
            raise
        else:
            known_lost = self.conn.closed or self.conn.broken  # then COMMIT is never sent
            try:
                self._execute("COMMIT", ())
            except StoreUnavailable as lost:
                if known_lost:
                    raise
                # The server may have committed before the line went quiet: "not saved"
                # would have a person make the change a second time.
                raise StoreUnavailable(
                    f"Lost the connection to the shared database {self.location} just as a"
                    " change was being saved; it may have been saved — look again once the"
                    " server answers before making it again."
                ) from lost
            except BaseException:
                with contextlib.suppress(psycopg.Error):
                    if not (self.conn.closed or self.conn.broken):
                        self.conn.execute("ROLLBACK")
                raise
        finally:
            self._depth = 0

    def index_messages(self, message_ids: Sequence[int]) -> None:
        """Nothing to do: a trigger indexes each message as it is inserted (see m003)."""

    def index_customers(self, customer_ids: Sequence[int]) -> None:
        """Nothing to do: a trigger indexes each customer as it is inserted (see m051)."""

    def _reserve_ids(self, table: str, count: int) -> int:
        """`count` consecutive ids from the table's identity sequence.

        The sequence never hands an id out twice, but another computer's single
        insert may take one in the middle of a block drawn one id at a time. So a
        block is drawn, and when it came back with a gap (rare: single inserts are
        people's actions) the sequence jumps instead: past our block, leaving room
        below it for whatever single inserts take meanwhile. Ids may skip, never
        repeat.
        """
        if not self._depth:
            raise RuntimeError("ids are reserved inside a transaction")
        if count <= 0:
            return 0
        # Held to the end of the transaction: reserving batches queue, one computer at a
        # time (as every SQLite write does), and an aborted batch cannot leave it held.
        self._exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                   (f"inbox_app.ids:{table}",))
        row = self._row(
            "SELECT MIN(n) AS first, MAX(n) AS last FROM (SELECT"
            " nextval(pg_get_serial_sequence(?, 'id')) AS n FROM generate_series(1, ?)) s",
            (table, count),
        )
        if row["last"] - row["first"] == count - 1:
            return row["first"]
        return self._scalar(
            "SELECT setval(pg_get_serial_sequence(?, 'id'),"
            " nextval(pg_get_serial_sequence(?, 'id')) + ?) - ? AS first",
            (table, table, ID_JUMP + count - 1, count - 1),
        )

    def optimize(self) -> None:
        self._exec("ANALYZE")

    def backup_to(self, target: str | Path) -> None:
        """A consistent copy of the shared store as a SQLite file (one snapshot), for a
        laptop or an archive; nightly backups of the server are pg_dump's job."""
        from inbox_app.store import move

        destination = Path(target)
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        pieces = (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"))
        for leftover in pieces:
            leftover.unlink(missing_ok=True)
        try:
            move.move_store(self, str(partial))
            # One file, as a backup of a SQLite store is: a copy carried to a laptop without
            # its -wal and -shm beside it must still be whole.
            with contextlib.closing(sqlite3.connect(partial)) as copy:
                copy.execute("PRAGMA journal_mode = DELETE")
        except BaseException:
            for leftover in pieces:  # half a copy only takes the space of a retry
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            raise
        partial.replace(destination)

    def word_match(self, table: str, query: str) -> tuple[str, list[Any]]:
        """The same search as SQLite's: every word must appear, the last one as a prefix."""
        words, lead, last = tsquery_terms(query)
        if last is None:
            return f"SELECT id FROM {table} WHERE 1 = 0", []
        prefix = f"'{last}':*"
        condition = (
            f"(to_tsquery('{TEXT_CONFIG}', ?) || to_tsquery('simple', ?))"
        )
        params: list[Any] = [prefix, prefix]
        if lead:  # the last word's parts before the prefix, right before it ("it's")
            condition = f"(websearch_to_tsquery('{TEXT_CONFIG}', ?) <-> {condition})"
            params.insert(0, lead)
        if words:
            condition = f"(websearch_to_tsquery('{TEXT_CONFIG}', ?) && {condition})"
            params.insert(0, words)
        return f"SELECT id FROM {table}_fts WHERE document @@ {condition}", params

    # Schema

    def _run_ddl(self, sql: str) -> None:
        """Runs DDL as written: no placeholders, so `%` and `?` are plain text."""
        with self._answering() as conn:
            conn.execute(sql)

    def _applied_migrations(self) -> list[str] | None:
        exists = self._scalar(
            "SELECT COUNT(*) AS n FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = ?",
            (MIGRATIONS_TABLE,),
        )
        if not exists:
            return None
        return [r["name"] for r in self._rows(f"SELECT name FROM {MIGRATIONS_TABLE}")]

    def _migrate(self, create: bool) -> None:
        known = schema_names()
        with self.transaction():
            # Under the lock: another computer may be creating this very store right now.
            self._exec("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            applied = self._applied_migrations()
            if applied is None:
                others = self._scalar(
                    "SELECT COUNT(*) AS n FROM information_schema.tables"
                    " WHERE table_schema = current_schema()"
                )
                if others:
                    raise NotAStore(
                        f"{self.location} already holds other tables; give inbox_app an empty"
                        " database of its own."
                    )
                if not create:
                    raise StoreError(f"There is no store at {self.location}.")
                self._run_ddl(
                    f'CREATE TABLE {MIGRATIONS_TABLE} (name TEXT COLLATE "C"'
                    " PRIMARY KEY NOT NULL, applied_at BIGINT NOT NULL)"
                )
                applied = []
            elif set(applied) - set(known):
                raise SchemaTooNew(
                    f"{self.location} was written by a newer version of inbox_app;"
                    " update the app on this computer to open it."
                )
        if set(known) <= set(applied):
            return
        for migration in pg_migrations:
            with self.transaction():
                # Another computer opening the store right now waits here, then skips.
                self._exec("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
                if self._row(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE name = ?",
                             (migration.name,)):
                    continue
                migration.apply(self._run_ddl)
                self._exec(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)",
                           (migration.name, now()))

    def applied_migrations(self) -> list[str]:
        return [r["name"] for r in self._rows(
            f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY applied_at, name")]

    # Team mode

    def listen(self, callback: ChangeCallback) -> Listener:
        return PgListener(self._conninfo, callback)


class PostgresStore(PgConcurrency, PostgresEngine, Store):
    """The shared store: the engine above, the store's mixins, and what two computers
    doing the same thing at once must not both do (store/pg_locks.py)."""
