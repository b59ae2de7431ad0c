"""The shared database dropped and made anew under the open windows (an administrator
restoring last night's dump into a fresh database of the same name): until a store is
in it again, the window waits read-only instead of coming back on an empty database."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from inbox_app.gui.connection import ConnectionWatch
from inbox_app.store import open_store

pytestmark = pytest.mark.postgres


def test_an_empty_database_in_the_stores_place_is_not_the_store_back(pg_databases, qtbot):
    """Seen: the watch called an empty database "back", the window's next jobs created a
    new, empty store in it (racing the restore, which then failed on tables that already
    existed) and showed an empty queue as if everything had gone."""
    name = pg_databases.migrated()
    url = pg_databases.make_url(name)
    watch = ConnectionWatch(url, interval_ms=50, lost_interval_ms=50)
    lost = []
    watch.lost.connect(lost.append)
    try:
        watch.start()
        qtbot.waitUntil(lambda: watch.available is True, timeout=15000)
        pg_databases.drop(name)
        pg_databases.admin.execute(f'CREATE DATABASE "{name}"')  # the restore starts
        qtbot.waitUntil(lambda: bool(lost), timeout=15000)
        qtbot.wait(500)  # several pings on the empty database
        assert watch.available is False
        assert urlsplit(url).path.lstrip("/") in watch.reason
        assert "no inbox_app store" in watch.reason, watch.reason
        with qtbot.waitSignal(watch.restored, timeout=15000):
            open_store(url).close()  # the restore finished: a store is there again
    finally:
        watch.stop()
        pg_databases.drop(name)


def test_a_window_job_on_an_empty_database_creates_no_store_in_it(pg_databases):
    """A job already queued when the database was made anew must not make a store in it
    either (the restore then failed on tables that already existed)."""
    from inbox_app.gui.jobs import open_existing_store
    from inbox_app.store import StoreUnavailable

    name = pg_databases.migrated()
    url = pg_databases.make_url(name)
    try:
        pg_databases.drop(name)
        pg_databases.admin.execute(f'CREATE DATABASE "{name}"')
        with pytest.raises(StoreUnavailable, match="being restored or made anew"):
            open_existing_store(url)
        with pytest.raises(StoreUnavailable):
            open_existing_store(url)  # still nothing made: asked again, the same answer
    finally:
        pg_databases.drop(name)
