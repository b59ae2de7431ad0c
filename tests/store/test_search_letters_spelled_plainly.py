"""Letters that have no accent to take off (ø, æ, ł, đ, ð, þ, œ, ß) are found typed plainly,
on SQLite as on PostgreSQL ("soren" finds "Søren", "lodz" "Łódź", "aero" "Ærø"), in
messages, customers' names and notes; and the SQLite index stays right through edits,
merges, splits, deletes, other programs writing the store, a copy and an upgrade."""

from __future__ import annotations

import sqlite3

import pytest

from inbox_app.store import QueueQuery, open_store
from inbox_app.store.migrations import migrations

from .helpers import msg

SEARCH_INDEXES = ("messages_fts", "customers_fts", "notes_fts")


def found(store, typed: str) -> list[str]:
    return sorted(row.customer_name for row in store.queue(QueueQuery(filter="all",
                                                                        search=typed)))


def assert_indexes_sound(store) -> None:
    """FTS5's own check: the index holds exactly what its content (the folded view) says."""
    if store.engine != "sqlite":
        return
    for index in SEARCH_INDEXES:
        store._exec(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")


@pytest.fixture
def nordic(store):
    store.save_messages([
        msg("1", "Hilsen fra Søren på Ærø", email="s@x.dk", author="Søren Kragh"),
        msg("2", "Zamówienie do Łodzi, proszę o fakturę", email="p@x.pl", author="Paweł Łukasz"),
        msg("3", "Guðrún spurði um þjónustuna", email="g@x.is", author="Guðrún Þórsdóttir"),
        msg("4", "Die Straße vor dem Laden", email="d@x.de", author="Dora Weiß"),
        msg("5", "Đuro asked about the œuvre box set", email="h@x.hr", author="Hana Ford"),
        msg("6", "Siparişim nerede? Ħamrun'a gönderin", email="a@x.tr", author="Ayşe Işık"),
    ])
    return store


@pytest.mark.parametrize(("typed", "customer"), [
    ("soren", "Søren Kragh"), ("Søren", "Søren Kragh"), ("SOREN", "Søren Kragh"),
    ("aero", "Søren Kragh"), ("Ærø", "Søren Kragh"), ("AERØ", "Søren Kragh"),
    ("lodzi", "Paweł Łukasz"), ("Łodzi", "Paweł Łukasz"), ("pawel", "Paweł Łukasz"),
    ("lukasz", "Paweł Łukasz"), ("gudrun", "Guðrún Þórsdóttir"),
    ("thjonustuna", "Guðrún Þórsdóttir"), ("thorsdottir", "Guðrún Þórsdóttir"),
    ("strasse", "Dora Weiß"), ("straße", "Dora Weiß"), ("weiss", "Dora Weiß"),
    ("duro", "Hana Ford"), ("oeuvre", "Hana Ford"), ("œuvre", "Hana Ford"),
    ("isik", "Ayşe Işık"), ("IŞIK", "Ayşe Işık"), ("hamrun", "Ayşe Işık"),
    ("sor", "Søren Kragh"), ("søre", "Søren Kragh"),  # still typing: a prefix
    ('"fra soren"', "Søren Kragh"),  # a phrase
])
def test_typed_plainly_or_with_the_letter_finds_it_on_both_engines(nordic, typed, customer):
    assert found(nordic, typed) == [customer]


def test_the_queue_shows_the_letters_as_written(nordic):
    rows = nordic.queue(QueueQuery(filter="all", search="soren aero"))
    assert [(row.customer_name, row.preview) for row in rows] == [
        ("Søren Kragh", "Hilsen fra Søren på Ærø")]


def test_customer_names_and_notes_are_found_typed_plainly(store):
    store.save_messages([msg("1", "Order question", email="b@x.no", author="Bjørn")])
    conversation = store.queue(QueueQuery(filter="all"))[0]
    store.add_note("Ring Kjærstad tilbake", conversation_id=conversation.conversation_id)
    store.rename_customer(conversation.customer_id, "Bjørn Ødegård")
    assert found(store, "bjorn odegard") == ["Bjørn Ødegård"]
    assert found(store, "kjaerstad") == ["Bjørn Ødegård"]
    assert_indexes_sound(store)


def test_a_merged_renamed_and_split_customer_keeps_the_index_right(store):
    store.save_messages([
        msg("1", "Første bestilling", email="soren@x.dk", author="Søren"),
        msg("2", "Anden bestilling", handle="@soren@mastodon.social", kind="mastodon",
            author="S. Kragh"),
    ])
    first = {row.customer_name: row.customer_id for row in store.queue(QueueQuery(filter="all"))}
    store.merge_customers(first["Søren"], first["S. Kragh"])
    store.rename_customer(first["Søren"], "Søren Kragh Ødum")
    assert found(store, "kragh odum") == ["Søren Kragh Ødum"] * 2
    assert found(store, "forste") == ["Søren Kragh Ødum"]
    identity = store._scalar("SELECT id FROM identities WHERE kind = 'mastodon'")
    store.split_identity(identity, name="Søs Ærtebjerg")
    assert found(store, "aertebjerg") == ["Søs Ærtebjerg"]
    assert found(store, "anden") == ["Søs Ærtebjerg"]
    assert found(store, "odum") == ["Søren Kragh Ødum"]
    assert_indexes_sound(store)


def test_messages_and_notes_edited_or_deleted_elsewhere_keep_the_index_right(db_path):
    """Another program (the sqlite3 shell, a script) edits and deletes rows with SQLite's
    own functions only: the triggers run there, and the index follows."""
    store = open_store(db_path)
    store.save_messages([
        msg("1", "Pakken til Ærø er væk", email="a@x.dk", author="Åse Øberg"),
        msg("2", "Faktura fra Łódź", email="b@x.pl", author="Łucja"),
    ])
    conversation = store.queue(QueueQuery(filter="all", search="aero"))[0].conversation_id
    store.add_note("Spørg Bjørn om pakken", conversation_id=conversation)
    store.close()

    shell = sqlite3.connect(db_path)
    shell.execute("UPDATE messages SET text = 'Pakken til Møn er fundet' WHERE external_id = '1'")
    shell.execute("UPDATE notes SET text = 'Spørg Østergaard'")
    shell.execute("INSERT INTO notes (conversation_id, text, at) VALUES (?, 'Ring Jørgen', 1)",
                  (conversation,))
    shell.execute("DELETE FROM messages WHERE external_id = '2'")
    shell.commit()
    shell.close()

    store = open_store(db_path)
    assert found(store, "aero") == []
    assert found(store, "mon fundet") == ["Åse Øberg"]
    assert found(store, "bjorn") == []
    assert found(store, "ostergaard") == ["Åse Øberg"]
    assert found(store, "jorgen") == ["Åse Øberg"]
    assert found(store, "lodz") == []
    assert_indexes_sound(store)
    store.close()


def test_a_store_moved_to_another_file_is_found_typed_plainly(db_path, tmp_path):
    from inbox_app.store.move import move_store

    store = open_store(db_path)
    store.save_messages([msg("1", "Hilsen fra Søren", email="s@x.dk", author="Søren")])
    store.add_note("Bjørn ringer", conversation_id=store.queue(QueueQuery())[0].conversation_id)
    move_store(store, str(tmp_path / "moved.db"))
    store.close()
    moved = open_store(tmp_path / "moved.db")
    assert found(moved, "fra soren") == ["Søren"]
    assert found(moved, "bjorn") == ["Søren"]
    assert_indexes_sound(moved)
    moved.close()


def test_a_store_from_before_is_found_typed_plainly_once_opened(db_path):
    """An older version's store: its search indexes hold the letters as written. Opening
    it with this version spells them plainly."""
    store = open_store(db_path)
    store.save_messages([msg("1", "Zamówienie z Łodzi", email="p@x.pl", author="Paweł"),
                         msg("2", "Hilsen fra Ærø", email="s@x.dk", author="Søren")])
    danish = store.queue(QueueQuery(filter="all", search="ærø"))[0].conversation_id
    store.add_note("Bjørn ringer", conversation_id=danish)
    store.close()
    as_before(db_path)
    old = sqlite3.connect(db_path)
    assert old.execute("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'łodzi'"
                       ).fetchone() == (1,)
    old.close()

    store = open_store(db_path)
    assert found(store, "lodzi") == ["Paweł"]
    assert found(store, "aero soren") == ["Søren"]
    assert found(store, "bjorn") == ["Søren"]
    assert_indexes_sound(store)
    store.close()


def as_before(path) -> None:
    """The search indexes as the migrations before m074 built them (sqlite-utils' FTS5
    over the tables themselves, the letters as written), m074 not applied."""
    from sqlite_utils import Database

    names = migrations.names()
    latest = names.index("m074_search_spells_letters_plainly")
    db = Database(sqlite3.connect(path))
    for table in ("messages", "customers", "notes"):
        for trigger in ("ai", "ad", "au"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_{trigger}")
        db.execute(f"DROP TABLE {table}_fts")
        db.execute(f"DROP VIEW {table}_folded")
    for name, function, _ in migrations.entries:
        if name in ("m002_full_text_search", "m003_index_messages_in_batches",
                    "m051_index_customers_in_batches",
                    "m064_search_follows_only_searched_columns"):
            function(db)
    db.execute("DELETE FROM _sqlite_migrations WHERE name IN ({})".format(
        ", ".join("?" * len(names[latest:]))), names[latest:])
    db.conn.commit()
    db.conn.close()
