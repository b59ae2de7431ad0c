"""New mail the moment it arrives: IMAP IDLE (RFC 2177) on an email account's folder.

Polling every few minutes leaves an angry customer's email unseen for as long; with
IDLE the server tells an open connection as soon as a message lands, and the window
then polls that one account at once. Nothing is read here: the regular poll does
that, with its cursor, caps and account lock, so a missed or doubled notice costs
at most one extra poll. The connection is read-only (EXAMINE) and renews its IDLE
well before the 30 minutes after which servers may drop it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from inbox_app.sources import SourceError
from inbox_app.sources.mail_imap import imap_session, select_folder

RENEW_SECONDS = 25 * 60
CHECK_SECONDS = 1.0  # how often a waiting connection looks at its stop flag
NEW_MAIL = (b"EXISTS", b"RECENT")


class IdleUnsupported(SourceError):
    """The server has no IDLE: the account is read by the regular polls only."""


def wait_for_mail(config: dict[str, Any], secret: str, stop: threading.Event, *,
                  waiting: Callable[[], None] | None = None, renew: float = RENEW_SECONDS,
                  check: float = CHECK_SECONDS) -> bool:
    """Blocks until the account's folder gets a message (True) or `stop` is set (False);
    `waiting()` is called once the server is listening.

    A server that cannot be reached or refuses the password raises SourceError, one
    without IDLE raises IdleUnsupported."""
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
                if _new_mail(client.idle_check(timeout=check)):
                    return True
                if time.monotonic() - idling_since > renew:
                    _, said_meanwhile = client.idle_done()
                    if _new_mail(said_meanwhile):
                        return True
                    client.idle()
                    idling_since = time.monotonic()
            return False
        finally:
            with suppress(Exception):
                client.idle_done()


def _new_mail(responses: list) -> bool:
    return any(len(response) > 1 and response[1] in NEW_MAIL for response in responses)
