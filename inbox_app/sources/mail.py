"""Email: a mailbox read over IMAP, replies sent over SMTP, threaded like a mail client.

The parts: `mail_imap` reads new mail by UID (nothing changed on the server),
`mail_parse` turns raw bytes into messages defensively, `mail_quotes` sets the
quoted history and signature apart from what the customer wrote now, and
`mail_smtp` sends replies with the threading headers. This module is the
channel protocol the app talks to (see `inbox_app.sources`).
"""

from __future__ import annotations

import argparse
from typing import Any
from urllib.parse import urlsplit

from inbox_app.core.identity import IdentityError, normalize_email
from inbox_app.core.models import Account
from inbox_app.replies import SendError, register_sender
from inbox_app.sources import AccountSetup, FetchResult, SourceError
from inbox_app.sources.mail_connection import check_security
from inbox_app.sources.mail_imap import (
    HISTORY_DAYS,
    imap_session,
    read_mailbox,
    resolve_sent_folder,
)
from inbox_app.sources.mail_smtp import check_sending, send_reply

NEEDS_SECRET = True
SECRET_LABEL = "Mail password (or app password)"
SECURITY = ("ssl", "starttls", "none")
IMAP_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
SMTP_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--address", required=True, help="the shop's email address (replies come "
                        "from it)")
    parser.add_argument("--user", help="the login name, if not the address")
    parser.add_argument("--imap-host", required=True, help="the incoming (IMAP) server")
    parser.add_argument("--imap-port", type=int, help="default 993 for ssl, 143 otherwise")
    parser.add_argument("--imap-security", choices=SECURITY, default="ssl",
                        help="ssl (default), starttls, or none (only for this computer)")
    parser.add_argument("--imap-folder", default="INBOX", help="the folder to read (default INBOX)")
    parser.add_argument("--smtp-host", required=True, help="the outgoing (SMTP) server")
    parser.add_argument("--smtp-port", type=int, help="default 587 for starttls, 465 for ssl")
    parser.add_argument("--smtp-security", choices=SECURITY, default="starttls",
                        help="starttls (default), ssl, or none (only for this computer)")
    parser.add_argument("--sent-folder", metavar="FOLDER",
                        help="also read this folder (or 'auto': the server's Sent folder), so "
                        "mail sent from other programs counts as replies")
    parser.add_argument("--copy-to-sent", action="store_true",
                        help="file the replies sent from the app in the Sent folder")
    parser.add_argument("--history-days", type=int, default=HISTORY_DAYS,
                        help=f"on the first read, how many days back (default {HISTORY_DAYS}; "
                        "0 reads everything)")
    parser.add_argument("--mark-read", action="store_true",
                        help="mark mail read on the server once it is stored (default: never)")
    parser.add_argument("--delete-after-import", action="store_true",
                        help="delete mail from the server once it is stored (default: never)")


def _port(value: int | None, default: int, what: str) -> int:
    port = default if value is None else value
    if not 0 < port < 65536:
        raise SourceError(f"{port} is not a port number for the {what} server.")
    return port


def _server(typed: str, port: int | None, what: str) -> tuple[str, int | None]:
    """A server's name as people paste it — `imaps://imap.example.com:993/` or
    `imap.example.com:993` from a provider's help page — and the port it names, unless
    one was given; a name with a space or a slash in it is none (it was stored, and only
    Test connection found out)."""
    text = typed.strip()
    if "://" in text:
        text = urlsplit(text).netloc
    text = text.rstrip("/")
    host, colon, tail = text.rpartition(":")
    if colon and tail.isdecimal() and host.count(":") == 0:
        text, port = host, port if port is not None else int(tail)
    if not text or any(character.isspace() or character in "/@" for character in text):
        raise SourceError(f"{typed.strip()!r} is not a server's name for {what}; write it as"
                          " the provider gives it, e.g. imap.example.com.")
    return text, port


def account_config(args: argparse.Namespace) -> AccountSetup:
    try:
        address = normalize_email(args.address)
    except IdentityError:
        raise SourceError(f"{args.address!r} is not an email address.") from None
    if not (args.imap_host or "").strip() or not (args.smtp_host or "").strip():
        raise SourceError("An email account needs both an IMAP and an SMTP server name.")
    imap_host, imap_port = _server(args.imap_host, args.imap_port, "IMAP")
    smtp_host, smtp_port = _server(args.smtp_host, args.smtp_port, "SMTP")
    check_security(imap_host, args.imap_security, "IMAP")
    check_security(smtp_host, args.smtp_security, "SMTP")
    if args.history_days < 0:
        raise SourceError("--history-days cannot be negative.")
    if args.copy_to_sent and not args.sent_folder:
        args.sent_folder = "auto"
    config: dict[str, Any] = {
        "address": address,
        "user": (args.user or "").strip() or address,
        "imap_host": imap_host,
        "imap_port": _port(imap_port, IMAP_PORTS[args.imap_security], "IMAP"),
        "imap_security": args.imap_security,
        "folder": (args.imap_folder or "INBOX").strip() or "INBOX",
        "smtp_host": smtp_host,
        "smtp_port": _port(smtp_port, SMTP_PORTS[args.smtp_security], "SMTP"),
        "smtp_security": args.smtp_security,
        "sent_folder": (args.sent_folder or "").strip() or None,
        "copy_to_sent": bool(args.copy_to_sent),
        "history_days": args.history_days,
        "mark_read": bool(args.mark_read),
        "delete_after_import": bool(args.delete_after_import),
    }
    return AccountSetup(config, secret_label=SECRET_LABEL)


def verify(config: dict[str, Any], secret: str | None, session=None) -> str:
    """Signs in to both servers; one sentence on success, SourceError otherwise."""
    if not secret:
        raise SourceError("An email account needs its password.")
    with imap_session(config, secret) as client:
        info = client.select_folder(config.get("folder") or "INBOX", readonly=True) \
            if client.folder_exists(config.get("folder") or "INBOX") else None
        if info is None:
            raise SourceError(f"There is no folder {config.get('folder')!r} on "
                              f"{config['imap_host']}.")
        sent = resolve_sent_folder(client, config.get("sent_folder"))
        if sent and not client.folder_exists(sent):
            raise SourceError(f"There is no folder {sent!r} on {config['imap_host']}.")
    try:
        check_sending(config, secret)
    except SendError as error:
        raise SourceError(str(error)) from None
    count = int(info.get(b"EXISTS") or 0)
    also = f" (and {sent})" if sent else ""
    return (f"signed in to {config['imap_host']} and {config['smtp_host']} as "
            f"{config.get('user') or config['address']}; {config.get('folder')}{also} holds "
            f"{count} message{'s' if count != 1 else ''}.")


def fetch(account: Account, secret: str | None, session=None) -> FetchResult:
    """New mail since the account's cursor; runs in a worker thread, never touches the store."""
    if not secret:
        raise SourceError(f"The password for {account.name} is missing.")
    with imap_session(account.config, secret, account_name=account.name) as client:
        return read_mailbox(account.name, account.config, account.cursor, client)


register_sender("email", send_reply)
