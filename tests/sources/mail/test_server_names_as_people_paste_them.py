"""The mail servers' names as people paste them from a provider's help page: a scheme, a
port or a trailing slash around the name are read, not stored as the name; a name with a
space in it, or an address, is refused with why. `imap example.com` and `https://imap…`
were stored, and only Test connection found out."""

from __future__ import annotations

import json

import pytest


def add_email(run_cli, imap_host: str, smtp_host: str = "smtp.example.com", *more: str):
    return run_cli("account", "add", "email", "--name", "Shop mail", "--address",
                   "shop@example.com", "--imap-host", imap_host, "--smtp-host", smtp_host,
                   *more, "--no-check", stdin="app-password\n")


def stored_config(run_cli) -> dict:
    code, out, _ = run_cli("account", "list", "--json")
    assert code == 0
    (account,) = json.loads(out)
    return account["config"]


@pytest.mark.parametrize("typed, host, port", [
    ("imap.example.com", "imap.example.com", 993),
    ("imaps://imap.example.com:993/", "imap.example.com", 993),
    ("imap.example.com:143", "imap.example.com", 143),
    (" https://imap.example.com/ ", "imap.example.com", 993),
])
def test_the_name_and_port_are_read_from_what_was_pasted(run_cli, typed, host, port):
    code, _out, err = add_email(run_cli, typed)
    assert code == 0, err
    config = stored_config(run_cli)
    assert (config["imap_host"], config["imap_port"]) == (host, port)


def test_a_port_given_as_an_option_wins(run_cli):
    code, _out, err = add_email(run_cli, "imap.example.com:143", "smtp.example.com",
                                "--imap-port", "1993")
    assert code == 0, err
    assert stored_config(run_cli)["imap_port"] == 1993


@pytest.mark.parametrize("typed", ["imap example.com", "shop@example.com", "imap.example.com/mail"])
def test_a_name_that_is_no_server_is_refused_with_why(run_cli, typed):
    code, out, err = add_email(run_cli, typed)
    assert code == 2
    assert "is not a server's name for IMAP" in err
    assert run_cli("account", "list", "--json")[1].strip() in ("[]", "")
