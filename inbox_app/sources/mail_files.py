"""Attachments of stored mail: listed from the store, fetched from the server on demand.

The store keeps only each attachment's name, size and type (in the message's meta);
the bytes stay on the mail server until a person asks for one. Then the message is
fetched again by its UID (with BODY.PEEK, so it stays unread), checked to be the same
message by its Message-ID (a re-created mailbox reuses UIDs), and the attachment is
written to a file — never into the store.
"""

from __future__ import annotations

import contextlib
import email
import imaplib
import os
import re
import tempfile
from dataclasses import dataclass
from email import policy
from pathlib import Path
from typing import Any

from inbox_app.files import replacing
from inbox_app.sources import SourceError
from inbox_app.sources.apis import account_secret, account_still_set_up
from inbox_app.sources.mail_imap import imap_session, select_folder
from inbox_app.sources.mail_parts import (
    ATTACHED_MESSAGES,
    attachment_of,
    decoded_payload,
    walk_parts,
)

MAX_MESSAGE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class MailAttachment:
    number: int  # 1-based, in the order of the conversation's messages
    message_id: int
    name: str
    size: int
    content_type: str
    occurrence: int  # how many earlier attachments of the same message share the name


def attachments_of(store, conversation_id: int) -> list[MailAttachment]:
    """Every attachment the conversation's emails listed, numbered for people and scripts."""
    found: list[MailAttachment] = []
    for message in store.messages(conversation_id):
        if message.kind != "email":
            continue
        seen: dict[str, int] = {}
        for entry in message.meta.get("attachments") or []:
            name = str(entry.get("name") or "unnamed")
            found.append(MailAttachment(
                number=len(found) + 1, message_id=message.id, name=name,
                size=int(entry.get("size") or 0),
                content_type=str(entry.get("type") or "application/octet-stream"),
                occurrence=seen.get(name, 0)))
            seen[name] = seen.get(name, 0) + 1
    return found


def fetch_attachment(store, attachment: MailAttachment) -> bytes:
    """The attachment's bytes, from the mail server; SourceError says in one sentence why not."""
    message = store.get_message(attachment.message_id)
    uid, folder = message.meta.get("uid"), message.meta.get("folder")
    if uid is None or not folder:
        raise SourceError(f"{attachment.name} was not read from a mail server, so it cannot be"
                          " fetched (only mail read over IMAP keeps its attachments there).")
    account = account_still_set_up(store, message.account, "email", "email",
                                   to="fetch attachments", error=SourceError)
    secret = account_secret(account.name, "password")
    with imap_session(account.config, secret, account_name=account.name) as client:
        try:
            try:
                select_folder(client, folder, readonly=True)
            except SourceError as gone:  # the folder itself was deleted or renamed
                raise MovedAway(str(gone)) from None
            raw = _fetch_same_message(client, int(uid), message.external_id, folder)
        except MovedAway as moved:
            raw = _fetch_from_another_folder(client, message.external_id, folder, moved)
    parsed = email.message_from_bytes(raw, policy=policy.default)
    return _part_bytes(parsed, attachment)


def save_attachment(store, attachment: MailAttachment, target: str | Path) -> Path:
    """Writes the attachment to `target` (a folder: under its own name, never over a file;
    a file a person named: in its place, whole or not at all)."""
    data = fetch_attachment(store, attachment)
    path = Path(target)
    if not path.is_dir():
        with replacing(path, binary=True) as handle:
            handle.write(data)
        return path
    descriptor, temporary = tempfile.mkstemp(prefix=".", suffix=".partial", dir=path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        return _claim_free_name(Path(temporary), path, safe_filename(attachment.name))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _claim_free_name(written: Path, folder: Path, name: str) -> Path:
    """Gives `written` the first free name for `name` in `folder`. A hard link is made only
    where no file is: another save (or program) taking the name meanwhile keeps its file."""
    while True:
        candidate = free_name(folder, name)
        try:
            os.link(written, candidate)
        except FileExistsError:
            continue
        except OSError:  # a disk without hard links (FAT, some network shares)
            os.replace(written, candidate)
        return candidate


# Characters that change how a name is shown, not what it is: "invoice\u202egpj.exe" is
# shown as "invoiceexe.jpg".
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_WINDOWS_DEVICES = re.compile(r"(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$",
                              re.IGNORECASE)
MAX_NAME_BYTES = 200  # disks take 255 bytes; room is left for " (12)" and ".partial"


def readable_name(name: str) -> str:
    """The name as it is, for showing: no characters that reorder or hide its letters, no
    run of spaces that pushes its real type out of sight."""
    shown = _INVISIBLE.sub("", re.sub(r"[\x00-\x1f\x7f]", "", name))
    return re.sub(r"\s+", " ", shown).strip()


def safe_filename(name: str) -> str:
    """A name that stays in the chosen folder and that any disk takes: no path, no control
    or hiding characters, no dot file, no Windows device name, at most MAX_NAME_BYTES."""
    base = re.split(r"[\\/]", readable_name(name))[-1]
    base = re.sub(r"[<>:\"|?*]", "_", base).strip().lstrip(".").rstrip(". ")
    if _WINDOWS_DEVICES.match(base):
        base = "_" + base
    return _fitted(base) or "attachment"


def _fitted(name: str) -> str:
    """`name` cut to MAX_NAME_BYTES of UTF-8, its type (the last suffix) kept."""
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, suffix = Path(name).stem, Path(name).suffix
    if len(suffix.encode("utf-8")) > 20:
        stem, suffix = name, ""
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(". ") + suffix


def free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)`, `name (3)`… when that is taken."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


class MovedAway(SourceError):
    """The message is not in the folder it was read from (moved or deleted since)."""


MAX_FOLDERS_SEARCHED = 200


def _fetch_from_another_folder(client: Any, message_id: str, folder: str,
                               moved: MovedAway) -> bytes:
    """A colleague's mail program may have filed the message in another folder since
    (Done, Orders 2026…): it is looked for there by its Message-ID."""
    if not message_id.startswith("<"):
        raise moved
    searched = 0
    for flags, _, name in client.list_folders():
        if name == folder or any(flag.lower() in (b"\\noselect", b"\\nonexistent")
                                 for flag in flags):
            continue
        searched += 1
        if searched > MAX_FOLDERS_SEARCHED:
            break
        try:
            client.select_folder(name, readonly=True)
            uids = client.search(["HEADER", "Message-ID", message_id])
        except imaplib.IMAP4.error:
            continue
        if uids:
            return _fetch_same_message(client, uids[0], message_id, name)
    raise SourceError(f"The message is no longer in {folder} or any other folder on the "
                      "server.")


def _fetch_same_message(client: Any, uid: int, message_id: str, folder: str) -> bytes:
    uids = [uid]
    if not _is_same(client, uid, message_id):
        uids = client.search(["HEADER", "Message-ID", message_id]) if message_id.startswith(
            "<") else []
        if not uids:
            raise MovedAway(f"The message is no longer in {folder} on the server.")
    size = client.fetch(uids[:1], ["RFC822.SIZE"]).get(uids[0], {}).get(b"RFC822.SIZE", 0)
    if size > MAX_MESSAGE_BYTES:
        raise SourceError(f"The message is {size // (1024 * 1024)} MB, over the"
                          f" {MAX_MESSAGE_BYTES // (1024 * 1024)} MB this app downloads;"
                          " open it in your mail program.")
    data = client.fetch(uids[:1], ["BODY.PEEK[]"]).get(uids[0], {})
    raw = data.get(b"BODY[]")
    if not raw:
        raise SourceError(f"The server did not send the message from {folder}.")
    return raw


def _is_same(client: Any, uid: int, message_id: str) -> bool:
    if not message_id.startswith("<"):
        return True  # no Message-ID: stored by content hash; the UID is all there is
    data = client.fetch([uid], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]).get(uid)
    if not data:
        return False
    header = next((value for key, value in data.items() if key.startswith(b"BODY[HEADER")), b"")
    return message_id.encode("utf-8", "replace").lower() in header.lower()


def _part_bytes(message, attachment: MailAttachment) -> bytes:
    occurrence = 0
    for part in walk_parts(message):
        listed = attachment_of(part)
        if listed is not None and listed.name != attachment.name and "\ufffd" in attachment.name:
            listed = attachment_of(part, read_bytes=False)  # listed by an earlier version
        if listed is None or listed.name != attachment.name:
            continue
        if occurrence == attachment.occurrence:
            if part.get_content_type() in ATTACHED_MESSAGES:
                payload = part.get_payload()
                inner = payload[0] if isinstance(payload, list) and payload else None
                return inner.as_bytes() if inner is not None else decoded_payload(part)
            return decoded_payload(part)
        occurrence += 1
    raise SourceError(f"{attachment.name} is no longer in the message on the server.")
