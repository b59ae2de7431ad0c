"""Team mode on the command line: a shared database's address, as people mistype it."""

from __future__ import annotations

import sqlite3

import pytest

from inbox_app.cli import EXIT_USAGE, main
from inbox_app.store import StoreUnavailable, open_store
from tests.store.helpers import msg


@pytest.fixture
def cli(capsys):
    def run(*argv: str):
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.mark.parametrize("address", [
    "postgresql://inbox:S3cret-pw@[::1:5432/inbox",  # an IPv6 host not closed
    "postgresql://inbox:S3cret-pw@shop-pc:5432/inbox?sslmod=require",  # a misspelt setting
    "postgresql://shop-pc/inbox?password=S3cret-pw&bogus=1",
])
def test_an_address_psycopg_cannot_read_is_one_sentence_without_the_password(cli, address):
    code, out, err = cli("--db", address, "queue")
    assert code == EXIT_USAGE and out == ""
    assert "S3cret-pw" not in err
    assert err.startswith("inbox-app: ") and err.count("\n") == 1, err
    assert "is not a PostgreSQL address" in err


@pytest.mark.parametrize(("said", "expected"), [
    ("fe_sendauth: no password supplied",
     "The database server refused postgresql://inbox@shop-pc:5432/inbox: it asks for a"
     " password, and this computer has none for it (put it in the PostgreSQL password file,"
     " ~/.pgpass)."),
    ("server does not support SSL, but SSL was required",
     "The database server refused postgresql://inbox@shop-pc:5432/inbox: server does not"
     " support SSL, but SSL was required."),
])
def test_a_server_that_answers_no_is_not_called_unreachable(cli, monkeypatch, said, expected):
    """The server answered and said no: "check that the server is running" would send
    someone to the wrong place, and the window would wait for it to come back forever."""
    import psycopg

    def refuse(*_args, **_kwargs):
        raise psycopg.OperationalError(
            f'connection to server at "192.168.1.20", port 5432 failed: {said}\n')

    monkeypatch.setattr(psycopg, "connect", refuse)
    code, out, err = cli("--db", "postgresql://inbox@shop-pc:5432/inbox", "queue")
    assert (code, out, err) == (EXIT_USAGE, "", f"inbox-app: {expected}\n")


@pytest.mark.both_engines
def test_a_backup_of_the_shared_store_is_one_file(cli, store_location, tmp_path):
    """`backup --out` from PostgreSQL left the copy in WAL mode, with -wal and -shm files
    beside it after its check: a laptop given only the .db file is given a store that
    says it needs two more. Now it is one file, as a backup of a SQLite store is."""
    store = open_store(store_location)
    try:
        store.add_staff("Maya")
        store.save_messages([msg("1", "Where is my order?", email="ann@x.org")])
    finally:
        store.close()
    folder = tmp_path / "usb"
    folder.mkdir()
    code, out, err = cli("--db", store_location, "backup", "--out", str(folder / "copy.db"))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == ["copy.db"]
    with sqlite3.connect(folder / "copy.db") as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1


def test_a_backup_cut_off_by_the_server_leaves_nothing_behind(pg_url, tmp_path, monkeypatch):
    from inbox_app.store import move

    def cut_off(source, target, on_table=None):
        open_store(target).close()  # the copy had begun
        raise StoreUnavailable("Lost the connection to the shared database.")

    monkeypatch.setattr(move, "move_store", cut_off)
    store = open_store(pg_url)
    try:
        with pytest.raises(StoreUnavailable):
            store.backup_to(tmp_path / "copy.db")
    finally:
        store.close()
    assert list(tmp_path.iterdir()) == []


def test_libpq_keyword_settings_are_refused_without_echoing_the_password(capsys):
    from inbox_app.cli import main

    assert main(["--db", "host=db.shop dbname=inbox password='S3cret word'", "stats"]) == 2
    err = capsys.readouterr().err
    assert "S3cret" not in err
    assert err == ("inbox-app: host=db.shop dbname=inbox password=… looks like PostgreSQL"
                   " connection settings; give them as an address:"
                   " postgresql://user@host:port/dbname.\n")
