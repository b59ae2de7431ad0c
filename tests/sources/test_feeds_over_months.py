"""Feeds as a shop lives with them for months: reviews edited after they were read, feeds
that move or go away, sign-in pages where the feed was, ratings written into titles, and a
first read of a long archive. A real HTTP server on 127.0.0.1, the real poller and store."""

from __future__ import annotations

import json
import time
from email.utils import formatdate

import pytest

from inbox_app.sources import feeds, left_alone
from inbox_app.sources.poller import poll_once
from tests.servers import Reply
from tests.sources.feed_helpers import FeedSite

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
REVIEW_NS = 'xmlns:rev="http://purl.org/NET/RSS/2.0/modules/review/"'


@pytest.fixture
def site(http_server):
    return FeedSite(http_server)


def rss(items: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {REVIEW_NS}><channel>'
            f"<title>LocalEats reviews</title>{items}</channel></rss>").encode()


def review(guid: str, title: str, text: str, stars: int | None = None,
           published: str = "Mon, 02 Mar 2026 09:00:00 +0000") -> str:
    rating = f"<rev:rating>{stars}</rev:rating>" if stars is not None else ""
    return (f'<item><guid isPermaLink="false">{guid}</guid><title>{title}</title>'
            f"<link>https://localeats.example/reviews/{guid}</link>"
            f"<description>{text}</description>{rating}<pubDate>{published}</pubDate></item>")


def messages(store, account):
    return store._rows("SELECT * FROM messages WHERE account = ? ORDER BY id", (account,))


# A review edited after it was read


def test_an_edited_review_comes_back_into_its_conversation_with_the_new_stars(store, site):
    written = formatdate(time.time() - 7200)
    url = site.put("/reviews", rss(review("r-77", "Cold and slow", "Waited 25 minutes.", 1,
                                          written)), RSS, etag='"1"')
    store.add_account("LocalEats", "feed", {"url": url})
    assert poll_once(store)[0].new == 1
    (first,) = messages(store, "LocalEats")
    store.close_conversation(first["conversation_id"], at=int(time.time()) - 60)

    site.put("/reviews", rss(review("r-77", "They made it right",
                                    "The owner called me and fixed it. Lovely now.", 4, written)),
             RSS, etag='"2"')
    (result,) = poll_once(store)
    assert result.ok and result.new == 1
    original, edit = messages(store, "LocalEats")
    # What was read first stays as it was read; the edit is the conversation's newest word.
    assert original["title"] == "★☆☆☆☆ Cold and slow"
    assert edit["conversation_id"] == original["conversation_id"]
    assert edit["title"] == "★★★★☆ They made it right (edited)"
    assert edit["text"] == "The owner called me and fixed it. Lovely now."
    meta = json.loads(edit["meta"])
    assert meta["rating"] == {"value": 4, "best": 5} and meta["edited"] is True
    assert edit["url"] == original["url"]
    conversation = store._rows("SELECT status FROM conversations WHERE id = ?",
                               (original["conversation_id"],))[0]
    assert conversation["status"] == "open"  # the customer spoke again

    site.put("/reviews", rss(review("r-77", "They made it right",
                                    "The owner called me and fixed it. Lovely now.", 4, written)
                             + "<!-- served again -->"), RSS, etag='"3"')
    assert poll_once(store)[0].new == 0  # the same edit is told once


def test_entries_that_did_not_change_are_not_taken_for_edits(store, site):
    one = review("a", "Great", "Good beans.", 5)
    url = site.put("/r", rss(one), RSS, etag='"1"')
    store.add_account("R", "feed", {"url": url})
    poll_once(store)
    site.put("/r", rss(review("b", "Fine", "OK coffee.", 3) + one), RSS, etag='"2"')
    (result,) = poll_once(store)
    assert result.new == 1
    assert [row["external_id"] for row in messages(store, "R")] == ["a", "b"]


def test_a_mention_whose_points_and_comments_count_up_is_no_edit(store, site):
    """A Hacker News search feed writes "Points: 12 · Comments: 5" into every entry and
    counts them up between reads: each read made another "(edited)" message."""
    def mention(points: int, comments: int) -> bytes:
        return rss(review("hn-1", "Harbour Lane roasts are great",
                          f"Points: {points} # Comments: {comments}"))
    url = site.put("/hn", mention(3, 0), RSS, etag='"1"')
    store.add_account("HN", "feed", {"url": url})
    assert poll_once(store)[0].new == 1
    site.put("/hn", mention(57, 12), RSS, etag='"2"')
    assert poll_once(store)[0].new == 0
    assert len(messages(store, "HN")) == 1


def test_a_cursor_from_before_edits_were_noticed_does_not_flood_the_queue(store, site):
    """A store polled by an earlier version has the seen marks but no versions of entries:
    its next poll must not report every entry as edited."""
    url = site.put("/r", rss(review("a", "Great", "Good beans.", 5)), RSS, etag='"1"')
    store.add_account("R", "feed", {"url": url})
    poll_once(store)
    cursor = store.get_account("R").cursor
    old_style = {key: value for key, value in cursor.items() if key == "seen"}
    store.record_poll_success("R", cursor=old_style, at=int(time.time()),
                              next_poll_at=int(time.time()))
    site.put("/r", rss(review("a", "Great", "Good beans.", 5) + "<!-- x -->"), RSS, etag='"2"')
    assert poll_once(store)[0].new == 0
    site.put("/r", rss(review("a", "Great", "Good beans, fast service.", 5)), RSS, etag='"3"')
    assert poll_once(store)[0].new == 1  # from now on an edit is noticed


# A feed that moved, or is gone


@pytest.mark.parametrize("status", [301, 308])
def test_a_feed_that_moved_for_good_is_read_at_its_new_address(store, site, status):
    server = site.server
    site.put("/new/feed.xml", rss(review("r-1", "Nice", "Good.", 5)), RSS, etag=None)
    server.route("GET", "/old.rss", lambda r: Reply(status, {"Location": "/new/feed.xml"}, b""))
    store.add_account("Moved", "feed", {"url": server.url("/old.rss")})
    assert poll_once(store)[0].new == 1
    site.put("/new/feed.xml", rss(review("r-2", "Nicer", "Better.", 5)
                                  + review("r-1", "Nice", "Good.", 5)), RSS, etag=None)
    (result,) = poll_once(store)
    assert result.ok and result.new == 1
    assert len(server.requests_to("/old.rss")) == 1  # the second poll went straight there
    assert [row["external_id"] for row in messages(store, "Moved")] == ["r-1", "r-2"]


def test_a_move_found_on_an_unchanged_feed_is_remembered_too(store, site):
    """The site moves its feed and keeps its ETag: the first poll after the move is a 304
    from the new address, and the move is remembered all the same."""
    server = site.server
    body = rss(review("r-1", "Nice", "Good.", 5))
    site.put("/feed.xml", body, RSS, etag='"same"')
    store.add_account("Moving", "feed", {"url": server.url("/feed.xml")})
    poll_once(store)
    site.put("/v2/feed.xml", body, RSS, etag='"same"')
    server.route("GET", "/feed.xml", lambda r: Reply(301, {"Location": "/v2/feed.xml"}, b""))
    poll_once(store)
    poll_once(store)
    assert site.statuses("/v2/feed.xml") == [304, 304]
    assert len(server.requests_to("/feed.xml")) == 2


def test_a_temporary_redirect_is_not_remembered(store, site):
    server = site.server
    site.put("/today.xml", rss(review("r-1", "Nice", "Good.", 5)), RSS, etag=None)
    server.route("GET", "/feed", lambda r: Reply(302, {"Location": "/today.xml"}, b""))
    store.add_account("Temp", "feed", {"url": server.url("/feed")})
    poll_once(store)
    poll_once(store)
    assert len(server.requests_to("/feed")) == 2


def test_a_moved_feed_whose_address_the_shop_then_changes_is_read_at_the_shops_address(
        store, site):
    server = site.server
    site.put("/new.xml", rss(review("r-1", "Nice", "Good.", 5)), RSS, etag=None)
    site.put("/other.xml", rss(review("o-1", "Other", "Other feed.", 2)), RSS, etag=None)
    server.route("GET", "/old.xml", lambda r: Reply(301, {"Location": "/new.xml"}, b""))
    store.add_account("Moved", "feed", {"url": server.url("/old.xml")})
    poll_once(store)
    store.update_account("Moved", config={"url": server.url("/other.xml")})
    (result,) = poll_once(store)
    assert result.new == 1 and len(server.requests_to("/other.xml")) == 1


GONE = ("127.0.0.1 removed this feed for good (410 Gone at /gone.rss): remove the account,"
        " or give it the feed's new address (Accounts → Edit).")


@pytest.mark.both_engines
def test_a_feed_the_site_removed_says_so_and_is_left_alone_until_asked(store, site):
    """A 410 is the site saying the feed will not come back: retrying it every few hours
    for ever only repeats the error. It is read again when the shop asks (F5, `poll
    --account`) or gives the account another address."""
    server = site.server
    server.route("GET", "/gone.rss", lambda r: Reply(410, {}, b""))
    store.add_account("Gone", "feed", {"url": server.url("/gone.rss")})
    started = int(time.time())
    (result,) = poll_once(store, at=started)
    assert result.error == GONE
    a_week_later = started + 7 * 86400
    assert "Gone" not in [a.name for a in store.due_accounts(a_week_later)]
    (waiting,) = poll_once(store, after_failures=True, at=a_week_later)  # a cron round
    assert waiting.waiting_until is not None and waiting.error == GONE
    assert len(server.requests_to("/gone.rss")) == 1
    assert left_alone(store.get_account("Gone"), a_week_later)

    (asked,) = poll_once(store, account="Gone", after_failures=True, at=a_week_later)
    assert asked.error == GONE and len(server.requests_to("/gone.rss")) == 2

    site.put("/new.rss", rss(review("r-1", "Nice", "Good.", 5)), RSS, etag=None)
    store.update_account("Gone", config={"url": server.url("/new.rss")})
    assert not left_alone(store.get_account("Gone"), a_week_later)
    (moved_on,) = poll_once(store, due_only=True, at=a_week_later)
    assert moved_on.ok and moved_on.new == 1


def test_a_feed_that_fails_for_a_while_is_not_left_alone(store, site):
    server = site.server
    server.route("GET", "/down.rss", lambda r: Reply(503, {"Retry-After": "7200"}, b""))
    store.add_account("Down", "feed", {"url": server.url("/down.rss")})
    started = int(time.time())
    poll_once(store, at=started)
    assert not left_alone(store.get_account("Down"), started)
    assert "Down" in [a.name for a in store.due_accounts(started + 6 * 3600)]


def test_a_server_asking_to_wait_for_ever_is_tried_again_within_a_week(store, site):
    """A Retry-After of 10^20 seconds stopped the whole round with an OverflowError."""
    server = site.server
    server.route("GET", "/busy.rss", lambda r: Reply(503, {"Retry-After": "9" * 20}, b""))
    store.add_account("Busy", "feed", {"url": server.url("/busy.rss")})
    started = int(time.time())
    (result,) = poll_once(store, at=started)
    assert result.error == "127.0.0.1 had a server error (503); it will be retried later."
    assert started < store.get_account("Busy").next_poll_at <= started + 7 * 86400


def test_adding_a_feed_the_site_removed_says_so(site):
    from inbox_app.sources import SourceError
    from inbox_app.sources.http import FetchError, make_session

    site.server.route("GET", "/gone.rss", lambda r: Reply(410, {}, b""))
    with pytest.raises((SourceError, FetchError)) as refused:
        feeds.verify({"url": site.server.url("/gone.rss")}, None, make_session())
    assert str(refused.value) == ("127.0.0.1 removed this feed for good (410 Gone at"
                                  " /gone.rss): check the feed's address.")


def test_a_private_feed_that_moved_to_another_server_gets_no_password(store, site,
                                                                    memory_keyring):
    """Credentials are for the server they were given to: remembering where a feed moved
    must not send them on there."""
    from inbox_app.secrets import set_secret

    server = site.server
    site.put("/members.xml", rss(review("m-1", "Hello", "Members only.")), RSS, etag=None)
    elsewhere = server.url("/members.xml").replace("127.0.0.1", "localhost")
    server.route("GET", "/private.xml", lambda r: Reply(301, {"Location": elsewhere}, b""))
    store.add_account("Forum", "feed", {"url": server.url("/private.xml"), "username": "owner"})
    set_secret("Forum", "s3cret")
    poll_once(store)
    poll_once(store)
    assert [r.header("Authorization") for r in server.requests_to("/members.xml")] == [None, None]


@pytest.mark.parametrize("refusal", ["401", "sign-in page"])
def test_a_private_feed_that_moved_to_a_server_asking_for_its_password_says_why(
        store, site, memory_keyring, refusal):
    """The password was kept back on purpose: "check the password" would send the owner
    after a password that is right."""
    from inbox_app.secrets import set_secret

    server = site.server
    page = (b'<!DOCTYPE html><html><body><form><input type="password" name="p">'
            b"</form></body></html>")
    server.route("GET", "/members.xml", lambda r: Reply(401, {}, b"") if refusal == "401"
                 else Reply(200, {"Content-Type": "text/html"}, page))
    elsewhere = server.url("/members.xml").replace("127.0.0.1", "localhost")
    server.route("GET", "/private.xml", lambda r: Reply(301, {"Location": elsewhere}, b""))
    store.add_account("Forum", "feed", {"url": server.url("/private.xml"), "username": "owner"})
    set_secret("Forum", "s3cret")
    poll_once(store)
    (result,) = poll_once(store)
    assert result.error == (
        "The feed moved to localhost, which asks for a password; the app does not send the"
        " account's password to another server: if you trust localhost, give the account"
        f" the new address {elsewhere} (Accounts → Edit).")


# A web page where the feed was


@pytest.mark.parametrize("username, advice", [
    (None, "the feed may be private: add it again with --username and its password."),
    ("owner", "check the account's user name and password."),
])
def test_a_sign_in_page_instead_of_the_feed_says_so(store, site, username, advice,
                                                    memory_keyring):
    from inbox_app.secrets import set_secret

    page = (b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
            b'<form method="post" action="/login"><input name="user">'
            b'<input type="password" name="pass"><button>Log in</button></form></body></html>')
    config = {"url": site.put("/feed", page, {"Content-Type": "text/html; charset=utf-8"})}
    if username:
        config["username"] = username
        set_secret("Forum", "wrong")
    store.add_account("Forum", "feed", config)
    (result,) = poll_once(store)
    assert result.error == f"127.0.0.1 sent a sign-in page instead of the feed: {advice}"


def test_a_feed_without_a_password_refused_access_says_it_may_be_private(store, site):
    """It has no password to check: the way on is adding it with one."""
    site.server.route("GET", "/feed", lambda r: Reply(401, {}, b""))
    store.add_account("Forum", "feed", {"url": site.server.url("/feed")})
    (result,) = poll_once(store)
    assert result.error == ("127.0.0.1 refused access (401): the feed may be private: add it"
                            " again with --username and its password.")


# Ratings in the title


@pytest.mark.parametrize("title, rating", [
    ("★★★★☆ Great place", {"value": 4, "best": 5}),
    ("Great place ★★☆☆☆", {"value": 2, "best": 5}),
    ("⭐⭐⭐ Solid coffee", {"value": 3, "best": 5}),
    ("Rated 5/5 - lovely", {"value": 5, "best": 5}),
    ("Jane D. rated Harbour Lane 4 out of 5 stars", {"value": 4, "best": 5}),
    ("Rated it 2 stars, cold coffee", {"value": 2, "best": 5}),
    ("Rating: 8/10 – good espresso", {"value": 8, "best": 10}),
    ("4.5 out of 5 stars: almost perfect", {"value": 4.5, "best": 5}),
    ("Open 3/5 to 3/9 for the holidays", None),
    ("Top 5 coffee shops in Portland", None),
    ("Espresso basics (2/5)", None),
])
def test_a_rating_written_in_the_title_is_kept_with_the_review(store, site, title, rating):
    url = site.put("/r", rss(f'<item><guid isPermaLink="false">x</guid><title>{title}</title>'
                             "<description>Words.</description></item>"), RSS)
    store.add_account("R", "feed", {"url": url})
    poll_once(store)
    (row,) = messages(store, "R")
    assert json.loads(row["meta"]).get("rating") == rating
    assert row["title"] == title  # the feed's own words, not stars added twice


# The first read of a long archive


def test_the_first_read_of_a_long_feed_takes_the_newest_and_says_how_many_it_left(store, site):
    now = time.time()
    items = "".join(review(f"g{n}", f"Review {n}", f"Coffee number {n}.", None,
                           formatdate(now - 3600 * n)) for n in range(5000))
    store.add_account("Archive", "feed", {"url": site.put("/all", rss(items), RSS, etag=None)})
    (result,) = poll_once(store)
    assert (result.new, result.skipped) == (500, 4500)
    newest = store._rows("SELECT MIN(at) AS oldest FROM messages")[0]["oldest"]
    assert newest >= now - 3600 * 500
    more = review("g-new", "Newest", "Just now.", None, formatdate(now)) + items
    site.put("/all", rss(more), RSS, etag=None)
    (result,) = poll_once(store)
    assert (result.new, result.skipped) == (1, 0)  # the archive is told of once


def test_poll_once_says_the_older_entries_of_a_long_feed_were_left(site, run_cli, db_path):
    items = "".join(review(f"g{n}", f"Review {n}", "Words.", None) for n in range(620))
    url = site.put("/all", rss(items), RSS, etag=None)
    code, _, err = run_cli("account", "add", "feed", "--name", "Archive", "--url", url,
                           "--no-check")
    assert code == 0, err
    code, out, _ = run_cli("poll", "--once")
    assert code == 0
    assert "Archive: 500 new (120 older entries left unread)" in out


def test_the_seen_versions_stay_bounded(store, site, monkeypatch):
    monkeypatch.setattr(feeds, "SEEN_LIMIT", 4)
    url = site.put("/f", rss("".join(review(f"a{n}", "t", "x") for n in range(3))), RSS,
                   etag=None)
    store.add_account("F", "feed", {"url": url})
    poll_once(store)
    for round_ in range(1, 4):
        site.put("/f", rss("".join(review(f"b{round_}-{n}", "t", "x") for n in range(3))), RSS,
                 etag=None)
        poll_once(store)
    cursor = store.get_account("F").cursor
    assert len(cursor["seen"]) == 4 and set(cursor["versions"]) == set(cursor["seen"])


# Dates no feed can have had


@pytest.mark.parametrize("published", [
    "Thu, 01 Jan 1970 00:00:00 +0000",  # a generator's "no date"
    "Mon, 01 Jan 0001 00:00:00 +0000",
    "Sun, 01 Jan 1984 12:00:00 +0000",
])
def test_an_entry_dated_before_feeds_existed_is_dated_when_first_seen(store, site, published):
    """Taken at its word, a new mention dated 1970 is history before the account was added,
    and is filed away closed where nobody sees it."""
    store.add_account("Mentions", "feed", {"url": site.put(
        "/m", rss(review("m-1", "Harbour Lane is great", "Words.", None, published)), RSS)})
    before = int(time.time())
    poll_once(store)
    (row,) = messages(store, "Mentions")
    assert row["at"] >= before and json.loads(row["meta"])["dated"] == "first seen"
    status = store._rows("SELECT status FROM conversations WHERE id = ?",
                         (row["conversation_id"],))[0]["status"]
    assert status == "open"


def test_an_entry_dated_in_the_future_is_dated_when_first_seen(store, site):
    store.add_account("Mentions", "feed", {"url": site.put(
        "/m", rss(review("m-1", "Soon", "Words.", None, "Mon, 02 Mar 2099 09:00:00 +0000")),
        RSS)})
    before = int(time.time())
    poll_once(store)
    (row,) = messages(store, "Mentions")
    assert before <= row["at"] <= int(time.time()) + 1


# The same in the window's helper process


@pytest.fixture
def helper():
    from inbox_app.sources import parse_worker

    parse_worker.start()
    yield parse_worker
    parse_worker.stop()


def test_edits_sign_in_pages_and_long_feeds_read_in_the_helper_as_in_line(store, site, helper):
    url = site.put("/r", rss(review("a", "Great", "Good beans.", 5)), RSS, etag='"1"')
    store.add_account("R", "feed", {"url": url})
    poll_once(store)
    site.put("/r", rss(review("a", "Great", "Good beans, slow service.", 3)), RSS, etag='"2"')
    assert poll_once(store, account="R")[0].new == 1
    page = b'<html><body><form><input type="password" name="p"></form></body></html>'
    store.add_account("Forum", "feed", {"url": site.put("/login", page,
                                                        {"Content-Type": "text/html"})})
    items = "".join(review(f"g{n}", f"Review {n}", "Words.", None) for n in range(510))
    store.add_account("Archive", "feed", {"url": site.put("/all", rss(items), RSS)})
    results = {r.account: r for r in poll_once(store, account=None)}
    assert results["Forum"].error == ("127.0.0.1 sent a sign-in page instead of the feed: the "
                                      "feed may be private: add it again with --username and "
                                      "its password.")
    assert (results["Archive"].new, results["Archive"].skipped) == (500, 10)
    assert helper.in_process()


# Adding such a feed


def test_adding_a_long_feed_says_how_many_it_lists_and_how_many_the_first_read_takes(
        site, run_cli):
    items = "".join(review(f"g{n}", f"Review {n}", "Words.", None) for n in range(900))
    url = site.put("/all", rss(items), RSS)
    code, out, err = run_cli("account", "add", "feed", "--name", "Archive", "--url", url)
    assert code == 0, err
    assert out.strip() == ("added feed account Archive: found the feed 'LocalEats reviews' with "
                           "900 items; the first read takes the newest 500")


def test_adding_a_private_feed_says_why_in_words_for_adding(site, run_cli):
    page = b'<html><body><form><input type="password" name="p"></form></body></html>'
    url = site.put("/login", page, {"Content-Type": "text/html"})
    code, _, err = run_cli("account", "add", "feed", "--name", "Forum", "--url", url)
    assert code != 0
    assert err.strip() == ("inbox-app: The account was not added: 127.0.0.1 sent a sign-in page "
                           "instead of the feed: the feed may be private: add it with --username "
                           "and its password.")
