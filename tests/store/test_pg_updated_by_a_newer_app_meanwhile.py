"""A newer app on another computer migrates the shared store while this (older) one has it
open: this one says to update, in one sentence, and changes nothing — never a driver's
error about a column it does not know."""

from __future__ import annotations

import psycopg
import pytest

from inbox_app.store import QueueQuery, SchemaTooNew, open_store, ping_location
from inbox_app.store.pg_migrations import MIGRATIONS_TABLE

pytestmark = pytest.mark.postgres


def newer_app_migrates(url: str) -> None:
    """What a later version's migration might do: rename a column this version uses."""
    with psycopg.connect(url, autocommit=True) as newer, newer.transaction():
        newer.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at)"
                      " VALUES ('m999_owner_instead_of_assignee', 0)")
        newer.execute("ALTER TABLE conversations RENAME COLUMN assignee TO owner")


@pytest.fixture
def older(pg_url):
    from tests.store.helpers import msg

    store = open_store(pg_url)
    store.add_staff("Maya")
    store.save_messages([msg("e1", "Where is my parcel?", email="ann@example.org")])
    yield store
    store.close()


def test_an_older_app_that_stays_open_is_told_to_update(older, pg_url):
    newer_app_migrates(pg_url)

    with pytest.raises(SchemaTooNew, match="newer version of inbox_app.*update the app"):
        older.assign(1, "Maya")
    with pytest.raises(SchemaTooNew, match="newer version"):
        older.queue(QueueQuery(filter="open"))
    with psycopg.connect(pg_url) as look:
        assert look.execute("SELECT owner FROM conversations WHERE id = 1").fetchone() == (None,)


def test_the_connection_check_says_to_update(older, pg_url):
    ping_location(pg_url)  # the same version: fine
    newer_app_migrates(pg_url)
    with pytest.raises(SchemaTooNew, match="update the app on this computer"):
        ping_location(pg_url)


def test_an_error_that_is_not_about_the_schema_stays_what_it_was(older):
    with pytest.raises(psycopg.errors.UndefinedTable):
        older._rows("SELECT * FROM no_such_table")
