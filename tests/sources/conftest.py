"""Fixtures the channel tests share: the stand-in Bluesky server and the shop's account on it."""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.cli import main
from tests.sources.bluesky_standin import HANDLE, PASSWORD, Pds


@pytest.fixture
def pds(http_server, corpus):
    """A Bluesky server (PDS) on 127.0.0.1 answering as the documented XRPC API does."""
    return Pds(http_server)


@pytest.fixture
def bluesky_shop(store, pds, http_server):
    """The store with the shop's Bluesky account on `pds`, its app password in the keyring."""
    store.add_account("shop", "bluesky", {"handle": HANDLE, "service": http_server.base_url})
    secrets.set_secret("shop", PASSWORD)
    return store


@pytest.fixture
def cli(tmp_path, capsys):
    """`cli(*args)`: `inbox-app --db <the test's store> ARGS…` → (code, out, err)."""
    db = str(tmp_path / "calls.db")

    def run(*args):
        code = main(["--db", db, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    run.db = db
    return run
