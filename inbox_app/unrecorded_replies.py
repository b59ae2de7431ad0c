"""Replies that went out while the store would not record them (locked by another program,
out of reach longer than it is retried), kept on this computer in `unrecorded-replies.json`
beside the drafts kept here until `replies.record_unrecorded` records them: said as not
sent, they would be sent twice."""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from inbox_app.core.timeutil import now
from inbox_app.store import (
    DiskFull,
    StoreBusy,
    StoreUnavailable,
    data_dir,
    display_location,
    is_postgres,
)

log = logging.getLogger(__name__)

UNRECORDED_FILE = "unrecorded-replies.json"
_unrecorded_lock = threading.Lock()  # the file, between the window's pool threads


def not_recorded(error: Exception) -> str:
    """What the window and the command line say of a reply sent but not recorded (the
    store's own sentence is logged, and shown where its fault is)."""
    if isinstance(error, StoreUnavailable):
        why = "the store cannot be reached"
    elif isinstance(error, StoreBusy):
        why = "another program holds the store busy"
    elif isinstance(error, DiskFull):
        why = "the disk holding the store is full"
    else:
        why = "the store refused it"
    return (f"Sent, but not recorded yet: {why}. This computer keeps it and records it as"
            " soon as the store takes it; do not send it again.")


@dataclass(frozen=True)
class UnrecordedReply:
    """A reply that went out while the store would not record it: what to record."""

    message_id: int
    conversation_id: int
    staff: str | None
    text: str  # as it went out
    external_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    close: bool = False  # Send and close: closed when it is recorded
    drafts: tuple[str, ...] = ()  # the draft it was, cleared when recorded (if still that)
    reason: str = ""  # `not_recorded`'s sentence
    at: int = field(default_factory=now)


def unrecorded_key(location: str | Path) -> str:
    """Which store the kept replies belong to: its address without a password, a file's
    full path (the window and a cron job may name it differently)."""
    location = str(location)
    if is_postgres(location):
        return display_location(location)
    path = location.removeprefix("sqlite:")
    return path if path == ":memory:" else str(Path(path).expanduser().resolve())


def _unrecorded_path() -> Path:
    return data_dir() / UNRECORDED_FILE


# The file as this process last read or wrote it, with how it stood on disk then (its
# inode, size and modification time): the window asks on every conversation it opens, on
# the UI thread, and the file changes only when a reply goes unrecorded or is recorded.
Signature = tuple[int, int, int]
_known: tuple[Path, Signature | None, dict[str, dict[str, dict]]] | None = None


def _signature(status: os.stat_result) -> Signature:
    return status.st_ino, status.st_size, status.st_mtime_ns


def _on_disk(path: Path) -> Signature | None:
    """How the file stands (None: there is none); every write replaces it with a new file,
    so one written since differs."""
    try:
        return _signature(path.stat())
    except OSError:
        return None


def _read_unrecorded() -> dict[str, dict[str, dict]]:
    """The file's content, read again only when it changed since this process last read or
    wrote it (another process — a cron job's `reply` — may have). Callers must not change
    what it returns: `_change_unrecorded` changes a copy."""
    global _known
    path = _unrecorded_path()
    if _known is not None and _known[0] == path and _known[1] == _on_disk(path):
        return _known[2]
    signature: Signature | None = None
    try:
        with path.open("rb") as handle:  # the signature of the very file read
            signature = _signature(os.fstat(handle.fileno()))
            data = json.loads(handle.read().decode("utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, ValueError):
        log.warning("replies kept in %s cannot be read", path, exc_info=True)
        data = {}
    data = data if isinstance(data, dict) else {}
    _known = (path, signature, data)
    return data


def _write_unrecorded(data: dict[str, dict[str, dict]]) -> None:
    global _known
    path = _unrecorded_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = {key: replies for key, replies in data.items() if replies}
    handle, temporary = tempfile.mkstemp(prefix=".replies-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(kept, out, ensure_ascii=False, indent=1)
            out.flush()
            signature = _signature(os.fstat(out.fileno()))  # kept by the rename below
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _known = (path, signature, kept)


def _change_unrecorded(location: str, change: Callable[[dict[str, dict]], None]) -> None:
    """Changes the replies kept for the store at `location`, in the file. A file this
    computer cannot write is logged: the reply went, and saying so matters more."""
    with _unrecorded_lock:
        data = copy.deepcopy(_read_unrecorded())
        change(data.setdefault(unrecorded_key(location), {}))
        try:
            _write_unrecorded(data)
        except OSError:
            log.exception("what became of a reply cannot be kept in %s", _unrecorded_path())


def _keep_unrecorded(location: str, kept: UnrecordedReply) -> None:
    entry = {**asdict(kept), "drafts": list(kept.drafts)}
    _change_unrecorded(location, lambda mine: mine.__setitem__(str(kept.message_id), entry))


def _amend_unrecorded(location: str, message_id: int, **changes: Any) -> None:
    def amend(mine: dict[str, dict]) -> None:
        entry = mine.get(str(message_id))
        if entry is not None:
            entry.update({key: list(value) if isinstance(value, tuple) else value
                          for key, value in changes.items()})

    _change_unrecorded(location, amend)


def _forget_unrecorded(location: str, message_id: int) -> None:
    _change_unrecorded(location, lambda mine: mine.pop(str(message_id), None))


def unrecorded_replies(location: str | Path) -> list[UnrecordedReply]:
    """The replies this computer sent to the store at `location` and could not record."""
    with _unrecorded_lock:
        mine = _read_unrecorded().get(unrecorded_key(location), {})
    kept = []
    for entry in mine.values():
        try:
            kept.append(UnrecordedReply(
                int(entry["message_id"]), int(entry["conversation_id"]), entry.get("staff"),
                str(entry.get("text") or ""), entry.get("external_id"),
                copy.deepcopy(dict(entry.get("meta") or {})), bool(entry.get("close")),
                tuple(str(text) for text in entry.get("drafts") or ()),
                str(entry.get("reason") or ""), int(entry.get("at") or 0)))
        except (KeyError, TypeError, ValueError):
            # its message id only: the entry holds the reply's text, which is no log's
            log.warning("a kept reply cannot be read (message %s)",
                        entry.get("message_id") if isinstance(entry, dict) else "?")
    return sorted(kept, key=lambda reply: reply.message_id)


