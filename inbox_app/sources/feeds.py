"""Feeds: RSS, Atom or JSON Feed — reviews and brand or competitor mention searches.

The feed is downloaded with the app's own `request()` (timeouts, deadline, size
cap, checked redirects) and only then handed to feedparser as bytes, so
feedparser never touches the network or the disk. Re-polls are conditional
(ETag / Last-Modified from the cursor): an unchanged feed answers 304 and
nothing is downloaded or stored. The cursor also remembers the entries already
seen (hashed, bounded), so a changed feed yields only its new entries.

Reading the bytes into entries is feed_parse.py (after feed_safety.py has refused XML
bombs and documents too big to parse in reasonable time), and an entry becomes a message
in feed_messages.py; here are the account, the fetch, the cursor and which entries are new.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
import zlib
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from inbox_app.core.models import Account, IncomingMessage
from inbox_app.core.timeutil import now as current_time
from inbox_app.sources import (
    AccountSetup,
    FetchResult,
    SourceError,
    http,
    parse_worker,
    scored,
)
from inbox_app.sources.feed_messages import edited_message, entry_message
from inbox_app.sources.feed_parse import FeedEntry, SignInPage, parse_feed
from inbox_app.sources.http import FetchError, check_url

KIND = "feed"
NEEDS_SECRET = False
SECRET_LABEL = "Password"

SEEN_LIMIT = 1000
MAX_BYTES = 5 * 1024 * 1024  # review and mention feeds are far smaller; podcasts are not our job
# A feed the site removed (410 Gone) is not tried again on its own: the next try is put this
# far off, and lifted when the shop gives the account another address (update_account) or
# asks for a read (F5, `poll --once --account`). A pause over LEFT_ALONE is no backoff.
GONE_PAUSE = 10 * 365 * 86400
ACCEPT = ("application/atom+xml, application/rss+xml, application/feed+json, "
          "application/rdf+xml;q=0.9, application/xml;q=0.9, application/json;q=0.8, "
          "text/xml;q=0.8, */*;q=0.5")


# Account setup


def add_arguments(parser) -> None:
    parser.add_argument("--url", required=True, help="the feed's address (https://…)")
    parser.add_argument("--watch", choices=("brand", "competitor"), default=None,
                        help="label everything this feed brings in as a brand or competitor mention")
    parser.add_argument("--term", default=None,
                        help="the competitor (or brand) this feed searches for; "
                             "default: the account name")
    parser.add_argument("--username", default=None,
                        help="for a private feed behind a password (HTTP Basic); the password "
                             "is asked for and kept in the OS keyring")


def account_config(args) -> AccountSetup:
    url = _web_address((args.url or "").strip())
    try:
        check_url(url)
    except FetchError as error:
        raise SourceError(str(error)) from None
    parts = urlsplit(url)
    if parts.password:
        raise SourceError("The address contains a password; give --username and enter the "
                          "password when asked, so it is kept in the keyring.")
    if args.term and not args.watch:
        raise SourceError("--term goes with --watch brand or --watch competitor.")
    config: dict[str, Any] = {"url": url}
    if args.watch:
        config["term"] = (args.term or args.name).strip()
    username = (args.username or parts.username or "").strip()
    if username:
        config["username"] = username
        if parts.username:
            config["url"] = url.replace(f"{parts.username}@", "", 1)
    return AccountSetup(config=config, secret_label=SECRET_LABEL if username else None,
                        watch=args.watch)


def _web_address(url: str) -> str:
    """A feed address as browsers and "subscribe" buttons write it (`feed://host/…`,
    `feed:https://host/…`) is a web address."""
    scheme, colon, rest = url.partition(":")
    if not colon or scheme.lower() != "feed":
        return url
    if rest.lower().startswith(("http://", "https://")):
        return rest
    return "https:" + rest if rest.startswith("//") else url


def needs_secret(account: Account) -> bool:
    """Only a feed behind a password has a secret (in the keyring)."""
    return bool(account.config.get("username"))


def verify(config: dict[str, Any], secret: str | None, session) -> str:
    """Fetches the feed once, so a wrong address is caught when it is added."""
    response = _get(session, config["url"], _headers(config, secret, {}), config, adding=True)
    try:
        count, taken, title = parse_worker.run(_count_entries, response.body,
                                               dict(response.headers), response.url,
                                               config["url"])
    except SignInPage as page:
        raise SourceError(_moved_to_a_password(config, response.url, adding=True) or
                          f"{page}: {_sign_in_advice(config, adding=True)}") from None
    title = f" {title!r}" if title else ""
    found = f"found the feed{title} with {count} item{'s' if count != 1 else ''}"
    return found + (f"; the first read takes the newest {taken}" if taken < count else "")


def _count_entries(body: bytes, headers: dict[str, str], url: str,
                   base: str) -> tuple[int, int, str | None]:
    """How many entries the feed lists, how many a read takes, and its title."""
    parsed = parse_feed(body, headers, url, base=base)
    return len(parsed.entries) + parsed.left_out, len(parsed.entries), parsed.title


# Polling


def fetch(account: Account, secret: str | None, session) -> FetchResult:
    config, cursor = account.config, account.cursor or {}
    url = config.get("url")
    if not url:
        raise SourceError(f"The account {account.name} has no feed address; add it again.")
    if config.get("username") and not secret:
        raise SourceError(f"The password for {account.name} is missing from the keyring; "
                          f"enter it again (Accounts → Edit, or `inbox-app account secret"
                          f" {account.name!r}`).")
    address = _address(url, cursor)
    if _origin(address) != _origin(url):
        secret = None  # the password is for the server it was given for, not where it moved
    response = _get(session, address, _headers(config, secret, cursor), config)
    moved = _moved(url, cursor, response)
    if response.status == 304:
        unmoved = {key: value for key, value in cursor.items() if key != "moved"}
        return FetchResult([], {**unmoved, **moved} if moved != _moves(cursor) else None)
    validators = {"etag": response.header("ETag"), "modified": response.header("Last-Modified")}
    digest = hashlib.sha256(response.body).hexdigest()[:32]
    if digest == cursor.get("digest"):  # the same bytes again: nothing to parse
        kept = {key: value for key, value in cursor.items()
                if key not in validators and key != "moved"}
        return FetchResult([], {**kept, **moved,
                                **{k: v for k, v in validators.items() if v}})
    seen = cursor.get("seen") or []
    versions = cursor.get("versions") if isinstance(cursor.get("versions"), dict) else {}
    known = {mark: versions.get(mark) for mark in seen}
    try:
        items, current, left_out = parse_worker.run(
            new_entries, response.body, dict(response.headers), response.url, url,
            account.name, known)
    except SignInPage as page:
        raise SourceError(_moved_to_a_password(config, response.url) or
                          f"{page}: {_sign_in_advice(config)}") from None
    listed = set(current)
    # What the feed lists now is always remembered; older marks fill up to the bound.
    older = [mark for mark in seen if mark not in listed]
    marks = list(current) + older[: max(0, SEEN_LIMIT - len(current))]
    new_cursor = {
        **validators,
        "digest": digest,
        "seen": marks,
        "versions": {mark: current.get(mark) or versions.get(mark) for mark in marks
                     if current.get(mark) or versions.get(mark)},
        **moved,
    }
    first_read = not seen and not cursor.get("digest")
    return FetchResult(items, {k: v for k, v in new_cursor.items() if v},
                       skipped=left_out if first_read else 0)


def _moved_to_a_password(config: dict[str, Any], answered_at: str, *,
                         adding: bool = False) -> str | None:
    """Why a private feed that moved to another server asks for its password there: the
    app kept the password back on purpose (it is for the server it was given for), so
    "check the password" would send the owner after one that is right."""
    if not config.get("username") or _origin(answered_at) == _origin(config.get("url", "")):
        return None
    host = http.host_of(answered_at)
    then = (f"add it with the new address {answered_at}" if adding else
            f"give the account the new address {answered_at} (Accounts → Edit)")
    return (f"The feed moved to {host}, which asks for a password; the app does not send the"
            f" account's password to another server: if you trust {host}, {then}.")


def _sign_in_advice(config: dict[str, Any], *, adding: bool = False) -> str:
    if config.get("username"):
        return "check the account's user name and password."
    again = "" if adding else " again"
    return f"the feed may be private: add it{again} with --username and its password."


def _address(url: str, cursor: dict[str, Any]) -> str:
    """Where the feed is read: where it last moved for good (301, 308), as long as the
    account still has the address that moved; the shop's own new address wins."""
    moved = _moves(cursor).get("moved")
    if moved and moved.get("from") == url and isinstance(moved.get("to"), str):
        try:
            return check_url(moved["to"])
        except FetchError:
            return url
    return url


def reading_address(account: Account) -> str | None:
    """Where the account's feed is read from now: the address it moved to for good, else
    the one the shop gave (None when it has none)."""
    url = account.config.get("url")
    return _address(url, account.cursor or {}) if url else None


def _moves(cursor: dict[str, Any]) -> dict[str, Any]:
    moved = cursor.get("moved")
    return {"moved": moved} if isinstance(moved, dict) else {}


def _moved(url: str, cursor: dict[str, Any], response: http.Response) -> dict[str, Any]:
    """The cursor's record of where the feed lives now. Only redirects that all say
    "moved for good" are remembered; a temporary one (302, 307) is followed each time."""
    if response.history and all(status in (301, 308) for status in response.history):
        if response.url == url:
            return {}
        return {"moved": {"from": url, "to": response.url}}
    return _moves(cursor) if _address(url, cursor) != url else {}


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def new_entries(body: bytes, headers: dict[str, str], url: str, base: str, account_name: str,
                known: dict[str, str | None],
                ) -> tuple[list[IncomingMessage], dict[str, str], int]:
    """The feed's entries not `known` yet, and those whose words or rating changed since
    (`known` maps an entry's mark to its version, None when not recorded), as scored
    messages; the marks and versions of every entry it lists now; how many older entries
    a long feed left unread. Pure work on the downloaded bytes: it may run in the helper
    process (parse_worker)."""
    parsed = parse_feed(body, headers, url, base=base)
    first_seen = current_time()
    items: list[IncomingMessage] = []
    current: dict[str, str] = {}
    for entry in _distinct_keys(_without_shared_addresses(parsed.entries)):
        mark = _seen_mark(entry.key)
        if mark in current:
            continue
        version = _version(entry)
        current[mark] = version
        if mark not in known:
            items.append(entry_message(entry, account_name, first_seen,
                                       feed_title=parsed.title))
        elif known[mark] is not None and known[mark] != version:
            items.append(edited_message(entry, version, account_name, first_seen,
                                        feed_title=parsed.title))
    return scored(items), current, parsed.left_out


def _get(session, url: str, headers: dict[str, str], config: dict[str, Any], *,
         adding: bool = False) -> http.Response:
    """A GET with the app's limits, read when called (so a test can shorten them)."""
    limit = min(MAX_BYTES, http.MAX_BYTES)
    try:
        response = http.request(session, "GET", url, headers=headers, max_bytes=limit,
                                deadline=http.DEADLINE, ok_statuses=(401, 403),
                                timeout=(http.CONNECT_TIMEOUT, http.READ_TIMEOUT))
    except FetchError as error:
        if error.status == 410:
            raise _gone(url, adding) from None
        raise
    if response.status in (401, 403):
        raise _refused(response, config, adding)
    return _gunzipped(response, limit)


def _refused(response: http.Response, config: dict[str, Any], adding: bool) -> Exception:
    """A 401 or 403, in words that fit the account: a password kept back from a server the
    feed moved to, a wrong password, or a feed that is private."""
    moved = _moved_to_a_password(config, response.url, adding=adding)
    if moved:
        return SourceError(moved)
    advice = ("check the account's password or token." if config.get("username")
              else _sign_in_advice(config, adding=adding))
    return FetchError(f"{http.host_of(response.url)} refused access ({response.status}):"
                      f" {advice}", status=response.status, retryable=False,
                      retry_after=http.parse_retry_after(response.header("Retry-After")))


def _gone(url: str, adding: bool) -> FetchError:
    """A feed the site removed for good: what the shop can do about it, and a pause long
    enough that the poller leaves the account alone until asked (see GONE_PAUSE)."""
    advice = ("check the feed's address" if adding else
              "remove the account, or give it the feed's new address (Accounts → Edit)")
    return FetchError(f"{http.host_of(url)} removed this feed for good (410 Gone at"
                      f" {urlsplit(url).path or '/'}): {advice}.", status=410,
                      retry_after=GONE_PAUSE, retryable=False)


def _gunzipped(response: http.Response, limit: int) -> http.Response:
    """A body still gzipped when it arrives (a server that compressed the file but did not
    say so, a feed.xml.gz), unpacked up to the same limit: a gzip bomb stops there."""
    if not response.body.startswith(b"\x1f\x8b"):
        return response
    host = http.host_of(response.url)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(response.body, limit + 1)
    except zlib.error:
        raise FetchError(f"{host} sent a compressed feed that is damaged.",
                         retryable=False) from None
    if len(body) > limit or inflater.unconsumed_tail:
        raise FetchError(f"{host} sent more than {limit // (1024 * 1024)} MB; the app stopped"
                         " reading it.", retryable=False)
    return dataclasses.replace(response, body=body)


def _headers(config: dict[str, Any], secret: str | None, cursor: dict[str, Any]) -> dict[str, str]:
    headers = {"Accept": ACCEPT}
    if cursor.get("etag"):
        headers["If-None-Match"] = cursor["etag"]
    if cursor.get("modified"):
        headers["If-Modified-Since"] = cursor["modified"]
    if config.get("username") and secret:
        pair = f"{config['username']}:{secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    return headers


def _distinct_keys(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Different entries (links and words) the feed gives one id (a review widget whose
    every guid is the reviews page) are told apart by their links: else only the first
    would ever be stored, and each new one taken for it."""
    links: dict[str, set[str | None]] = defaultdict(set)
    contents: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entry in entries:
        links[entry.key].add(entry.link)
        contents[entry.key].add((entry.title, entry.text))
    shared = {key for key, seen in links.items() if len(seen) > 1 and len(contents[key]) > 1}
    if not shared:
        return entries
    return [dataclasses.replace(entry, key=entry.link) if entry.key in shared and entry.link
            else entry for entry in entries]


def _without_shared_addresses(entries: list[FeedEntry]) -> list[FeedEntry]:
    """An address the feed gives to authors of different names is the site's own (Flickr's
    nobody@flickr.com, a review widget's reviews@…): it says nothing about who wrote an
    entry, and taken as theirs would make every author one customer."""
    names: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.author_email:
            names[entry.author_email.lower()].add(entry.author_name.casefold())
    shared = {email for email, named in names.items() if len(named) > 1}
    if not shared:
        return entries
    return [dataclasses.replace(entry, author_email=None)
            if entry.author_email and entry.author_email.lower() in shared else entry
            for entry in entries]


def _seen_mark(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _version(entry: FeedEntry) -> str:
    """What a reader sees of an entry: its title, words and rating. Not its date, links or
    markup, which sites rewrite (tracking, image hosts) without the author changing a word,
    nor the figures in its words: a mention feed's "Points: 12 · Comments: 5" (Hacker News
    searches) changes on every read and would make an "(edited)" message each time. The
    rating is kept whole: a review changed from one star to four is an edit."""
    seen = f"{_WITHOUT_FIGURES.sub('', entry.title)}\n{_WITHOUT_FIGURES.sub('', entry.text)}" \
        f"\n{entry.rating}"
    return hashlib.sha1(seen.encode("utf-8", "surrogatepass")).hexdigest()[:12]


_WITHOUT_FIGURES = re.compile(r"\d+")
