"""Feed accounts on the command line over months: a feed the site removed (410 Gone) and a
feed that moved for good, as `account list` and a cron job's `poll --once` tell of them."""

from __future__ import annotations

import json

import pytest

from tests.servers import Reply
from tests.sources.feed_helpers import FeedSite

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>LocalEats</title>'
        b'<item><guid isPermaLink="false">r-1</guid><title>Nice</title>'
        b"<link>https://localeats.example/r/1</link><description>Good.</description></item>"
        b"</channel></rss>")


@pytest.fixture
def site(http_server):
    return FeedSite(http_server)


def listed(run):
    code, out, _ = run("account", "list", "--json")
    assert code == 0
    return {a["name"]: a for a in json.loads(out)}


def text_line(run, name):
    code, out, _ = run("account", "list")
    assert code == 0
    return next(line for line in out.splitlines() if line.startswith(name + " "))


def test_a_removed_feed_is_left_alone_by_cron_and_says_how_to_read_it(run_cli, site):
    site.server.route("GET", "/gone.rss", lambda r: Reply(410, {}, b""))
    run_cli("account", "add", "feed", "--name", "Gone", "--no-check", "--url",
            site.server.url("/gone.rss"))
    error = ("127.0.0.1 removed this feed for good (410 Gone at /gone.rss): remove the"
             " account, or give it the feed's new address (Accounts → Edit).")
    assert run_cli("poll", "--once")[1].splitlines() == [f"Gone: failed: {error}"]
    code, out, _ = run_cli("poll", "--once")
    assert (code, out.splitlines()) == (0, [
        "Gone: skipped: its last read failed for good, so it is not tried again on its own"
        " (`inbox-app poll --once --account 'Gone'` reads it now)"])
    assert len(site.server.requests_to("/gone.rss")) == 1
    assert text_line(run_cli, "Gone").endswith(
        f"error: {error} Never read yet; not tried again on its own (`inbox-app poll --once"
        " --account 'Gone'` reads it now).")
    assert listed(run_cli)["Gone"]["last_error"] == error

    code, out, _ = run_cli("poll", "--once", "--account", "Gone")
    assert (code, out.splitlines()) == (0, [f"Gone: failed: {error}"])
    assert len(site.server.requests_to("/gone.rss")) == 2


def test_a_feed_that_moved_for_good_is_listed_where_it_is_read_now(run_cli, site):
    new = site.put("/v2/feed.rss", FEED, RSS)
    site.server.route("GET", "/feed.rss", lambda r: Reply(301, {"Location": "/v2/feed.rss"},
                                                          b""))
    old = site.server.url("/feed.rss")
    run_cli("account", "add", "feed", "--name", "LocalEats", "--url", old)
    assert listed(run_cli)["LocalEats"]["reads_from"] == old  # it has not moved yet
    run_cli("poll", "--once")
    account = listed(run_cli)["LocalEats"]
    assert account["config"]["url"] == old  # what the shop gave, as before
    assert account["reads_from"] == new
    assert text_line(run_cli, "LocalEats").endswith(
        f"ok, last read now; it moved for good to {new}, where it is read now")


def test_accounts_without_an_address_list_none_to_read_from(run_cli):
    run_cli("account", "add", "phone", "--name", "Shop line")
    assert listed(run_cli)["Shop line"]["reads_from"] is None


@pytest.mark.parametrize("written", ["feed://{host}/reviews.rss", "feed:{url}",
                                     "FEED://{host}/reviews.rss"])
def test_a_feed_address_as_browsers_write_it_is_read_over_the_web(run_cli, site, written):
    """Sites' "subscribe" buttons and browsers hand out feed://… addresses; the shop pastes
    what it was given."""
    url = site.put("/reviews.rss", FEED, RSS)
    host = url.split("//", 1)[1].split("/", 1)[0]
    given = written.format(host=host, url=url)
    code, out, err = run_cli("account", "add", "feed", "--name", "LocalEats", "--no-check",
                             "--url", given)
    assert (code, err) == (0, "")
    # feed://host is https://host: plain http is for this computer only, so the test
    # server (http) is named with feed:http://… where https cannot be had
    expected = url if given.startswith("feed:http") else "https://" + url.split("//", 1)[1]
    assert listed(run_cli)["LocalEats"]["config"]["url"] == expected
