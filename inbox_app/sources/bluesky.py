"""Bluesky: mentions, replies and quotes of the shop come in; replies go out as posts.

The app signs in once with the handle and an app password
(`com.atproto.server.createSession`, which Bluesky limits tightly) and keeps the
session's tokens in the keyring (slot `session`). Every later poll and reply uses
the access token; when it has expired (`ExpiredToken`) the refresh token gets a
new pair (`refreshSession`), and only when that too is refused does the app
sign in again. Sign-in goes to `--service` (Bluesky's entryway); every call after
it goes to the account's own server, named by the session's DID document.

`app.bsky.notification.listNotifications` is read newest first, following its
`cursor` until the last poll's high-water mark (`indexedAt`); likes, reposts and
follows are not queue items. The app neither relies on nor moves the account's
`seenAt` / `isRead`: staff reading notifications on their phone must not hide
them from the inbox, and the inbox must not clear the phone's badge. A burst
larger than one poll's pages is remembered as a gap and read on the next polls.

A reply is a `com.atproto.repo.createRecord` of an `app.bsky.feed.post` with
`reply.root` and `reply.parent`, checked against the 300-grapheme limit first.
Its record key is derived from the stored reply, so a retry after a timeout
finds the post it already made instead of posting twice.
"""

from __future__ import annotations

import argparse
import contextlib
import html as html_lib
import json
import logging
import re
import threading
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import regex
import requests

from inbox_app.core.html import sanitize_html
from inbox_app.core.identity import IdentityError, identity_refs, normalize_handle
from inbox_app.core.models import Account, IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.replies import Outgoing, SendError, Sent, register_sender
from inbox_app.secrets import KeyringUnavailable, get_secret, set_secret
from inbox_app.sources import AccountSetup, FetchResult, SourceError
from inbox_app.sources.apis import (
    account_secret,
    base_url,
    body_of,
    call,
    epoch,
    error_text,
    rate_limited,
    reply_context,
    unreachable,
)
from inbox_app.sources.http import FetchError, Response, make_session
from inbox_app.store import Store

log = logging.getLogger(__name__)

NEEDS_SECRET = True
SECRET_LABEL = "App password"
SERVICE = "Bluesky"
DEFAULT_SERVICE = "https://bsky.social"
SESSION_SLOT = "session"

REASONS = ("mention", "reply", "quote")
POST = "app.bsky.feed.post"
PAGE_LIMIT = 50
MAX_PAGES = 8
MAX_PROFILES = 25
MAX_GRAPHEMES = 300
MAX_POST_BYTES = 3000

# Sessions created while verifying a new account, handed to its first poll in this process.
_verified_sessions: dict[tuple[str, str], dict[str, Any]] = {}
_account_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


# Adding an account

def handle_argument(raw: str) -> str:
    try:
        handle = normalize_handle(raw)
    except IdentityError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a Bluesky handle "
                                         "(e.g. shop.bsky.social).") from None
    if "." not in handle and not handle.startswith("did:"):
        raise argparse.ArgumentTypeError(f"{raw!r} is not a Bluesky handle "
                                         "(e.g. shop.bsky.social).")
    return handle


def service_argument(raw: str) -> str:
    try:
        return base_url(raw, option="--service")
    except SourceError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--handle", required=True, type=handle_argument,
                        help="the shop's Bluesky handle, e.g. shop.bsky.social")
    parser.add_argument("--service", default=DEFAULT_SERVICE, type=service_argument,
                        help=f"the account's server (default {DEFAULT_SERVICE})")


def account_config(args: argparse.Namespace) -> AccountSetup:
    return AccountSetup({"handle": args.handle, "service": args.service}, SECRET_LABEL)


def verify(config: dict[str, Any], secret: str, session: requests.Session) -> str:
    """Signs in with the app password; the session is kept for the account's first poll."""
    client = Client(session, config, secret, None)
    created = client.sign_in()
    with _locks_guard:
        _verified_sessions[(config["service"], config["handle"])] = created
    return f"signed in as @{created.get('handle') or config['handle']} ({created.get('did')})"


# The session and XRPC calls

def _lock_for(account_name: str) -> threading.Lock:
    with _locks_guard:
        return _account_locks.setdefault(account_name.lower(), threading.Lock())


class Client:
    """XRPC calls with a cached session: refreshed when it expires, re-created only if refused."""

    def __init__(self, http: requests.Session, config: dict[str, Any], password: str,
                 account_name: str | None):
        self.http = http
        self.service = config["service"]
        self.handle = config["handle"]
        self.password = password
        self.account_name = account_name
        self.session: dict[str, Any] | None = None

    # Session

    @property
    def did(self) -> str:
        return str(self._current()["did"])

    def _current(self) -> dict[str, Any]:
        if self.session is None:
            lock = _lock_for(self.account_name) if self.account_name else threading.Lock()
            with lock:
                self.session = self._stored() or self._handed_over() or self.sign_in()
        return self.session

    def _stored(self) -> dict[str, Any] | None:
        if not self.account_name:
            return None
        try:
            raw = get_secret(self.account_name, slot=SESSION_SLOT)
        except KeyringUnavailable as error:
            raise SourceError(str(error)) from None
        if not raw:
            return None
        try:
            stored = json.loads(raw)
        except json.JSONDecodeError:
            return None
        if not isinstance(stored, dict) or stored.get("service") != self.service or \
                stored.get("login") != self.handle or not stored.get("accessJwt"):
            return None
        return stored

    def _handed_over(self) -> dict[str, Any] | None:
        with _locks_guard:
            session = _verified_sessions.pop((self.service, self.handle), None)
        if session is not None:
            self._save(session)
        return session

    def _save(self, session: dict[str, Any]) -> None:
        if not self.account_name:
            return
        try:
            set_secret(self.account_name, json.dumps(session), slot=SESSION_SLOT)
        except KeyringUnavailable as error:
            raise SourceError(str(error)) from None

    def _keep(self, answer: dict[str, Any], previous: dict[str, Any] | None = None
              ) -> dict[str, Any]:
        missing = [k for k in ("accessJwt", "refreshJwt", "did") if not answer.get(k)]
        if missing:
            raise FetchError(f"{self._host} sent a session without {', '.join(missing)}.",
                             retryable=False)
        if answer.get("active") is False:
            state = answer.get("status") or "inactive"
            raise SourceError(f"Bluesky says the account {self.handle} is {state}; "
                              f"{_STATE_ADVICE.get(state, 'it cannot be used until it is active again')}.")
        session = {key: answer.get(key) for key in ("accessJwt", "refreshJwt", "did", "handle")}
        session.update(service=self.service, login=self.handle,
                       pds=_pds_of(answer) or (previous or {}).get("pds"))
        self._save(session)
        return session

    def sign_in(self) -> dict[str, Any]:
        """`createSession` with the app password (rate-limited by Bluesky: used sparingly)."""
        response = self._send("POST", "com.atproto.server.createSession", None,
                              {"identifier": self.handle, "password": self.password})
        if response.status >= 400:
            raise self._refusal("com.atproto.server.createSession", response, signing_in=True)
        return self._keep(response.json())

    def _refresh(self, stale: dict[str, Any]) -> dict[str, Any]:
        lock = _lock_for(self.account_name) if self.account_name else threading.Lock()
        with lock:
            current = self._stored()
            if current and current.get("accessJwt") != stale.get("accessJwt"):
                return current  # another thread refreshed it meanwhile
            response = self._send("POST", "com.atproto.server.refreshSession",
                                  stale.get("refreshJwt"), None, to=stale.get("pds"))
            if response.status >= 400:
                if _error_name(response) in ("ExpiredToken", "InvalidToken") or \
                        response.status == 401:
                    return self.sign_in()
                raise self._refusal("com.atproto.server.refreshSession", response)
            return self._keep(response.json(), stale)

    # Calls

    @property
    def _host(self) -> str:
        return urlsplit(self.service).hostname or self.service

    def _send(self, method: str, nsid: str, token: str | None, body: Any,
              params: Any = None, *, to: str | None = None) -> Response:
        """A call on `to` (the account's own server, once signed in), else on --service."""
        server = to or self.service
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            return call(self.http, method, f"{server}/xrpc/{nsid}", headers=headers,
                        params=params, json_body=body)
        except FetchError as error:
            raise unreachable(error, SERVICE, server, "--service") from None

    def xrpc(self, method: str, nsid: str, *, params: Any = None, body: Any = None
             ) -> dict[str, Any]:
        """A query (GET) or procedure (POST) with the session; refreshes it once if expired."""
        session = self._current()
        response = self._send(method, nsid, session["accessJwt"], body, params,
                              to=session.get("pds"))
        if response.status >= 400:
            name = _error_name(response)
            if name == "ExpiredToken":
                self.session = session = self._refresh(session)
            elif response.status == 401 and name in ("InvalidToken", "AuthenticationRequired",
                                                     "AuthMissing"):
                self.session = session = self.sign_in()  # the session was revoked
            else:
                raise self._refusal(nsid, response)
            response = self._send(method, nsid, session["accessJwt"], body, params,
                                  to=session.get("pds"))
            if response.status >= 400:
                raise self._refusal(nsid, response)
        answer = response.json()
        if not isinstance(answer, dict):
            raise FetchError(f"{self._host} sent an answer to {nsid} the app does not understand.",
                             retryable=False)
        return answer

    def _refusal(self, nsid: str, response: Response, *, signing_in: bool = False
                 ) -> Exception:
        name = _error_name(response)
        said = error_text(response, "message", "error")
        quoted = f" (“{said}”)" if said else ""
        if response.status == 429 or name == "RateLimitExceeded":
            return rate_limited("Bluesky", response)
        if name == "AccountTakedown":
            return SourceError(f"Bluesky says the account {self.handle} has been taken down "
                               "(suspended by its moderators); it cannot be read or used to reply.")
        if name in ("AccountDeactivated", "AccountSuspended"):
            state = "deactivated" if name == "AccountDeactivated" else "suspended"
            return SourceError(f"Bluesky says the account {self.handle} is {state}; "
                               f"{_STATE_ADVICE[state]}.")
        if name == "AuthFactorTokenRequired":
            return SourceError(f"Bluesky wants an email code to sign in as {self.handle}: use an "
                               "app password (Settings → Privacy and security → App passwords), "
                               "not the account's main password.")
        if signing_in and response.status in (400, 401):
            return SourceError(f"Bluesky refused the app password for {self.handle}{quoted}: "
                               "create a new app password and add the account again.")
        if response.status == 401:
            return SourceError(f"Bluesky refused the session for {self.handle}{quoted}; add the "
                               "account again.")
        if response.status == 404 and name in ("", "XRPCNotSupported", "MethodNotImplemented"):
            return FetchError(f"{self._host} does not answer Bluesky requests ({nsid}): check the "
                              "address (--service).", status=404, retryable=False)
        return FetchError(f"Bluesky refused {nsid}{quoted}.", status=response.status,
                          retryable=False)


def _pds_of(answer: dict[str, Any]) -> str | None:
    """The account's own server from the session's DID document (`#atproto_pds`).

    Bluesky's sign-in address is an entryway in front of many servers, and an account on
    a self-hosted server lives elsewhere again: reads and writes go to the server the DID
    document names. One that is not a safe address (plain http off this computer, say)
    is ignored and the sign-in address used instead."""
    document = answer.get("didDoc")
    services = document.get("service") if isinstance(document, dict) else None
    for service in services if isinstance(services, list) else []:
        if not isinstance(service, dict) or service.get("type") != "AtprotoPersonalDataServer" \
                or not str(service.get("id", "")).endswith("#atproto_pds"):
            continue
        endpoint = service.get("serviceEndpoint")
        if not isinstance(endpoint, str) or "://" not in endpoint:
            return None
        try:
            return base_url(endpoint, option="the DID document's server")
        except SourceError:
            log.warning("Ignoring the DID document's server %r: not a safe address", endpoint)
            return None
    return None


_STATE_ADVICE = {
    "deactivated": "reactivate it in Bluesky to read and reply",
    "suspended": "it cannot be read or used to reply until Bluesky lifts the suspension",
    "takendown": "it cannot be read or used to reply",
}


def _error_name(response: Response) -> str:
    name = body_of(response).get("error")
    return name if isinstance(name, str) else ""


# Text

def _at(data: bytes, index: int) -> bool:
    """True when a byte index falls on a character boundary of UTF-8 text."""
    return 0 <= index <= len(data) and (index == len(data) or (data[index] & 0xC0) != 0x80)


def _facet_spans(data: bytes, facets: Any) -> list[tuple[int, int, dict[str, Any]]]:
    """Valid, non-overlapping facet spans, in order; broken ones are ignored."""
    spans = []
    for facet in facets if isinstance(facets, list) else []:
        if not isinstance(facet, dict):
            continue
        index = facet.get("index") or {}
        start, end = index.get("byteStart"), index.get("byteEnd")
        features = [f for f in facet.get("features") or [] if isinstance(f, dict)]
        if not isinstance(start, int) or not isinstance(end, int) or start >= end or \
                not features or not _at(data, start) or not _at(data, end):
            continue
        spans.append((start, end, features[0]))
    spans.sort(key=lambda span: span[0])
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def rich_text(text: str, facets: Any) -> tuple[str, str | None]:
    """Plain text and HTML from a post's text and facets (byte ranges over UTF-8).

    Links shortened for display ("example.com/very-lo...") become their full
    address in the plain text; mentions and tags stay as written.
    """
    data = text.encode("utf-8")
    plain: list[str] = []
    marked: list[str] = []
    position = 0
    for start, end, feature in _facet_spans(data, facets):
        plain.append(data[position:start].decode("utf-8"))
        marked.append(html_lib.escape(data[position:start].decode("utf-8")))
        shown = data[start:end].decode("utf-8")
        kind = str(feature.get("$type") or "")
        href = None
        if kind.endswith("#link") and isinstance(feature.get("uri"), str):
            href = feature["uri"]
            plain.append(href if _shortened(shown, href) else shown)
        else:
            plain.append(shown)
            if kind.endswith("#mention") and isinstance(feature.get("did"), str):
                href = f"https://bsky.app/profile/{feature['did']}"
            elif kind.endswith("#tag") and isinstance(feature.get("tag"), str):
                href = f"https://bsky.app/hashtag/{feature['tag']}"
        escaped = html_lib.escape(shown)
        marked.append(f'<a href="{html_lib.escape(href)}">{escaped}</a>' if href else escaped)
        position = end
    plain.append(data[position:].decode("utf-8", errors="replace"))
    marked.append(html_lib.escape(data[position:].decode("utf-8", errors="replace")))
    html = None
    if len(marked) > 1:
        html = sanitize_html("<p>" + "".join(marked).replace("\n", "<br>") + "</p>")
    return "".join(plain), html


def _shortened(shown: str, uri: str) -> bool:
    bare = re.sub(r"^https?://", "", uri)
    return shown != uri and shown != bare


def _embed_lines(embed: Any) -> list[str]:
    if not isinstance(embed, dict):
        return []
    kind = str(embed.get("$type") or "")
    lines: list[str] = []
    if kind.startswith("app.bsky.embed.images"):
        for image in embed.get("images") or []:
            alt = (image.get("alt") or "").strip() if isinstance(image, dict) else ""
            lines.append(f"[image: {alt}]" if alt else "[image]")
    elif kind.startswith("app.bsky.embed.video"):
        alt = (embed.get("alt") or "").strip()
        lines.append(f"[video: {alt}]" if alt else "[video]")
    elif kind.startswith("app.bsky.embed.external"):
        external = embed.get("external") or {}
        title = (external.get("title") or "").strip()
        uri = external.get("uri") or ""
        lines.append(f"[link: {title} {uri}]".replace("  ", " ") if title else f"[link: {uri}]")
    elif kind.startswith("app.bsky.embed.recordWithMedia"):
        lines.extend(_embed_lines(embed.get("media")))
        lines.extend(_embed_lines(embed.get("record")))
    elif kind.startswith("app.bsky.embed.record"):
        record = embed.get("record") or {}
        if isinstance(record, dict) and record.get("uri"):
            lines.append(f"[quoting {post_url(record['uri']) or record['uri']}]")
    return lines


def post_url(uri: str) -> str | None:
    """The bsky.app address of a post's at:// URI."""
    match = re.fullmatch(r"at://([^/]+)/app\.bsky\.feed\.post/([^/]+)", uri or "")
    if not match:
        return None
    return f"https://bsky.app/profile/{match.group(1)}/post/{match.group(2)}"


# Reading notifications

def _instant(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _Mark:
    """Where the last poll stopped: the newest `indexedAt` and the URIs seen at that instant."""

    def __init__(self, indexed_at: str | None, uris: list[str] | None = None):
        self.indexed_at = indexed_at
        self.moment = _instant(indexed_at)
        self.uris = set(uris or [])

    def is_old(self, notification: dict[str, Any]) -> bool:
        if self.moment is None:
            return False
        moment = _instant(notification.get("indexedAt"))
        if moment is None:
            return False
        return moment < self.moment or (moment == self.moment
                                        and notification.get("uri") in self.uris)


def _read_down(client: Client, start: str | None, mark: _Mark, pages: list[int]
               ) -> tuple[list[dict[str, Any]], bool, str | None]:
    """Notifications newer than `mark`, newest first. Returns (found, reached, next cursor)."""
    found: list[dict[str, Any]] = []
    cursor = start
    first_poll = mark.moment is None and start is None
    while pages[0] > 0:
        pages[0] -= 1
        params: list[tuple[str, Any]] = [("limit", PAGE_LIMIT)]
        params += [("reasons", reason) for reason in REASONS]
        if cursor:
            params.append(("cursor", cursor))
        answer = client.xrpc("GET", "app.bsky.notification.listNotifications", params=params)
        page = answer.get("notifications")
        if not isinstance(page, list):
            raise FetchError("Bluesky sent notifications in a shape the app does not know.",
                             retryable=False)
        reached = not page
        for item in page:
            if not isinstance(item, dict):
                continue
            if mark.is_old(item):
                reached = True
                continue
            found.append(item)
        cursor = answer.get("cursor") if isinstance(answer.get("cursor"), str) else None
        if reached or first_poll or not cursor:
            return found, True, None
    return found, False, cursor


def fetch(account: Account, secret: str, session: requests.Session) -> FetchResult:
    client = Client(session, account.config, secret, account.name)
    saved = account.cursor or {}
    mark = _Mark(saved.get("indexed_at"), saved.get("uris"))
    pages = [MAX_PAGES]
    fresh, reached, next_cursor = _read_down(client, None, mark, pages)
    gaps = [g for g in saved.get("gaps", []) if isinstance(g, dict) and g.get("cursor")]
    if not reached and next_cursor:
        gaps.append({"cursor": next_cursor, "indexed_at": mark.indexed_at,
                     "uris": sorted(mark.uris)})
    notifications = list(fresh)
    remaining = []
    for gap in gaps:
        if pages[0] <= 0:
            remaining.append(gap)
            continue
        older, gap_reached, gap_cursor = _read_down(
            client, gap["cursor"], _Mark(gap.get("indexed_at"), gap.get("uris")), pages)
        notifications.extend(older)
        if not gap_reached and gap_cursor:
            remaining.append({**gap, "cursor": gap_cursor})

    newest = mark
    for item in fresh:
        moment = _instant(item.get("indexedAt"))
        if moment is None:
            continue
        if newest.moment is None or moment > newest.moment:
            newest = _Mark(item["indexedAt"], [item.get("uri")])
        elif moment == newest.moment:
            newest.uris.add(item.get("uri"))
    items, skipped = _messages(client, account.name, notifications)
    cursor: dict[str, Any] = {}
    if newest.indexed_at:
        cursor = {"indexed_at": newest.indexed_at, "uris": sorted(u for u in newest.uris if u)}
    if remaining:
        cursor["gaps"] = remaining
    return FetchResult(items, cursor, skipped)


def _messages(client: Client, account_name: str, notifications: list[dict[str, Any]]
              ) -> tuple[list[IncomingMessage], int]:
    """Mentions, replies and quotes become messages; likes, reposts and follows do not."""
    chosen: dict[str, dict[str, Any]] = {}
    skipped = 0
    for item in notifications:
        record = item.get("record")
        author = item.get("author")
        if item.get("reason") not in REASONS or not isinstance(record, dict) or \
                not isinstance(author, dict) or not author.get("did") or \
                not str(record.get("$type") or POST).startswith(POST) or not item.get("uri"):
            skipped += 1
            continue
        chosen.setdefault(item["uri"], item)
    followers = _followers(client, {item["author"]["did"] for item in chosen.values()})
    items = []
    for item in chosen.values():
        message = to_message(item, account_name, followers.get(item["author"]["did"]))
        if message is None:
            skipped += 1
        else:
            items.append(message)
    items.sort(key=lambda m: (m.at, m.external_id))
    return items, skipped


def _followers(client: Client, dids: set[str]) -> dict[str, int]:
    """Follower counts (`app.bsky.actor.getProfile`) for a poll's authors, at most MAX_PROFILES."""
    counts: dict[str, int] = {}
    for did in sorted(dids)[:MAX_PROFILES]:
        try:
            profile = client.xrpc("GET", "app.bsky.actor.getProfile", params={"actor": did})
        except FetchError as error:
            log.info("no profile for %s: %s", did, error)
            if error.status == 429:
                break
            continue
        if isinstance(profile.get("followersCount"), int):
            counts[did] = profile["followersCount"]
    return counts


def _strong_ref(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict) and isinstance(value.get("uri"), str) and \
            isinstance(value.get("cid"), str):
        return {"uri": value["uri"], "cid": value["cid"]}
    return None


def to_message(item: dict[str, Any], account_name: str, followers: int | None = None
               ) -> IncomingMessage | None:
    record = item["record"]
    author = item["author"]
    text, html = rich_text(str(record.get("text") or ""), record.get("facets"))
    lines = [text.strip(), *_embed_lines(record.get("embed"))]
    text = "\n".join(line for line in lines if line) or "(no text)"
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    parent = _strong_ref(reply.get("parent"))
    root = _strong_ref(reply.get("root"))
    this = {"uri": item["uri"], "cid": item.get("cid") or ""}
    refs = tuple(dict.fromkeys(r["uri"] for r in (parent, root) if r))
    did = str(author["did"])
    handle = str(author.get("handle") or "")
    identities: list[IdentityRef] = [IdentityRef("bluesky", did.lower(), handle or did, followers)]
    if handle and handle != "handle.invalid":
        with contextlib.suppress(IdentityError):
            identities.extend(identity_refs("bluesky", handle=handle, followers=followers))
    indexed = epoch(item.get("indexedAt"))
    created = epoch(record.get("createdAt"))
    # createdAt is the client's word; a clock far ahead must not reorder the queue.
    at = created if created is not None and (indexed is None or created <= indexed + 300) \
        else (indexed or now())
    return IncomingMessage(
        kind="bluesky",
        external_id=item["uri"],
        text=text,
        at=at,
        account=account_name,
        refs=refs,
        author_name=str(author.get("displayName") or "").strip() or handle,
        identities=tuple(identities),
        url=post_url(item["uri"]),
        html=html,
        meta={
            "uri": item["uri"],
            "cid": this["cid"],
            "did": did,
            "handle": handle,
            "reason": item.get("reason"),
            "root": root or this,
            "parent": parent,
        },
    )


# Replying

def grapheme_count(text: str) -> int:
    """User-perceived characters, as Bluesky counts them (an emoji family is one)."""
    return len(regex.findall(r"\X", text))


def check_length(text: str) -> None:
    graphemes = grapheme_count(text)
    if graphemes > MAX_GRAPHEMES:
        raise SendError(f"Bluesky posts can be at most {MAX_GRAPHEMES} characters and this reply "
                        f"has {graphemes}; shorten it and send it again (the text is kept).")
    size = len(text.encode("utf-8"))
    if size > MAX_POST_BYTES:
        raise SendError(f"Bluesky posts can be at most {MAX_POST_BYTES} bytes and this reply has "
                        f"{size}; shorten it and send it again (the text is kept).")


_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def tid(microseconds: int, clock_id: int) -> str:
    """An AT Protocol timestamp identifier (the record key type of posts)."""
    value = ((microseconds & ((1 << 53) - 1)) << 10) | (clock_id & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def record_key(message_id: int, queued_at: int) -> str:
    """The same key every time one stored reply is sent: a retry cannot make a second post."""
    return tid(queued_at * 1_000_000 + message_id % 1_000_000, message_id % 1024)


_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def link_facets(text: str) -> list[dict[str, Any]]:
    """Facets that make the reply's web addresses clickable (byte ranges over UTF-8)."""
    facets = []
    for match in _URL.finditer(text):
        start = len(text[:match.start()].encode("utf-8"))
        end = start + len(match.group(0).encode("utf-8"))
        facets.append({
            "index": {"byteStart": start, "byteEnd": end},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": match.group(0)}],
        })
    return facets


def reply_target(messages) -> Any:
    for message in reversed(messages):
        if message.direction == "in" and message.kind == "bluesky" and message.meta.get("uri"):
            return message
    return None


def _thread_refs(client: Client, uri: str) -> tuple[dict[str, str], dict[str, str]]:
    """(parent, root) for replying to `uri`, read from `app.bsky.feed.getPostThread`."""
    answer = client.xrpc("GET", "app.bsky.feed.getPostThread",
                         params={"uri": uri, "depth": 0, "parentHeight": 0})
    thread = answer.get("thread") or {}
    kind = str(thread.get("$type") or "")
    if kind.endswith("#notFoundPost") or thread.get("notFound"):
        raise SendError("The customer's post has been deleted; there is nothing to reply to.")
    if kind.endswith("#blockedPost") or thread.get("blocked"):
        raise SendError("The customer's post cannot be answered: one of the accounts blocks the "
                        "other.")
    post = thread.get("post") or {}
    parent = _strong_ref(post)
    if parent is None:
        raise SendError("Bluesky did not say which version of the post to reply to.")
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    root = _strong_ref((record.get("reply") or {}).get("root")) or parent
    return parent, root


def _already_posted(client: Client, rkey: str) -> dict[str, str] | None:
    """The post a previous attempt made with this record key, if it did."""
    try:
        answer = client.xrpc("GET", "com.atproto.repo.getRecord",
                             params={"repo": client.did, "collection": POST, "rkey": rkey})
    except FetchError as error:
        if error.status in (400, 404):
            return None
        raise
    return _strong_ref(answer)


def send_reply(store: Store, outgoing: Outgoing) -> Sent:
    conversation, account = reply_context(store, outgoing.conversation_id, "Bluesky")
    target = reply_target(store.messages(conversation.id))
    if target is None:
        raise SendError("There is no Bluesky post from the customer in this conversation to "
                        "reply to.")
    check_length(outgoing.text)
    stored = store.get_message(outgoing.message_id)
    rkey = record_key(stored.id, stored.at)
    session = make_session()
    try:
        client = Client(session, account.config, account_secret(account.name, SECRET_LABEL),
                        account.name)
        parent = _strong_ref(target.meta)
        root = _strong_ref(target.meta.get("root"))
        if parent is None or root is None:
            parent, root = _thread_refs(client, target.meta["uri"])
        if stored.delivery == "failed":
            earlier = _already_posted(client, rkey)
            if earlier:
                return Sent(earlier["uri"], {**earlier, "rkey": rkey, "url": post_url(earlier["uri"])})
        record: dict[str, Any] = {
            "$type": POST,
            "text": outgoing.text,
            "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"),
            "reply": {"root": root, "parent": parent},
        }
        facets = link_facets(outgoing.text)
        if facets:
            record["facets"] = facets
        answer = client.xrpc("POST", "com.atproto.repo.createRecord", body={
            "repo": client.did, "collection": POST, "rkey": rkey, "record": record})
    except (SourceError, FetchError) as error:
        if isinstance(error, FetchError) and error.status is None:
            raise SendError(f"{error} Sending it again is safe: the app checks for the post "
                            "first.") from None
        raise SendError(str(error)) from None
    finally:
        session.close()
    created = _strong_ref(answer)
    if created is None:
        raise SendError("Bluesky accepted the reply but did not say which post it became.")
    return Sent(created["uri"], {**created, "rkey": rkey, "url": post_url(created["uri"])})


register_sender("bluesky", send_reply)
