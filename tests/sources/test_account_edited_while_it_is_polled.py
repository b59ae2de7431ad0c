"""An account the shop edits, pauses or removes while a poll is reading it.

The poll read the account (its settings, cursor and secret) before the change and
finishes after it. What it fetched are real messages of the shop and are kept; but its
cursor and its health speak of the account as it was, and must not be written over the
account as it is now: the new feed would be asked with the old one's ETag, the new
mailbox read from the old one's UID, the corrected password shown the old one's refusal.

Each race is made certain, not timed: the stand-in server (or the fetcher) makes the
change, through a connection of its own as the window or another computer would, before
it answers.
"""

from __future__ import annotations

from contextlib import closing

import pytest

from inbox_app import accounts, secrets
from inbox_app.core.timeutil import now
from inbox_app.sources import AccountSetup, FetchResult
from inbox_app.sources.poller import poll_once
from inbox_app.store import open_store
from tests.servers import Reply
from tests.sources.feed_helpers import FeedSite
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
NOW = 1_800_000_000


def rss(guid: str, title: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Reviews</title><item><guid isPermaLink=\"false\">{guid}</guid>"
            f"<title>{title}</title><link>https://reviews.example/{guid}</link>"
            f"<description>{title}.</description>"
            f"<pubDate>Mon, 02 Mar 2026 09:00:00 +0000</pubDate></item></channel></rss>"
            ).encode()


def edited_first(handler, edit):
    """`handler`, which on its first request makes `edit` before it answers."""
    done = []

    def handle(request):
        if not done:
            done.append(True)
            edit()
        return handler(request)

    return handle


def at_the_other_desk(store_location, change):
    """`change(store)` made through a store of its own, as the owner's window makes it."""
    def make() -> None:
        with closing(open_store(store_location)) as desk:
            change(desk)

    return make


def give_address(url: str, secret: str | None = None, username: str | None = None):
    """The owner's Accounts → Edit → Save, giving the feed another address."""
    def change(desk) -> None:
        account = desk.get_account("Reviews")
        config = {"url": url, **({"username": username} if username else {})}
        accounts.update_account(desk, account, AccountSetup(
            config, "Password" if username else None), secret, sign_in=None)

    return change


def messages_of(store, account: str) -> list[str]:
    return sorted(row["external_id"] for row in store._rows(
        "SELECT external_id FROM messages WHERE account = ?", (account,)))


def due(store) -> list[str]:
    return [account.name for account in store.due_accounts()]


@pytest.fixture
def site(http_server):
    return FeedSite(http_server)


def test_a_feed_given_a_new_address_mid_poll_is_read_afresh_at_the_new_one(
        store, store_location, site, http_server):
    """The poll that read the old address ends after the save: the old feed's ETag (and
    its list of entries seen) is not the new feed's cursor, and the new address is read
    at the next round rather than a whole interval later."""
    new_url = site.put("/new.xml", rss("n-1", "New place"), RSS, etag='"same-software"')
    site.put("/old.xml", rss("o-1", "Old place"), RSS, etag='"same-software"')
    http_server.route("GET", "/old.xml", edited_first(
        http_server.routes[("GET", "/old.xml")],
        at_the_other_desk(store_location, give_address(new_url))))
    store.add_account("Reviews", "feed", {"url": http_server.url("/old.xml")})

    (result,) = poll_once(store)

    assert result.ok and result.new == 1  # what the old feed held is the shop's all the same
    assert result.warning == ("Its settings were changed while it was read; the new ones are"
                              " read next.")
    account = store.get_account("Reviews")
    assert account.config == {"url": new_url}
    assert account.cursor == {}
    assert "Reviews" in due(store)

    (afresh,) = poll_once(store, due_only=True)
    (asked,) = http_server.requests_to("/new.xml")
    assert asked.header("If-None-Match") is None
    assert afresh.new == 1 and messages_of(store, "Reviews") == ["n-1", "o-1"]


def test_the_old_address_failing_after_the_fix_is_not_the_accounts_health(
        store, store_location, site, http_server):
    """The owner gives a broken feed its right address while a poll is asking the broken
    one: that poll's failure does not come back as the account's error, nor push the new
    address a backoff away."""
    new_url = site.put("/new.xml", rss("n-1", "New place"), RSS)
    http_server.route("GET", "/old.xml", edited_first(
        lambda request: Reply(404, {}, b"gone"),
        at_the_other_desk(store_location, give_address(new_url))))
    store.add_account("Reviews", "feed", {"url": http_server.url("/old.xml")})
    failed_at = now() - 600
    store.record_poll_failure("Reviews", error="The feed was not found.", at=failed_at,
                              next_poll_at=failed_at + 300)

    (result,) = poll_once(store)

    assert result.error == ("127.0.0.1 has nothing at /old.xml (404): check the address. Its"
                            " settings were changed while it was read; the new ones are read"
                            " next.")
    account = store.get_account("Reviews")
    assert (account.failures, account.last_error_at) == (0, failed_at)
    assert "Reviews" in due(store)
    (fixed,) = poll_once(store, due_only=True)
    assert fixed.ok and store.get_account("Reviews").last_error is None


def test_a_password_replaced_mid_poll_is_not_shown_the_old_ones_refusal(
        store, store_location, site, http_server):
    """A private feed's password corrected (the address as it was) while a poll signs in
    with the old one: the old one's 401 is not recorded over the new password."""
    url = http_server.url("/private.xml")
    http_server.route("GET", "/private.xml", edited_first(
        lambda request: Reply(401, {"WWW-Authenticate": 'Basic realm="x"'}, b""),
        at_the_other_desk(store_location, give_address(url, "right", "shop"))))
    store.add_account("Reviews", "feed", {"url": url, "username": "shop"})
    secrets.set_secret("Reviews", "wrong")

    (result,) = poll_once(store)

    assert result.error.endswith(
        " Its password or token was replaced while it was read; the new one is used next.")
    account = store.get_account("Reviews")
    assert (account.last_error, account.failures) == (None, 0)
    assert "Reviews" in due(store)


# Reading on (a server saying it has more) after the account changed


@pytest.fixture
def two_feeds(store, monkeypatch):
    """Two accounts polled through an injected fetcher."""
    import inbox_app.sources.poller as poller

    monkeypatch.setattr(poller, "pollable", lambda account: True)
    monkeypatch.setattr(poller, "source_module", lambda kind: None)
    monkeypatch.setattr(poller, "MAX_ROUNDS", 5)
    for name in ("Reviews", "Other"):
        store.add_account(name, "feed", {"url": f"https://example.com/{name}"},
                          poll_interval=600)
    return store


def fetcher_that_first(change, store_location):
    """A fetcher whose server always has more, and whose first fetch of Reviews makes
    `change` (at the other desk) before it answers; it records what it read."""
    read: list[tuple[str, dict]] = []
    make = at_the_other_desk(store_location, change)

    def fetch(account, secret):
        page = account.cursor.get("page", 0)
        if account.name == "Reviews" and not read:
            make()
        if account.name == "Reviews":
            read.append((account.config["url"], dict(account.cursor)))
        return FetchResult([msg(f"{account.name}-{page}", kind="feed", author="A")],
                           {"page": page + 1}, more=account.name == "Reviews")

    return fetch, read


def test_an_account_removed_while_it_is_read_on_ends_its_poll_quietly(
        two_feeds, store_location):
    """Removing the account left the poll looking it up to read on: NotFound stopped the
    whole round, the other accounts' results with it."""
    fetch, read = fetcher_that_first(lambda desk: accounts.remove_account(desk, "Reviews"),
                                     store_location)

    results = {r.account: r for r in poll_once(two_feeds, at=NOW, fetcher=fetch)}

    assert results["Reviews"].ok and results["Reviews"].new == 1
    assert results["Reviews"].warning == ("It was removed while it was read; what it brought"
                                          " in is kept.")
    assert results["Other"].ok and results["Other"].new == 1
    assert len(read) == 1
    assert messages_of(two_feeds, "Reviews") == ["Reviews-0"]


def test_an_account_paused_while_it_is_read_on_is_read_no_further(two_feeds, store_location):
    fetch, read = fetcher_that_first(
        lambda desk: desk.set_account_enabled("Reviews", False), store_location)

    (result, _) = sorted(poll_once(two_feeds, at=NOW, fetcher=fetch),
                         key=lambda r: r.account != "Reviews")

    assert result.ok and result.new == 1 and len(read) == 1
    account = two_feeds.get_account("Reviews")
    assert account.cursor == {"page": 1}  # the same source: where its reading stopped
    assert not account.enabled


def test_an_account_edited_while_it_is_read_on_is_read_afresh_next_round(
        two_feeds, store_location):
    """Reading on after the edit would read the new source with the secret the poll took
    before it (a corrected password not among them); the next round reads it afresh."""
    def edit(desk):
        desk.set_cursor("Reviews", {})
        desk.update_account("Reviews", config={"url": "https://example.com/elsewhere"})

    fetch, read = fetcher_that_first(edit, store_location)

    poll_once(two_feeds, at=NOW, fetcher=fetch)

    assert read == [("https://example.com/Reviews", {})]
    account = two_feeds.get_account("Reviews")
    assert account.cursor == {} and account.next_poll_at is None
    poll_once(two_feeds, at=NOW + 1, fetcher=fetch, account="Reviews")
    assert read[1] == ("https://example.com/elsewhere", {})
