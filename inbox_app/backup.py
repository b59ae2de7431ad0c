"""Backups of a SQLite store: on demand, daily (keeping the last seven), and restore.

Backups use SQLite's online backup API, so they are consistent while the app
runs. Each daily backup is checked page by page (SQLite's quick_check, under a second
for 200 MB) before older ones are pruned: the backup API copies pages as they are, and
a store damaged unnoticed would otherwise push the last sound backups out within a week.
Restore checks the file first (a sound inbox_app store, not from a newer app) and
keeps the store it replaces — a damaged one too, set aside as it was.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

from inbox_app.files import is_device_or_pipe
from inbox_app.store import (
    NotAStore,
    SchemaTooNew,
    Store,
    StoreDamaged,
    StoreError,
    is_postgres,
    open_store,
)
from inbox_app.store.migrations import schema_names
from inbox_app.store.sqlite_file import (
    AUTOMATIC_BACKUP,
    automatic_backups,
    backups_folder,
    damaged,
    find_damage,
    is_damaged_file,
    read_only,
    told,
    unused_name,
)

KEEP = 7
DAY = 86400
STORE_COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside the store


def backup_folder(store: Store) -> Path:
    """Backups live beside the store, in `backups/` (the data folder for the default store)."""
    if store.engine != "sqlite" or store.location == ":memory:":
        raise StoreError("Only a store in a file is backed up here; back up PostgreSQL with "
                         "pg_dump.")
    return backups_folder(store.location)


def _stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment).strftime("%Y%m%d-%H%M%S")


def backups(store: Store) -> list[Path]:
    """Automatic backups, oldest first."""
    backup_folder(store)  # refuses a store that is not a file
    return automatic_backups(store.location)


def backup_now(store: Store, out: str | Path | None = None, *, at: float | None = None) -> Path:
    """A copy of the store, checked page by page: the backup API copies a damaged page as
    it is, and a damaged copy must not pass for one to restore (StoreDamaged; a copy in
    the backups folder is renamed `…-damaged-…`, out of the restorable ones)."""
    moment = time.time() if at is None else at
    in_folder = out is None
    stem = Path(store.location).stem
    if out is None:
        out = unused_name(backup_folder(store) / f"{stem}-{_stamp(moment)}.db")
    elif Path(out).is_dir():  # `--out /media/usb/`: a copy named as the daily ones, in there
        out = unused_name(Path(out) / f"{stem}-{_stamp(moment)}.db")
    elif is_device_or_pipe(out):
        raise StoreError(f"Cannot write a backup to {out}: a backup is a store file, and"
                         f" {out} is a device or a pipe.")
    target = Path(out)
    itself = Path(store.location).resolve()
    if target.resolve() in {itself, *(itself.with_name(itself.name + companion)
                                      for companion in STORE_COMPANIONS)}:
        raise StoreError("A backup cannot overwrite the store itself (or its write-ahead log,"
                         " which holds its latest changes).")
    store.backup_to(target)
    problem = check_pages(target)
    if problem is not None:
        if in_folder:
            target = target.replace(target.with_name(
                f"{Path(store.location).stem}-damaged-{_stamp(moment)}.db"))
        raise damaged(store.location, f"its copy, kept as {target.name}, failed its check:"
                      f" {problem}; the older backups are kept")
    return target


def backup_if_due(store: Store, *, keep: int = KEEP, at: float | None = None) -> Path | None:
    """Makes today's automatic backup when the newest is a day old; keeps those of the
    last `keep` days that have one (a damaged copy prunes nothing: backup_now refuses it)."""
    if store.engine != "sqlite" or store.location == ":memory:":
        return None
    moment = time.time() if at is None else at
    existing = backups(store)
    if existing and moment - existing[-1].stat().st_mtime < DAY:
        return None
    made = backup_now(store, at=moment)
    for old in outside_the_last_days(backups(store), keep):
        old.unlink(missing_ok=True)
    return made


def outside_the_last_days(made: list[Path], days: int) -> list[Path]:
    """The backups (oldest first) not made on one of the last `days` days that have one:
    seven copies made by hand on one day ("Back up now", `inbox-app backup`) must not push
    out the week of daily ones before them, as keeping the last seven files did."""
    day_of = {path: AUTOMATIC_BACKUP.search(path.name)[1][:8] for path in made}
    kept_days = sorted(set(day_of.values()))[-days:]
    return [path for path in made if day_of[path] not in kept_days]


def check_pages(path: str | Path, *, full: bool = False) -> str | None:
    """None when the SQLite file's pages are sound, else what SQLite found wrong."""
    connection = read_only(path)
    try:
        return find_damage(connection, full=full)
    finally:
        connection.close()


def check_backup(path: str | Path) -> list[str]:
    """The migrations a backup file has, or NotAStore / SchemaTooNew."""
    source = Path(path)
    if not source.is_file():
        raise StoreError(f"There is no file at {source}.")
    try:
        connection = read_only(source)
        try:
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "_sqlite_migrations" not in tables or "messages" not in tables:
                raise NotAStore(f"{source} is not an inbox_app store.")
            applied = [r[0] for r in connection.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'inbox_app'")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if is_damaged_file(source, error):
            raise StoreDamaged(f"{source} is damaged ({error}); choose an older backup.") from None
        raise NotAStore(f"{source} is not an inbox_app store.") from None
    if not applied:
        raise NotAStore(f"{source} is not an inbox_app store.")
    if set(applied) - set(schema_names()):
        raise SchemaTooNew(f"{source} was made by a newer version of inbox_app; update the app "
                           "to restore it.")
    problem = check_pages(source)
    if problem is not None:
        raise StoreDamaged(f"{source} is damaged ({problem}); choose an older backup.")
    return applied


def set_aside(target: Path, why: str) -> Path:
    """Moves a store that cannot be opened (damaged, from a newer app, not a store at all)
    into the backups folder as it is, with its write-ahead log: a restore loses nothing."""
    folder = backups_folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"{target.stem}-{why}-{_stamp(time.time())}.db"
    for suffix in ("-wal", "-shm"):
        companion = target.with_name(target.name + suffix)
        if companion.exists():
            companion.replace(kept.with_name(kept.name + suffix))
    target.replace(kept)
    return kept


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
        try:
            current = open_store(target)
        except StoreDamaged:
            kept = set_aside(target, "damaged")
        except (NotAStore, SchemaTooNew):
            kept = set_aside(target, "set-aside")
        else:
            try:
                # Kept as it is, not checked as a backup is: a store that opens may still be
                # the damaged one being replaced.
                kept = unused_name(backup_folder(current) / f"{target.stem}-before-restore-"
                                                            f"{_stamp(time.time())}.db")
                current.backup_to(kept)
            finally:
                current.close()
    _copy_into(Path(backup), target)
    open_store(target).close()  # applies migrations when the backup is from an older app
    return kept


def _copy_into(backup: Path, target: Path) -> None:
    """Copies the backup's pages into the store file (into it, not over it: a window open
    on the store sees the restored one). A backup is one file without a write-ahead log;
    the store runs with one again, or the window and a cron job block each other."""
    source = destination = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # a new computer's data folder
        source = read_only(backup)
        destination = sqlite3.connect(target)
        source.backup(destination)
        destination.execute("PRAGMA journal_mode = WAL")
    except (sqlite3.Error, OSError) as error:
        fault = told(target, error) if isinstance(error, sqlite3.Error) else None
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise fault or StoreError(f"{backup} could not be restored into {target}"
                                  f" ({reason}).") from None
    finally:
        for connection in (source, destination):
            if connection is not None:
                connection.close()
