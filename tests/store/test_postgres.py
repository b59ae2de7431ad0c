"""What only the PostgreSQL engine has: its schema history, its SQL dialect bridge, and
what happens when the server or the network goes away (a real server, a real TCP proxy)."""

from __future__ import annotations

import queue
import threading
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from inbox_app.store import (
    AccountBusy,
    Change,
    NotAStore,
    QueueQuery,
    SchemaTooNew,
    StoreError,
    StoreUnavailable,
    open_store,
)
from inbox_app.store.migrations import schema_names as sqlite_schema_names
from inbox_app.store.pg_connect import display_url
from inbox_app.store.pg_dialect import to_pyformat, tsquery_terms
from inbox_app.store.pg_migrations import MIGRATIONS_TABLE, pg_migrations
from inbox_app.store.pg_migrations import schema_names as pg_schema_names
from tests.pgserver import TcpProxy, free_port, wait_until

from .helpers import msg

pytestmark = pytest.mark.postgres


def via(url: str, port: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{port}"))


@pytest.fixture
def proxy(pg_url):
    tunnel = TcpProxy(urlsplit(pg_url).port)
    yield tunnel
    tunnel.close()


# The dialect bridge


def test_placeholders_become_pyformat_outside_strings_and_comments():
    assert to_pyformat("SELECT * FROM t WHERE a = ? AND b IN (?, ?)") == (
        "SELECT * FROM t WHERE a = %s AND b IN (%s, %s)")
    assert to_pyformat("SELECT '?', \"odd?name\", ? -- why?\n") == (
        "SELECT '?', \"odd?name\", %s -- why?\n")
    assert to_pyformat("SELECT 'it''s ?', ? /* ? */") == "SELECT 'it''s ?', %s /* ? */"
    assert to_pyformat("SELECT 100 % 7, '50%' WHERE x LIKE ?") == (
        "SELECT 100 %% 7, '50%%' WHERE x LIKE %s")


def test_search_text_becomes_safe_terms():
    assert tsquery_terms("wholesale pri") == ('"wholesale"', "", "pri")
    assert tsquery_terms('refund" OR "x') == ('"refund" "OR"', "", "x")
    # A word with punctuation inside is a phrase, its last part the prefix (as FTS5 reads it).
    assert tsquery_terms("o'bri") == ("", '"o"', "bri")
    assert tsquery_terms("a-10 it's x") == ('"a 10" "it s"', "", "x")
    assert tsquery_terms('ref"und') == ("", "", "refund")
    assert tsquery_terms("  *  ' ") == ("", "", None)
    assert tsquery_terms("café") == ("", "", "café")


def test_values_come_back_as_sqlite_would_give_them(pg_url):
    store = open_store(pg_url)
    try:
        row = store._row("SELECT SUM(x) AS total, AVG(x) AS mean, COUNT(*) AS n"
                         " FROM (VALUES (1), (2)) AS v (x)")
        assert row == {"total": 3, "mean": 1.5, "n": 2}
        assert type(row["total"]) is int and type(row["mean"]) is float
        assert store._scalar("SELECT ? + 1 AS n", (True,)) == 2  # flags are integers
        store.save_messages([msg("nul", "before\x00after", email="n@x.org")])
        assert store._scalar("SELECT COUNT(*) AS n FROM messages") == 1
        store._exec("INSERT INTO settings (key, value) VALUES (?, ?)", ("odd", "a\x00b"))
        assert store._scalar("SELECT value FROM settings WHERE key = 'odd'") == "a\ufffdb"
    finally:
        store.close()


def test_the_password_never_shows_in_the_location():
    shown = display_url("postgresql://shop:s3cret@nas.local:5433/inbox?sslmode=require")
    assert shown == "postgresql://shop@nas.local:5433/inbox"
    assert "s3cret" not in shown


# Schema history


def test_an_empty_database_gets_every_migration_recorded(pg_empty_url):
    store = open_store(pg_empty_url)
    try:
        assert store.applied_migrations() == pg_schema_names()
        tables = {r["table_name"] for r in store._rows(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema()")}
        assert {"messages", "conversations", "customers", "account_locks",
                MIGRATIONS_TABLE} <= tables
    finally:
        store.close()
    again = open_store(pg_empty_url)
    try:
        assert again._scalar(f"SELECT COUNT(*) AS n FROM {MIGRATIONS_TABLE}") == len(pg_migrations)
    finally:
        again.close()


def test_desktops_opening_a_new_database_at_once_migrate_it_once(pg_empty_url):
    results: list[object] = []
    start = threading.Barrier(5)

    def open_one():
        start.wait()
        try:
            opened = open_store(pg_empty_url)
            results.append(opened.applied_migrations())
            opened.close()
        except Exception as error:
            results.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [pg_schema_names()] * 5


def test_a_database_with_other_tables_is_refused(pg_empty_url):
    with psycopg.connect(pg_empty_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(NotAStore, match="other tables"):
        open_store(pg_empty_url)


def test_a_store_from_a_newer_app_is_refused(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at)"
                     " VALUES ('m999_from_the_future', 0)")
    with pytest.raises(SchemaTooNew, match="newer version"):
        open_store(pg_url)


def test_opening_without_create_needs_a_store(pg_empty_url):
    with pytest.raises(StoreError, match="There is no store"):
        open_store(pg_empty_url, create=False)


def test_the_engines_migrations_are_in_step():
    """Every SQLite migration has a PostgreSQL one of the same name, in the same order.
    A failure here after a merge means: port the new SQLite migration to
    store/pg_migrations.py (see its docstring)."""
    mirrored = [m.name for m in pg_migrations if not m.pg_only]
    assert mirrored == sqlite_schema_names()


def test_the_engines_have_the_same_tables_and_columns(pg_url, tmp_path):
    sqlite_store = open_store(tmp_path / "solo.db")
    try:
        sqlite_tables = {
            row["name"] for row in sqlite_store._rows(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE '%\\_fts%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                " AND name != '_sqlite_migrations'")
        }
        sqlite_columns = {
            table: [r["name"] for r in sqlite_store._rows(f"PRAGMA table_info({table})")]
            for table in sqlite_tables
        }
    finally:
        sqlite_store.close()
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name != %s"
            " AND table_name NOT LIKE '%%\\_fts'"
            " ORDER BY table_name, ordinal_position", (MIGRATIONS_TABLE,)).fetchall()
    pg_columns: dict[str, list[str]] = {}
    for table, column, data_type in rows:
        pg_columns.setdefault(table, []).append(column)
        assert data_type in ("bigint", "text", "double precision"), (table, column, data_type)
    assert pg_columns == sqlite_columns


def test_the_engines_have_the_same_indexes(pg_url, tmp_path):
    sqlite_store = open_store(tmp_path / "solo.db")
    try:
        sqlite_indexes = {
            row["name"] for row in sqlite_store._rows(
                "SELECT name FROM sqlite_master WHERE type = 'index'"
                " AND name NOT LIKE 'sqlite\\_autoindex%' ESCAPE '\\'"
                " AND name != 'idx__sqlite_migrations_migration_set_name'")
        }
    finally:
        sqlite_store.close()
    with psycopg.connect(pg_url) as conn:
        pg_indexes = {
            name for (name,) in conn.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                " AND indexname NOT LIKE '%%\\_pkey' AND indexname NOT LIKE '%%\\_fts'")
        }
    assert pg_indexes == sqlite_indexes


def test_a_shared_store_backs_up_to_one_consistent_sqlite_file(pg_url, tmp_path):
    from inbox_app.backup import backup_now, restore

    store = open_store(pg_url)
    try:
        store.save_messages([msg("1", "Where is my refund?", email="a@x.org")])
        store.add_staff("Maya")
        copy = backup_now(store, tmp_path / "team-copy.db")
        with pytest.raises(StoreError, match="pg_restore"):
            restore(pg_url, copy)
    finally:
        store.close()
    solo = open_store(copy)
    try:
        assert solo.stats()["messages"] == 1
        assert [s.name for s in solo.list_staff()] == ["Maya"]
        assert solo.list_customers(search="refu") == [] and solo.queue(
            QueueQuery(filter="all", search="refu"))
    finally:
        solo.close()


# When the server goes away


def test_an_unreachable_server_is_one_clear_sentence():
    with pytest.raises(StoreUnavailable, match=r"Cannot reach the shared database .*refused"):
        open_store(f"postgresql://nobody@127.0.0.1:{free_port()}/inbox")


def test_a_missing_database_is_not_mistaken_for_an_outage(pg_url):
    missing = pg_url.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(StoreError, match="does not exist") as caught:
        open_store(missing)
    assert not isinstance(caught.value, StoreUnavailable)


def test_a_lost_connection_is_unavailable_then_recovers_by_itself(pg_url, proxy):
    store = open_store(via(pg_url, proxy.port))
    try:
        store.add_staff("Maya")
        proxy.cut()
        with pytest.raises(StoreUnavailable, match="Lost the connection"):
            store.ping()
        with pytest.raises(StoreUnavailable):
            store.add_staff("Theo")
        proxy.restore()
        store.ping()
        assert [s.name for s in store.list_staff()] == ["Maya"]
        store.add_staff("Theo")
        assert [s.name for s in store.list_staff()] == ["Maya", "Theo"]
    finally:
        store.close()


def test_a_change_cut_off_midway_saves_nothing(pg_url, proxy):
    store = open_store(via(pg_url, proxy.port))
    try:
        with pytest.raises(StoreUnavailable, match="the change under way was not saved"), store.transaction():
            store.add_staff("Maya")
            proxy.cut()
            store.add_staff("Theo")
        proxy.restore()
        assert store.list_staff() == []
    finally:
        store.close()


def test_a_poller_that_drops_off_the_network_lets_go_of_its_account(pg_url, proxy):
    away = open_store(via(pg_url, proxy.port))
    here = open_store(pg_url)
    try:
        lock = away.account_lock("Shop mail")
        lock.__enter__()  # holds it, then its computer vanishes without letting go
        with pytest.raises(AccountBusy, match="being read by"), here.account_lock("Shop mail"):
            pass
        proxy.cut()

        def free() -> bool:
            try:
                with here.account_lock("Shop mail"):
                    return True
            except AccountBusy:
                return False

        assert wait_until(free, timeout=10)
        with pytest.raises(StoreUnavailable):  # it cannot pretend it still holds it
            away.ping()
        proxy.restore()
        lock.__exit__(None, None, None)
        away.ping()
    finally:
        away.close()
        here.close()


def test_the_listener_reconnects_and_says_everything_may_have_changed(pg_url, proxy):
    store = open_store(pg_url)
    arrived: queue.Queue[Change] = queue.Queue()
    listening = open_store(via(pg_url, proxy.port))
    listener = listening.listen(arrived.put)
    try:
        assert listener.wait_ready(10)
        store.add_staff("Maya")
        assert arrived.get(timeout=2) == Change("staff", None)
        proxy.cut()
        proxy.restore()
        assert arrived.get(timeout=15) == Change("*")
        store.add_staff("Theo")
        assert arrived.get(timeout=2) == Change("staff", None)
    finally:
        listener.stop()
        listening.close()
        store.close()


def _rounded(value):
    """Floats to 9 significant digits: the engines add up REALs in different orders."""
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    return value


def test_the_monthly_summary_is_the_same_on_both_engines(demo_on_both_engines):
    """The summary's queries (store/metrics.py) give the same figures on PostgreSQL."""
    import dataclasses

    from inbox_app.core.metrics import month_period
    from inbox_app.reports.figures import compute_figures

    solo, team = demo_on_both_engines
    for month in ("2026-03", "2026-04", "2026-05"):
        period = month_period(month)
        # One moment for both: "overdue" and the stamp are as of it (a second may tick).
        moment = 1_780_000_000
        expected = _rounded(dataclasses.asdict(compute_figures(solo, period, now_at=moment)))
        assert _rounded(dataclasses.asdict(
            compute_figures(team, period, now_at=moment))) == expected


def test_reserved_ids_are_consecutive_and_never_anyone_elses(pg_url):
    """A batch reserves a block of ids while another computer inserts one row at a time."""
    batch, other = open_store(pg_url), open_store(pg_url)
    taken_elsewhere: list[int] = []
    done = threading.Event()

    def insert_one_by_one():
        while not done.is_set():
            taken_elsewhere.append(other._insert(
                "INSERT INTO customers (name, message_count) VALUES (?, 0) RETURNING id",
                ("walk-in",)))

    worker = threading.Thread(target=insert_one_by_one)
    worker.start()
    blocks = []
    try:
        for _ in range(30):
            with batch.transaction():
                first = batch._reserve_ids("customers", 300)
                blocks.append(range(first, first + 300))
    finally:
        done.set()
        worker.join(10)
        batch.close()
        other.close()
    reserved = [n for block in blocks for n in block]
    assert len(set(reserved)) == len(reserved) == 9000
    assert not set(reserved) & set(taken_elsewhere)
    assert taken_elsewhere  # the other computer really was inserting meanwhile
