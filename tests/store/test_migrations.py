import sqlite3

import pytest

from inbox_app.store import NotAStore, SchemaTooNew, open_store
from inbox_app.store.migrations import schema_names


def test_an_empty_file_gets_every_table_and_migration(db_path):
    store = open_store(db_path)
    tables = set(store.db.table_names())
    for table in ("accounts", "messages", "conversations", "customers", "identities",
                  "customer_tags", "conversation_labels", "staff", "notes", "events", "settings",
                  "templates", "messages_fts", "customers_fts", "notes_fts"):
        assert table in tables
    applied = [row["name"] for row in store._rows(
        "SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == schema_names()
    assert store._scalar("PRAGMA journal_mode") == "wal"
    store.close()


def test_opening_twice_applies_nothing_new(db_path):
    open_store(db_path).close()
    store = open_store(db_path)
    assert store._scalar("SELECT COUNT(*) FROM _sqlite_migrations") == len(schema_names())
    store.close()


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(NotAStore):
        open_store(junk)
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE photos (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(NotAStore):
        open_store(other)


def test_a_store_from_a_newer_app_is_refused(db_path):
    store = open_store(db_path)
    store._exec("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                " VALUES ('inbox_app', 'm999_from_the_future', '2030-01-01')")
    store.close()
    with pytest.raises(SchemaTooNew):
        open_store(db_path)


def test_an_upgrade_refreshes_planner_statistics_so_new_indexes_are_known(db_path):
    from .helpers import msg

    store = open_store(db_path)
    store.save_messages([msg(str(i), email=f"c{i}@x.org") for i in range(30)])
    store.optimize()
    store.close()
    # As an older version left it: the newest migration not yet run, and statistics
    # that know nothing of one index (the newest migration's index, as it were).
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (schema_names()[-1],))
    conn.execute("DELETE FROM sqlite_stat1 WHERE idx = 'idx_conversations_status_priority'")
    conn.commit()
    conn.close()
    store = open_store(db_path)
    analyzed = {row["idx"] for row in store._rows("SELECT idx FROM sqlite_stat1")}
    assert "idx_conversations_status_priority" in analyzed
    store.close()


def test_auto_replies_stored_before_the_upgrade_are_marked_quiet(db_path):
    from dataclasses import replace

    from .helpers import msg

    store = open_store(db_path)
    store.save_messages([replace(msg("ooo", "Out of office", email="a@x.org"),
                                 meta={"auto": "auto-reply"}),
                         replace(msg("bounce", "Undeliverable", email="a@x.org"),
                                 meta={"auto": "bounce"}),
                         msg("hi", "Hello", email="b@x.org")])
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE messages SET quiet = 0")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm063_quiet_messages'")
    conn.commit()
    conn.close()
    store = open_store(db_path)
    quiet = {row["external_id"]: row["quiet"]
             for row in store._rows("SELECT external_id, quiet FROM messages")}
    assert quiet == {"ooo": 1, "bounce": 0, "hi": 0}
    store.close()
