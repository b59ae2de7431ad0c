"""New mail the moment it arrives: IMAP IDLE (RFC 2177) on an email account's folder.

Polling every few minutes leaves an angry customer's email unseen for as long; with
IDLE the server tells an open connection as soon as a message lands, and the window
then polls that one account at once. The connection stays open between arrivals, so
mail landing while that poll runs is heard as well. Nothing is read here: the regular
poll does that, with its cursor, caps and account lock, so a missed or doubled notice
costs at most one extra poll. The connection is read-only (EXAMINE) and renews its IDLE
well before the 30 minutes after which servers may drop it, and checks its line at once
after the computer slept (a connection dropped meanwhile sends no word of it).
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from inbox_app.sources import SourceError
from inbox_app.sources.mail_imap import imap_session, select_folder

RENEW_SECONDS = 25 * 60
CHECK_SECONDS = 1.0  # how often a waiting connection looks at its stop flag
SLEPT = 30.0  # seconds the wall clock ran ahead of the monotonic one: the computer slept
NEW_MAIL = (b"EXISTS", b"RECENT")


class IdleUnsupported(SourceError):
    """The server has no IDLE: the account is read by the regular polls only."""


def listen_for_mail(config: dict[str, Any], secret: str, stop: threading.Event,
                    arrived: Callable[[], None], *, waiting: Callable[[], None] | None = None,
                    renew: float = RENEW_SECONDS, check: float = CHECK_SECONDS,
                    wall_clock: Callable[[], float] = time.time) -> None:
    """Calls `arrived()` each time the account's folder gets a message, on one connection
    that stays open (mail landing while the poll reads the last one is heard too), until
    `stop` is set; `waiting()` is called once the server is listening.

    A server that cannot be reached, refuses the password or drops the connection
    raises SourceError, one without IDLE raises IdleUnsupported."""
    with imap_session(config, secret) as client:
        if b"IDLE" not in client.capabilities():
            raise IdleUnsupported(f"{config['imap_host']} does not offer IMAP IDLE.")
        select_folder(client, config.get("folder") or "INBOX", readonly=True)
        client.idle()
        idling_since = time.monotonic()
        if waiting is not None:
            waiting()
        try:
            while not stop.is_set():
                awake_since, wall_since = time.monotonic(), wall_clock()
                heard = client.idle_check(timeout=check)
                if not heard and _line_dropped(client.socket()):
                    raise SourceError(f"{config['imap_host']} closed the connection.")
                # The monotonic clock stands still while the computer sleeps, the wall clock
                # does not: after a sleep the line may be dead without a word (no FIN), so it
                # is checked at once (DONE must be answered within the read timeout).
                slept = (wall_clock() - wall_since) - (time.monotonic() - awake_since) > SLEPT
                if slept or time.monotonic() - idling_since > renew:
                    _, said_meanwhile = client.idle_done()
                    heard = heard + said_meanwhile
                    client.idle()
                    idling_since = time.monotonic()
                if _new_mail(heard) and not stop.is_set():
                    arrived()
        finally:
            with suppress(Exception):
                client.idle_done()


def _line_dropped(sock: socket.socket) -> bool:
    """True when the server has closed the connection: imapclient's idle_check reads
    that end of the stream as "nothing said", so a dropped line would be waited on
    for ever. The peek is at the raw bytes (under TLS too) and consumes nothing."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable) and socket.socket.recv(sock, 1, socket.MSG_PEEK) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except (OSError, ValueError):
        return True


def _new_mail(responses: list) -> bool:
    return any(len(response) > 1 and response[1] in NEW_MAIL for response in responses)
