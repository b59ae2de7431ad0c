"""The SQLite engine: one file, WAL, sqlite-utils for schema and migrations.

Durability: WAL with synchronous=FULL. NORMAL would survive a killed process
just as well, but a power cut could forget the last replies recorded as sent;
FULL costs one fsync per transaction, and ingest commits whole batches.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from inbox_app.core.timeutil import now
from inbox_app.store.base import (
    SEARCHED_COLUMNS,
    AccountLock,
    Change,
    ChangeCallback,
    Listener,
    TableInfo,
    holder_is_gone,
    holder_name,
)
from inbox_app.store.errors import (
    AccountBusy,
    NotAStore,
    SchemaTooNew,
    StoreError,
    StoreUnavailable,
)
from inbox_app.store.fts5 import fts5_query
from inbox_app.store.migrations import migrations, schema_names
from inbox_app.store.search_words import split_unspaced
from inbox_app.store.sqlite_file import BUSY_TIMEOUT_MS, is_corruption, is_damaged_file, told

# A poller's claim on an account lapses after this long unless renewed, so a crashed
# process cannot keep an account unread for ever.
ACCOUNT_LOCK_SECONDS = 15 * 60
COMMON_SEARCH = 1000  # matching messages from which the queue walks its index (see queue.py)
SPREAD = 10  # ... when they are in at least a tenth as many conversations
CHANGE_POLL_SECONDS = 0.25
CHECKPOINT_SECONDS = 0.05  # a bulk write's checkpoints, beside it (checkpoints_aside)
AUTOCHECKPOINT_PAGES = 1000  # SQLite's default: a commit checkpoints past this many pages
# A new store's pages: twice SQLite's 4096. A message row with its text, and the
# conversations' many index entries, split fewer pages and each index is a level
# shallower: storing 100,000 messages alone costs ~9 % less CPU time (71 → 65 µs a
# message, stop 33), and the queue's searches read as fast (tests/benchmarks/bench_queue.py).
PAGE_SIZE = 8192


class SqliteEngine:
    engine = "sqlite"
    LOCK_ROWS = ""
    SKIP_LOCKED_ROWS = ""
    LOOKUP_ORDER = "+"

    def __init__(self, path: str | Path | None, *, create: bool = True):
        self.location = ":memory:" if path is None else str(path)
        if path is not None and not create and not Path(path).exists():
            raise StoreError(f"There is no store at {path}.")
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = None
        try:
            self.conn: sqlite3.Connection = sqlite3.connect(
                ":memory:" if path is None else str(path)
            )
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            applied = self._check_store()
            if path is not None and applied is None:
                # Only a new, empty file takes a page size (a store keeps the one it has).
                self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                self.db.enable_wal()
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA cache_size = -32000")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            if applied is None or set(applied) != set(schema_names()):
                migrations.build().apply(self.db)
                if self._scalar("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"):
                    # Statistics from before the upgrade know nothing of its new indexes,
                    # and the planner would guess them selective (a whole-queue sort).
                    self.optimize()
        except sqlite3.DatabaseError as error:
            with contextlib.suppress(sqlite3.Error, AttributeError):
                self.conn.close()
            if path is not None and (not is_corruption(error) or is_damaged_file(path, error)):
                fault = told(path, error)
                if fault is not None:
                    raise fault from None
            raise NotAStore(f"{self.location} is not an inbox_app store ({error}).") from None
        # Autocommit unless a transaction is opened explicitly: no implicit BEGINs.
        self.conn.isolation_level = None
        self._depth = 0
        self._reserved: dict[str, int] = {}

    @property
    def db(self):
        """sqlite-utils' view of the connection, for schema work (built on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def _check_store(self) -> list[str] | None:
        """The migrations a store has, None for a new (empty) file, or a refusal."""
        tables = {row[0] for row in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "_sqlite_migrations" not in tables:
            raise NotAStore(f"{self.location} is not an inbox_app store.")
        applied = [row[0] for row in self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            (migrations.name,))]
        if not applied:
            raise NotAStore(f"{self.location} is not an inbox_app store.")
        unknown = set(applied) - set(schema_names())
        if unknown:
            raise SchemaTooNew(
                f"{self.location} was written by a newer version of inbox_app;"
                " update the app to open it."
            )
        return applied

    def close(self) -> None:
        self.conn.close()

    def optimize(self) -> None:
        self.conn.execute("PRAGMA analysis_limit = 2000")
        self.conn.execute("ANALYZE")

    @contextmanager
    def checkpoints_aside(self) -> Iterator[None]:
        """Copying the write-ahead log into the file, and waiting for the disk to keep it,
        happen on a thread with its own connection during a bulk write: otherwise every
        few batches one commit does it while holding up the writer (an import of 100,000
        messages: 2-3 % faster). A kill at any moment leaves the log to the next opening,
        as any commit's would."""
        if self.location == ":memory:":
            yield
            return
        done = threading.Event()

        def checkpoint() -> None:
            with contextlib.closing(sqlite3.connect(self.location)) as conn:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA synchronous = FULL")
                while not done.wait(CHECKPOINT_SECONDS):
                    with contextlib.suppress(sqlite3.Error):  # the next one does more
                        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        checkpointer = threading.Thread(target=checkpoint, name="inbox-checkpoint", daemon=True)
        checkpointer.start()
        try:
            yield
        finally:
            done.set()
            checkpointer.join()
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")

    def backup_to(self, target: str | Path) -> None:
        """A consistent copy of the live store via SQLite's online backup API."""
        if self.location == ":memory:" and not self.conn:
            raise StoreError("There is nothing to back up.")
        destination = Path(target)
        partial = destination.with_name(destination.name + ".partial")
        copy = None
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(destination.parent, os.W_OK):  # SQLite says "unable to open"
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            partial.unlink(missing_ok=True)
            copy = sqlite3.connect(partial)
            self.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.close()
            partial.replace(destination)
        except (sqlite3.Error, OSError) as error:
            if copy is not None:
                copy.close()
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)  # half a copy only takes the space of a retry
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise StoreError(f"The backup to {destination} could not be written ({reason}).") \
                from None

    def _told(self, error: sqlite3.DatabaseError) -> Exception:
        """Faults of the file or the disk as one sentence a person can act on (broken pages
        with the way back, a full disk, a lock held too long); other errors as they are."""
        return told(self.location, error) or error

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.conn.execute(sql, tuple(params))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.DatabaseError as error:
            raise self._told(error) from None

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            return self.conn.execute(sql, tuple(params)).rowcount
        except sqlite3.DatabaseError as error:
            raise self._told(error) from None

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.DatabaseError as error:
            raise self._told(error) from None

    def _insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            return self.conn.execute(sql, tuple(params)).fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise self._told(error) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE: the write lock is taken up front, so two writers queue
        instead of deadlocking, and a claim cannot race."""
        if self._depth:
            self._depth += 1
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as error:
            raise self._told(error) from None
        self._depth = 1
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                if self.conn.in_transaction:  # a failed COMMIT leaves it open, lock and all
                    self.conn.execute("ROLLBACK")
                raise self._told(error) from None
        finally:
            self._depth = 0
            self._reserved.clear()

    def index_messages(self, message_ids: Sequence[int]) -> None:
        self._index("messages", ", ".join(SEARCHED_COLUMNS["messages"]), message_ids)

    def index_customers(self, customer_ids: Sequence[int]) -> None:
        self._index("customers", ", ".join(SEARCHED_COLUMNS["customers"]), customer_ids)

    def _index(self, table: str, columns: str, ids: Sequence[int]) -> None:
        """Adds rows to the search index as its view `{table}_folded` spells them (letters
        such as ø and ł plainly, migrations.m074): what the index's triggers delete and
        its 'rebuild' reads."""
        ids = list(ids)
        source = f"{table}_folded"
        if ids and ids == list(range(ids[0], ids[0] + len(ids))):
            # A batch's new rows have consecutive ids: one range read, not an IN list of
            # them looked up one by one.
            self.conn.execute(
                f"INSERT INTO {table}_fts (rowid, {columns}) SELECT id, {columns} FROM {source}"
                " WHERE id BETWEEN ? AND ?", (ids[0], ids[-1]))
            return
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            self.conn.execute(
                f"INSERT INTO {table}_fts (rowid, {columns}) SELECT id, {columns} FROM {source}"
                f" WHERE id IN ({', '.join('?' * len(part))})",
                part,
            )

    def _reserve_ids(self, table: str, count: int) -> int:
        # BEGIN IMMEDIATE holds the write lock, so nobody else takes ids meanwhile.
        if not self._depth:
            raise RuntimeError("ids are reserved inside a transaction")
        start = self._reserved.get(table)
        if start is None:
            start = (self.conn.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0) + 1
        self._reserved[table] = start + count
        return start

    def word_match(self, table: str, query: str) -> tuple[str, list[Any]]:
        return f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", [fts5_query(query)]

    def matching_conversations_sql(self, query: str) -> tuple[str, list[Any]]:
        if split_unspaced(query)[1]:
            return super().matching_conversations_sql(query)
        # The narrow (id, conversation_id) index, not the messages table with its texts:
        # for a common word that is tens of thousands of lookups in a few hundred pages.
        return (
            "SELECT m.conversation_id FROM messages_fts"
            " JOIN messages m INDEXED BY idx_messages_id_conversation"
            " ON m.id = messages_fts.rowid"
            " WHERE messages_fts MATCH ?",
            [fts5_query(query)],
        )

    def walking_match_sql(self, query: str) -> tuple[str, list[Any]]:
        if split_unspaced(query)[1]:
            return super().walking_match_sql(query)
        # The matches' message ids are read once into a set; each conversation walked looks
        # its few messages up in it. Mapping every match to its conversation first (tens of
        # thousands of lookups for a common word) cost half as much again as the search
        # itself. The `+` keeps the planner from driving the walk from the matches' ids.
        return (
            "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id"
            " AND +m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?))",
            [fts5_query(query)],
        )

    def search_is_common(self, query: str) -> bool:
        # Many matches in few conversations (a long newsletter thread) would make the walk
        # read the whole queue for a page it cannot fill: those keep the lookup plan.
        row = self._row(
            "SELECT COUNT(*) AS matches, COUNT(DISTINCT m.conversation_id) AS conversations"
            " FROM (SELECT rowid AS id FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?) f"
            " JOIN messages m INDEXED BY idx_messages_id_conversation ON m.id = f.id",
            (fts5_query(query), COMMON_SEARCH),
        )
        return (row["matches"] >= COMMON_SEARCH
                and row["conversations"] >= COMMON_SEARCH // SPREAD)

    def rows_are_common(self, sql: str, params: Sequence[Any] = ()) -> bool:
        # Reading COMMON_SEARCH rows costs a millisecond or two; past it, a page of the
        # queue's ordered index holds enough of them to stop early.
        found = self._scalar(f"SELECT COUNT(*) FROM ({sql} LIMIT ?)", (*params, COMMON_SEARCH))
        return found >= COMMON_SEARCH

    def snapshot(self) -> contextlib.AbstractContextManager[None]:
        # BEGIN IMMEDIATE: one consistent state, and nobody writes until it ends.
        return self.transaction()

    def _table_info(self) -> dict[str, TableInfo]:
        tables = self._rows("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                            " ORDER BY name")
        virtual = [t["name"] for t in tables if (t["sql"] or "").startswith("CREATE VIRTUAL")]
        info = {}
        for table in tables:
            name = table["name"]
            if (name.startswith("sqlite_") or name == "_sqlite_migrations" or name in virtual
                    or any(name.startswith(f"{v}_") for v in virtual)):
                continue
            columns = self._rows(f'PRAGMA table_info("{name}")')
            key = sorted((c for c in columns if c["pk"]), key=lambda c: c["pk"])
            references = self._rows(f'PRAGMA foreign_key_list("{name}")')
            info[name] = TableInfo(
                tuple(c["name"] for c in columns),
                tuple(c["name"] for c in key),
                frozenset(r["table"] for r in references),
            )
        return info

    def _after_copy(self, tables: Iterable[str]) -> None:
        """Rebuilds the search indexes of copied tables (new messages are indexed per
        batch, not by a trigger), and refreshes the planner's statistics."""
        copied = set(tables)
        for row in self._rows("SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND sql LIKE 'CREATE VIRTUAL TABLE%' AND name LIKE '%\\_fts'"
                              " ESCAPE '\\'"):
            if row["name"].removesuffix("_fts") in copied:
                self._exec(f"INSERT INTO {row['name']} ({row['name']}) VALUES ('rebuild')")
        self.optimize()

    # Team mode: the same interface, for one computer.

    def ping(self) -> None:
        try:
            self.conn.execute("SELECT 1").fetchone()
        except sqlite3.Error as error:
            raise StoreUnavailable(f"The store {self.location} cannot be read ({error}).") from None

    def listen(self, callback: ChangeCallback) -> Listener:
        """Any commit to the file, from this process or another (the command line while
        the window is open), is reported as Change("*") within a quarter of a second."""
        return SqliteListener(None if self.location == ":memory:" else self.location, callback)

    @contextmanager
    def account_lock(
        self, account: str, *, seconds: int = ACCOUNT_LOCK_SECONDS
    ) -> Iterator[AccountLock]:
        """A lock row with an expiry: two pollers (the window and a cron `poll --once`)
        never read one account at once, and a crashed one lets go after `seconds`."""
        key = self._account_lock_key(account)
        import uuid  # a slow import (it loads `platform`): not at start-up

        owner = uuid.uuid4().hex
        holder = holder_name()

        def take() -> bool:
            moment = now()
            with self.transaction():
                return bool(self._exec(
                    "INSERT INTO account_locks (account, owner, holder, acquired_at, expires_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET"
                    " owner = excluded.owner, holder = excluded.holder,"
                    " acquired_at = excluded.acquired_at, expires_at = excluded.expires_at"
                    " WHERE account_locks.expires_at <= ? OR account_locks.owner = ?",
                    (key, owner, holder, moment, moment + seconds, moment, owner),
                ))

        def renew() -> None:
            if not take():
                raise AccountBusy(f"Account {account} was taken over by another poller.")

        taken = take()
        if not taken:
            other = self._scalar("SELECT holder FROM account_locks WHERE account = ?", (key,))
            if holder_is_gone(other):
                with self.transaction():
                    self._exec("DELETE FROM account_locks WHERE account = ? AND holder = ?",
                               (key, other))
                taken = take()
        if not taken:
            raise AccountBusy(
                f"Account {account} is being read by {other or 'another poller'} right now."
            )
        try:
            yield AccountLock(account, holder, renew)
        finally:
            with contextlib.suppress(sqlite3.Error), self.transaction():
                self._exec("DELETE FROM account_locks WHERE account = ? AND owner = ?",
                           (key, owner))


def ping_path(path: str) -> None:
    """Opens the file read-only and asks it something: a store on a network share that
    went away (or a file moved) raises StoreUnavailable instead of creating a new file."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StoreUnavailable(f"The store {path} cannot be read ({error}).") from None


class SqliteListener(Listener):
    """Watches `PRAGMA data_version` on its own connection: it changes whenever another
    connection commits. An in-memory store has no other connections and never changes."""

    def __init__(self, path: str | None, callback: ChangeCallback):
        self._path = path
        super().__init__(callback)

    def _run(self) -> None:
        if self._path is None:
            self.ready.set()
            return
        conn = sqlite3.connect(self._path, check_same_thread=False)
        try:
            seen = conn.execute("PRAGMA data_version").fetchone()[0]
            self.ready.set()
            while not self._stopped.wait(CHANGE_POLL_SECONDS):
                try:
                    version = conn.execute("PRAGMA data_version").fetchone()[0]
                except sqlite3.Error:
                    continue
                if version != seen:
                    seen = version
                    self._deliver(Change("*"))
        finally:
            conn.close()
