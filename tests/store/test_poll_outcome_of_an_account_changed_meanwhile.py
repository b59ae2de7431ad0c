"""A poll's outcome recorded on the account as the poll read it, not on what the account
became meanwhile (see tests/sources/test_account_edited_while_it_is_polled.py for the
whole poll): an account removed and added again under its name is another account, and on
PostgreSQL an edit committed while the outcome is being recorded is not written over."""

from __future__ import annotations

import threading

import pytest

from inbox_app.store import open_store
from tests.pgserver import wait_until

OLD_PLACE = {"etag": '"old-feed"', "seen": ["o-1"]}


def test_an_account_removed_and_added_again_is_not_given_the_old_ones_poll(store,
                                                                        monkeypatch):
    """The same address, even, and on SQLite the same id: the new account starts its own
    history (and reads its feed's back catalogue as such), not where the removed one
    had got to."""
    read = store.add_account("Reviews", "feed", {"url": "https://reviews.example/feed"})
    store.remove_account("Reviews")
    monkeypatch.setattr("inbox_app.store.accounts.now", lambda: read.created_at + 60)
    again = store.add_account("reviews", "feed", {"url": "https://reviews.example/feed"})
    assert again.id == read.id or store.engine == "postgres"

    assert not store.record_poll_success("Reviews", cursor=OLD_PLACE, at=1000,
                                         next_poll_at=1300, read=read)
    assert not store.record_poll_failure("Reviews", error="Refused.", at=1000,
                                         next_poll_at=1300, read=read)

    again = store.get_account("Reviews")
    assert (again.cursor, again.last_poll_at, again.next_poll_at, again.failures) == (
        {}, None, None, 0)


def test_a_poll_of_the_account_as_it_is_is_recorded(store):
    read = store.add_account("Reviews", "feed", {"url": "https://reviews.example/feed"})
    store.update_account("Reviews", poll_interval=600)  # not where it reads: the same place

    assert store.record_poll_success("Reviews", cursor=OLD_PLACE, at=1000, next_poll_at=1600,
                                     read=read)
    account = store.get_account("Reviews")
    assert (account.cursor, account.last_success_at, account.next_poll_at) == (
        OLD_PLACE, 1000, 1600)


@pytest.mark.postgres
def test_an_edit_committing_while_the_poll_records_is_not_written_over(pg_url):
    """Under READ COMMITTED the recording looked at the account before the edit
    committed, waited on its row, and then wrote the old feed's place over the edit's
    cleared cursor. The edit's transaction is held open until the recording is seen
    waiting, so the moment is not left to chance."""
    desk, poller, onlooker = open_store(pg_url), open_store(pg_url), open_store(pg_url)
    try:
        read = desk.add_account("Reviews", "feed", {"url": "https://old.example/feed"})
        outcome = {}

        def record() -> None:
            outcome["recorded"] = poller.record_poll_success(
                "Reviews", cursor=OLD_PLACE, at=1000, next_poll_at=1300, read=read)

        with desk.transaction():  # Accounts → Edit → Save: another address, no old place
            desk.set_cursor("Reviews", {})
            desk.update_account("Reviews", config={"url": "https://new.example/feed"})
            worker = threading.Thread(target=record)
            worker.start()
            assert wait_until(lambda: not worker.is_alive() or onlooker._scalar(
                "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname ="
                " current_database() AND wait_event_type = 'Lock'"), timeout=10)
        worker.join(10)

        assert outcome == {"recorded": False}
        account = desk.get_account("Reviews")
        assert (account.cursor, account.next_poll_at) == ({}, None)
    finally:
        for store in (desk, poller, onlooker):
            store.close()
