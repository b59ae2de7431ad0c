"""The network drops just as a change is committed: the server may have saved it or not,
and this computer cannot tell. Saying "not saved" would have a person make it again — a
note twice, a customer's tag twice — so the message says to look first."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from inbox_app.store import StoreUnavailable, open_store
from tests.pgserver import TcpProxy
from tests.store.test_postgres import via

pytestmark = pytest.mark.postgres


def test_a_commit_cut_off_says_it_may_have_been_saved(pg_url, monkeypatch):
    proxy = TcpProxy(urlsplit(pg_url).port)
    store = open_store(via(pg_url, proxy.port))
    execute = store._execute

    def cut_at_commit(sql, params):
        if sql == "COMMIT":
            proxy.cut()
        return execute(sql, params)

    try:
        monkeypatch.setattr(store, "_execute", cut_at_commit)
        with pytest.raises(StoreUnavailable) as lost:
            store.add_staff("Maya")
        said = str(lost.value)
        assert "may have been saved" in said and "not saved" not in said
        assert "look again" in said
        # Cut off before the commit, nothing was saved, and it says so plainly.
        proxy.restore()
        monkeypatch.setattr(store, "_execute", execute)
        with pytest.raises(StoreUnavailable, match="was not saved"), store.transaction():
            store.add_staff("Theo")
            proxy.cut()
            store.add_staff("Priya")
    finally:
        store.close()
        proxy.close()
