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
server's BODYSTRUCTURE), a cap on messages and on time per poll.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.header import decode_header, make_header
from typing import Any
from urllib.parse import unquote_to_bytes

from imapclient import SEEN, IMAPClient, SocketTimeout
from imapclient.exceptions import LoginError

from inbox_app.core.models import IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.sources import SourceError, parse_worker, scored
from inbox_app.sources.http import is_loopback
from inbox_app.sources.mail_parse import content_hash, incoming_message, parse_message
from inbox_app.sources.mail_parts import Attachment

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


def transport_problem(error: BaseException, host: str, port: int) -> str | None:
    """The name-lookup and TLS failures reading (IMAP) and sending (SMTP) share, in one
    sentence; None for anything else."""
    if isinstance(error, socket.gaierror):
        return f"The mail server {host} could not be found; check its name."
    if isinstance(error, ssl.SSLCertVerificationError):
        return (f"The certificate of {host} could not be verified "
                f"({error.verify_message or error.reason}).")
    if isinstance(error, ssl.SSLError):
        return (f"No secure connection to {host}:{port} could be made ({error.reason}); "
                "check the port and the security setting.")
    return None


def refused_password(host: str, user: str, account_name: str | None) -> str:
    """What reading (IMAP) and sending (SMTP) say when the server refuses the login; with
    the account's name, how to give it the current password. Without one (an account
    checked before it exists) there is no account to mend."""
    said = f"The mail server {host} refused the user name or password for {user}"
    if not account_name:
        return f"{said}."
    return (f"{said}; enter the account's current password (Accounts → Edit, or "
            f"`inbox-app account secret {account_name!r}`).")


def connection_error(error: BaseException, host: str, port: int, user: str,
                     account_name: str | None = None) -> SourceError:
    """One sentence for what went wrong talking to a mail server."""
    where = f"{host}:{port}"
    if isinstance(error, LoginError):
        return SourceError(refused_password(host, user, account_name))
    if problem := transport_problem(error, host, port):
        return SourceError(problem)
    if isinstance(error, ConnectionRefusedError):
        return SourceError(f"The mail server {where} refused the connection; check the port and "
                           "the security setting.")
    if isinstance(error, TimeoutError | socket.timeout):
        return SourceError(f"The mail server {where} did not answer in time.")
    if isinstance(error, imaplib.IMAP4.abort):
        return SourceError(f"The mail server {host} closed the connection ({_words(error)}).")
    if isinstance(error, imaplib.IMAP4.error):
        return SourceError(f"The mail server {host} reported a problem: {_words(error)}.")
    if isinstance(error, OSError):
        return SourceError(f"The mail server {where} could not be reached "
                           f"({error.strerror or error}).")
    return SourceError(f"Reading mail from {host} failed ({type(error).__name__}: {error}).")


def _words(error: BaseException) -> str:
    text = str(error.args[0] if error.args else error)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return text.strip().rstrip(".") or type(error).__name__


def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def check_security(host: str, security: str, what: str) -> None:
    if security not in ("ssl", "starttls", "none"):
        raise SourceError(f"The {what} security must be ssl, starttls or none, not {security!r}.")
    if security == "none" and not is_loopback(host):
        raise SourceError(f"Unencrypted {what} is allowed only for this computer (localhost), "
                          f"not for {host}; use ssl or starttls.")


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
    try:
        client = IMAPClient(
            host, port=port, ssl=security == "ssl",
            ssl_context=tls_context() if security == "ssl" else None,
            timeout=SocketTimeout(CONNECT_TIMEOUT, READ_TIMEOUT),
        )
        if security == "starttls":
            client.starttls(tls_context())
        client.normalise_times = False
        client.login(user, secret)
        yield client
    except SourceError:
        raise
    except Exception as error:
        if not isinstance(error, LoginError | OSError | imaplib.IMAP4.error):
            log.exception("IMAP session with %s failed", host)
        raise connection_error(error, host, port, user, account_name) from None
    finally:
        if client is not None:
            try:
                client.logout()
            except Exception:
                with suppress(Exception):
                    client.shutdown()


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


def own_addresses(config: dict[str, Any]) -> set[str]:
    addresses = {str(config["address"]).lower()}
    user = str(config.get("user") or "")
    if "@" in user:
        addresses.add(user.lower())
    addresses.update(str(a).lower() for a in config.get("aliases", []))
    return addresses


def read_mailbox(account_name: str, config: dict[str, Any], cursor: dict[str, Any],
                 client: IMAPClient) -> tuple[list[IncomingMessage], dict[str, Any]]:
    """New messages of the account's folder (and Sent folder) and the cursor after them."""
    budget = Budget(messages=int(config.get("max_per_poll", MAX_PER_POLL)),
                    deadline=time.monotonic() + float(config.get("poll_deadline", POLL_DEADLINE)))
    folders_state = dict(cursor.get("folders") or {})
    items: list[IncomingMessage] = []
    inbox = config.get("folder") or "INBOX"
    plan = [(inbox, False)]
    sent = resolve_sent_folder(client, config.get("sent_folder"))
    if sent and sent != inbox:
        plan.append((sent, True))
    for folder, is_sent in plan:
        state = dict(folders_state.get(folder) or {})
        got, folders_state[folder] = _read_folder(
            client, account_name, config, folder, state, budget, is_sent)
        items.extend(got)
    return items, {**cursor, "folders": folders_state}


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


def _read_folder(
    client: IMAPClient, account_name: str, config: dict[str, Any], folder: str,
    state: dict[str, Any], budget: Budget, is_sent: bool,
) -> tuple[list[IncomingMessage], dict[str, Any]]:
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

    last_uid = int(state.get("last_uid") or 0)
    criteria: list[Any] = ["UID", f"{last_uid + 1}:*"]
    if state.get("syncing") and state.get("since"):
        criteria += ["SINCE", date.fromisoformat(state["since"])]
    uids = sorted(uid for uid in client.search(criteria) if uid > last_uid)
    finished = True
    if len(uids) > budget.messages:
        uids, finished = uids[: budget.messages], False
    items: list[IncomingMessage] = []
    pending = list(state.get("pending") or [])
    own = own_addresses(config)
    cap = int(config.get("max_message_bytes", MAX_MESSAGE_BYTES))
    for batch in _batches(client, uids, cap):
        if budget.spent():
            finished = False
            break
        for uid, item in _read_batch(client, account_name, folder, batch, own, cap, is_sent):
            last_uid = uid
            budget.messages -= 1
            if item is not None:
                items.append(item)
                if changes_server:
                    pending.append(uid)
    if finished:
        last_uid = max(last_uid, uid_next - 1)
        state["syncing"] = False
    state["last_uid"] = last_uid
    state["pending"] = pending[-MAX_PENDING:]
    return items, state


def _batches(client: IMAPClient, uids: list[int], cap: int) -> Iterator[list[tuple[int, int, int]]]:
    """(uid, size, arrival) in groups bounded by count and bytes."""
    for start in range(0, len(uids), BATCH_MESSAGES * 4):
        chunk = uids[start : start + BATCH_MESSAGES * 4]
        sizes = client.fetch(chunk, ["RFC822.SIZE", "INTERNALDATE"])
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
        bodies.update(client.fetch(whole, ["BODY.PEEK[]"]))
    if large:
        bodies.update(client.fetch(large, [f"BODY.PEEK[]<0.{PARTIAL_BYTES}>", "BODYSTRUCTURE"]))
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


# BODYSTRUCTURE: attachment names and sizes of messages too large to read whole


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "surrogateescape")
    if not isinstance(value, str):
        return ""
    try:
        return str(make_header(decode_header(value)))
    except Exception:
        return value


def _params(value: Any) -> dict[str, str]:
    params: dict[str, str] = {}
    if isinstance(value, tuple | list):
        items = list(value)
        for key, val in zip(items[::2], items[1::2], strict=False):
            params[_text(key).lower()] = _text(val)
    return params


def _rfc2231_value(params: dict[str, str], key: str) -> str | None:
    """`key` as RFC 2231 gives it: `key*` (charset'language'percent-encoded), or split into
    `key*0*`, `key*1`… continuations, which some servers pass on as they are (dovecot
    joins them into `key*`)."""
    pieces: list[tuple[int, str, bool]] = []
    for name, value in params.items():
        if not name.startswith(key + "*"):
            continue
        rest = name[len(key) + 1:]
        number = rest.removesuffix("*")
        if number == "" or number.isdigit():
            pieces.append((int(number or 0), value, rest == "" or rest.endswith("*")))
    if not pieces:
        return None
    pieces.sort(key=lambda piece: piece[0])
    charset = "utf-8"
    raw = b""
    for index, (_, value, extended) in enumerate(pieces):
        if index == 0 and extended:
            parts = value.split("'", 2)
            if len(parts) == 3:
                charset, value = parts[0] or "us-ascii", parts[2]
        raw += unquote_to_bytes(value) if extended else value.encode("utf-8", "replace")
    try:
        return raw.decode(charset, "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def _filename_from(params: dict[str, str]) -> str | None:
    for key in ("filename", "name"):
        found = _rfc2231_value(params, key)
        if found:
            return found
        if key in params:
            return params[key]
    return None


def structure_attachments(structure: Any, limit: int = 100) -> list[Attachment]:
    """Attachments listed in an IMAP BODYSTRUCTURE (sizes estimated from the encoded size)."""
    found: list[Attachment] = []

    def visit(part: Any, depth: int) -> None:
        if depth > 50 or len(found) >= limit or not isinstance(part, tuple | list):
            return
        if part and isinstance(part[0], list | tuple):  # multipart: (parts…, subtype, …)
            children = part[0] if isinstance(part[0], list) else [part[0]]
            for child in children:
                visit(child, depth + 1)
            return
        if len(part) < 7:
            return
        maintype, subtype = _text(part[0]).lower(), _text(part[1]).lower()
        params = _params(part[2])
        encoding = _text(part[5]).lower()
        size = int(part[6]) if isinstance(part[6], int) else 0
        if encoding == "base64":  # 76 characters and CRLF per line, 4 characters per 3 bytes
            size = size * 57 // 78
        disposition_index = {"text": 9, "message": 11}.get(maintype, 8)
        if maintype == "message" and subtype != "rfc822":
            disposition_index = 8
        disposition = part[disposition_index] if len(part) > disposition_index else None
        kind, disposition_params = "", {}
        if isinstance(disposition, tuple | list) and disposition:
            kind = _text(disposition[0]).lower()
            disposition_params = _params(disposition[1]) if len(disposition) > 1 else {}
        name = _filename_from(disposition_params) or _filename_from(params)
        content_type = f"{maintype}/{subtype}"
        if kind == "attachment" or name or maintype not in ("text", "multipart"):
            found.append(Attachment(name or "unnamed", size, content_type))

    try:
        visit(structure, 0)
    except Exception:
        log.debug("unreadable BODYSTRUCTURE", exc_info=True)
        return []
    return found
