"""What the call-log import tests share: the fixture files and the calls as stored (the
`cli` fixture, a command line on the test's own store, is in conftest.py)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from tests.conftest import FIXTURES

CALLS = FIXTURES / "calls"


def utc(iso: str) -> int:
    return int(datetime.fromisoformat(iso + "+00:00").timestamp())



def stored_calls(db: str) -> list[tuple]:
    """(time, direction, status, seconds, number, name) of each call, in time order."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT at, direction, author_name, meta FROM messages ORDER BY at, id").fetchall()
    return [(at, direction, json.loads(meta)["call"]["status"],
             json.loads(meta)["call"]["duration"], json.loads(meta)["call"]["number"], name)
            for at, direction, name, meta in rows]
