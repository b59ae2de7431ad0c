"""The SQLite engine: one file, WAL, sqlite-utils for schema and migrations.

Durability: WAL with synchronous=FULL. NORMAL would survive a killed process
just as well, but a power cut could forget the last replies recorded as sent;
FULL costs one fsync per transaction, and ingest commits whole batches.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from inbox_app.store.errors import NotAStore, SchemaTooNew, StoreError
from inbox_app.store.migrations import migrations, schema_names

BUSY_TIMEOUT_MS = 15000


def fts5_query(text: str) -> str:
    """A person's search text as a safe FTS5 query: every word must appear.

    Each word is quoted (so `AND`, `*`, `:` or quotes typed by a person are plain
    text), and the last word matches as a prefix so results follow typing.
    """
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    terms = []
    for word in words:
        cleaned = word.replace('"', "")
        if not re.search(r"\w", cleaned):
            continue
        terms.append('"' + cleaned + '"')
    if not terms:
        return '""'
    terms[-1] += "*"
    return " ".join(terms)


class SqliteEngine:
    engine = "sqlite"

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
                self.db.enable_wal()
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA cache_size = -32000")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            if applied is None or set(applied) != set(schema_names()):
                migrations.build().apply(self.db)
        except sqlite3.DatabaseError as error:
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

    def backup_to(self, target: str | Path) -> None:
        """A consistent copy of the live store via SQLite's online backup API."""
        if self.location == ":memory:" and not self.conn:
            raise StoreError("There is nothing to back up.")
        destination = Path(target)
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(partial)
        try:
            self.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        partial.replace(destination)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.conn.execute(sql, tuple(params)).rowcount

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.conn.execute(sql, tuple(params)).fetchone()[0]

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
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0
            self._reserved.clear()

    def index_messages(self, message_ids: Sequence[int]) -> None:
        self._index("messages", "title, text, author_name", message_ids)

    def index_customers(self, customer_ids: Sequence[int]) -> None:
        self._index("customers", "name", customer_ids)

    def _index(self, table: str, columns: str, ids: Sequence[int]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            self.conn.execute(
                f"INSERT INTO {table}_fts (rowid, {columns}) SELECT id, {columns} FROM {table}"
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

    def fts_match(self, table: str, query: str) -> tuple[str, list[Any]]:
        return f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", [fts5_query(query)]
