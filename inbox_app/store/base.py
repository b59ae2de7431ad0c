"""The store's engine-neutral half: the primitives every query goes through.

Queries in the mixins are written once, in SQL that SQLite and PostgreSQL both
accept (`?` placeholders, `RETURNING`, `ON CONFLICT`, integer times and flags).
An engine supplies the primitives below plus full-text search and claims.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from inbox_app.core.timeutil import now


class Engine:
    """The primitives an engine provides; the mixins use nothing else."""

    engine = "abstract"
    location = ""

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
        """SQL selecting the ids of `table` rows matching a person's search text."""
        raise NotImplementedError

    def index_messages(self, message_ids: Sequence[int]) -> None:
        """Brings full-text search up to date with newly inserted messages (same transaction)."""
        raise NotImplementedError

    def index_customers(self, customer_ids: Sequence[int]) -> None:
        """Brings customer search up to date with newly inserted customers (same transaction)."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Refreshes the query planner's statistics after large changes (bulk imports)."""

    def close(self) -> None:
        raise NotImplementedError

    # Derived helpers, shared by every engine.

    def _row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._row(sql, params)
        if row is None:
            return None
        return next(iter(row.values()))

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


def chunked(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def placeholders(count: int) -> str:
    return ", ".join("?" * count)
