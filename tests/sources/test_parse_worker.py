"""Feeds, mail and social posts read in a helper process (sources/parse_worker.py), as in
the same messages as parsing in line, errors in the same sentence, a helper that dies
fails one account and the next poll starts another."""

from __future__ import annotations

import os

import pytest

from inbox_app.sources import SourceError, parse_worker
from inbox_app.sources.poller import poll_once
from tests.sources.feed_helpers import FeedSite, fixture_bytes
from tests.sources.test_feeds import BOMB, RSS, billion_laughs

NOW = 1_780_000_000
FEEDS = {"reddit_search.xml": RSS, "google_alerts.xml": {"Content-Type": "application/atom+xml"},
         "youtube_channel.xml": {"Content-Type": "application/atom+xml"},
         "review_site.json": {"Content-Type": "application/feed+json"}}


@pytest.fixture
def helper():
    parse_worker.start()
    yield parse_worker
    parse_worker.stop()


def stored(store) -> list[tuple]:
    return [tuple(row.values()) for row in store._rows(
        "SELECT account, external_id, title, text, html, url, author_name, compound, pos,"
        " neu, neg FROM messages ORDER BY account, external_id")]


def test_the_work_runs_in_another_process_until_stopped(helper):
    assert helper.in_process()
    theirs = helper.run(os.getpid)
    assert theirs != os.getpid()
    assert helper.run(os.getpid) == theirs  # one helper, kept between calls
    helper.stop()
    assert not helper.in_process() and helper.run(os.getpid) == os.getpid()


def test_feeds_read_in_the_helper_store_what_reading_in_line_stores(store, tmp_path,
                                                                    http_server, helper):
    from inbox_app.store import open_store

    site = FeedSite(http_server)
    for name, headers in FEEDS.items():
        store.add_account(name, "feed", {"url": site.put(f"/{name}", fixture_bytes(name),
                                                         headers)})
    results = poll_once(store, at=NOW)
    assert [r.error for r in results] == [None] * 4
    assert sum(r.new for r in results) == len(stored(store)) >= 9

    helper.stop()
    in_line = open_store(tmp_path / "in-line.db")
    try:
        for name in FEEDS:
            in_line.add_account(name, "feed", {"url": http_server.url(f"/{name}")})
        poll_once(in_line, at=NOW)
        assert stored(store) == stored(in_line)
        assert all(row[7] is not None for row in stored(store))  # scored
    finally:
        in_line.close()


def test_a_hostile_feed_is_refused_in_the_helper_in_the_same_sentence(store, http_server,
                                                                      helper):
    site = FeedSite(http_server)
    store.add_account("Bomb", "feed", {"url": site.put("/bomb", billion_laughs(""), RSS)})
    (result,) = poll_once(store, at=NOW)
    assert result.error == BOMB
    assert helper.run(os.getpid) != os.getpid()  # the helper survived it


def test_a_helper_that_dies_fails_that_account_and_the_next_call_gets_a_new_one(helper):
    first = helper.run(os.getpid)
    with pytest.raises(SourceError, match="helper process that reads what accounts send stopped"):
        helper.run(os._exit, 9)
    second = helper.run(os.getpid)
    assert second not in (first, os.getpid())


def test_work_that_runs_past_the_deadline_is_stopped_and_the_helper_replaced(helper,
                                                                             monkeypatch):
    import time

    first = helper.run(os.getpid)
    monkeypatch.setattr(helper, "DEADLINE_S", 0.5)
    started = time.monotonic()
    with pytest.raises(SourceError, match="took longer than 0 s, so it was stopped"):
        helper.run(time.sleep, 60)
    assert time.monotonic() - started < 10
    assert not _alive(first)
    assert helper.run(os.getpid) not in (first, os.getpid())


def _alive(pid: int) -> bool:
    import time

    for _ in range(50):  # the killed helper is reaped by the pool's own thread
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True


def add_social_accounts(store, http_server) -> None:
    from inbox_app import secrets
    from tests.sources.bluesky_standin import HANDLE, PASSWORD
    from tests.sources.mastodon_standin import TOKEN as MASTODON_TOKEN
    from tests.sources.telegram_standin import TOKEN as TELEGRAM_TOKEN

    for name, kind, config, secret in (
            ("toots", "mastodon", {"server": http_server.base_url}, MASTODON_TOKEN),
            ("skeets", "bluesky", {"handle": HANDLE, "service": http_server.base_url},
             PASSWORD),
            ("chats", "telegram", {"api": http_server.base_url}, TELEGRAM_TOKEN)):
        store.add_account(name, kind, config)
        secrets.set_secret(name, secret)


def test_social_posts_are_mapped_in_the_helper_as_in_line(store, tmp_path, http_server,
                                                          corpus, helper, monkeypatch):
    """Mastodon, Bluesky and Telegram: their recorded answers, mapped and scored in the
    helper, store the same rows as mapped in line (10,000 Mastodon mentions mapped in
    the window's poll threads held its event loop up to 0.7 s)."""
    from inbox_app.store import open_store
    from tests.sources.bluesky_standin import Pds
    from tests.sources.mastodon_standin import MastodonServer
    from tests.sources.telegram_standin import BotApi

    MastodonServer(http_server)
    Pds(http_server)
    BotApi(http_server)
    sent_to_helper = []
    real_run = parse_worker.run

    def watched(function, *args):
        if parse_worker.in_process():
            sent_to_helper.append(function.__name__)
        return real_run(function, *args)

    monkeypatch.setattr(parse_worker, "run", watched)
    add_social_accounts(store, http_server)
    results = poll_once(store, at=NOW)
    assert sorted((r.account, r.error) for r in results) == [
        ("chats", None), ("skeets", None), ("toots", None)]
    assert sorted(set(sent_to_helper)) == [
        "listed_on_page", "mapped_posts", "mapped_statuses", "mapped_updates"]
    assert {row[0] for row in stored(store)} == {"chats", "skeets", "toots"}

    helper.stop()
    in_line = open_store(tmp_path / "in-line.db")
    try:
        add_social_accounts(in_line, http_server)
        poll_once(in_line, at=NOW)
        assert stored(store) == stored(in_line)
        assert all(row[7] is not None for row in stored(store))  # scored
    finally:
        in_line.close()
