"""feedparser's own test corpus, served over HTTP and polled like any feed.

Every file is either stored or reported as a clear per-account error; what is
stored (title, link, text) equals what feedparser reads from the same bytes
with the same headers; nothing dangerous from the sanitize cases survives; and
a second round downloads nothing. The `http_*` files are served with the
headers their `Header:` lines describe.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from inbox_app.core.html import html_to_text, sanitize_html
from inbox_app.core.text import clean_text
from inbox_app.sources.poller import poll_once
from tests.sources.feed_helpers import FeedSite

GROUPS = ("encoding", "illformed", "entities", "json", "docs_examples", "wellformed/sanitize",
          "wellformed/rss", "wellformed/atom", "wellformed/other")
DANGER = re.compile(r"<script|<iframe|<object|<embed|<applet|<frame|<style|\son\w+\s*=|"
                    r"javascript:|vbscript:|src=\"(?!blocked:|data:image/|cid:)", re.I)


def manifest(corpus):
    root = corpus / "feeds" / "feedparser"
    with open(root / "MANIFEST.tsv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return root, [row for row in rows if not row["file"].endswith("/")]


def group_of(path: str) -> str:
    if path.startswith(("wellformed/rss/", "wellformed/atom/", "wellformed/atom10/")):
        return "wellformed/" + ("rss" if "/rss/" in path else "atom")
    if path.startswith("wellformed/sanitize/"):
        return "wellformed/sanitize"
    if path.startswith("wellformed/"):
        return "wellformed/other"
    return path.split("/", 1)[0]

# Entries whose only "link" is feedparser's guess: an id that is no address ("right",
# "Correct Value") read against the feed's address. "Open the original" would open a page
# that is not there, so the app keeps no link for them.
GUESSED_LINKS = {"wellformed/atom10/entry_id_with_attributes.xml",
                 "wellformed/node_precedence/atom10_id.xml"}


def served_headers(row) -> dict[str, str]:
    """The `Header:` line as sent; JSON is served as JSON, nothing else gets a made-up type."""
    headers = {}
    if row["http_headers"]:
        name, _, value = row["http_headers"].partition(":")
        headers[name.strip()] = value.strip()
    if row["file"].endswith(".json"):
        headers["Content-Type"] = "application/feed+json"
    return headers


def account_name(path: str) -> str:
    return path


def plain(detail, value) -> str:
    if detail and "html" in (detail.get("type") or ""):
        return html_to_text(value)
    return (value or "").strip()


def web_link(link):
    return link.strip() if link and urlsplit(link.strip()).scheme in ("http", "https") else None


def expected_entries(body: bytes, headers: dict[str, str], url: str) -> list[dict]:
    """What feedparser (or, for JSON Feed, the JSON itself) says each entry holds."""
    if headers.get("Content-Type") == "application/feed+json":
        document = json.loads(body)
        out = []
        for item in document["items"]:
            html = sanitize_html(item.get("content_html"))
            out.append({
                "id": str(item.get("id") or item.get("url")),
                "title": item.get("title", ""),
                "link": web_link(item.get("url")),
                "texts": {item.get("content_text") or html_to_text(html or "")},
            })
        return out
    lowered = {k.lower(): v for k, v in headers.items()}
    # A server's Content-Location counts when it is a web address (relative to the URL).
    location = urljoin(url, lowered.get("content-location", ""))
    lowered["content-location"] = location if urlsplit(location).scheme in ("http", "https") \
        else url
    result = feedparser.parse(io.BytesIO(body), response_headers=lowered,
                              sanitize_html=False, resolve_relative_uris=False)  # as the app
    out = []
    for entry in result.entries:
        texts = set()
        parts = list(entry.get("content") or [])
        if entry.get("summary"):
            parts.append(entry.get("summary_detail") or {"type": "text/html",
                                                         "value": entry["summary"]})
        for part in parts:
            value = part.get("value") or ""
            if "html" in (part.get("type") or ""):
                texts.add(clean_text(html_to_text(sanitize_html(value) or "")))
            else:
                texts.add(clean_text(value.strip()))
        title = clean_text(plain(entry.get("title_detail"), entry.get("title", "")), 2000)
        out.append({
            "id": (entry.get("id") or "").strip() or (entry.get("link") or "").strip() or None,
            "title": title,
            "link": web_link(entry.get("link")),
            "texts": {t for t in texts if t} or {title},
        })
    return out


@pytest.fixture(scope="module")
def corpus_rows(request):
    from tests.conftest import CORPUS

    if not CORPUS.exists():
        pytest.skip("the shared corpus is not available")
    return manifest(CORPUS)


@pytest.mark.parametrize("group", GROUPS)
def test_every_corpus_feed_is_stored_as_feedparser_reads_it_or_is_a_clear_error(
        group, corpus_rows, store, http_server):
    root, rows = corpus_rows
    rows = [row for row in rows if group_of(row["file"]) == group]
    assert rows, group
    site = FeedSite(http_server)
    served = {}
    for row in rows:
        body = (root / row["file"]).read_bytes()
        headers = served_headers(row)
        url = site.put("/" + row["file"], body, headers)
        served[row["file"]] = (body, headers, url)
        store.add_account(account_name(row["file"]), "feed", {"url": url})

    results = {r.account: r for r in poll_once(store)}
    assert set(results) == set(served)
    stored = defaultdict(list)
    for message in store._rows("SELECT * FROM messages"):
        stored[message["account"]].append(message)

    failures = []
    for name, (body, headers, url) in served.items():
        result = results[name]
        expected = expected_entries(body, headers, url)
        if result.error:
            # Only what feedparser cannot read either may fail, in one plain sentence.
            assert not expected, (name, result.error)
            assert result.error.endswith(".") and "\n" not in result.error, name
            assert "Traceback" not in result.error and len(result.error) < 300, name
            assert name not in stored
            continue
        rows_here = stored.get(name, [])
        by_id = {}
        for entry in expected:  # two entries with one id: the first is the one stored
            if entry["id"]:
                by_id.setdefault(entry["id"], entry)
        for message in rows_here:
            entry = by_id.get(message["external_id"]) or next(
                (e for e in expected if e["id"] is None and e["title"] == (message["title"] or "")
                 and message["text"] in e["texts"]), None)
            if entry is None:
                failures.append((name, "stored an entry feedparser does not list",
                                 message["external_id"]))
                continue
            if (message["title"] or "") != entry["title"]:
                failures.append((name, "title", message["title"], entry["title"]))
            if message["url"] != (None if name in GUESSED_LINKS else entry["link"]):
                failures.append((name, "link", message["url"], entry["link"]))
            if message["text"] not in entry["texts"]:
                failures.append((name, "text", message["text"], entry["texts"]))
            for field in ("html", "title", "text"):
                if message[field] and field == "html" and DANGER.search(message[field]):
                    failures.append((name, "dangerous html", message[field]))
        distinct = {e["id"] or (e["title"], min(e["texts"])) for e in expected}
        if len(rows_here) != len(distinct):
            failures.append((name, "count", len(rows_here), len(distinct)))
    assert not failures, failures[:40]

    # A second round: every server sees a conditional request, answers 304, nothing is stored.
    before = store.stats()["messages"]
    second = poll_once(store)
    assert all(r.new == 0 for r in second)
    assert store.stats()["messages"] == before
    for name, (_body, _headers, url) in served.items():
        if results[name].ok:
            assert site.statuses(urlsplit(url).path) == [200, 304], name


def test_the_encoding_cases_store_the_right_characters(corpus_rows, store, http_server):
    """No mojibake: the files whose MANIFEST spells out the entry's characters."""
    root, rows = corpus_rows
    site = FeedSite(http_server)
    wanted = {  # from each file's `Expect:` line
        "encoding/http_text_xml_charset_2.xml": "This is a \xa3\u201ctest.\u201d",
        "encoding/http_text_xml_charset_overrides_encoding_2.xml":
            "This is a \xa3\u201ctest.\u201d",
        "encoding/demoronize-1.xml": "don\u2019t",
        "encoding/demoronize-2.xml": "don\u2019t",
        "encoding/euc-kr-item.xml": "\ub144",
        "encoding/double-encoded-html.xml": "\u2026",
        "encoding/bozo_double-encoded-html.xml": "\u2026",
    }
    by_file = {row["file"]: row for row in rows}
    for path in wanted:
        url = site.put("/" + path, (root / path).read_bytes(), served_headers(by_file[path]))
        store.add_account(path, "feed", {"url": url})
    assert all(r.ok for r in poll_once(store))
    texts = {m["account"]: m["text"] for m in store._rows("SELECT account, text FROM messages")}
    assert texts == wanted
