"""Reaching a PostgreSQL server: its address as libpq settings (with this app's
defaults) and as shown to people (never the password), whether it answers, and the
connection that LISTENs for colleagues' changes.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from inbox_app.store.base import Change, ChangeCallback, Listener
from inbox_app.store.errors import SchemaTooNew, StoreError, StoreUnavailable
from inbox_app.store.pg_migrations import CHANGE_CHANNEL, MIGRATIONS_TABLE, schema_names

CONNECTION_DEFAULTS = {
    "connect_timeout": "5",
    # A server that vanished (a NAS asleep, a cable out) is noticed within ~25 s
    # even while the connection is idle, instead of at the next query's TCP timeout.
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "5",
    "keepalives_count": "3",
    # Keepalives only watch an idle line: a statement sent after the network went is
    # never acknowledged, and TCP would retransmit it for ~15 minutes before giving up
    # (a job, an import, the window's next action hung that long). Give up after 30 s
    # instead; a shorter Wi-Fi blip is waited out.
    "tcp_user_timeout": "30000",
}
# The same asked of the server for the store's connection: a desktop whose network
# vanished mid-change (a lid shut, Wi-Fi gone) otherwise keeps its row locks and its
# poller's account lock until the server's own keepalive notices, two hours later by
# default, and colleagues touching the same conversation or account wait all that time.
# Set after connecting (not as startup `options`, which connection poolers refuse).
SERVER_SIDE_DEFAULTS = {
    "tcp_keepalives_idle": "10",
    "tcp_keepalives_interval": "5",
    "tcp_keepalives_count": "3",
    "tcp_user_timeout": "30000",
}

# libpq's words when the server answered but will not let this computer in without what
# it lacks (besides the server's own FATAL errors).
NO_PASSWORD = "fe_sendauth: no password supplied"
REFUSALS = ("but SSL was required", "SSL is not enabled on the server",
            "server does not support SSL")

# user:password@ after the scheme, the password up to the last @ (a password typed as it
# is may hold @ and /); psycopg quoting the address, or a piece of it, it could not read.
USER_PASSWORD = re.compile(r"^([a-z]+://[^:/@?#]*):.*@", re.IGNORECASE | re.DOTALL)
URI_QUOTED = re.compile(r"\s*in URI:\s*\".*$")
QUOTED = re.compile(r"\"([^\"]*)\"")
# What libpq reads as host, port or database name never holds an @ unless a password
# (or user name) with @ or / in it was typed as it is.
ADDRESS_PARTS = ("host", "port", "dbname")


def display_url(url: str) -> str:
    """The server and database, never the password (for messages and the title bar)."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return _without_password(url)
    if _password_misread(parts):
        return _without_password(url)
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname', '')}"


def _without_password(url: str) -> str:
    """An address psycopg could not read, as typed but for a password in it."""
    address, mark, query = USER_PASSWORD.sub(r"\1@", url).partition("?")
    kept = [item for item in query.split("&")
            if item and not item.lower().startswith("password=")]
    return address + (mark + "&".join(kept) if kept else "")


def _typed_password(url: str) -> str | None:
    """The password as typed in the address (between user: and the last @), if any."""
    match = USER_PASSWORD.match(url)
    return match.group(0)[len(match.group(1)) + 1 : -1] if match else None


def _password_misread(parts: dict[str, str]) -> bool:
    return any("@" in (parts.get(key) or "") for key in ADDRESS_PARTS)


def _odd_password(url: str) -> StoreError:
    return StoreError(
        f"The password in {_without_password(url)} holds characters that an address must"
        " spell as %-codes (@ as %40, / as %2F, % as %25, a space as %20); write it so,"
        " or keep the password in the PostgreSQL password file (~/.pgpass)."
    )


def conninfo(url: str) -> str:
    """The URL as libpq connection settings, with this app's defaults where it says nothing."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        # psycopg's words may quote the whole address, password and all: never shown.
        reason = (str(error).strip().splitlines() or ["unreadable"])[0]
        reason = URI_QUOTED.sub("", reason).replace(url, _without_password(url))
        password = _typed_password(url)
        if password and any(quoted and quoted in password for quoted in QUOTED.findall(reason)):
            raise _odd_password(url) from None  # what it could not read is in the password
        if password:
            reason = reason.replace(password, "…")
        raise StoreError(
            f"{display_url(url)} is not a PostgreSQL address psycopg understands"
            f" ({reason.rstrip('.: ')})."
        ) from None
    if _password_misread(parts):
        raise _odd_password(url)
    for key, value in CONNECTION_DEFAULTS.items():
        parts.setdefault(key, value)
    parts.setdefault("application_name", f"inbox-app on {socket.gethostname()}"[:63])
    return make_conninfo(**parts)


def ask_server_to_notice_a_vanished_desktop(conn: psycopg.Connection, url: str) -> None:
    """SERVER_SIDE_DEFAULTS for this connection, but for what the address itself sets.
    A server too old to know one of them keeps its own (nothing to stop work for)."""
    wanted = {name: value for name, value in SERVER_SIDE_DEFAULTS.items() if name not in url}
    if not wanted:
        return
    calls = ", ".join("set_config(%s, %s, false)" for _ in wanted)
    with contextlib.suppress(psycopg.Error):
        conn.execute(f"SELECT {calls}", [item for pair in wanted.items() for item in pair])


def ping_url(url: str) -> None:
    """Connects, asks, hangs up: raises StoreUnavailable when the server cannot be reached,
    SchemaTooNew when a newer app has changed the store since this one was made."""
    try:
        with psycopg.connect(conninfo(url), connect_timeout=3, autocommit=True) as conn:
            there = _has_store(conn)
            unknown = _unknown_migrations(conn) if there else set()
    except psycopg.Error as error:
        refused = refusal(error)
        if refused is not None:
            # Reached, and told no (a password changed, a login disabled): the window
            # still waits, as the next try may get in (a new password in ~/.pgpass).
            raise StoreUnavailable(
                f"The database server refused {display_url(url)}: {refused}."
            ) from None
        raise StoreUnavailable(
            f"Cannot reach the shared database {display_url(url)} ({failure_reason(error)})."
        ) from None
    if not there:
        # Dropped and made anew (a dump being restored into it): the window's next job
        # would create an empty store there, in the restore's way, and show nothing.
        raise StoreUnavailable(
            f"The shared database {display_url(url)} holds no inbox_app store right now"
            " (is it being restored or made anew?)."
        )
    if unknown:
        raise _updated_elsewhere(display_url(url))


def newer_schema(conninfo: str, location: str) -> SchemaTooNew | None:
    """SchemaTooNew when a newer app on another computer migrated the store after this one
    opened it (the likely reason for an unknown column or table), else None. Asked on a
    connection of its own: the one that failed may be in an aborted transaction."""
    try:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            unknown = _unknown_migrations(conn)
    except psycopg.Error:
        return None
    return _updated_elsewhere(location) if unknown else None


def _has_store(conn: psycopg.Connection) -> bool:
    return conn.execute("SELECT to_regclass(%s)", (MIGRATIONS_TABLE,)).fetchone()[0] is not None


def _unknown_migrations(conn: psycopg.Connection) -> set[str]:
    """Migrations the store records that this version of the app does not have."""
    if not _has_store(conn):
        return set()  # no store here yet: nothing newer than this app
    names = {row[0] for row in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}
    return names - set(schema_names())


def _updated_elsewhere(location: str) -> SchemaTooNew:
    return SchemaTooNew(
        f"{location} was updated by a newer version of inbox_app on another computer;"
        " update the app on this computer to go on working with it."
    )


def refusal(error: BaseException) -> str | None:
    """Why the server said no to connecting (a login, a missing database, a password it
    asks for, TLS it lacks): waiting will not help. None when it could not be reached."""
    text = str(error)
    if NO_PASSWORD in text:
        return ("it asks for a password, and this computer has none for it (put it in the"
                " PostgreSQL password file, ~/.pgpass)")
    if "FATAL" in text or any(said in text for said in REFUSALS):
        return failure_reason(error)
    return None


def failure_reason(error: BaseException) -> str:
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    detail = first.rsplit(" failed: ", 1)[-1].strip()
    detail = detail.removeprefix("FATAL:").strip()
    return detail[:1].lower() + detail[1:]


class PgListener(Listener):
    """LISTENs on its own connection in a thread; reconnects by itself.

    After a reconnect it reports Change("*"): notifications sent while it was away
    are gone, so everything shown may be stale.
    """

    def __init__(self, conninfo: str, callback: ChangeCallback):
        self._conninfo = conninfo
        super().__init__(callback)

    def _run(self) -> None:
        delay = 0.5
        missed = False
        while not self.stopped:
            try:
                conn = psycopg.connect(self._conninfo, autocommit=True)
            except psycopg.Error:
                missed = True
                self._stopped.wait(delay)
                delay = min(delay * 2, 10.0)
                continue
            try:
                with conn:
                    conn.execute(f"LISTEN {CHANGE_CHANNEL}")
                    self.ready.set()
                    delay = 0.5
                    if missed:
                        self._deliver(Change("*"))
                        missed = False
                    while not self.stopped:
                        for note in conn.notifies(timeout=0.25):
                            self._deliver(parse_change(note.payload))
            except psycopg.Error:
                missed = True
                self._stopped.wait(delay)


def parse_change(payload: str) -> Change:
    try:
        data = json.loads(payload)
        return Change(str(data.get("table") or "*"), data.get("id"))
    except (ValueError, AttributeError):
        return Change("*")
