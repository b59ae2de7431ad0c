"""Backups of a SQLite store: on demand, daily (keeping the last seven), and restore.

Backups use SQLite's online backup API, so they are consistent while the app
runs. Restore checks the file first (an inbox_app store, not from a newer app)
and keeps a copy of the store it replaces.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

from inbox_app.store import (
    NotAStore,
    SchemaTooNew,
    Store,
    StoreError,
    is_postgres,
    open_store,
)
from inbox_app.store.migrations import schema_names

KEEP = 7
DAY = 86400


def backup_folder(store: Store) -> Path:
    """Backups live beside the store, in `backups/` (the data folder for the default store)."""
    if store.engine != "sqlite" or store.location == ":memory:":
        raise StoreError("Only a store in a file is backed up here; back up PostgreSQL with "
                         "pg_dump.")
    return Path(store.location).parent / "backups"


def _stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment).strftime("%Y%m%d-%H%M%S")


def backups(store: Store) -> list[Path]:
    """Automatic backups, oldest first."""
    folder = backup_folder(store)
    stem = Path(store.location).stem
    return sorted(folder.glob(f"{stem}-*.db")) if folder.exists() else []


def backup_now(store: Store, out: str | Path | None = None, *, at: float | None = None) -> Path:
    moment = time.time() if at is None else at
    if out is None:
        out = backup_folder(store) / f"{Path(store.location).stem}-{_stamp(moment)}.db"
    target = Path(out)
    if target.resolve() == Path(store.location).resolve():
        raise StoreError("A backup cannot overwrite the store itself.")
    store.backup_to(target)
    return target


def backup_if_due(store: Store, *, keep: int = KEEP, at: float | None = None) -> Path | None:
    """Makes today's automatic backup when the newest is a day old; keeps the last `keep`."""
    if store.engine != "sqlite" or store.location == ":memory:":
        return None
    moment = time.time() if at is None else at
    existing = backups(store)
    if existing and moment - existing[-1].stat().st_mtime < DAY:
        return None
    made = backup_now(store, at=moment)
    for old in backups(store)[:-keep]:
        old.unlink(missing_ok=True)
    return made


def check_backup(path: str | Path) -> list[str]:
    """The migrations a backup file has, or NotAStore / SchemaTooNew."""
    source = Path(path)
    if not source.is_file():
        raise StoreError(f"There is no file at {source}.")
    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "_sqlite_migrations" not in tables or "messages" not in tables:
                raise NotAStore(f"{source} is not an inbox_app store.")
            applied = [r[0] for r in connection.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'inbox_app'")]
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise NotAStore(f"{source} is not an inbox_app store.") from None
    if not applied:
        raise NotAStore(f"{source} is not an inbox_app store.")
    if set(applied) - set(schema_names()):
        raise SchemaTooNew(f"{source} was made by a newer version of inbox_app; update the app "
                           "to restore it.")
    return applied


def restore(location: str | Path, backup: str | Path) -> Path | None:
    """Replaces the store at `location` with `backup`; returns where the old store was kept."""
    if is_postgres(location):
        raise StoreError("A shared PostgreSQL store is restored with pg_restore, or copied"
                         " from a backup file with `inbox-app --db FILE move-store --to …`"
                         " into an empty database.")
    check_backup(backup)
    target = Path(location)
    kept = None
    if target.exists():
        current = open_store(target)
        try:
            kept = backup_now(current, backup_folder(current) /
                              f"{target.stem}-before-restore-{_stamp(time.time())}.db")
        finally:
            current.close()
    source = sqlite3.connect(f"file:{Path(backup)}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        source.close()
        destination.close()
    open_store(target).close()  # applies migrations when the backup is from an older app
    return kept
