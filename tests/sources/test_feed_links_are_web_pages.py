"""A feed item's link is what "Open the original" opens: only a real web page of the item,
never an id feedparser guessed into an address, the feed itself, or an address without a
server."""

from __future__ import annotations

import json

import pytest

from inbox_app.sources.feeds import new_entries

FEED_URL = "https://feeds.localeats.example/reviews.rss"
HEADERS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def rss(item: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>LocalEats</title><link>https://localeats.example/</link>"
            f"<item><title>Cold coffee</title><description>Waited 20 minutes.</description>"
            f"{item}</item></channel></rss>").encode()


def atom(entry: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>LocalEats</title><id>urn:localeats</id><updated>2026-03-02T09:00:00Z</updated>"
            f"<entry><title>Cold coffee</title><content>Waited 20 minutes.</content>{entry}"
            "</entry></feed>").encode()


def message(body: bytes, headers: dict[str, str] = HEADERS):
    (item,), _, _ = new_entries(body, headers, FEED_URL, FEED_URL, "LocalEats", {})
    return item


@pytest.mark.parametrize("body", [
    rss('<guid isPermaLink="false">review-123</guid>'),
    rss('<guid isPermaLink="false">tag:localeats.example,2026:review-123</guid>'),
    rss("<guid>review-123</guid>"),  # a permalink by RSS's default, but no address
    rss("<guid>12345</guid><link>#</link>"),
    rss("<guid>12345</guid><link>https://</link>"),
    rss("<guid>12345</guid><link>http:reviews/12345</link>"),
    atom("<id>12345</id>"),
    atom('<id>urn:uuid:5c1e</id><link href=""/>'),
], ids=["not-a-permalink", "tag-uri", "bare-guid", "link-to-the-feed-itself",
        "no-server", "no-slashes", "atom-bare-id", "atom-empty-href"])
def test_an_item_without_a_web_page_has_no_link(body):
    assert message(body).url is None


@pytest.mark.parametrize("body, url", [
    (rss("<guid>https://localeats.example/r/123</guid>"), "https://localeats.example/r/123"),
    (rss('<guid isPermaLink="false">r-1</guid><link>/reviews/r-1</link>'),
     "https://feeds.localeats.example/reviews/r-1"),
    (rss("<guid>https://localeats.example/r/?id=1&amp;lang=en</guid>"),
     "https://localeats.example/r/?id=1&lang=en"),
    (atom('<id>urn:uuid:5c1e</id><link href="https://localeats.example/r/5"/>'),
     "https://localeats.example/r/5"),
    (atom("<id>https://localeats.example/r/6</id>"), "https://localeats.example/r/6"),
], ids=["guid-permalink", "relative-link", "escaped-guid-permalink", "atom-link", "atom-url-id"])
def test_an_items_own_page_is_its_link(body, url):
    assert message(body).url == url


def test_a_guid_that_is_no_address_keeps_its_id():
    """The id stays what earlier versions stored, so nothing is stored twice."""
    assert message(rss("<guid>review-123</guid>")).external_id == \
        "https://feeds.localeats.example/review-123"


def test_a_utf16_feed_keeps_its_permalink_guids():
    body = rss("<guid>https://localeats.example/r/123</guid>").decode().replace(
        'encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    assert message(body, {"Content-Type": "application/rss+xml"}).url == \
        "https://localeats.example/r/123"


def test_a_guid_without_its_scheme_is_still_its_page():
    assert message(rss("<guid>//localeats.example/r/7</guid>")).url == \
        "https://localeats.example/r/7"


def test_a_link_too_long_to_keep_is_left_out_not_cut_into_another_page():
    long_link = "https://localeats.example/r/1?ref=" + "x" * 3000
    assert message(rss(f"<link>{long_link}</link>")).url is None
    kept = "https://localeats.example/r/1?ref=" + "x" * 1900
    assert message(rss(f"<link>{kept}</link>")).url == kept


@pytest.mark.parametrize("address", ["http://[::1/r/1", "https://[oops]/r/1"])
def test_a_json_feed_item_with_a_broken_address_is_read_without_it(address):
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "LocalEats",
                       "items": [{"id": "r-1", "url": address, "content_text": "Lovely."},
                                 {"id": "r-2", "url": "https://localeats.example/r/2",
                                  "content_text": "Fine."}]}).encode()
    items, _, _ = new_entries(body, {"Content-Type": "application/feed+json"}, FEED_URL,
                              FEED_URL, "LocalEats", {})
    assert [(item.external_id, item.url) for item in items] == [
        ("r-1", None), ("r-2", "https://localeats.example/r/2")]


def test_a_web_page_naming_its_feed_at_a_broken_address_is_still_explained():
    from inbox_app.sources import SourceError
    from inbox_app.sources.feed_parse import parse_feed

    page = (b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml"'
            b' href="http://[::1/feed"></head><body>Hi</body></html>')
    with pytest.raises(SourceError) as refused:
        parse_feed(page, {"Content-Type": "text/html"}, FEED_URL)
    assert str(refused.value) == ("feeds.localeats.example sent a web page, not a feed: check"
                                  " the feed's address.")
