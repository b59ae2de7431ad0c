"""Feeds end to end: a real HTTP server on 127.0.0.1, the real poller, a real store."""

from __future__ import annotations

import base64
import gzip
import json
import time

import pytest

from inbox_app.sources import feed_parse, feeds, http
from inbox_app.sources.poller import poll_once
from tests.servers import Reply, endless, stalling
from tests.sources.feed_helpers import FeedSite, fixture_bytes

ATOM = {"Content-Type": "application/atom+xml; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


@pytest.fixture
def site(http_server):
    return FeedSite(http_server)


def add_feed(store, name, url, **config):
    return store.add_account(name, "feed", {"url": url, **config})


def messages(store, account=None):
    where, args = ("WHERE account = ?", (account,)) if account else ("", ())
    return store._rows(f"SELECT * FROM messages {where} ORDER BY at, id", args)


def test_google_alerts_entries_become_feed_messages(store, site):
    url = site.put("/alerts", fixture_bytes("google_alerts.xml"), ATOM)
    add_feed(store, "Alerts", url)
    (result,) = poll_once(store)
    assert result.ok and result.new == 3
    rows = {row["external_id"]: row for row in messages(store)}
    first = rows["tag:google.com,2013:googlealerts/feed:10928374650192837465"]
    assert first["kind"] == "feed" and first["direction"] == "in"
    assert first["title"] == "Why Harbour Lane Coffee is Portland's best-kept secret"
    # The google.com/url wrapper is unwrapped; the site is who "wrote" it (no customer made).
    assert first["url"] == "https://www.portlandfoodie.example/2026/03/harbour-lane-coffee-review"
    assert first["author_name"] == "portlandfoodie.example" and first["customer_id"] is None
    assert first["at"] == 1772615564  # 2026-03-04T09:12:44Z, the entry's published time
    assert first["text"].startswith("The flat white at Harbour Lane Coffee is silky")
    assert "<b>Harbour Lane Coffee</b>" in first["html"]
    tracked = rows["tag:google.com,2013:googlealerts/feed:4471203385561279901"]
    assert 'src="blocked:https://pressherald.example/pixel.gif?u=42"' in tracked["html"]
    assert "<script" not in tracked["html"] and "track()" not in tracked["text"]
    complaint = rows["tag:google.com,2013:googlealerts/feed:8812937465509182734"]
    assert complaint["compound"] < -0.05  # scored like every other message


def test_reddit_youtube_mastodon_and_json_feed_authors_become_customers(store, site):
    for name, headers in (("reddit_search.xml", ATOM), ("youtube_channel.xml", ATOM),
                          ("mastodon_hashtag.rss", RSS),
                          ("review_site.json", {"Content-Type": "application/feed+json"})):
        add_feed(store, name, site.put(f"/{name}", fixture_bytes(name), headers))
    results = {r.account: r for r in poll_once(store)}
    assert {name: r.new for name, r in results.items()} == {
        "reddit_search.xml": 2, "youtube_channel.xml": 2, "mastodon_hashtag.rss": 2,
        "review_site.json": 2}
    identities = {(row["kind"], row["value"]) for row in store._rows("SELECT * FROM identities")}
    assert identities == {
        ("feed", "/u/espresso_ellie"), ("feed", "/u/mainemuggle"),
        ("feed", "coastal coffee reviews"),
        # A Mastodon status URL names its author: the same person as on the mastodon channel.
        ("mastodon", "beanqueen@mastodon.social"), ("mastodon", "kettle_karl@fosstodon.org"),
        ("feed", "dana whitfield"), ("feed", "marco p."),
    }
    youtube = messages(store, "youtube_channel.xml")
    assert [row["title"] for row in youtube] == [
        "Bean Barons subscription unboxing (March)",
        "Harbour Lane Coffee review – is the Portland hype real?"]
    assert youtube[1]["text"].startswith("We tried every espresso drink at Harbour Lane")
    # Mastodon's only <content> is an image's alt text; the post is the description.
    toot = messages(store, "mastodon_hashtag.rss")[-1]
    assert toot["text"].startswith("Morning ritual: cortado at #HarbourLane.")
    reddit = messages(store, "reddit_search.xml")[0]
    assert 'src="blocked:https://b.thumbs.redditmedia.com/' in reddit["html"]
    assert json.loads(reddit["meta"])["tags"] == ["r/Coffee"]
    review = {row["external_id"]: row for row in messages(store, "review_site.json")}
    dana = review["review-55102"]
    assert dana["url"] == "https://localeats.example/places/harbour-lane-coffee/reviews/55102"
    assert "onerror" not in dana["html"] and "javascript:" not in dana["html"]
    assert 'src="blocked:https://localeats.example/track.gif"' in dana["html"]
    assert review["55098"]["text"].startswith("Waited 25 minutes")
    assert review["55098"]["html"] is None


def test_an_unchanged_feed_is_not_downloaded_again_and_stores_nothing(store, site):
    url = site.put("/alerts", fixture_bytes("google_alerts.xml"), ATOM, etag='"a1"')
    add_feed(store, "Alerts", url)
    other = site.put("/lm", fixture_bytes("mastodon_hashtag.rss"), RSS, etag=None,
                     last_modified="Wed, 04 Mar 2026 10:02:11 GMT")
    add_feed(store, "Tag", other)
    assert sorted(r.new for r in poll_once(store)) == [2, 3]
    cursor = store.get_account("Alerts").cursor
    assert cursor["etag"] == '"a1"' and len(cursor["seen"]) == 3
    second = poll_once(store)
    assert [r.new for r in second] == [0, 0] and all(r.ok for r in second)
    assert site.statuses("/alerts") == [200, 304] and site.statuses("/lm") == [200, 304]
    conditional = site.server.requests_to("/alerts")[-1]
    assert conditional.header("If-None-Match") == '"a1"'
    assert site.server.requests_to("/lm")[-1].header("If-Modified-Since") == \
        "Wed, 04 Mar 2026 10:02:11 GMT"
    assert store.stats()["messages"] == 5
    assert store.get_account("Alerts").cursor == cursor


def test_a_changed_feed_brings_only_its_new_entries(store, site, monkeypatch):
    """A server without validators: the seen entry ids keep the re-poll from storing twice."""
    original = fixture_bytes("mastodon_hashtag.rss")
    url = site.put("/tag", original, RSS, etag=None)
    add_feed(store, "Tag", url)
    assert poll_once(store)[0].new == 2
    newer = original.replace(b"<item>", b"""<item>
      <guid isPermaLink="true">https://mastodon.social/@latte_lou/114000000000000001</guid>
      <link>https://mastodon.social/@latte_lou/114000000000000001</link>
      <pubDate>Thu, 05 Mar 2026 08:00:00 +0000</pubDate>
      <description>&lt;p&gt;Best scone in town at #harbourlane&lt;/p&gt;</description>
    </item>
    <item>""", 1)
    site.put("/tag", newer, RSS, etag=None)
    built = []
    real = feeds.entry_message

    def counting(entry, *args, **kwargs):
        built.append(entry.key)
        return real(entry, *args, **kwargs)

    monkeypatch.setattr(feeds, "entry_message", counting)
    (result,) = poll_once(store)
    assert (result.new, result.duplicates, result.skipped) == (1, 0, 0)
    assert built == ["https://mastodon.social/@latte_lou/114000000000000001"]
    assert store.stats()["messages"] == 3
    assert len(store.get_account("Tag").cursor["seen"]) == 3


def test_the_seen_list_is_bounded(store, site, monkeypatch):
    monkeypatch.setattr(feeds, "SEEN_LIMIT", 4)
    items = "".join(f"<item><guid isPermaLink='false'>id-{n}</guid><title>t{n}</title></item>" for n in range(3))
    url = site.put("/f", f'<rss version="2.0"><channel>{items}</channel></rss>'.encode(), RSS,
                   etag=None)
    add_feed(store, "F", url)
    poll_once(store)
    for round_ in range(1, 4):
        items = "".join(f"<item><guid isPermaLink='false'>id-{round_}-{n}</guid><title>t</title></item>"
                        for n in range(3))
        site.put("/f", f'<rss version="2.0"><channel>{items}</channel></rss>'.encode(), RSS,
                 etag=None)
        poll_once(store)
    seen = store.get_account("F").cursor["seen"]
    assert len(seen) == 4 and seen[:3] == [feeds._seen_mark(f"id-3-{n}") for n in range(3)]


def test_entries_without_a_date_are_dated_when_first_seen(store, site):
    body = b'<rss version="2.0"><channel><title>Reviews</title><item><title>Lovely</title>' \
           b'<link>https://reviews.example/1</link><description>Great beans</description>' \
           b'</item></channel></rss>'
    add_feed(store, "R", site.put("/r", body, RSS))
    before = int(time.time())
    poll_once(store)
    (row,) = messages(store)
    assert before <= row["at"] <= int(time.time()) + 1
    assert json.loads(row["meta"])["dated"] == "first seen"
    assert row["external_id"] == "https://reviews.example/1"  # no guid: the link is the id


def test_an_entry_with_neither_id_nor_link_gets_a_content_hash(store, site):
    body = b'<rss version="2.0"><channel><item><title>A</title><description>one</description>' \
           b'</item><item><title>B</title><description>two</description></item></channel></rss>'
    add_feed(store, "R", site.put("/r", body, RSS, etag=None))
    assert poll_once(store)[0].new == 2
    assert all(row["external_id"].startswith("sha1:") for row in messages(store))
    assert poll_once(store)[0].new == 0


# Watches


def test_watch_terms_label_feed_items_and_a_watch_feed_labels_everything(store, site):
    store.set_setting("brand_terms", ["Harbour Lane"])
    store.set_setting("competitor_terms", ["Bean Barons"])
    add_feed(store, "Reddit", site.put("/reddit", fixture_bytes("reddit_search.xml"), ATOM))
    store.add_account("Rival alerts", "feed",
                      {"url": site.put("/yt", fixture_bytes("youtube_channel.xml"), ATOM),
                       "term": "Bean Barons"}, watch="competitor")
    poll_once(store)
    labels = {}
    for row in store._rows(
            "SELECT m.account, m.title, l.label FROM messages m JOIN conversation_labels l"
            " ON l.conversation_id = m.conversation_id"):
        labels.setdefault((row["account"], row["title"]), set()).add(row["label"])
    assert labels[("Reddit", "Harbour Lane's new oat flat white is ridiculous")] == {
        "mention:brand"}
    assert labels[("Reddit", "Harbour Lane vs Bean Barons for a home espresso setup?")] == {
        "mention:brand", "mention:competitor:bean barons"}
    # Everything the competitor watch feed brings is a competitor mention, whatever it says;
    # its text also names the brand, which the terms catch.
    assert labels[("Rival alerts", "Bean Barons subscription unboxing (March)")] == {
        "mention:competitor:bean barons"}
    assert labels[("Rival alerts", "Harbour Lane Coffee review – is the Portland hype real?")] \
        == {"mention:competitor:bean barons", "mention:brand"}
    shares = store._rows("SELECT watch, COUNT(DISTINCT message_id) AS n FROM message_mentions"
                         " GROUP BY watch ORDER BY watch")
    assert [(row["watch"], row["n"]) for row in shares] == [("brand", 3), ("competitor", 3)]


# Bad servers


@pytest.fixture
def short_limits(monkeypatch):
    monkeypatch.setattr(http, "CONNECT_TIMEOUT", 2.0)
    monkeypatch.setattr(http, "READ_TIMEOUT", 1.0)
    monkeypatch.setattr(http, "DEADLINE", 3.0)
    monkeypatch.setattr(http, "MAX_BYTES", 1024 * 1024)


def test_misbehaving_servers_fail_alone_within_their_timeouts(store, site, short_limits):
    server = site.server
    good = site.put("/good", fixture_bytes("google_alerts.xml"), ATOM)
    server.route("GET", "/stall", stalling(first=b"<rss version='2.0'><channel><item>",
                                           pause=30))
    server.route("GET", "/500", lambda r: Reply(500, {}, b"Internal Server Error"))
    server.route("GET", "/429", lambda r: Reply(429, {"Retry-After": "120"}, b"slow down"))
    server.route("GET", "/endless", endless())
    bomb = gzip.compress(b"<rss>" + b" " * 60_000_000)
    server.route("GET", "/bomb", lambda r: Reply(
        200, {"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}, bomb))

    def cut_short(request):  # promises 90 kB, sends 2 kB, then nothing
        return Reply(200, {"Content-Type": "application/rss+xml", "Content-Length": "90000"},
                     fixture_bytes("mastodon_hashtag.rss")[:2000])

    server.route("GET", "/cut", cut_short)
    for path in ("/stall", "/500", "/429", "/endless", "/bomb", "/cut"):
        add_feed(store, path.strip("/"), server.url(path))
    add_feed(store, "good", good)
    started = time.monotonic()
    at = int(time.time())
    results = {r.account: r for r in poll_once(store, at=at)}
    assert time.monotonic() - started < 20  # a hang guard: each fetch stops within ~3 s
    assert results["good"].ok and results["good"].new == 3
    assert results["stall"].error in (
        "127.0.0.1 stopped answering mid-way.", "127.0.0.1 stopped answering.",
        "127.0.0.1 took too long to send its answer; the app gave up.")
    assert results["500"].error == "127.0.0.1 had a server error (500); it will be retried later."
    assert results["429"].error == "127.0.0.1 says we are asking too often (it asks to wait 120 s)."
    assert store.get_account("429").next_poll_at >= at + 120
    assert results["endless"].error == "127.0.0.1 sent more than 1 MB; the app stopped reading it."
    assert results["bomb"].error == results["endless"].error
    assert results["cut"].error in ("127.0.0.1 stopped answering mid-way.",
                                    "127.0.0.1 took too long to send its answer; the app gave up.")
    assert len(server.requests_to("/500")) == 3  # retried twice, then reported
    for name in ("stall", "500", "429", "endless", "bomb", "cut"):
        account = store.get_account(name)
        assert account.last_error == results[name].error and account.failures == 1
        assert account.cursor == {}
    assert {row["account"] for row in messages(store)} == {"good"}
    assert store.get_account("good").last_error is None


def test_a_web_page_instead_of_a_feed_is_an_error_naming_the_feed(store, site):
    page = (b"<!DOCTYPE html><html><head><title>Harbour Lane</title>"
            b'<link rel="alternate" type="application/rss+xml" href="/blog/feed.xml">'
            b"</head><body><p>Welcome</p></body></html>")
    add_feed(store, "Site", site.put("/", page, {"Content-Type": "text/html; charset=utf-8"}))
    (result,) = poll_once(store)
    assert result.error == ("127.0.0.1 sent a web page, not a feed; the page names its feed at "
                            f"{site.server.url('/blog/feed.xml')}.")


@pytest.mark.parametrize("body, content_type, message", [
    (b"", "application/rss+xml", "127.0.0.1 sent an empty answer instead of a feed."),
    (b"Service temporarily unavailable", "text/plain",
     "127.0.0.1 did not send a readable feed (the XML parser said: syntax error)."),
    (b'{"status": "ok"}', "application/json", "127.0.0.1 sent JSON that is not a JSON Feed."),
    (b'{"version": "https://jsonfeed.org/version/1", "items": [', "application/feed+json",
     "127.0.0.1 sent broken JSON (Expecting value at line 1)."),
    (b"[" * 100_000 + b"]" * 100_000, "application/json",
     "127.0.0.1 sent JSON nested too deeply to read."),
])
def test_unreadable_answers_are_one_sentence_account_errors(store, site, body, content_type,
                                                            message):
    add_feed(store, "F", site.put("/f", body, {"Content-Type": content_type}))
    (result,) = poll_once(store)
    assert result.error == message
    assert store.get_account("F").last_error == message


def test_an_ill_formed_feed_still_yields_what_can_be_read(store, site):
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Reviews & more</title>'
            b"<item><title>Good</title><link>https://r.example/1</link>"
            b"<description>Lovely &nbsp; <b>coffee</description></item>"
            b"<item><title>Also good</title><link>https://r.example/2</link></item>")
    add_feed(store, "Broken", site.put("/b", body, RSS))
    (result,) = poll_once(store)
    assert result.ok and result.new == 2
    assert {row["title"] for row in messages(store)} == {"Good", "Also good"}


def test_a_body_naming_a_local_file_is_not_read_from_disk(store, site, tmp_path):
    """feedparser.parse(bytes) opens a file when the bytes are a path; we never let it."""
    local = tmp_path / "local-feed.xml"
    local.write_bytes(b'<rss version="2.0"><channel><item><title>LOCAL-SECRET</title>'
                      b"</item></channel></rss>")
    add_feed(store, "Path", site.put("/p", str(local).encode(), RSS))
    (result,) = poll_once(store)
    assert "LOCAL-SECRET" not in json.dumps([dict(r) for r in messages(store)])
    assert result.error == ("127.0.0.1 did not send a readable feed (the XML parser said: "
                            "not well-formed, invalid token).")


def test_redirects_are_followed_and_ids_stay_those_of_the_accounts_address(store, site):
    url = site.put("/moved-here", fixture_bytes("reddit_search.xml"), ATOM)
    site.server.route("GET", "/old", lambda r: Reply(301, {"Location": "/moved-here"}, b""))
    add_feed(store, "Reddit", site.server.url("/old"))
    assert poll_once(store)[0].new == 2
    assert {row["external_id"] for row in messages(store)} == {
        site.server.url("/t3_1b6x9qz"), site.server.url("/t3_1b5kq0e")}
    assert url


def test_a_private_feed_sends_its_password_and_keeps_it_in_the_keyring(store, site, db_path):
    password = "Wh1sk-and-Crema!"
    expected = "Basic " + base64.b64encode(f"owner:{password}".encode()).decode()

    def private(request):
        if request.header("Authorization") != expected:
            return Reply(401, {"WWW-Authenticate": 'Basic realm="feed"'}, b"")
        return Reply(200, RSS, fixture_bytes("mastodon_hashtag.rss"))

    site.server.route("GET", "/private", private)
    from inbox_app import secrets

    store.add_account("Private", "feed", {"url": site.server.url("/private"),
                                          "username": "owner"})
    (missing,) = poll_once(store)
    assert missing.error == ("The secret for Private is missing from the keyring; enter it "
                             "again (Accounts → Edit, or `inbox-app account secret 'Private'`).")
    secrets.set_secret("Private", password)
    (result,) = poll_once(store)
    assert result.ok and result.new == 2


# XML attacks


XXE = """<?xml version="1.0"?>{newline}<!DOCTYPE rss [{newline}<!ENTITY xxe SYSTEM "file://{path}">{newline}]>
<rss version="2.0"><channel><title>t</title><item><guid>x1</guid><title>a &xxe; b</title>
<description>d &xxe;</description></item></channel></rss>"""


@pytest.mark.parametrize("newline", ["\n", ""])
def test_an_external_entity_never_reads_a_local_file(store, site, tmp_path, newline):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LOCAL-FILE")
    body = XXE.format(newline=newline, path=secret).encode()
    add_feed(store, "XXE", site.put("/x", body, RSS))
    (result,) = poll_once(store)
    stored = json.dumps([dict(r) for r in messages(store)])
    assert "TOP-SECRET" not in stored
    assert result.ok and result.new == 1


def test_an_external_parameter_entity_is_never_fetched(store, site, tmp_path):
    (tmp_path / "x.ent").write_text('<!ENTITY leak "TOP-SECRET-ENTITY-FILE">')
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{tmp_path}/x.ent">'
            "%p;]><rss version=\"2.0\"><channel><item><guid>1</guid><title>t &leak;</title>"
            "</item></channel></rss>")
    add_feed(store, "PE", site.put("/pe", body.encode(), RSS))
    (result,) = poll_once(store)
    assert result.ok
    assert "TOP-SECRET" not in json.dumps([dict(r) for r in messages(store)])


def test_a_parameter_entity_with_a_value_is_refused(store, site):
    body = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % d "<!ENTITY x \'&#38;#38;y;\'>">'
            "%d;]><rss version=\"2.0\"><channel><item><title>&x;</title></item></channel></rss>")
    add_feed(store, "PE", site.put("/pe", body.encode(), RSS))
    (result,) = poll_once(store)
    assert result.error == ("127.0.0.1 sent a feed with XML parameter entities, which feeds do "
                            "not need and XML attacks do; the app did not read it.")


def billion_laughs(newline: str) -> bytes:
    declarations = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    return (f'<?xml version="1.0"?>{newline}<!DOCTYPE rss [{newline}'
            + newline.join(declarations) + f"{newline}]>{newline}"
            + '<rss version="2.0"><channel><item><title>x</title><description>&lol9;'
              "</description></item></channel></rss>").encode()


def quadratic_blowup() -> bytes:
    return (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "' + b"x" * 50_000
            + b'">\n]>\n<rss version="2.0"><channel><item><title>x</title><description>'
            + b"&a;" * 100_000 + b"</description></item></channel></rss>")


def smuggled_nesting() -> bytes:
    """`&#38;` in an entity value becomes `&` when declared: nesting in disguise."""
    decls = '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&#38;" + chr(97 + i) + ";") * 20}">' for i in range(6))
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{decls}]><rss version="2.0"><channel><item>'
            f"<title>x</title><description>&g;</description></item></channel></rss>").encode()


BOMB = ("127.0.0.1 sent a feed whose XML entities would expand to more than 1 MB (an XML bomb);"
        " the app did not read it.")


@pytest.mark.parametrize("body, content_type", [
    (billion_laughs("\n"), RSS), (billion_laughs(""), RSS), (quadratic_blowup(), RSS),
    (smuggled_nesting(), RSS),
    # Without a Content-Type, feedparser decodes by the byte order mark: so must the check.
    (billion_laughs("\n").decode().replace("1.0", '1.0" encoding="utf-16').encode("utf-16"),
     {}),
    (billion_laughs("").decode().replace("1.0", '1.0" encoding="utf-32').encode("utf-32"),
     {"Content-Type": "application/xml"}),
], ids=["laughs-lines", "laughs-inline", "quadratic", "char-ref-nesting", "utf-16", "utf-32"])
def test_entity_bombs_are_refused_before_parsing(store, site, body, content_type):
    add_feed(store, "Bomb", site.put("/bomb", body, content_type))
    started = time.monotonic()
    (result,) = poll_once(store)
    assert time.monotonic() - started < 10  # a hang guard; unguarded, these take minutes or GBs
    assert result.error == BOMB
    assert store.stats()["messages"] == 0


def test_a_few_small_declared_entities_are_still_fine(store, site):
    body = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY shop "Harbour Lane">\n'
            b'<!ENTITY copy "&#169;">\n]>\n<rss version="2.0"><channel><title>&shop; news</title>'
            b"<item><guid>1</guid><title>&copy; &shop;</title></item></channel></rss>")
    add_feed(store, "Small", site.put("/s", body, RSS))
    (result,) = poll_once(store)
    assert result.ok
    assert messages(store)[0]["title"] == "\u00a9 Harbour Lane"


def test_an_external_dtd_is_not_fetched_and_cannot_hang_the_parser(store, site):
    body = (b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///dev/zero">'
            b'<rss version="2.0"><channel><item><guid>1</guid><title>ok</title></item>'
            b"</channel></rss>")
    add_feed(store, "DTD", site.put("/d", body, RSS))
    started = time.monotonic()
    (result,) = poll_once(store)
    assert time.monotonic() - started < 10
    assert result.ok and messages(store)[0]["title"] == "ok"


def test_bounded_memory_for_the_bombs_in_a_separate_process(tmp_path):
    """The bombs again, in a child process capped at 512 MB of address space."""
    import subprocess
    import sys

    script = tmp_path / "bomb.py"
    script.write_text(
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from tests.sources.test_feeds import billion_laughs, quadratic_blowup\n"
        "from inbox_app.sources.feed_parse import parse_feed\n"
        "from inbox_app.sources import SourceError\n"
        "for body in (billion_laughs(''), quadratic_blowup()):\n"
        "    try:\n"
        "        parse_feed(body, {'Content-Type': 'application/rss+xml'}, 'http://127.0.0.1/')\n"
        "    except SourceError as error:\n"
        "        print('refused:', error)\n")
    root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
    done = subprocess.run([sys.executable, str(script), root], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("refused:") == 2


def test_a_feed_too_big_to_parse_in_reasonable_time_is_refused(store, site):
    """feedparser's work grows with tags; 100,000 would keep a worker busy ~15 s."""
    nested = b"<rss version='2.0'><channel><item><title>x</title><description>" + \
        b"<div>" * 120_000 + b"</description></item></channel></rss>"
    add_feed(store, "Deep", site.put("/deep", nested, RSS))
    started = time.monotonic()
    (result,) = poll_once(store)
    assert time.monotonic() - started < 10
    assert result.error == ("127.0.0.1 sent a feed with more than 100,000 tags, too many to "
                            "read; ask for a shorter feed (fewer items).")


def test_only_the_newest_entries_of_a_long_feed_are_taken(store, site, monkeypatch):
    monkeypatch.setattr(feed_parse, "MAX_ENTRIES", 3)
    items = "".join(
        f"<item><guid isPermaLink='false'>g{n}</guid><title>t{n}</title>"
        f"<pubDate>Mon, {n + 1:02d} Mar 2026 09:00:00 +0000</pubDate></item>" for n in range(8))
    add_feed(store, "Long", site.put("/l", f"<rss version='2.0'><channel>{items}</channel>"
                                          "</rss>".encode(), RSS))
    assert poll_once(store)[0].new == 3
    assert [row["title"] for row in messages(store)] == ["t5", "t6", "t7"]


def test_the_same_bytes_again_without_validators_are_not_parsed_again(store, site, monkeypatch):
    add_feed(store, "Tag", site.put("/tag", fixture_bytes("mastodon_hashtag.rss"), RSS,
                                    etag=None))
    poll_once(store)
    assert store.get_account("Tag").cursor["digest"]

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed an unchanged feed")

    monkeypatch.setattr(feeds, "parse_feed", must_not_parse)
    (result,) = poll_once(store)
    assert result.ok and (result.new, result.duplicates) == (0, 0)
    assert site.statuses("/tag") == [200, 200]
