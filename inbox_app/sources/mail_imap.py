"""Reading a mailbox over IMAP: new mail by UID, nothing changed on the server.

Each folder's cursor is its UIDVALIDITY and the last UID read. When the server
says UIDVALIDITY changed (the mailbox was recreated or restored), the folder is
read again from the start of the history window; the store drops what it
already has, because a message's id is its Message-ID. Folders are opened
read-only (EXAMINE) and bodies fetched with BODY.PEEK, so nothing is marked read
or deleted — unless the account asks for it, and then only for messages a
previous poll already stored (the cursor that lists them was saved together
with them), so a crash can never lose a message that was deleted.

Reads are bounded: a socket timeout, batches of a few messages, a size cap per
message (larger ones are read in part, their attachments listed from the
server's BODYSTRUCTURE), a cap on messages and on time per poll. A FETCH that fails
part way keeps what came before it; the one message the server cannot hand over is set
aside (the mail after it is read on), tried again later, and after MAX_TRIES put in the
queue as a message to read in another mail program.
"""

from __future__ import annotations

import imaplib
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from imapclient import SEEN, IMAPClient, SocketTimeout
from imapclient.exceptions import LoginError

from inbox_app.core.models import IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.sources import FetchResult, SourceError, parse_worker, scored
from inbox_app.sources.mail_connection import (
    check_security,
    connection_error,
    error_words,
    tls_context,
)
from inbox_app.sources.mail_parse import content_hash, incoming_message, parse_message
from inbox_app.sources.mail_reply_plan import own_addresses
from inbox_app.sources.mail_structure import structure_attachments

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 60.0
BATCH_MESSAGES = 25
BATCH_BYTES = 20 * 1024 * 1024
MAX_MESSAGE_BYTES = 5 * 1024 * 1024
PARTIAL_BYTES = 512 * 1024
MAX_PER_POLL = 500
POLL_DEADLINE = 120.0
HISTORY_DAYS = 30
MAX_PENDING = 5_000
# A message the server could not hand over is set aside (the mail after it is read on) and
# tried again this many seconds later, up to MAX_TRIES times in all.
RETRY_UNREADABLE_AFTER = 5 * 60
MAX_TRIES = 3
MAX_SET_ASIDE = 100


@contextmanager
def imap_session(config: dict[str, Any], secret: str, *, account_name: str | None = None
                 ) -> Iterator[IMAPClient]:
    """A logged-in IMAP connection; every failure becomes a SourceError sentence (a refused
    password names `account_name`'s way to a new one, when given)."""
    host = config["imap_host"]
    port = int(config["imap_port"])
    security = config.get("imap_security", "ssl")
    user = config.get("user") or config["address"]
    check_security(host, security, "IMAP")
    client = None
    line_failed = False
    try:
        client = IMAPClient(
            host, port=port, ssl=security == "ssl",
            ssl_context=tls_context() if security == "ssl" else None,
            timeout=SocketTimeout(CONNECT_TIMEOUT, READ_TIMEOUT),
        )
        if security == "starttls":
            client.starttls(tls_context())
        client.normalise_times = False
        _sign_in(client, host, user, secret)
        yield client
    except SourceError:
        raise
    except Exception as error:
        if not isinstance(error, LoginError | OSError | imaplib.IMAP4.error):
            log.exception("IMAP session with %s failed", host)
        line_failed = isinstance(error, OSError)  # timed out or reset: LOGOUT would wait too
        raise connection_error(error, host, port, user, account_name) from None
    finally:
        if client is not None and line_failed:
            with suppress(Exception):
                client.shutdown()
        elif client is not None:
            try:
                client.logout()
            except Exception:
                with suppress(Exception):
                    client.shutdown()


def _sign_in(client: IMAPClient, host: str, user: str, secret: str) -> None:
    """LOGIN carries ASCII only (Python's imaplib encodes it so), and a password such as
    "Grüße-2026" failed with a UnicodeEncodeError; SASL PLAIN carries UTF-8 (RFC 4616)."""
    if f"{user}{secret}".isascii():
        client.login(user, secret)
    elif client.has_capability("AUTH=PLAIN"):
        client.plain_login(user, secret)
    else:
        raise SourceError(f"The mail server {host} takes only passwords and user names of "
                          "plain letters (A–Z), digits and punctuation at sign-in; use such "
                          "a password, or an app password.")


def resolve_sent_folder(client: IMAPClient, configured: str | None) -> str | None:
    """The Sent folder to read: the configured name, or the server's \\Sent folder for 'auto'."""
    if not configured:
        return None
    if configured.lower() != "auto":
        return configured
    found = client.find_special_folder(b"\\Sent")
    if not found:
        raise SourceError("The server marks no folder as the Sent folder; name it with "
                          "--sent-folder.")
    return found


@dataclass
class Budget:
    """How much one poll may still read, across folders."""

    messages: int = MAX_PER_POLL
    deadline: float = 0.0

    def spent(self) -> bool:
        return self.messages <= 0 or time.monotonic() > self.deadline


def read_mailbox(account_name: str, config: dict[str, Any], cursor: dict[str, Any],
                 client: IMAPClient) -> FetchResult:
    """New messages of the account's folder (and Sent folder) and the cursor after them.

    A FETCH that fails part way (the line dropped, or the server cannot hand over one
    message) keeps what was read before it; `more` then asks the poller to read on at once
    on a new connection, narrowing the failure down to the one message to set aside.
    `more` too when the poll's budget (MAX_PER_POLL, POLL_DEADLINE) ran out before the
    folders did — a first read of a large mailbox: the poller stores this step with its
    cursor and reads on at once, rather than a step per poll interval. A step that read
    nothing at all does not ask for another."""
    budget = Budget(messages=int(config.get("max_per_poll", MAX_PER_POLL)),
                    deadline=time.monotonic() + float(config.get("poll_deadline", POLL_DEADLINE)))
    folders_state = dict(cursor.get("folders") or {})
    items: list[IncomingMessage] = []
    warnings: list[str] = []
    more = False
    inbox = config.get("folder") or "INBOX"
    plan = [(inbox, False)]
    sent = resolve_sent_folder(client, config.get("sent_folder"))
    if sent and sent != inbox:
        plan.append((sent, True))
    unfinished = moved_on = False
    for folder, is_sent in plan:
        state = dict(folders_state.get(folder) or {})
        read = _read_folder(client, account_name, config, folder, state, budget, is_sent)
        moved_on = moved_on or read.moved_on
        folders_state[folder] = read.state
        items.extend(read.items)
        warnings.extend(read.warnings)
        more = more or read.more
        unfinished = unfinished or read.unfinished
        if read.broken:  # the connection may be gone: the other folders wait for the next read
            break
    more = more or (unfinished and moved_on)
    return FetchResult(items, {**cursor, "folders": folders_state}, more=more,
                       warning=" ".join(warnings) or None)


def select_folder(client: IMAPClient, folder: str, readonly: bool) -> dict:
    """A folder that is not there is named in one sentence, not an IMAP protocol error."""
    try:
        return client.select_folder(folder, readonly=readonly)
    except imaplib.IMAP4.error as error:
        if client.folder_exists(folder):
            raise
        raise SourceError(f"There is no folder {folder!r} on {client.host}.") from error


def _apply_pending(client: IMAPClient, config: dict[str, Any], pending: list[int]) -> None:
    """Marks read or deletes what earlier polls stored, as the account asked."""
    if not pending:
        return
    if config.get("delete_after_import"):
        client.delete_messages(pending, silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(pending)
    elif config.get("mark_read"):
        client.add_flags(pending, [SEEN], silent=True)


def _history_start(config: dict[str, Any]) -> date | None:
    days = int(config.get("history_days", HISTORY_DAYS))
    if days <= 0:
        return None
    return (datetime.now(UTC) - timedelta(days=days)).date()


@dataclass
class FolderRead:
    """What one folder's read gave: `more` when a FETCH failed part way and the rest can be
    read at once on a new connection; `broken` when this connection may be unusable;
    `unfinished` when the poll's budget ran out before the folder's new mail did;
    `moved_on` when its cursor passed a message."""

    items: list[IncomingMessage]
    state: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    more: bool = False
    broken: bool = False
    unfinished: bool = False
    moved_on: bool = False


class FetchFailed(Exception):
    """A FETCH of these UIDs failed: the server's error, or the line dropped."""

    def __init__(self, uids: list[int], error: BaseException):
        super().__init__(error_words(error))
        self.uids = uids
        self.error = error


def _fetch(client: IMAPClient, uids: list[int], what: list[str]) -> dict:
    try:
        return client.fetch(uids, what)
    except (imaplib.IMAP4.error, OSError) as error:  # abort and socket timeouts included
        raise FetchFailed(list(uids), error) from error


def _read_folder(
    client: IMAPClient, account_name: str, config: dict[str, Any], folder: str,
    state: dict[str, Any], budget: Budget, is_sent: bool,
) -> FolderRead:
    changes_server = not is_sent and bool(config.get("mark_read") or
                                          config.get("delete_after_import"))
    info = select_folder(client, folder, readonly=not changes_server)
    validity = int(info.get(b"UIDVALIDITY") or 0)
    uid_next = int(info.get(b"UIDNEXT") or 0)
    if state.get("uidvalidity") != validity:
        if state.get("uidvalidity") is not None:
            log.info("%s: UIDVALIDITY of %s changed; reading it again", account_name, folder)
        since = _history_start(config)
        state = {"uidvalidity": validity, "last_uid": 0, "pending": [],
                 "since": since.isoformat() if since else None, "syncing": True}
    elif changes_server:
        _apply_pending(client, config, list(state.get("pending") or []))
        state["pending"] = []

    last_uid = started_after = int(state.get("last_uid") or 0)
    criteria: list[Any] = ["UID", f"{last_uid + 1}:*"]
    if state.get("syncing") and state.get("since"):
        criteria += ["SINCE", date.fromisoformat(state["since"])]
    uids = sorted(uid for uid in client.search(criteria) if uid > last_uid)
    finished = True
    if len(uids) > budget.messages:
        uids, finished = uids[: budget.messages], False
    read = FolderRead([], state)
    pending = list(state.get("pending") or [])
    own = own_addresses(config)
    cap = int(config.get("max_message_bytes", MAX_MESSAGE_BYTES))
    one_by_one_until = int(state.get("one_by_one_until") or 0)
    set_aside: dict[str, dict[str, Any]] = dict(state.get("set_aside") or {})
    try:
        for batch in _batches(client, uids, cap, one_by_one_until):
            if budget.spent():
                finished = False
                break
            for uid, item in _read_batch(client, account_name, folder, batch, own, cap, is_sent):
                last_uid = uid
                budget.messages -= 1
                if item is not None:
                    read.items.append(item)
                    if changes_server:
                        pending.append(uid)
    except FetchFailed as failed:
        finished = False
        read.more = read.broken = True
        if len(failed.uids) == 1:  # this one message: set aside, tried again later
            [uid] = failed.uids
            set_aside[str(uid)] = {"tries": 1, "at": now(), "error": str(failed)}
            last_uid = max(last_uid, uid)
            read.warnings.append(f"Message {uid} in {folder} could not be read from the "
                                 f"server ({failed}); it is tried again at the next polls.")
        else:  # which one failed? read on one by one
            one_by_one_until = max(failed.uids)
    if not read.broken and set_aside:
        got_now = _retry_set_aside(client, account_name, config, folder, validity, set_aside,
                                   read, own, cap, is_sent)
        if changes_server:
            pending.extend(got_now)
    if finished:
        last_uid = max(last_uid, uid_next - 1)
        state["syncing"] = False
    read.unfinished, read.moved_on = not finished, last_uid > started_after
    state["last_uid"] = last_uid
    state["pending"] = pending[-MAX_PENDING:]
    if one_by_one_until > last_uid:
        state["one_by_one_until"] = one_by_one_until
    else:
        state.pop("one_by_one_until", None)
    state["set_aside"] = dict(sorted(set_aside.items(), key=lambda pair: int(pair[0]))
                              [-MAX_SET_ASIDE:])
    if not state["set_aside"]:
        del state["set_aside"]
    read.state = state
    return read


def _retry_set_aside(
    client: IMAPClient, account_name: str, config: dict[str, Any], folder: str, validity: int,
    set_aside: dict[str, dict[str, Any]], read: FolderRead, own: set[str], cap: int,
    is_sent: bool,
) -> list[int]:
    """Messages the server could not hand over before, tried again a while later; one that
    fails MAX_TRIES times is put in the queue as a message to read in another program (from
    the Sent folder: only said). Returns the UIDs read now."""
    wait = float(config.get("retry_unreadable_after", RETRY_UNREADABLE_AFTER))
    got_now: list[int] = []
    for key in sorted(set_aside, key=int):
        entry = set_aside[key]
        if now() - int(entry.get("at") or 0) < wait:
            continue
        uid = int(key)
        try:
            got = [item for batch in _batches(client, [uid], cap, uid)
                   for _, item in _read_batch(client, account_name, folder, batch, own, cap,
                                              is_sent)]
        except FetchFailed as failed:
            read.broken = True
            tries = int(entry.get("tries") or 0) + 1
            if tries < MAX_TRIES:
                set_aside[key] = {"tries": tries, "at": now(), "error": str(failed)}
                return got_now
            del set_aside[key]
            if is_sent:
                read.warnings.append(f"Message {uid} in {folder} could not be read from the "
                                     f"server after {tries} tries; it is left out.")
                return got_now
            read.items.append(_unreadable(account_name, folder, validity, uid, str(failed)))
            read.warnings.append(f"Message {uid} in {folder} could not be read from the "
                                 f"server after {tries} tries; it is in the queue as such.")
            return got_now
        del set_aside[key]  # read now, or gone from the server meanwhile
        for item in got:
            if item is not None:
                read.items.append(item)
                got_now.append(uid)
    return got_now


def _unreadable(account_name: str, folder: str, validity: int, uid: int, problem: str
                ) -> IncomingMessage:
    """Stands in the queue for a message the server would not hand over, so someone reads
    it where the server does show it."""
    return scored([IncomingMessage(
        kind="email", external_id=f"imap:{folder}:{validity}:{uid}",
        text=(f"This message could not be read from the mail server ({problem}). Read it in "
              f"another mail program (webmail, say): it is message {uid} in the folder "
              f"{folder}."),
        at=now(), account=account_name,
        meta={"folder": folder, "uid": uid,
              "problems": [f"the server could not hand the message over ({problem})"]},
    )])[0]


def _batches(client: IMAPClient, uids: list[int], cap: int, one_by_one_until: int = 0
             ) -> Iterator[list[tuple[int, int, int]]]:
    """(uid, size, arrival) in groups bounded by count and bytes; those up to
    `one_by_one_until` (where a FETCH failed before) alone, to find the one at fault."""
    start = 0
    while start < len(uids):
        alone = uids[start] <= one_by_one_until
        chunk = uids[start : start + (1 if alone else BATCH_MESSAGES * 4)]
        if not alone:
            chunk = [uid for uid in chunk if uid > one_by_one_until]
        start += len(chunk)
        sizes = _fetch(client, chunk, ["RFC822.SIZE", "INTERNALDATE"])
        batch: list[tuple[int, int, int]] = []
        weight = 0
        for uid in chunk:
            data = sizes.get(uid)
            if data is None:  # expunged meanwhile
                continue
            size = int(data.get(b"RFC822.SIZE") or 0)
            arrival = data.get(b"INTERNALDATE")
            arrived = int(arrival.timestamp()) if isinstance(arrival, datetime) else now()
            cost = min(size, cap)
            if batch and (len(batch) >= BATCH_MESSAGES or weight + cost > BATCH_BYTES):
                yield batch
                batch, weight = [], 0
            batch.append((uid, size, arrived))
            weight += cost
        if batch:
            yield batch


def _read_batch(
    client: IMAPClient, account_name: str, folder: str, batch: list[tuple[int, int, int]],
    own: set[str], cap: int, is_sent: bool,
) -> Iterator[tuple[int, IncomingMessage | None]]:
    whole = [uid for uid, size, _ in batch if size <= cap]
    large = [uid for uid, size, _ in batch if size > cap]
    bodies: dict[int, dict] = {}
    if whole:
        bodies.update(_fetch(client, whole, ["BODY.PEEK[]"]))
    if large:
        bodies.update(_fetch(client, large, [f"BODY.PEEK[]<0.{PARTIAL_BYTES}>",
                                             "BODYSTRUCTURE"]))
    for uid, size, arrived in batch:
        data = bodies.get(uid)
        if data is None:
            yield uid, None
            continue
        truncated = size > cap
        raw = data.get(b"BODY[]<0>") if truncated else data.get(b"BODY[]")
        if not isinstance(raw, bytes):
            yield uid, None
            continue
        yield uid, parse_worker.run(_scored_item, raw, account_name, folder, uid, size, arrived,
                                    own, is_sent, truncated, data.get(b"BODYSTRUCTURE"))


def _scored_item(*args) -> IncomingMessage:
    """`_to_item`, scored: the work parse_worker may run in its helper process."""
    return scored([_to_item(*args)])[0]


def _to_item(raw: bytes, account_name: str, folder: str, uid: int, size: int, arrived: int,
             own: set[str], is_sent: bool, truncated: bool, structure: Any) -> IncomingMessage:
    try:
        mail = parse_message(raw)
        if truncated and structure is not None:
            listed = structure_attachments(structure)
            if listed:
                mail.attachments = listed
        return incoming_message(mail, account=account_name, own_addresses=own,
                                received_at=arrived, folder=folder, uid=uid, sent_folder=is_sent,
                                size=size, truncated=truncated)
    except Exception as error:  # one bad message must not stop the mailbox
        log.exception("%s: message %s in %s could not be read", account_name, uid, folder)
        return IncomingMessage(
            kind="email", external_id=content_hash(raw),
            text=f"(this message could not be read: {type(error).__name__})",
            at=arrived, account=account_name, direction="out" if is_sent else "in",
            meta={"folder": folder, "uid": uid, "size": size,
                  "problems": [f"the message could not be read ({type(error).__name__}: "
                               f"{str(error)[:200]})"]},
        )
