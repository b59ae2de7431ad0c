"""A shared database's password typed into its address as it is, odd characters and all
(`@`, `/`, `%`, a space): never shown back, and the message says how to write it."""

from __future__ import annotations

import pytest

from inbox_app.cli import EXIT_USAGE, main
from inbox_app.store import display_location

PASSWORD_PIECES = ("Tr0ub", "d0r9")


@pytest.mark.parametrize("password", [
    "Tr0ub/d0r9",  # libpq read "bob:Tr0ub" as host and port, the rest as the database name
    "Tr0ub@d0r9",  # libpq ended the password at the first @: the host was "d0r9@…"
    "Tr0ub%zzd0r9",  # psycopg quoted the bad %-code, password and all
    "Tr0ub d0r9",  # psycopg quoted the text with the space
])
def test_the_password_is_never_shown_and_the_message_says_how_to_write_it(capsys, password):
    address = f"postgresql://bob:{password}@127.0.0.1:1/shop"
    code = main(["--db", address, "queue"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert not any(piece in err for piece in PASSWORD_PIECES), err
    assert err.startswith("inbox-app: ") and err.count("\n") == 1, err
    assert "postgresql://bob@127.0.0.1:1/shop" in err
    assert "%40" in err and "~/.pgpass" in err, err
    shown = display_location(address)
    assert not any(piece in shown for piece in PASSWORD_PIECES), shown


def test_a_password_written_with_percent_codes_is_read_as_meant():
    from psycopg.conninfo import conninfo_to_dict

    from inbox_app.store.pg_connect import conninfo

    address = "postgresql://bob:Tr0ub%40d0r9%2F%20x@db.shop.lan:5433/shop?sslmode=require"
    settings = conninfo_to_dict(conninfo(address))
    assert settings["password"] == "Tr0ub@d0r9/ x"
    assert (settings["host"], settings["port"], settings["dbname"]) == ("db.shop.lan", "5433",
                                                                       "shop")
    assert settings["sslmode"] == "require"
    assert display_location(address) == "postgresql://bob@db.shop.lan:5433/shop"
