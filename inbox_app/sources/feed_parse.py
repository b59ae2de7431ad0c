"""Reading a feed: RSS, Atom or JSON Feed bytes to plain entries.

feedparser reads the XML formats (only ever from bytes, so it never touches the
network or the disk, and only after feed_safety.py has refused bombs); JSON Feed
is read here. Every format ends as FeedEntry values: text cleaned, HTML sanitized,
links checked (feed_links.py), dates as epoch seconds (feed_dates.py). Fetching is in
feeds.py, and mapping entries to messages in feed_messages.py.
"""

from __future__ import annotations

import hashlib
import html as html_module
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import feedparser

from inbox_app.core.html import html_to_text, sanitize_html
from inbox_app.core.text import clean_text
from inbox_app.sources import SourceError
from inbox_app.sources.feed_dates import entry_time, plausible, rfc3339
from inbox_app.sources.feed_links import base_url, joined, own_addresses, web_link, written_in
from inbox_app.sources.feed_ratings import rating as _rating
from inbox_app.sources.feed_ratings import title_rating
from inbox_app.sources.feed_safety import check_xml_document
from inbox_app.sources.http import host_of

MAX_ENTRIES = 500


@dataclass(frozen=True)
class FeedEntry:
    """One entry, as plain values: what every feed format is reduced to."""

    key: str
    title: str = ""
    link: str | None = None
    text: str = ""
    html: str | None = None
    author_name: str = ""
    author_email: str | None = None
    published: int | None = None
    tags: tuple[str, ...] = ()
    rating: tuple[float, float] | None = None  # (stars given, best possible), for reviews


@dataclass
class ParsedFeed:
    title: str
    version: str
    entries: list[FeedEntry] = field(default_factory=list)
    problem: str | None = None  # why the feed is ill-formed, when it is
    left_out: int = 0  # older entries past MAX_ENTRIES, not read


class SignInPage(SourceError):
    """The server answered with a page asking to sign in where the feed should be: the
    caller knows whether the account has a password, and so what to advise."""


def parse_feed(body: bytes, headers: dict[str, str], url: str,
               base: str | None = None) -> ParsedFeed:
    """The feed in `body` as plain entries, or SourceError when nothing can be read.

    `url` is where the body came from; `base` (default: `url`) is what relative
    links and ids resolve against — the account's own address, so ids stay the
    same when the server redirects somewhere else now and then.
    """
    host = host_of(url)
    lowered = {key.lower(): value for key, value in headers.items()}
    content_type = lowered.get("content-type", "").lower()
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise SourceError(f"{host} sent an empty answer instead of a feed.")
    if stripped[:1] in (b"{", b"[") or ("json" in content_type and stripped[:1] != b"<"):
        return parse_json_feed(body, base or url)
    check_xml_document(body, lowered, host)
    lowered["content-location"] = base_url(base or url, lowered.get("content-location"))
    lowered.pop("content-encoding", None)
    try:
        result = feedparser.parse(io.BytesIO(body), response_headers=lowered,
                                  sanitize_html=False, resolve_relative_uris=False)
    except RecursionError:
        raise SourceError(f"{host} sent a feed nested too deeply to read.") from None
    problem = _describe(result.get("bozo_exception")) if result.get("bozo") else None
    if not result.get("version") and not result.entries:
        if _looks_like_html(stripped, content_type):
            raise _web_page_error(host, body, url)
        if not result.feed:
            reason = problem or "it holds no feed"
            raise SourceError(f"{host} did not send a readable feed ({reason}).")
    own = own_addresses(url, base, lowered["content-location"])
    written = written_in(body, result.get("encoding"))
    entries = [_xml_entry(entry, own, written) for entry in _newest(result.entries)]
    feed_title = _plain(result.feed.get("title_detail"), result.feed.get("title", ""))
    return ParsedFeed(clean_text(feed_title, 500), result.get("version") or "", entries, problem,
                      left_out=len(result.entries) - len(entries))


def _newest(entries: list[Any]) -> list[Any]:
    """The newest MAX_ENTRIES: a feed that lists thousands is an archive, not news."""
    if len(entries) <= MAX_ENTRIES:
        return entries

    def published(entry: Any) -> tuple:
        for name in ("published_parsed", "updated_parsed", "created_parsed"):
            if entry.get(name):
                return tuple(entry[name])[:6]
        return ()

    return sorted(entries, key=published, reverse=True)[:MAX_ENTRIES]


def _limit(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """The newest MAX_ENTRIES of a JSON Feed's entries."""
    kept = list(entries)
    if len(kept) > MAX_ENTRIES:
        kept.sort(key=lambda entry: entry.published or 0, reverse=True)
        kept = kept[:MAX_ENTRIES]
    return kept


def _describe(error: Any) -> str:
    """feedparser's reason a document is ill-formed, as a short clause."""
    if error is None:
        return "it is not well-formed"
    if hasattr(error, "getMessage"):  # xml.sax.SAXParseException
        said = re.sub(r"\s*\(([^)]*)\)", r", \1", error.getMessage())
        return f"the XML parser said: {said}"
    text = str(error).strip() or type(error).__name__
    return text.rstrip(".")


def _looks_like_html(stripped: bytes, content_type: str) -> bool:
    if "html" in content_type and "xhtml+xml" not in content_type:
        return True
    head = stripped[:1024].lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:300]


class _FeedLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {name: (value or "") for name, value in attrs}
        if tag == "link" and "alternate" in values.get("rel", "").lower() and any(
                kind in values.get("type", "").lower() for kind in ("rss", "atom", "feed+json")):
            self.found.append(values.get("href", ""))


_PASSWORD_FIELD = re.compile(rb"<input\b[^>]*\btype\s*=\s*[\"']?password\b", re.I)


def _web_page_error(host: str, body: bytes, url: str) -> SourceError:
    """Why a web page came instead of the feed: a sign-in form (a private feed, or a
    password that no longer works), else a page that may name its feed."""
    if _PASSWORD_FIELD.search(body[:500_000]):
        return SignInPage(f"{host} sent a sign-in page instead of the feed")
    return SourceError(_web_page_message(host, body, url))


def _web_page_message(host: str, body: bytes, url: str) -> str:
    finder = _FeedLinks()
    try:
        finder.feed(body[:500_000].decode("utf-8", "replace"))
    except Exception:  # a page too broken to scan still gets the plain message
        finder.found = []
    links = [link for link in (joined(url, href) for href in finder.found if href.strip())
             if link]
    if links:
        return f"{host} sent a web page, not a feed; the page names its feed at {links[0]}."
    return f"{host} sent a web page, not a feed: check the feed's address."


def _plain(detail: Any, value: str) -> str:
    """Text of a feed field; HTML-typed fields lose their markup, plain ones the entities
    left in them."""
    kind = (detail or {}).get("type", "") if isinstance(detail, dict) else ""
    if "html" in kind:
        return html_to_text(value)
    return _decoded((value or "").strip())


def _xml_entry(entry: Any, own: frozenset[str] = frozenset(),
               written: Callable[[str], bool] = lambda address: True) -> FeedEntry:
    title = _plain(entry.get("title_detail"), entry.get("title", ""))
    link = web_link(entry.get("link"), own)
    if link and entry.get("guidislink") and link == (entry.get("id") or "").strip() \
            and not written(link):
        # RSS takes a guid for the item's address unless it says isPermaLink="false";
        # feedparser makes "review-123" one against the feed's address: a page not there.
        link = None
    text, html = _body(entry)
    author_name, author_email = _author(entry)
    published = entry_time(entry)
    tags = tuple(
        _decoded((tag.get("label") or tag.get("term") or "").strip())
        for tag in entry.get("tags") or ()
    )
    key = (entry.get("id") or "").strip() or (entry.get("link") or "").strip() or \
        _content_key(title, text)
    return FeedEntry(
        key=key[:1000],
        title=clean_text(title, 2000),
        link=link,
        text=text,
        html=html,
        author_name=clean_text(author_name, 300),
        author_email=author_email,
        published=published,
        tags=tuple(tag for tag in tags if tag),
        rating=_rating(entry, clean_text(title, 2000)),
    )


# feedparser splits an RSS author ("ann@shop.example (Ann)") with an address pattern that
# stops after four letters of the domain ending: "ann@shop.exam", name "ple (Ann". The raw
# string is read again here, whole.
_EMAIL = re.compile(r"(?<![\w.@+-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}"
                    r"(?![\w@-])")
_HANDLE = re.compile(r"^@[A-Za-z0-9_]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}$")


def _author(entry: Any) -> tuple[str, str | None]:
    """The entry's author as (name, email address or None)."""
    detail = entry.get("author_detail") or {}
    name = (detail.get("name") or "").strip()
    email = (detail.get("email") or "").strip() or None
    raw = (entry.get("author") or "").strip()
    if not name and not email:
        name = raw
    elif "@" in raw:
        found = _EMAIL.search(raw)
        if _HANDLE.match(raw):  # "@user@instance": a fediverse account, not an address
            name, email = raw, None
        elif found and found.group(0) != email:
            email = found.group(0)
            rest = (raw[:found.start()] + " " + raw[found.end():]).replace("mailto:", " ")
            name = re.sub(r"[()<>\[\]]", " ", rest).strip(" \t\"'")
            name = re.sub(r"\s+", " ", name).strip(" \"'")
    if len(name) > 1 and name[0] == name[-1] and name[0] in "\"'":
        name = name[1:-1].strip()  # Flickr: nobody@flickr.com ("annemaine")
    if _HANDLE.match(name):
        email = None
    return _decoded(name), email


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decoded(value: str) -> str:
    """Plain text with the HTML entities a generator left in it decoded (WordPress writes
    JSON Feed titles as `Caf&eacute;`; Reddit escapes Atom titles twice). Text holding
    markup as well is left as it is: its `&lt;` is meant literally."""
    if "&" not in value or "<" in value or not _ENTITY.search(value):
        return value
    return html_module.unescape(value)


def _body(entry: Any) -> tuple[str, str | None]:
    """The entry's richest body: the longest of its content parts and summary, HTML first.

    (An RSS item's `description` is often a teaser and `content:encoded` the
    post; in a Mastodon feed, the only `content` is an image's alt text.)
    """
    candidates: list[tuple[bool, str, str | None]] = []
    parts = [*(entry.get("content") or ())]
    if entry.get("summary"):
        parts.append(entry.get("summary_detail") or {"type": "text/html",
                                                     "value": entry["summary"]})
    for part in parts:
        value = part.get("value") or ""
        if not value.strip():
            continue
        if "html" in (part.get("type") or ""):
            safe = sanitize_html(value, base=part.get("base"))
            candidates.append((True, clean_text(html_to_text(safe or "", sanitized=True)), safe))
        else:
            candidates.append((False, clean_text(_decoded(value.strip())), None))
    if not candidates:
        return "", None
    best = max(candidates, key=lambda c: (bool(c[1]), c[0], len(c[1])))
    return _REDDIT_FOOTER.sub("", best[1]), best[2]


# What Reddit appends to every entry of its feeds; the text is the post (or, for a link
# post, nothing: the title says it).
_REDDIT_FOOTER = re.compile(r"\s*submitted by\s+/u/[\w-]+\s*\[link\]\s*\[comments\]\s*\Z")


def _content_key(title: str, text: str) -> str:
    return "sha1:" + hashlib.sha1(f"{title}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


# JSON Feed (feedparser 6 reads only XML)


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    host = host_of(url)
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError(f"{host} sent a JSON feed that is not UTF-8.") from None
    except json.JSONDecodeError as error:
        raise SourceError(f"{host} sent broken JSON ({error.msg} at line {error.lineno}).") \
            from None
    except RecursionError:
        raise SourceError(f"{host} sent JSON nested too deeply to read.") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list) or \
            not str(document.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise SourceError(f"{host} sent JSON that is not a JSON Feed.")
    base = document.get("home_page_url") if isinstance(document.get("home_page_url"), str) \
        else None
    base = base_url(url, base)
    own = own_addresses(url)
    entries = [_json_entry(item, base, own) for item in document["items"]
               if isinstance(item, dict)]
    version = "json" + str(document["version"]).rsplit("/", 1)[-1].replace(".", "")
    kept = _limit(entries)
    return ParsedFeed(clean_text(_string(document.get("title")), 500), version, kept,
                      left_out=len(entries) - len(kept))


def _string(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return ""


def _json_entry(item: dict[str, Any], base: str, own: frozenset[str] = frozenset()) \
        -> FeedEntry:
    title = _decoded(_string(item.get("title")))
    link_value = _string(item.get("url")) or _string(item.get("external_url"))
    link = web_link(joined(base, link_value), own) if link_value else None
    html = sanitize_html(_string(item.get("content_html")), base=link or base)
    text = _decoded(_string(item.get("content_text"))) or html_to_text(html or "", sanitized=True) or \
        _decoded(_string(item.get("summary")))
    authors = item.get("authors") if isinstance(item.get("authors"), list) else \
        [item.get("author")] if isinstance(item.get("author"), dict) else []
    author_name = next((_decoded(_string(a.get("name"))) for a in authors
                        if isinstance(a, dict) and _string(a.get("name"))), "")
    published = None
    for name in ("date_published", "date_modified"):
        published = plausible(rfc3339(_string(item.get(name))))
        if published is not None:
            break
    tags = tuple(_decoded(_string(tag)) for tag in item.get("tags") or () if _string(tag)) \
        if isinstance(item.get("tags"), list) else ()
    text = clean_text(text)
    key = _string(item.get("id")) or link_value or _content_key(title, text)
    return FeedEntry(key=key[:1000], title=clean_text(title, 2000), link=link, text=text,
                     html=html, author_name=clean_text(author_name, 300), published=published,
                     tags=tags, rating=title_rating(clean_text(title, 2000)))
