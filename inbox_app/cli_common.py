"""What every `inbox-app` command shares: who is acting on which store, how results and
mistakes are printed, and the exit codes (see inbox_app.cli)."""

from __future__ import annotations

import argparse
import codecs
import json
import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inbox_app.core.text import capitalized
from inbox_app.core.timeutil import TimeError, parse_when
from inbox_app.store import (
    DB_ENV,
    Store,
    StoreError,
    default_location,
    is_postgres,
    open_store,
)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_TAKEN = 0, 1, 2, 3
EXIT_PIPE_CLOSED = 141  # as a shell reports a program its pipe's reader stopped (128 + SIGPIPE)
LARGEST_STORED_NUMBER = 2**63 - 1  # SQLite's INTEGER and PostgreSQL's BIGINT hold no more
STAFF_ENV = "INBOX_APP_STAFF"


class UserError(Exception):
    """A mistake in what was asked; shown as one sentence, exit code 2."""


@dataclass
class Context:
    args: argparse.Namespace
    _store: Store | None = field(default=None, repr=False)
    _made: Path | None = field(default=None, repr=False)  # a named store file this run made

    @property
    def store(self) -> Store:
        if self._store is None:
            location = self.args.db or default_location()
            if problem := no_place_for_a_store(location):
                raise StoreError(problem)
            create = self._may_create_store()
            if create and self.store_is_named() and (problem := no_folder_for_a_store(location)):
                raise StoreError(problem)
            made = self._new_named_file(location) if create else None
            self._store = open_store(self.args.db, create=create)
            self._made = made
        return self._store

    def store_is_named(self) -> bool:
        """Whether --db or INBOX_APP_DB names the store, rather than the data folder."""
        return bool(self.args.db or os.environ.get(DB_ENV))

    def _may_create_store(self) -> bool:
        """A store named with --db or INBOX_APP_DB that is not there is a typo or a missing
        disk far more often than a wish for a new, empty one: only commands that put
        something into a store create it. The shop's own store in the data folder is
        created by any command, as the window creates it."""
        return bool(getattr(self.args, "creates_store", False)) or not self.store_is_named()

    @property
    def staff(self) -> str | None:
        """Who is acting (`--as` or INBOX_APP_STAFF), checked against the staff list:
        someone removed from it no longer acts in the queue (a script or a shared login
        still set to a colleague who left went on assigning and replying as them)."""
        name = self.args.as_staff or os.environ.get(STAFF_ENV)
        if not name:
            return None
        member = self.store.staff_named(name)
        if not member.active:
            raise UserError(f"{member.name} no longer works the queue, so cannot act in it:"
                            " use --as with someone who does (or bring them back with:"
                            f" inbox-app staff add {shlex.quote(member.name)}).")
        return member.name

    def author(self, writing: str) -> str | None:
        """Who writes a note or a reply: required once the shop has staff, since their
        names are what the thread, the history and the staff figures show (a shop of one
        that never added anyone writes as no one in particular)."""
        staff = self.staff
        if staff is None and self.store.list_staff():
            raise UserError(f"{writing} needs to know who you are: use --as NAME"
                            f" (or set {STAFF_ENV}).")
        return staff

    def _new_named_file(self, location: str) -> Path | None:
        if not self.store_is_named() or is_postgres(location) \
                or location in (":memory:", "sqlite::memory:"):
            return None
        path = Path(location.removeprefix("sqlite:")).expanduser()
        return None if path.exists() else path

    def close(self, refused: bool = False) -> None:
        """`refused`: the command was refused. A store it made for what it was refused
        (`--db new.db rule add … --assign Nobody`) goes again, if it holds no message:
        an empty store left behind was taken for the shop's by the next command."""
        store, made = self._store, self._made
        if store is None:
            return
        empty = refused and made is not None and _holds_nothing(store)
        store.close()
        if empty:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{made}{suffix}").unlink(missing_ok=True)


def _holds_nothing(store: Store) -> bool:
    try:
        counts = store.stats()
    except StoreError:
        return False
    return not (counts["messages"] or counts["customers"] or counts["conversations"])


def no_place_for_a_store(location: str) -> str | None:
    """Why no store file can be at `location`, or None: a folder given as the store, or a
    path through a file (`notes.txt/inbox.db`), which SQLite and mkdir tell only as
    "unable to open" or a FileExistsError."""
    from inbox_app.backup import file_in_the_way

    if is_postgres(location) or location == ":memory:":
        return None
    path = Path(location.removeprefix("sqlite:")).expanduser()
    if path.is_dir():
        return (f"{path} is a folder, not a store file: name the store's file (such as"
                f" {path / 'inbox.db'}).")
    if blocking := file_in_the_way(path.parent):
        return f"There is no store at {path}: {blocking} is a file, not a folder."
    return None


def no_folder_for_a_store(location: str) -> str | None:
    """Why a named store cannot be made at `location`, or None: its folder is not there.
    A mistyped folder (`--db typo/dir/shop.db import …`) was made without a word, and what
    was imported went into a store nobody opens; the data folder's own store, which is
    not named, is made with its folders as before."""
    if is_postgres(location) or location in (":memory:", "sqlite::memory:"):
        return None
    path = Path(location.removeprefix("sqlite:")).expanduser()
    if path.exists() or path.parent.is_dir():
        return None
    return (f"There is no store at {path}, nor a folder {path.parent} to make it in: check"
            " the path, or make the folder first.")


def out(text: str = "") -> None:
    print(text)


def out_json(value: Any) -> None:
    """As JSON, its letters as written; `\\u` escapes when stdout's encoding cannot hold
    every letter (see `writes_every_letter`), so a script reads the same values back."""
    print(json.dumps(value, ensure_ascii=not writes_every_letter(sys.stdout), indent=2))


def writes_every_letter(stream: Any) -> bool:
    """Whether a stream's encoding holds every character: a Windows scheduled task's
    redirected output is in the code page (cp1252), a cron job's may be Latin-1."""
    try:
        return codecs.lookup(stream.encoding).name.startswith("utf")
    except (AttributeError, LookupError, TypeError):
        return False


def never_stopped_by_a_letter() -> None:
    """Text output a customer's emoji cannot stop: what stdout's encoding cannot hold is
    written as `?` (a UnicodeEncodeError ended a `queue > file` midway)."""
    if not writes_every_letter(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")


def conversation_id(text: str) -> int:
    """`42` or `#42` (in any script's decimal digits; `²` is no digit int() reads). A
    number past what the store holds names no conversation, as an unknown one does."""
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdecimal():
        raise UserError(f"{text!r} is not a conversation number.")
    if len(cleaned.lstrip("0")) > len(str(LARGEST_STORED_NUMBER)) or (
            int(cleaned) > LARGEST_STORED_NUMBER):
        raise UserError(f"There is no conversation {cleaned}.")
    return int(cleaned)


def stored_number(text: str) -> int:
    """An argparse type for a number the store compares with its own (`--version`, an
    identity's number): one it could never hold is refused as argparse refuses `abc`,
    before the store's driver would fail on it."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if abs(number) > LARGEST_STORED_NUMBER:
        raise argparse.ArgumentTypeError(f"{text} is larger than any number the store keeps")
    return number


def out_path(text: str | None, what: str) -> str | None:
    """`--out` as given; an empty one (`--out "$DIR"` with the variable unset) is a
    mistake rather than the current folder."""
    if text is not None and not text.strip():
        raise UserError(f"--out is empty: name {what}.")
    return text


def file_problem(path: str) -> str | None:
    """Why `path` cannot be read as a file, as the sentence a command prints; None if it can
    be tried."""
    if not path.strip():
        return f"cannot read {path!r}: no file was named."
    if os.path.isdir(path):
        return f"cannot read {path}: it is a folder, not a file."
    if not os.path.exists(path):  # a pipe or /dev/stdin can be read as a file is
        return f"cannot read {path}: there is no such file."
    return None


# Byte order marks an editor writes at the start of a text file (Notepad's UTF-8, its
# "Unicode"), longest first: UTF-32's little-endian mark begins as UTF-16's does.
_MARKED = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
           (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
           (codecs.BOM_UTF16_BE, "utf-16"))


def read_text(path: str, *, nothing_done: str) -> str:
    """A reply's or a note's text from a file, or stdin for `-`: UTF-8, or what its byte
    order mark says (the mark itself is no part of it). Other bytes are refused rather
    than guessed at, since the text goes to a customer; `nothing_done` ends that
    sentence ("sent")."""
    try:
        if path == "-":
            piped = getattr(sys.stdin, "buffer", None)
            data = piped.read() if piped is not None else sys.stdin.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror or error}.") from None
    if isinstance(data, str):  # a stdin that is text already (an embedding program's)
        return data.removeprefix("\ufeff")
    encoding = next((name for mark, name in _MARKED if data.startswith(mark)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        shown = ("the text piped in is not UTF-8 text" if path == "-"
                 else f"{path} is not UTF-8 text (save it as UTF-8)")
        raise UserError(f"{shown}; nothing was {nothing_done}.") from None


def when(text: str | None, *, end_of_date: bool = True) -> int | None:
    """A time typed on the command line (see `parse_when`); a day alone is its end, or
    9:00 that morning without `end_of_date`."""
    if text is None:
        return None
    try:
        return parse_when(text, end_of_date=end_of_date)
    except TimeError as error:
        raise UserError(f"{capitalized(str(error))}.") from None
