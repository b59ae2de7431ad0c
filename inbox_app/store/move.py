"""`move-store`: copy a whole store to another engine (SQLite ⇄ PostgreSQL), verified.

The target must be empty (a new file, an empty database, or a store that was
just created and holds nothing): the copy keeps every id, so merging into a
store in use would mix two histories. Rows are copied table by table in
primary-key order, in batches, parents before children; the whole copy is one
transaction on the target, and it commits only when every table holds as many
rows as the source. The source is read in one snapshot (on SQLite that also
keeps writers out until the copy is done).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from inbox_app.store import Store, StoreError, is_postgres, open_store
from inbox_app.store.base import TableInfo, placeholders

BATCH = 2000
# Locks describe who is polling right now, on the computers using the old store.
TRANSIENT_TABLES = frozenset({"account_locks"})


@dataclass
class MoveReport:
    source: str
    target: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def copy_order(tables: dict[str, TableInfo]) -> list[str]:
    """Tables with the ones they reference first (alphabetical where it does not matter)."""
    ordered: list[str] = []
    placed: set[str] = set()

    def place(name: str, path: tuple[str, ...]) -> None:
        if name in placed or name not in tables:
            return
        if name in path:
            raise StoreError(f"Tables {' → '.join((*path, name))} refer to each other in a"
                             " circle; the store cannot be copied.")
        for parent in sorted(tables[name].references - {name}):
            place(parent, (*path, name))
        placed.add(name)
        ordered.append(name)

    for name in sorted(tables):
        place(name, ())
    return ordered


def move_store(
    source: Store, target_location: str,
    on_table: Callable[[str, int], None] | None = None,
) -> MoveReport:
    """Copies `source` into the empty store at `target_location`; returns rows per table."""
    if _place(target_location) == _place(source.location):
        raise StoreError("The store cannot be moved onto itself.")
    new_file = None if is_postgres(target_location) else Path(_place(target_location))
    if new_file is not None and new_file.exists():
        new_file = None  # an empty store made beforehand stays, as it was
    target = open_store(target_location)
    finished = False
    try:
        report = MoveReport(source.location, target.location)
        target_tables = target._table_info()
        holding = {
            table: count
            for table in sorted(target_tables)
            if table not in TRANSIENT_TABLES
            and (count := target._scalar(f"SELECT COUNT(*) AS n FROM {table}"))
        }
        if holding:
            what = ", ".join(f"{count} {table}" for table, count in list(holding.items())[:4])
            raise StoreError(
                f"{target.location} already holds data ({what}); move-store only copies"
                " into an empty store, so nothing was copied."
            )
        with source.snapshot():
            source_tables = source._table_info()
            for table in sorted(source_tables):
                if table in TRANSIENT_TABLES:
                    continue
                missing = [c for c in source_tables[table].columns
                           if c not in target_tables.get(table, TableInfo((), (), frozenset()))
                           .columns]
                if missing:
                    raise StoreError(
                        f"{target.location} has no place for {table}"
                        f" ({', '.join(missing)}): it was made by an older version of the"
                        " app; update the app and try again. Nothing was copied."
                    )
            tables = [t for t in copy_order(source_tables) if t not in TRANSIENT_TABLES]
            with target.transaction():
                target._before_copy()
                for table in tables:
                    expected = source._scalar(f"SELECT COUNT(*) AS n FROM {table}")
                    _copy_table(source, target, table, source_tables[table])
                    copied = target._scalar(f"SELECT COUNT(*) AS n FROM {table}")
                    if copied != expected:
                        raise StoreError(
                            f"Copying {table} gave {copied} rows instead of {expected};"
                            " nothing was copied."
                        )
                    report.counts[table] = copied
                    if on_table:
                        on_table(table, copied)
                target._after_copy(tables)
        finished = True
        return report
    finally:
        target.close()
        if new_file is not None and not finished:
            _remove_with_its_log(new_file)


def _remove_with_its_log(path: Path) -> None:
    """The store file this move made, with its write-ahead log and index: an empty store
    left where the copy was to be, and a log holding the half copy that filled the disk."""
    for leftover in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _place(location: str) -> str:
    if is_postgres(location):
        from inbox_app.store.pg_connect import display_url

        return display_url(location)
    return str(Path(location.removeprefix("sqlite:")).expanduser().resolve())


def _copy_table(source: Store, target: Store, table: str, info: TableInfo) -> None:
    columns = ", ".join(info.columns)
    select = f"SELECT {columns} FROM {table}"

    def write(rows: list[dict]) -> None:
        target._bulk_insert(table, info.columns, [[row[c] for c in info.columns] for row in rows])

    if not info.primary_key:  # nothing to page by: the store's own tables all have one
        write(source._rows(select))
        return
    key = info.primary_key
    key_list = ", ".join(key)
    last: tuple | None = None
    while True:
        if last is None:
            rows = source._rows(f"{select} ORDER BY {key_list} LIMIT ?", (BATCH,))
        else:
            rows = source._rows(
                f"{select} WHERE ({key_list}) > ({placeholders(len(key))})"
                f" ORDER BY {key_list} LIMIT ?",
                (*last, BATCH),
            )
        if not rows:
            return
        write(rows)
        last = tuple(rows[-1][c] for c in key)
        if len(rows) < BATCH:
            return
