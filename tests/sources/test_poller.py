"""The polling round: concurrency, atomic save with the cursor, health and backoff."""

import threading
import time

import keyring
import pytest

from inbox_app import secrets
from inbox_app.sources import FetchResult, SourceError
from inbox_app.sources.http import FetchError
from inbox_app.sources.poller import backoff, poll_once
from tests.store.helpers import msg

NOW = 1_800_000_000


@pytest.fixture
def feeds(store, monkeypatch):
    """Three feed accounts (feeds need no secret), polled through an injected fetcher."""
    import inbox_app.sources.poller as poller

    monkeypatch.setattr(poller, "pollable", lambda account: True)
    monkeypatch.setattr(poller, "source_module", lambda kind: None)
    for name in ("alpha", "beta", "gamma"):
        store.add_account(name, "feed", {"url": f"https://example.com/{name}"}, poll_interval=600)
    return store


def test_items_and_cursor_land_together_and_a_repoll_adds_nothing(feeds):
    def fetch(account, secret):
        return FetchResult([msg(f"{account.name}-1", kind="feed", author="A")],
                           {"seen": [f"{account.name}-1"]})

    results = poll_once(feeds, at=NOW, fetcher=fetch)
    assert sorted((r.account, r.new, r.error) for r in results) == [
        ("alpha", 1, None), ("beta", 1, None), ("gamma", 1, None)]
    assert feeds.get_account("alpha").cursor == {"seen": ["alpha-1"]}
    assert feeds.get_account("alpha").next_poll_at == NOW + 600
    again = poll_once(feeds, at=NOW + 1, fetcher=fetch)
    assert [r.new for r in again] == [0, 0, 0] and [r.duplicates for r in again] == [1, 1, 1]
    assert feeds.stats()["messages"] == 3


def test_an_account_with_more_is_fetched_again_at_once_adding_up_and_bounded(feeds,
                                                                            monkeypatch):
    import inbox_app.sources.poller as poller

    monkeypatch.setattr(poller, "MAX_ROUNDS", 5)
    seen_cursors = []

    def fetch(account, secret):
        page = (account.cursor or {}).get("page", 0)
        seen_cursors.append((account.name, page))
        more = account.name == "alpha" and page < 2 or account.name == "beta"
        return FetchResult([msg(f"{account.name}-{page}", kind="feed", author="A")],
                           {"page": page + 1}, skipped=1, more=more)

    results = {r.account: r for r in poll_once(feeds, at=NOW, fetcher=fetch)}
    assert (results["alpha"].new, results["alpha"].skipped) == (3, 3)  # pages 0, 1, 2
    assert results["beta"].new == 5  # always more: stops at MAX_ROUNDS, goes on next poll
    assert results["gamma"].new == 1
    assert sorted(p for name, p in seen_cursors if name == "alpha") == [0, 1, 2]
    assert feeds.get_account("beta").cursor == {"page": 5}

    def failing_second(account, secret):
        if (account.cursor or {}).get("page") == 5:
            raise FetchError("example.com had a server error (500); it will be retried later.",
                             status=500)
        return fetch(account, secret)

    results = {r.account: r for r in poll_once(feeds, account="beta", at=NOW + 1,
                                                fetcher=failing_second)}
    assert "server error" in results["beta"].error and feeds.stats()["messages"] == 9


def test_a_failing_account_does_not_affect_the_others(feeds):
    def fetch(account, secret):
        if account.name == "beta":
            raise FetchError("example.com had a server error (500); it will be retried later.",
                             status=500)
        if account.name == "gamma":
            raise RuntimeError("bug in a channel")
        return FetchResult([msg("a-1", kind="feed", author="A")], {"n": 1})

    results = {r.account: r for r in poll_once(feeds, at=NOW, fetcher=fetch)}
    assert results["alpha"].new == 1
    assert "server error" in results["beta"].error
    assert "failed unexpectedly" in results["gamma"].error
    beta = feeds.get_account("beta")
    assert beta.failures == 1 and beta.last_error == results["beta"].error
    assert beta.cursor == {}
    assert feeds.get_account("alpha").last_error is None


def test_a_slow_account_does_not_hold_up_the_others(feeds):
    """Alpha's fetch can only finish once the others' have: accounts are fetched side by
    side, and the slow one is reported last."""
    others_done = {"beta": threading.Event(), "gamma": threading.Event()}

    def fetch(account, secret):
        if account.name == "alpha":
            if not all(done.wait(timeout=30) for done in others_done.values()):
                raise AssertionError("the others waited for alpha")
        else:
            others_done[account.name].set()
        return FetchResult([], {})

    results = poll_once(feeds, at=NOW, fetcher=fetch)
    assert [(r.account, r.error) for r in results][-1] == ("alpha", None)


def test_a_crash_while_saving_keeps_the_old_cursor_and_stores_nothing(feeds, monkeypatch):
    def fetch(account, secret):
        return FetchResult([msg(f"{account.name}-x", kind="feed", author="A")], {"moved": True})

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(feeds, "record_poll_success", broken)
    with pytest.raises(OSError):
        poll_once(feeds, account="alpha", at=NOW, fetcher=fetch)
    assert feeds.get_account("alpha").cursor == {}
    assert feeds.stats()["messages"] == 0
    with pytest.raises(OSError):
        poll_once(feeds, at=NOW, fetcher=fetch)  # all three: the first to be stored fails
    monkeypatch.delattr(feeds, "record_poll_success")  # the class's own again
    again = poll_once(feeds, at=NOW + 1, fetcher=fetch)
    assert [(r.busy, r.new) for r in again] == [(None, 1)] * 3  # no account stayed locked


def test_backoff_doubles_and_honours_retry_after(feeds):
    def fetch(account, secret):
        raise FetchError("slow down", status=429, retry_after=5000)

    poll_once(feeds, account="alpha", at=NOW, fetcher=fetch)
    first = feeds.get_account("alpha")
    assert first.next_poll_at == NOW + 5000
    assert backoff(first, None) == 1200
    poll_once(feeds, account="alpha", at=NOW, fetcher=lambda a, s: (_ for _ in ()).throw(
        SourceError("still broken")))
    assert feeds.get_account("alpha").failures == 2
    assert poll_once(feeds, due_only=True, at=NOW + 10, fetcher=fetch) != []  # beta, gamma due
    assert "alpha" not in [r.account for r in poll_once(
        feeds, due_only=True, at=NOW + 10, fetcher=fetch)]


def test_watch_feeds_label_everything_they_bring(store, monkeypatch):
    import inbox_app.sources.poller as poller

    monkeypatch.setattr(poller, "pollable", lambda account: True)
    monkeypatch.setattr(poller, "source_module", lambda kind: None)
    store.add_account("Rival search", "feed", {"url": "https://x/y", "term": "Bean Barons"},
                      watch="competitor")
    poll_once(store, at=NOW, fetcher=lambda a, s: FetchResult(
        [msg("r1", "new shop opened", kind="feed", author="Z")], {}))
    labels = [r["label"] for r in store._rows("SELECT label FROM conversation_labels")]
    assert labels == ["mention:competitor:bean barons"]


def test_a_missing_keyring_is_an_account_error_in_one_sentence(store, monkeypatch):
    import inbox_app.sources.poller as poller

    class NeedsSecret:
        NEEDS_SECRET = True

    monkeypatch.setattr(poller, "pollable", lambda account: True)
    monkeypatch.setattr(poller, "source_module", lambda kind: NeedsSecret)
    store.add_account("shop mail", "email", {})
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    (result,) = poll_once(store, at=NOW, fetcher=lambda a, s: FetchResult())
    assert result.error == secrets.NO_KEYRING
    assert "Secret Service" in store.get_account("shop mail").last_error


def test_secrets_round_trip_through_the_keyring(memory_keyring):
    secrets.set_secret("shop", "hunter2")
    secrets.set_secret("shop", "jwt", slot="session")
    assert secrets.get_secret("shop") == "hunter2"
    assert memory_keyring.secrets[("inbox-app", "shop#session")] == "jwt"
    secrets.delete_all("shop")
    assert secrets.get_secret("shop") is None
    secrets.delete_secret("never-there")


def test_the_round_runs_fetches_in_parallel_threads(feeds):
    seen = set()
    barrier = threading.Barrier(3, timeout=5)

    def fetch(account, secret):
        barrier.wait()  # all three must be in flight at once, or this times out
        seen.add(threading.current_thread().name)
        return FetchResult([], {})

    assert all(r.ok for r in poll_once(feeds, at=NOW, fetcher=fetch))
    assert len(seen) == 3


def test_a_new_accounts_back_catalogue_arrives_archived_not_in_the_open_queue(feeds):
    from inbox_app.store import QueueQuery

    account = feeds.get_account("alpha")
    old = account.created_at - 10 * 86400
    recent = account.created_at - 3600

    def fetch(account, secret):
        return FetchResult([msg("old", "an old review", kind="feed", author="A", at=old),
                            msg("new", "a fresh review", kind="feed", author="B", at=recent)], {})

    poll_once(feeds, account="alpha", fetcher=fetch)
    open_rows = feeds.queue(QueueQuery(filter="open"))
    assert [r.preview for r in open_rows] == ["a fresh review"]
    (archived,) = feeds.queue(QueueQuery(filter="closed"))
    assert archived.preview == "an old review"
    assert feeds.history(archived.conversation_id)[-1]["action"] == "archived"
    assert feeds.queue(QueueQuery(filter="all", search="old review"))[0].status == "closed"


def test_feeds_download_together_but_parse_one_at_a_time(store, http_server, monkeypatch):
    """Waiting on servers overlaps; CPU-heavy parsing takes turns (PARSE_LOCK), so the
    window's event loop never queues behind several parsing threads at once."""
    from inbox_app.sources import feeds
    from tests.sources.feed_helpers import fixture_bytes

    body = fixture_bytes("reddit_search.xml")
    in_flight = threading.Barrier(4, timeout=10)  # passes only when all four are downloading

    def handle(request):
        from tests.servers import Reply

        in_flight.wait()
        return Reply(200, {"Content-Type": "application/rss+xml"}, body)

    parsing, most = [0], [0]
    guard = threading.Lock()
    real_parse = feeds.parse_feed

    def counted_parse(*args, **kwargs):
        with guard:
            parsing[0] += 1
            most[0] = max(most[0], parsing[0])
        try:
            time.sleep(0.05)  # long enough for the others to arrive, if they could
            return real_parse(*args, **kwargs)
        finally:
            with guard:
                parsing[0] -= 1

    monkeypatch.setattr(feeds, "parse_feed", counted_parse)
    for number in range(4):
        http_server.route("GET", f"/feed/{number}", handle)
        store.add_account(f"Feed {number}", "feed", {"url": http_server.url(f"/feed/{number}")})
    results = poll_once(store, at=NOW)
    assert [r.error for r in results] == [None] * 4 and all(r.new for r in results)
    assert most[0] == 1


def test_the_kinds_declared_able_to_reply_are_exactly_those_with_a_sender():
    from inbox_app import replies
    from inbox_app.sources import SENDS_REPLIES, SOURCE_MODULES

    for kind in SOURCE_MODULES:
        assert (replies._sender_for(kind) is not None) == (kind in SENDS_REPLIES), kind


def test_an_account_another_poller_holds_is_skipped_not_read_twice(feeds, store_location):
    from inbox_app.store import open_store

    other = open_store(store_location)  # another computer, or a cron job beside the window
    fetched = []

    def fetch(account, secret):
        fetched.append(account.name)
        return FetchResult([], {})

    try:
        with other.account_lock("alpha"):
            results = {r.account: r for r in poll_once(feeds, at=NOW, fetcher=fetch)}
    finally:
        other.close()
    assert "alpha" not in fetched and sorted(fetched) == ["beta", "gamma"]
    assert results["alpha"].busy and results["alpha"].error is None
    assert feeds.get_account("alpha").last_error is None
    assert [r.account for r in poll_once(feeds, at=NOW, fetcher=fetch)].count("alpha") == 1


@pytest.mark.both_engines
def test_a_shared_account_whose_secret_is_elsewhere_is_left_to_that_computer(
        store, monkeypatch, memory_keyring):
    """On a shared store, a computer without the account's secret recorded "the secret is
    missing" as the account's failure: its health flipped between working and failing,
    and the computer holding the secret waited out the backoff too. On one computer it
    is still the account's error."""
    import inbox_app.sources.poller as poller

    class NeedsSecret:
        NEEDS_SECRET = True

    monkeypatch.setattr(poller, "pollable", lambda account: True)
    monkeypatch.setattr(poller, "source_module", lambda kind: NeedsSecret)
    store.add_account("shop mail", "email", {})
    (result,) = poll_once(store, at=NOW, fetcher=lambda a, s: FetchResult())
    account = store.get_account("shop mail")
    if store.engine == "sqlite":
        assert result.error.startswith("The secret for shop mail is missing")
        assert account.failures == 1
    else:
        assert (result.error, result.busy) == (None, poller.ELSEWHERE)
        assert (account.failures, account.last_error, account.next_poll_at) == (0, None, None)
