"""Small builders for store tests."""

from __future__ import annotations

from inbox_app.core.identity import identity_refs
from inbox_app.core.models import IncomingMessage
from inbox_app.core.timeutil import parse_iso


def msg(
    external_id: str,
    text: str = "Hello there",
    *,
    kind: str = "email",
    at: str | int = "2026-03-01T10:00:00Z",
    direction: str = "in",
    thread: str | None = None,
    account: str = "",
    email: str | None = None,
    phone: str | None = None,
    handle: str | None = None,
    followers: int | None = None,
    author: str = "",
    staff: str | None = None,
    refs: tuple[str, ...] = (),
    labels: tuple[str, ...] = (),
    title: str | None = None,
) -> IncomingMessage:
    return IncomingMessage(
        kind=kind,
        external_id=external_id,
        text=text,
        at=at if isinstance(at, int) else parse_iso(at),
        account=account,
        direction=direction,
        thread=thread,
        refs=refs,
        author_name=author,
        identities=identity_refs(kind, email=email, phone=phone, handle=handle,
                                 followers=followers, author_name=author if direction == "in" else ""),
        staff=staff,
        labels=labels,
        title=title,
    )


def break_pages(path, *tables: str) -> None:
    """Overwrites the root page of each table (and of its indexes) with junk, as a disk
    fault would: the file still opens, and reading those tables finds the damage."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in connection.execute(
            f"SELECT rootpage FROM sqlite_master WHERE tbl_name IN ({','.join('?' * len(tables))})"
            " AND rootpage > 1", tables)]
    finally:
        connection.close()
    with open(path, "r+b") as file:
        for page in pages:
            file.seek((page - 1) * page_size)
            file.write(b"\xff" * page_size)


def fill_the_disk(store) -> None:
    """The file may not grow past its size now: SQLite says SQLITE_FULL, as on a full disk.
    (It lasts as long as this connection.)"""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
