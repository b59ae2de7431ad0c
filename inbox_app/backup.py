"""Backups of a SQLite store: on demand, daily (keeping the last seven), and restore.

Backups use SQLite's online backup API, so they are consistent while the app
runs. Each daily backup is checked page by page (SQLite's quick_check, under a second
for 200 MB) before older ones are pruned: the backup API copies pages as they are, and
a store damaged unnoticed would otherwise push the last sound backups out within a week.
Restore checks the file first (a sound inbox_app store, not from a newer app) and
keeps the store it replaces — a damaged one too, set aside as it was.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from inbox_app.files import is_device_or_pipe
from inbox_app.store import (
    NotAStore,
    SchemaTooNew,
    Store,
    StoreBusy,
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
    polls_under_way,
    read_only,
    told,
    unused_name,
)

KEEP = 7
STORE_COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside the store


def backup_folder(store: Store) -> Path:
    """Backups live beside the store, in `backups/` (the data folder for the default store)."""
    if store.engine == "sqlite" and store.location == ":memory:":
        raise StoreError("A store held in memory has no backups folder; give --out FILE.")
    if store.engine != "sqlite":
        raise StoreError("A shared PostgreSQL store has no backups folder: give --out FILE"
                         " for a copy of it as a SQLite file, and back the server up with"
                         " pg_dump.")
    return backups_folder(store.location)


def _stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment).strftime("%Y%m%d-%H%M%S")


def backups(store: Store) -> list[Path]:
    """Automatic backups, oldest first."""
    backup_folder(store)  # refuses a store that is not a file
    return automatic_backups(store.location)


def backup_now(store: Store, out: str | Path | None = None, *, at: float | None = None,
               keep: int = KEEP) -> Path:
    """A copy of the store, checked page by page: the backup API copies a damaged page as
    it is, and a damaged copy must not pass for one to restore (StoreDamaged; a copy in
    the backups folder is renamed `…-damaged-…`, out of the restorable ones). A sound copy
    in the backups folder prunes it to the last `keep` days, whoever made it (a nightly
    `inbox-app backup` from cron made every day's first copy, and nothing pruned)."""
    moment = time.time() if at is None else at
    in_folder = out is None
    stem = Path(store.location).stem
    if out is None:
        if problem := why_no_backups_folder(store):
            raise StoreError(problem)
        out = unused_name(backup_folder(store) / f"{stem}-{_stamp(moment)}.db")
    elif Path(out).is_dir() or str(out).endswith(("/", os.sep)):
        # `--out /media/usb/`: a copy named as the daily ones, in there (made if need be)
        out = unused_name(Path(out) / f"{stem}-{_stamp(moment)}.db")
        if blocking := file_in_the_way(Path(out).parent):
            raise StoreError(f"Cannot write {out}: {blocking} is a file, not a folder;"
                             " nothing was written.")
    elif is_device_or_pipe(out):
        raise StoreError(f"Cannot write a backup to {out}: a backup is a store file, and"
                         f" {out} is a device or a pipe.")
    elif blocking := file_in_the_way(Path(out).parent):
        raise StoreError(f"Cannot write {out}: {blocking} is a file, not a folder; nothing"
                         " was written.")
    elif not Path(out).parent.is_dir():
        # A typo in a cron job's path (`--out bakcups/nightly/x.db`) made every folder it
        # named and reported success; a folder is made only when named as one.
        raise StoreError(f"Cannot write {out}: the folder {Path(out).parent} does not exist;"
                         " nothing was written (end --out with / to have a new folder made).")
    target = Path(out)
    itself = Path(store.location).resolve()
    if target.resolve() in {itself, *(itself.with_name(itself.name + companion)
                                      for companion in STORE_COMPANIONS)}:
        raise StoreError("A backup cannot overwrite the store itself (or its write-ahead log,"
                         " which holds its latest changes).")
    if problem := why_not_replaced(target):
        raise StoreError(f"{target} is there already and {problem}; nothing was written"
                         " (choose another name, or move that file away first).")
    store.backup_to(target)
    problem = check_pages(target)
    if problem is not None:
        if in_folder:
            target = target.replace(target.with_name(
                f"{Path(store.location).stem}-damaged-{_stamp(moment)}.db"))
        raise damaged(store.location, f"its copy, kept as {target.name}, failed its check:"
                      f" {problem}; the older backups are kept")
    if in_folder:
        prune(store, keep, today=_stamp(moment)[:8])
    return target


def why_no_backups_folder(store: Store) -> str | None:
    """Why the backups folder beside the store cannot take a copy, or None. A store whose
    folder is gone (a USB stick taken out, a network drive dropped) had the whole path made
    again on this computer's own disk — hidden under the stick once it is back — and
    "backed up" said of that copy; a file named `backups` only gave "File exists"."""
    folder = backup_folder(store)  # refuses a store that is not a file, saying what to do
    home = folder.parent
    if not home.is_dir():
        return (f"The folder holding the store, {home}, is not there (a USB stick or a"
                " network drive taken away?), so no backup was made; put it back and try"
                " again.")
    if blocking := file_in_the_way(folder):
        where = "" if blocking == folder else f" (backups go in {folder})"
        return (f"{blocking} is a file, not a folder{where}, so no backup was made (move"
                " or rename that file).")
    return None


def file_in_the_way(folder: Path) -> Path | None:
    """The file standing where `folder` or one of the folders above it would be, if any
    (SQLite and mkdir only say "File exists" or "Not a directory")."""
    for place in (folder, *folder.parents):
        if place.is_dir():
            return None
        if place.exists() or place.is_symlink():
            return place
    return None


def why_not_replaced(target: Path) -> str | None:
    """Why a backup must not replace the file at `target`, or None: last night's copy is
    replaced (a cron job backs up to one name), but a document or another program's
    database given to --out by a slip was lost for good, and a store in use (its log
    beside it) would go on writing into a file no longer there."""
    try:
        if not target.exists() or target.stat().st_size == 0:
            return None
    except OSError:
        return None  # the copy itself says what is wrong with the place
    if target.with_name(target.name + "-wal").exists():
        return "is a store in use (its write-ahead log is beside it)"
    try:
        connection = read_only(target, at_rest=True)
        try:
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.Error as error:
        if is_damaged_file(target, error):
            return None  # a copy cut short: tonight's takes its place
        tables = set()
    if {"_sqlite_migrations", "messages"} <= tables:
        return None
    return "is not a backup of an inbox_app store"


def backup_if_due(store: Store, *, keep: int = KEEP, at: float | None = None) -> Path | None:
    """Makes today's automatic backup unless one was made today (a calendar day of this
    computer's clock: opening the window at 8:55 after 9:00 yesterday, or the day the
    clocks go forward, is another day, though not 24 hours later); keeps those of the
    last `keep` days that have one (a damaged copy prunes nothing: backup_now refuses it)."""
    if store.engine != "sqlite" or store.location == ":memory:":
        return None
    moment = time.time() if at is None else at
    today = _stamp(moment)[:8]
    if any(made_on(path) == today for path in backups(store)):
        # Made by hand (`inbox-app backup` at night, "Back up now"): sound, so prune here too.
        prune(store, keep, today=today)
        return None
    # A store damaged unnoticed and polled every five minutes left a full-size damaged
    # copy each time, until the disk was full: once one is kept, the store is checked
    # before it is copied again.
    damaged_before = sorted(backup_folder(store).glob(
        f"{glob.escape(Path(store.location).stem)}-damaged-*.db"))
    if damaged_before and (problem := find_damage(store.conn)) is not None:
        raise damaged(store.location, f"{problem}; a copy of it is kept as"
                      f" {damaged_before[-1].name}, and the older backups are kept")
    return backup_now(store, at=moment, keep=keep)


def prune(store: Store, keep: int, *, today: str) -> None:
    """Removes the backups outside the last `keep` days. One that cannot be removed now
    (open in another program, marked read-only) stays until a later prune: the copy just
    made is sound, and an error here said the backup failed and stopped `poll --once`."""
    for old in outside_the_last_days(backups(store), keep, today=today):
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)


def made_on(path: Path) -> str:
    """The day (YYYYMMDD, local) in an automatic backup's name: the clock it was made by,
    which its file's time is not (a copy carried over, a clock put right since)."""
    return AUTOMATIC_BACKUP.search(path.name)[1][:8]


def outside_the_last_days(made: list[Path], days: int, *, today: str | None = None
                          ) -> list[Path]:
    """The backups (oldest first) not made on one of the last `days` days that have one:
    seven copies made by hand on one day ("Back up now", `inbox-app backup`) must not push
    out the week of daily ones before them, as keeping the last seven files did. Backups
    dated after `today` are kept and not counted: a clock was wrong when they were made
    or is wrong now, so which are the newest cannot be told, and counting them pruned the
    copy just made."""
    placed = [path for path in made if today is None or made_on(path) <= today]
    kept_days = sorted({made_on(path) for path in placed})[-days:]
    return [path for path in placed if made_on(path) not in kept_days]


def check_pages(path: str | Path, *, full: bool = False, at_rest: bool = False
                ) -> str | None:
    """None when the SQLite file's pages are sound, else what SQLite found wrong (`at_rest`:
    a file no program has open, see read_only)."""
    connection = read_only(path, at_rest=at_rest)
    try:
        return find_damage(connection, full=full)
    finally:
        connection.close()


def check_backup(path: str | Path, *, named: str | Path | None = None) -> list[str]:
    """The migrations a backup file has, or NotAStore / SchemaTooNew (`named`: the file as
    the person chose it, when `path` is a settled copy of it)."""
    source = Path(path)
    shown = source if named is None else Path(named)
    if not source.is_file():
        raise StoreError(f"There is no file at {shown}.")
    try:
        connection = read_only(source, at_rest=True)
        try:
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "_sqlite_migrations" not in tables or "messages" not in tables:
                raise NotAStore(f"{shown} is not an inbox_app store.")
            applied = [r[0] for r in connection.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'inbox_app'")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if is_damaged_file(source, error):
            raise StoreDamaged(f"{shown} is damaged ({error}); choose an older backup.") from None
        raise NotAStore(f"{shown} is not an inbox_app store.") from None
    if not applied:
        raise NotAStore(f"{shown} is not an inbox_app store.")
    if set(applied) - set(schema_names()):
        raise SchemaTooNew(f"{shown} was made by a newer version of inbox_app; update the app "
                           "to restore it.")
    problem = check_pages(source, at_rest=True)
    if problem is not None:
        raise StoreDamaged(f"{shown} is damaged ({problem}); choose an older backup.")
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
    target = Path(location)
    if target.exists() and Path(backup).exists() and Path(backup).samefile(target):
        raise StoreError(f"{backup} is the store itself; name a backup to put in its place"
                         f" (they are in {backups_folder(target)}).")
    with _settled(Path(backup), target.parent) as readable:
        return _restore_from(target, readable, Path(backup))


def _restore_from(target: Path, readable: Path, backup: Path) -> Path | None:
    """restore() once the backup can be read (`readable`: it, or its settled copy)."""
    check_backup(readable, named=backup)
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
                if reading := polls_under_way(current):
                    account, holder = reading[0]
                    raise StoreBusy(f"{account} is being read by {holder or 'a poll'} right"
                                    " now, which would store where it got to into the restored"
                                    " store (and what came in since the backup would never be"
                                    " read again); restore once the poll has ended. Nothing"
                                    " was changed.")
                # Kept as it is, not checked as a backup is: a store that opens may still be
                # the damaged one being replaced.
                kept = unused_name(backup_folder(current) / f"{target.stem}-before-restore-"
                                                            f"{_stamp(time.time())}.db")
                try:
                    current.backup_to(kept)
                except StoreError as error:
                    raise StoreError(f"Nothing was restored: the store as it is could not be"
                                     f" kept first ({_uncapitalized(error)}).") from None
            finally:
                current.close()
    try:
        _copy_into(readable, target, named=backup)
    except StoreError as error:
        if kept is not None:  # the same fault, saying where the replaced store went
            error.args = (f"{error} The store as it was is kept at {kept}.", *error.args[1:])
        raise
    open_store(target).close()  # applies migrations when the backup is from an older app
    return kept


def _uncapitalized(error: Exception) -> str:
    """An error's sentence inside another one: "the backup to … could not be written"."""
    text = str(error).rstrip(".")
    return text[:1].lower() + text[1:]


@contextlib.contextmanager
def _settled(backup: Path, near: Path) -> Iterator[Path]:
    """The backup to read: itself, or, when a write-ahead log lies beside it (a copy of the
    store made by hand while the app ran, or after it was killed), a private copy in `near`
    with the log's changes written into it. Read where it is, SQLite needs the log's index
    beside it: on a read-only medium it could not make one and the copy was called "not an
    inbox_app store"; elsewhere the index was left beside the owner's copy."""
    log = backup.with_name(backup.name + "-wal")
    if not (backup.is_file() and log.is_file()):
        yield backup
        return
    refusal = (f"Nothing was restored: {backup} and its write-ahead log could not be copied"
               f" into {near} to be read")
    try:
        near.mkdir(parents=True, exist_ok=True)  # a new computer's data folder
        folder = tempfile.TemporaryDirectory(prefix=f".{backup.name}.restoring-", dir=near)
    except OSError as error:
        raise StoreError(f"{refusal} ({error.strerror or error}).") from None
    with folder:
        copy = Path(folder.name) / backup.name
        try:
            shutil.copyfile(backup, copy)
            shutil.copyfile(log, copy.with_name(copy.name + "-wal"))
        except OSError as error:
            raise StoreError(f"{refusal} ({error.strerror or error}).") from None
        # Junk or broken pages: what is wrong with it, check_backup says of the copy.
        with contextlib.suppress(sqlite3.Error), contextlib.closing(
                sqlite3.connect(copy)) as settling:
            settling.execute("PRAGMA journal_mode = DELETE")  # the log's changes into the file
        yield copy


def _copy_into(backup: Path, target: Path, *, named: Path | None = None) -> None:
    """Copies the backup's pages into the store file (into it, not over it: a window open
    on the store sees the restored one). A backup is one file without a write-ahead log;
    the store runs with one again, or the window and a cron job block each other."""
    source = destination = None
    resized = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # a new computer's data folder
        source = read_only(backup, at_rest=True)
        destination = sqlite3.connect(target)
        pages = _page_size(destination)
        if target.stat().st_size and _page_size(source) != pages:
            source.close()
            resized = target.with_name(f"{target.name}.restoring")
            source = _with_page_size(backup, resized, pages)
        source.backup(destination)
        destination.execute("PRAGMA journal_mode = WAL")
    except (sqlite3.Error, OSError) as error:
        fault = told(target, error) if isinstance(error, sqlite3.Error) else None
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise fault or StoreError(f"{named or backup} could not be restored into {target}"
                                  f" ({reason}).") from None
    finally:
        for connection in (source, destination):
            if connection is not None:
                connection.close()
        if resized is not None:
            for leftover in (resized, resized.with_name(resized.name + "-journal")):
                leftover.unlink(missing_ok=True)


def _page_size(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA page_size").fetchone()[0]


def _with_page_size(backup: Path, copy: Path, pages: int) -> sqlite3.Connection:
    """A connection to a copy of `backup` with pages of `pages` bytes: SQLite copies pages
    as they are into a store in WAL mode, and refused a backup made with another page size
    (another SQLite, a database tool's VACUUM) as "a readonly database"."""
    copy.unlink(missing_ok=True)
    connection = sqlite3.connect(copy)
    try:
        with contextlib.closing(read_only(backup, at_rest=True)) as original:
            original.backup(connection)
        connection.execute(f"PRAGMA page_size = {int(pages)}")
        connection.execute("VACUUM")
    except BaseException:
        connection.close()
        raise
    return connection
