"""Feeds as real services serve them: Flickr pools, review widgets, App Store reviews, WordPress
JSON Feed. Each test is a bug a shop owner would have seen; the fixtures copy the shape of what
those services send (tests/fixtures/feeds_services/), served from 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inbox_app.sources.poller import poll_once
from tests.sources.feed_helpers import FeedSite

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "feeds_services"
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
ATOM = {"Content-Type": "application/atom+xml; charset=utf-8"}
JSON_FEED = {"Content-Type": "application/feed+json"}


@pytest.fixture
def site(http_server):
    return FeedSite(http_server)


def serve(store, site, name, headers, account=None):
    url = site.put("/" + name, (FIXTURES / name).read_bytes(), headers)
    store.add_account(account or name, "feed", {"url": url})
    return url


def rows(store):
    return {row["external_id"]: row for row in store._rows("SELECT * FROM messages")}


def identities_of(store, message):
    return {(row["kind"], row["value"]) for row in store._rows(
        "SELECT kind, value FROM identities WHERE customer_id = ?", (message["customer_id"],))}


def test_authors_sharing_a_placeholder_address_stay_different_customers(store, site):
    """Flickr writes every author as `nobody@flickr.com ("name")`; a review widget signs
    every review with its own reviews@ address. One address, many people: not one customer."""
    serve(store, site, "flickr_group_pool.rss", RSS)
    serve(store, site, "review_widget.rss", RSS)
    assert all(result.ok for result in poll_once(store))
    stored = rows(store)
    anne = stored["tag:flickr.com,2004:/grouppool/photo/53573311001"]
    pete = stored["tag:flickr.com,2004:/grouppool/photo/53571100222"]
    assert anne["customer_id"] != pete["customer_id"]
    assert (anne["author_name"], pete["author_name"]) == ("annemaine", "portlandpete")
    assert identities_of(store, anne) == {("feed", "annemaine")}
    marta, jon = stored["review-1041"], stored["review-1042"]
    assert marta["customer_id"] != jon["customer_id"]
    assert identities_of(store, marta) == {("feed", "marta ilić")}
    assert identities_of(store, jon) == {("feed", "jon park")}
    emails = store._rows("SELECT value FROM identities WHERE kind = 'email'")
    assert [row["value"] for row in emails] == ["lea@novak.photography"]


def test_author_addresses_with_long_domain_endings_are_read_whole(store, site):
    """feedparser cuts `Lea Novak <lea@novak.photography>` to `lea@novak.phot` and the name
    to `Lea Novak <ography>`; `@user@mastodon.social` is a Mastodon account, not an email."""
    serve(store, site, "review_widget.rss", RSS)
    poll_once(store)
    stored = rows(store)
    lea = stored["review-1043"]
    assert lea["author_name"] == "Lea Novak"
    assert identities_of(store, lea) == {("email", "lea@novak.photography")}
    fan = stored["review-1044"]
    assert fan["author_name"] == "@beanqueen@mastodon.social"
    assert identities_of(store, fan) == {("mastodon", "beanqueen@mastodon.social")}


def test_dates_in_named_european_zones_or_without_a_zone_keep_their_time(store, site):
    """RFC 822 names feedparser does not know (CET, CEST, BST) were read as UTC, an hour or
    two off; a pubDate without a zone was dropped, so the review was dated when first seen."""
    serve(store, site, "review_widget.rss", RSS)
    poll_once(store)
    stored = rows(store)
    assert stored["review-1041"]["at"] == 1772535600  # 12:00 CET = 11:00 UTC
    assert stored["review-1042"]["at"] == 1775287800  # 09:30 CEST = 07:30 UTC
    assert stored["review-1043"]["at"] == 1772736300  # no zone: read as UTC
    assert "dated" not in json.loads(stored["review-1043"]["meta"])
    assert stored["review-1044"]["at"] == 1772780400  # 08:00 BST = 07:00 UTC


def test_html_entities_left_in_plain_text_fields_are_decoded(store, site):
    """WordPress's JSON Feed writes titles, text and names with HTML entities although
    JSON Feed's are plain text: the queue showed `Harbour Lane&#8217;s new caf&eacute;`."""
    serve(store, site, "wordpress_json_feed.json", JSON_FEED)
    poll_once(store)
    (post,) = rows(store).values()
    assert post["title"] == "Harbour Lane\u2019s new caf\u00e9 \u2013 first look"
    assert post["text"] == "We visited Harbour Lane\u2019s new caf\u00e9. Lovely."
    assert post["author_name"] == "Zo\u00eb Tran"
    assert json.loads(post["meta"])["tags"] == ["Caf\u00e9s"]


def test_an_atom_text_title_with_escaped_entities_is_decoded(store, site):
    """Reddit's search feed escapes titles twice: `<title>Tea &amp;amp; cake</title>`."""
    body = (b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            b"<title>reddit.com: search results</title><entry><author><name>/u/kettle_kim</name>"
            b"</author><id>t3_1b7aaaa</id><link href=\"https://www.reddit.com/r/Coffee/comments/"
            b'1b7aaaa/x/" /><updated>2026-03-04T09:55:12+00:00</updated>'
            b"<title>Harbour Lane &amp;amp; Bean Barons &amp;gt; the rest</title></entry></feed>")
    store.add_account("Reddit", "feed", {"url": site.put("/search.rss", body, ATOM)})
    poll_once(store)
    (post,) = rows(store).values()
    assert post["title"] == "Harbour Lane & Bean Barons > the rest"


def test_a_review_rating_is_shown_with_the_review(store, site):
    """The App Store's review feed gives the stars only in <im:rating>: "App keeps crashing"
    arrived without them. The rating leads the title and is kept in meta."""
    serve(store, site, "apple_app_reviews.xml", ATOM)
    poll_once(store)
    (review,) = rows(store).values()
    assert review["title"] == "\u2605\u2606\u2606\u2606\u2606 App keeps crashing"
    assert json.loads(review["meta"])["rating"] == {"value": 1, "best": 5}
    assert review["text"] == "Every time I try to order the app closes."
    assert review["author_name"] == "coffeefan_88"


def test_tracking_parameters_are_removed_from_links(store, site):
    """Review and news sites tag their feed links (?utm_source=rss…): the link a person opens
    or copies carries none of it; the entry's id stays as the feed gave it."""
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Reviews</title>'
            b"<item><title>Lovely shop</title><link>https://reviews.example/r/2?utm_source=rss"
            b"&amp;page=2&amp;utm_medium=feed&amp;fbclid=IwAR0x#top</link>"
            b"<description>Friendly staff.</description></item>"
            b"<item><title>Only tracking</title><link>https://reviews.example/r/3?utm_campaign=x"
            b"</link><description>Fine.</description></item></channel></rss>")
    store.add_account("Reviews", "feed", {"url": site.put("/reviews.rss", body, RSS)})
    poll_once(store)
    stored = rows(store)
    kept = stored["https://reviews.example/r/2?utm_source=rss&page=2&utm_medium=feed&fbclid=IwAR0x#top"]
    assert kept["url"] == "https://reviews.example/r/2?page=2#top"
    assert stored["https://reviews.example/r/3?utm_campaign=x"]["url"] == \
        "https://reviews.example/r/3"


def test_reddit_footer_is_not_part_of_the_post_text(store, site):
    """Reddit ends every entry with "submitted by /u/name [link] [comments]"; the text is
    the post. A link post without text of its own reads as its title."""
    from tests.sources.feed_helpers import fixture_bytes

    body = fixture_bytes("reddit_search.xml").replace(
        b"&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Tried", b"&lt;p&gt;Tried", 1)
    link_post = (b"<entry><author><name>/u/latte_lou</name></author><content type=\"html\">"
                 b"&lt;table&gt; &lt;tr&gt;&lt;td&gt; &amp;#32; submitted by &amp;#32; &lt;a href="
                 b"&quot;https://www.reddit.com/user/latte_lou&quot;&gt; /u/latte_lou &lt;/a&gt; "
                 b"&lt;br/&gt; &lt;span&gt;&lt;a href=&quot;https://harbourlane.example/&quot;"
                 b"&gt;[link]&lt;/a&gt;&lt;/span&gt; &amp;#32; &lt;span&gt;&lt;a href=&quot;"
                 b"https://www.reddit.com/r/Portland/comments/1b7zzzz/x/&quot;&gt;[comments]"
                 b"&lt;/a&gt;&lt;/span&gt; &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</content>"
                 b"<id>t3_1b7zzzz</id><link href=\"https://www.reddit.com/r/Portland/comments/"
                 b"1b7zzzz/x/\" /><updated>2026-03-04T11:00:00+00:00</updated>"
                 b"<title>Harbour Lane opened a second shop</title></entry></feed>")
    body = body.replace(b"</feed>", link_post)
    store.add_account("Reddit", "feed", {"url": site.put("/search.rss", body, ATOM)})
    poll_once(store)
    texts = {row["author_name"]: row["text"] for row in rows(store).values()}
    assert texts["/u/espresso_ellie"].endswith("do beans wholesale?")
    assert texts["/u/mainemuggle"].endswith("which was annoying.")
    assert texts["/u/latte_lou"] == "Harbour Lane opened a second shop"


def test_reviews_sharing_one_guid_are_each_stored_once(store, site):
    """Some review widgets give every item the page's address as its guid: only the first
    review was ever stored, and every later one was taken for it."""
    def feed(numbers):
        items = "".join(
            f"<item><title>Review {n}</title><link>https://widget.example/r/{n}</link>"
            f"<guid isPermaLink=\"false\">https://widget.example/reviews</guid>"
            f"<description>Review text {n}</description></item>" for n in numbers)
        return f'<rss version="2.0"><channel><title>W</title>{items}</channel></rss>'.encode()

    url = site.put("/w", feed([2, 1]), RSS, etag=None)
    store.add_account("Widget", "feed", {"url": url})
    assert poll_once(store)[0].new == 2
    site.put("/w", feed([3, 2, 1]), RSS, etag=None)
    (result,) = poll_once(store)
    assert (result.new, result.duplicates) == (1, 0)
    assert sorted(row["title"] for row in rows(store).values()) == [
        "Review 1", "Review 2", "Review 3"]


def test_a_feed_gzipped_without_saying_so_is_read_and_a_bomb_stops_at_the_limit(
        store, site, monkeypatch):
    import gzip

    from inbox_app.sources import feeds

    rss = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Reviews</title>"
           b"<item><guid>r1</guid><title>Lovely beans</title><description>Great coffee"
           b"</description><pubDate>Thu, 05 Mar 2026 18:45:00 GMT</pubDate></item>"
           b"</channel></rss>")
    url = site.put("/reviews.xml.gz", gzip.compress(rss), {"Content-Type": "application/xml"})
    store.add_account("Reviews", "feed", {"url": url})
    (result,) = poll_once(store)
    assert result.ok and result.new == 1, result.error

    monkeypatch.setattr(feeds, "MAX_BYTES", 1024 * 1024)
    bomb = site.put("/bomb.xml", gzip.compress(b"<rss>" + b" " * (10 * 1024 * 1024)),
                    {"Content-Type": "application/xml"})
    store.add_account("Bomb", "feed", {"url": bomb})
    bombed = [r for r in poll_once(store) if r.account == "Bomb"][0]
    assert not bombed.ok
    assert bombed.error == "127.0.0.1 sent more than 1 MB; the app stopped reading it."


def test_show_json_gives_a_reviews_rating(store, site, db_path, capsys):
    from inbox_app.cli import main

    serve(store, site, "apple_app_reviews.xml", ATOM)
    poll_once(store)
    (review,) = rows(store).values()
    assert main(["--db", str(db_path), "show", str(review["conversation_id"]), "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["thread"]
    assert entry["rating"] == {"value": 1, "best": 5}
