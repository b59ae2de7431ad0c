"""The store file's health: what a SQLite error says about the file or the disk, where
its backups are, and the one sentence a person gets for each.

A damaged file is named with its newest backup and the command that puts it back; a
full disk, a lock held too long and an I/O error are each one sentence, said after the
transaction was rolled back.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import sqlite3
import time
from pathlib import Path

from inbox_app.store.errors import DiskFull, StoreBusy, StoreDamaged, StoreError

BUSY_TIMEOUT_MS = 15000
SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_FOLDER = "backups"
# After the store's stem: the moment it was made, and a count when two share a second.
AUTOMATIC_BACKUP = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?\.db")


def backups_folder(location: str | Path) -> Path:
    """Backups live beside the store file, in `backups/` (the data folder for the default)."""
    return Path(location).parent / BACKUPS_FOLDER


def automatic_backups(location: str | Path) -> list[Path]:
    """The daily backups of the store file at `location`, oldest first. Copies kept by a
    restore or set aside as damaged are not among them: they are never pruned."""
    folder = backups_folder(location)
    stem = Path(location).stem
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{glob.escape(stem)}-*.db"):  # "shop [2024]" is no pattern
        made = AUTOMATIC_BACKUP.fullmatch(path.name[len(stem):])
        if made:
            found.append(((made[1], int(made[2] or 1)), path))
    return [path for _, path in sorted(found)]


def read_only(path: str | Path, *, at_rest: bool = False) -> sqlite3.Connection:
    """A connection that only reads the file at `path`. SQLite takes `mode=ro` in a URI,
    where a "#", "?" or "%" in the path would end or change the name ("Shop #1/inbox.db"
    would open a new, empty "Shop "), so the path is escaped as a file URI.

    `at_rest`: a file no program has open (a backup to restore). One in WAL mode — a copy
    of the store file made by hand — is read as it is when no write-ahead log lies beside
    it: `mode=ro` would make a log and its index beside it and leave them there, and on a
    read-only medium could not, and called the copy "not an inbox_app store"."""
    file = Path(path).absolute()
    settled = at_rest and in_wal_mode(file) and not file.with_name(file.name + "-wal").exists()
    return sqlite3.connect(f"{file.as_uri()}?{'immutable=1' if settled else 'mode=ro'}",
                           uri=True)


def in_wal_mode(path: Path) -> bool:
    """The file's header says WAL (its read and write versions are 2)."""
    try:
        with open(path, "rb") as file:
            header = file.read(20)
    except OSError:
        return False
    return header.startswith(SQLITE_HEADER) and header[18:20] == b"\x02\x02"


def unused_name(path: Path) -> Path:
    """`path`, or the same name counted on ("-2", "-3"…) when a file has it: two copies
    made in one second must not replace each other."""
    candidate, count = path, 1
    while candidate.exists():
        count += 1
        candidate = path.with_name(f"{path.stem}-{count}{path.suffix}")
    return candidate


def find_damage(connection: sqlite3.Connection, *, full: bool = False) -> str | None:
    """None when SQLite finds the file's pages sound, else its first complaint. `full` also
    checks that every index agrees with its table (integrity_check: ~7× slower)."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        findings = [row[0] for row in connection.execute(f"PRAGMA {pragma}(3)")]
    except sqlite3.DatabaseError as error:
        return str(error)
    if findings == ["ok"]:
        return None
    lines = [line.strip() for finding in findings for line in finding.splitlines()]
    return next((line for line in lines if line and not line.startswith("***")), "broken pages")


def pasteable(text: str | Path) -> str:
    """A path or address as a shell takes it back when pasted: quoted when it has a space
    (macOS keeps the store in "Application Support") or a character a shell reads."""
    text = str(text)
    if os.name == "nt":
        return f'"{text}"' if re.search(r'[\s&()^%!,;=]', text) else text
    return shlex.quote(text)


def damaged(location: str | Path, problem: str) -> StoreDamaged:
    """The refusal for a broken store file, saying how to put its newest backup back."""
    made = automatic_backups(location)
    if made:
        advice = (f" Put its newest backup back with: inbox-app --db {pasteable(location)}"
                  f" restore {pasteable(made[-1])}  (the damaged file is kept).")
    else:
        advice = f" There is no automatic backup of it in {backups_folder(location).absolute()}."
    return StoreDamaged(f"{location} is damaged ({problem}).{advice}", str(location),
                        made[-1] if made else None)


def told(location: str | Path, error: sqlite3.Error) -> StoreError | None:
    """The StoreError for a fault of the file, its folder or the disk (permissions too),
    None for anything else."""
    name = getattr(error, "sqlite_errorname", "")
    if is_corruption(error):
        return damaged(location, str(error))
    if name == "SQLITE_FULL":
        return DiskFull(f"The disk holding {location} is full, so the last change was rolled"
                        " back (what was saved before it is kept). Free some space and try"
                        " again.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreBusy(f"Another program has held {location} busy for"
                         f" {BUSY_TIMEOUT_MS // 1000} s ({error}); nothing was changed. Try"
                         " again in a moment.")
    if name.startswith("SQLITE_READONLY"):
        return StoreError(f"{location} cannot be changed here ({error}): the file or its"
                          " folder is read-only for this user, or its disk is mounted"
                          " read-only; nothing was changed.")
    if name.startswith("SQLITE_CANTOPEN"):
        return StoreError(f"{location} cannot be opened ({error}): is its folder there, and"
                          " may this user read and write in it?")
    if name.startswith("SQLITE_IOERR"):
        return StoreError(f"{location} could not be read or written ({error}), so the last"
                          " change was rolled back. Is the disk still there?")
    return None


def is_corruption(error: sqlite3.Error) -> bool:
    """Broken pages, as opposed to a file that cannot be opened or written (permissions,
    a full disk), which a restore would not mend."""
    name = getattr(error, "sqlite_errorname", "")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        not name and type(error) is sqlite3.DatabaseError)


def is_damaged_file(path: str | Path, error: sqlite3.Error) -> bool:
    """Broken pages in a SQLite file — not junk, which is simply not a store."""
    return is_corruption(error) and looks_like_sqlite(path)


def looks_like_sqlite(path: str | Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def polls_under_way(store) -> list[tuple[str, str]]:
    """(account, who) for each account a living poller is reading in this store right now:
    a restore under it would take the poll's new cursor, and what came between the backup
    and the poll would never be read again. Locks of pollers that died do not count."""
    from inbox_app.store.base import holder_is_gone

    names = {row["name"].lower(): row["name"] for row in store._rows("SELECT name FROM accounts")}
    rows = store._rows("SELECT account, holder FROM account_locks WHERE expires_at > ?",
                       (int(time.time()),))
    return [(names.get(row["account"], row["account"]), row["holder"]) for row in rows
            if not holder_is_gone(row["holder"])]
