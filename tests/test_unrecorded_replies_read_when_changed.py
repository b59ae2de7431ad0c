"""The replies this computer sent but could not record are asked for on every conversation
the window opens, on the UI thread: the file is read again only when it changed since this
process read or wrote it (the window's own writes, or another process's: a cron job's
`reply`), never on each asking."""

from __future__ import annotations

import json
import os
from pathlib import Path

from inbox_app.store import data_dir
from inbox_app.unrecorded_replies import (
    UNRECORDED_FILE,
    UnrecordedReply,
    _forget_unrecorded,
    _keep_unrecorded,
    unrecorded_key,
    unrecorded_replies,
)

LOCATION = "/tmp/shop.db"


def kept_file() -> Path:
    return data_dir() / UNRECORDED_FILE


def reply(message_id: int, text: str = "Your refund went out.") -> UnrecordedReply:
    return UnrecordedReply(message_id, 7, "Maya", text, reason="the store is busy", at=1)


def garble_keeping_how_it_stands(path: Path) -> None:
    """Overwrites the file's bytes in place, keeping its inode, size and time: what this
    process read of it must be what it answers now, had it read the file again it would
    find nothing readable."""
    status = path.stat()
    with path.open("r+b") as handle:
        handle.write(b"\0" * status.st_size)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_asked_again_the_file_unchanged_is_not_read_again():
    _keep_unrecorded(LOCATION, reply(41))
    assert [kept.message_id for kept in unrecorded_replies(LOCATION)] == [41]

    garble_keeping_how_it_stands(kept_file())

    for _opening in range(3):
        assert [kept.message_id for kept in unrecorded_replies(LOCATION)] == [41]


def test_a_file_another_process_wrote_is_read_again():
    _keep_unrecorded(LOCATION, reply(41))
    assert [kept.message_id for kept in unrecorded_replies(LOCATION)] == [41]

    # a cron job's `reply` kept one more, as it writes: a new file renamed into place
    data = json.loads(kept_file().read_text(encoding="utf-8"))
    entry = {**data[unrecorded_key(LOCATION)]["41"], "message_id": 42}
    data[unrecorded_key(LOCATION)]["42"] = entry
    written = kept_file().with_name("from-cron.json")
    written.write_text(json.dumps(data), encoding="utf-8")
    os.replace(written, kept_file())

    assert [kept.message_id for kept in unrecorded_replies(LOCATION)] == [41, 42]


def test_a_file_changed_in_place_to_the_same_size_is_read_again():
    _keep_unrecorded(LOCATION, reply(41, "Your refund went out."))
    assert unrecorded_replies(LOCATION)[0].text == "Your refund went out."

    status = kept_file().stat()
    text = kept_file().read_text(encoding="utf-8").replace("refund", "parcel")
    kept_file().write_text(text, encoding="utf-8")
    os.utime(kept_file(), ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))

    assert unrecorded_replies(LOCATION)[0].text == "Your parcel went out."


def test_what_this_process_writes_is_what_it_reads_next():
    _keep_unrecorded(LOCATION, reply(41))
    _keep_unrecorded(LOCATION, reply(42))
    assert [kept.message_id for kept in unrecorded_replies(LOCATION)] == [41, 42]
    _forget_unrecorded(LOCATION, 41)
    assert [kept.message_id for kept in unrecorded_replies(LOCATION)] == [42]
    assert list(json.loads(kept_file().read_text(encoding="utf-8"))[
        unrecorded_key(LOCATION)]) == ["42"]


def test_a_caller_changing_what_it_was_given_changes_nothing_kept():
    _keep_unrecorded(LOCATION, UnrecordedReply(41, 7, "Maya", "Sent.", meta={"to": ["a"]}))
    unrecorded_replies(LOCATION)[0].meta["to"].append("b")
    assert unrecorded_replies(LOCATION)[0].meta == {"to": ["a"]}


def test_no_file_is_no_reply_and_a_file_that_appears_is_read():
    assert unrecorded_replies(LOCATION) == []
    _keep_unrecorded(LOCATION, reply(41))
    kept_file().unlink()
    assert unrecorded_replies(LOCATION) == []
