"""What `move-store` asks of a PostgreSQL store (store/move.py): a consistent snapshot
to read from, the tables and how they depend on each other, and fast bulk writes
(COPY) into an empty store, its counters and statistics brought up to date after.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from inbox_app.store.base import TableInfo
from inbox_app.store.pg_dialect import storable
from inbox_app.store.pg_migrations import CHANGE_CHANNEL, MIGRATIONS_TABLE
from inbox_app.store.pg_search import FTS_COLUMNS

# The search indexes beside the searched tables (like SQLite's FTS5 tables): derived data.
SEARCH_TABLES = frozenset(f"{table}_fts" for table in FTS_COLUMNS)


class PgCopyMixin:
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self.transaction():
            self._exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield

    def _table_info(self) -> dict[str, TableInfo]:
        schema = "table_schema = current_schema()"
        tables = [r["table_name"] for r in self._rows(
            f"SELECT table_name FROM information_schema.tables WHERE {schema}"
            " AND table_type = 'BASE TABLE' AND table_name != ? ORDER BY table_name",
            (MIGRATIONS_TABLE,)) if r["table_name"] not in SEARCH_TABLES]
        columns: dict[str, list[str]] = {t: [] for t in tables}
        for row in self._rows(
            f"SELECT table_name, column_name FROM information_schema.columns WHERE {schema}"
            " ORDER BY table_name, ordinal_position"
        ):
            columns.get(row["table_name"], []).append(row["column_name"])
        keys: dict[str, list[str]] = {t: [] for t in tables}
        for row in self._rows(
            "SELECT k.table_name, k.column_name FROM information_schema.table_constraints c"
            " JOIN information_schema.key_column_usage k"
            "   ON k.constraint_schema = c.constraint_schema"
            "   AND k.constraint_name = c.constraint_name"
            " WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()"
            " ORDER BY k.table_name, k.ordinal_position"
        ):
            keys.get(row["table_name"], []).append(row["column_name"])
        references: dict[str, set[str]] = {t: set() for t in tables}
        for row in self._rows(
            "SELECT c.table_name, u.table_name AS referenced"
            " FROM information_schema.table_constraints c"
            " JOIN information_schema.constraint_column_usage u"
            "   ON u.constraint_schema = c.constraint_schema"
            "   AND u.constraint_name = c.constraint_name"
            " WHERE c.constraint_type = 'FOREIGN KEY' AND c.table_schema = current_schema()"
        ):
            references.get(row["table_name"], set()).add(row["referenced"])
        return {
            t: TableInfo(tuple(columns[t]), tuple(keys[t]), frozenset(references[t]))
            for t in tables
        }

    def _bulk_insert(self, table: str, columns: Sequence[str],
                     rows: Iterable[Sequence[Any]]) -> None:
        """COPY … FROM STDIN: several times faster than INSERTs for a whole store."""
        with self._answering() as conn, conn.cursor() as cursor, cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row([storable(value) for value in row])

    def _before_copy(self) -> None:
        # No notification per copied row: one for everything at the end.
        self._exec("SET LOCAL inbox_app.quiet = 'on'")

    def _after_copy(self, tables: Iterable[str]) -> None:
        """Identity counters continue after the highest id copied in; the planner learns
        the new tables' sizes now rather than at autovacuum's next round; listeners hear
        that everything changed."""
        info = self._table_info()
        for table in tables:
            if "id" not in info[table].columns:
                continue
            if self._scalar("SELECT pg_get_serial_sequence(?, 'id') AS s", (table,)):
                self._exec(
                    f"SELECT setval(pg_get_serial_sequence(?, 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)",
                    (table,),
                )
        for table in tables:
            self._exec(f"ANALYZE {table}")
        self._exec("SET LOCAL inbox_app.quiet = 'off'")
        self._exec("SELECT pg_notify(?, ?)", (CHANGE_CHANNEL, json.dumps({"table": "*"})))
