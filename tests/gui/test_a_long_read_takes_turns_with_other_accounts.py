"""A first read of a big mailbox reads on step after step, and while a poll runs no other
one starts: mail another account's server announced waited until the whole backlog was in
(minutes on a real line). After about two minutes the read-on stops with its step stored,
the account is due again at once, and the next poll reads on — after the mail that arrived
meanwhile. Steps "take" time on a stepped clock, not on this machine's."""

from __future__ import annotations

import pytest

import inbox_app.sources.poller as poller
from inbox_app.core.timeutil import now
from inbox_app.gui import polling
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.polling import PollController
from inbox_app.sources import FetchResult
from inbox_app.store import open_store
from tests.store.helpers import msg

STEP_SECONDS = 50  # a step of the big mailbox, as a slow line reads it
BACKLOG_STEPS = 5


@pytest.fixture
def shop(tmp_path, monkeypatch):
    """A store with a big mailbox's backlog ("Big") and a quiet account ("Reviews"), read
    by a stand-in fetch that logs each step; returns (location, log)."""
    location = str(tmp_path / "shop.db")
    store = open_store(location)
    for name in ("Big", "Reviews"):
        store.add_account(name, "feed", {"url": f"https://example.com/{name}"},
                          poll_interval=600)
    store.close()
    clock = {"seconds": 1000.0}
    monkeypatch.setattr(polling, "monotonic_clock", lambda: clock["seconds"])
    log: list[tuple[str, int]] = []

    def fetch(account, secret):
        step = (account.cursor or {}).get("step", 0)
        log.append((account.name, step))
        if account.name == "Big":
            clock["seconds"] += STEP_SECONDS
        more = account.name == "Big" and step + 1 < BACKLOG_STEPS
        return FetchResult([msg(f"{account.name}-{step}", kind="feed", author="Ann")],
                           {"step": step + 1}, more=more)

    monkeypatch.setattr(poller, "_fetch_account", fetch)
    return location, log


def test_mail_that_arrives_during_a_long_read_is_read_between_its_steps(qtbot, shop):
    location, log = shop
    jobs = Jobs(location)
    controller = PollController(jobs)
    finished: list[list] = []
    controller.poll_finished.connect(finished.append)
    controller.start()
    try:
        assert controller.poll_now(account="Big")
        controller.push.arrived.emit("Reviews")  # its server announces mail meanwhile

        qtbot.waitUntil(lambda: len(log) == BACKLOG_STEPS + 1 and not controller.running,
                        timeout=30000)
    finally:
        controller.shut_down()
        jobs.wait()

    # Three steps (150 s) of the backlog, then Reviews' mail, then the rest of the backlog.
    assert log == [("Big", 0), ("Big", 1), ("Big", 2), ("Reviews", 0), ("Big", 3), ("Big", 4)]
    assert [[(r.account, r.new, r.error) for r in results] for results in finished] == [
        [("Big", 3, None)], [("Reviews", 1, None)], [("Big", 2, None)]]
    store = open_store(location)
    try:
        big = store.get_account("Big")
        assert big.cursor == {"step": BACKLOG_STEPS}  # each step stored with its cursor
        assert big.next_poll_at > now()  # read whole: back to its interval
        assert store.stats()["messages"] == BACKLOG_STEPS + 1
    finally:
        store.close()


def test_a_stopped_read_leaves_the_account_due_in_the_store(shop):
    """Closing the window between the turns loses nothing: the next start (or another
    computer of the team) reads on where the stored cursor says."""
    location, _ = shop
    store = open_store(location)
    try:
        turns = polling.TakingTurns(poller._fetch_account)
        results = turns.read_on_later(
            store, poller.poll_once(store, account="Big", fetcher=turns.fetch))

        [result] = results
        assert (result.new, result.error) == (3, None)
        big = store.get_account("Big")
        assert big.cursor == {"step": 3}
        assert result.next_poll_at == big.next_poll_at == big.last_poll_at
        assert [a.name for a in store.due_accounts()] == ["Big", "Reviews"]
    finally:
        store.close()



def test_a_stopped_read_of_an_account_edited_meanwhile_leaves_the_edit_alone(shop):
    """Its poll was not recorded (the settings changed while it read): read on later or
    not, the account stays as the edit left it, its old source's place not written back."""
    location, _ = shop
    store = open_store(location)
    try:
        turns = polling.TakingTurns(poller._fetch_account)
        fetch = turns.fetch

        def edited_while_read(account, secret):
            fetched = fetch(account, secret)
            if not fetched.more:  # its last step: the owner saves a new address now
                other = open_store(location)
                try:
                    other.update_account("Big", config={"url": "https://example.com/new"})
                finally:
                    other.close()
            return fetched

        polled = poller.poll_once(store, account="Big", fetcher=edited_while_read)
        as_edited = store.get_account("Big")
        [result] = turns.read_on_later(store, polled)

        assert result.next_poll_at is None
        assert as_edited.config == {"url": "https://example.com/new"}
        assert store.get_account("Big") == as_edited
    finally:
        store.close()
