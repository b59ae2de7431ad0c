"""Bluesky: mentions, replies and quotes of the shop come in; replies go out as posts.

The app signs in once with the handle and an app password and keeps the session in
the keyring (bluesky_session.py); post text and facets are read and written by
bluesky_text.py.

`app.bsky.notification.listNotifications` is read newest first, following its
`cursor` until the last poll's high-water mark (`indexedAt`); likes, reposts and
follows are not queue items. The app neither relies on nor moves the account's
`seenAt` / `isRead`: staff reading notifications on their phone must not hide
them from the inbox, and the inbox must not clear the phone's badge. A burst
larger than one poll's pages is remembered as a gap and read on the next polls, and
so is the rest of a read that a rate limit stopped part way (what was read is kept).

A reply is a `com.atproto.repo.createRecord` of an `app.bsky.feed.post` with
`reply.root` and `reply.parent`, checked against the 300-grapheme limit first;
bluesky_reply.py makes and posts it. Its record key is derived from the stored
reply, so a retry after a timeout finds the post it already made instead of posting
twice.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any, NamedTuple
from urllib.parse import unquote

import requests

from inbox_app.core.identity import IdentityError, identity_refs, normalize_handle
from inbox_app.core.models import Account, IdentityRef, IncomingMessage
from inbox_app.core.timeutil import in_words, now
from inbox_app.replies import Outgoing, SendError, Sent, register_sender
from inbox_app.sources import AccountSetup, FetchResult, SourceError, parse_worker, scored
from inbox_app.sources.apis import (
    RateLimited,
    account_secret,
    base_url,
    epoch,
    reply_context,
    reply_refused,
)
from inbox_app.sources.bluesky_account import WhichAccount as WhichAccount
from inbox_app.sources.bluesky_account import settings_for_secret as settings_for_secret
from inbox_app.sources.bluesky_reply import POST, post_reply, reply_target, strong_ref
from inbox_app.sources.bluesky_session import (
    INVALID_HANDLE,
    Client,
    SignedInAsAnother,
    keep_for_account,
    keep_for_first_poll,
)
from inbox_app.sources.bluesky_text import (
    check_length,
    embed_lines,
    post_url,
    record_key,
    rich_text,
    with_lines,
)
from inbox_app.sources.http import FetchError, make_session, not_json
from inbox_app.store import Store, StoreError

log = logging.getLogger(__name__)

NEEDS_SECRET = True
SECRET_LABEL = "App password"
DEFAULT_SERVICE = "https://bsky.social"

REASONS = ("mention", "reply", "quote")
PAGE_LIMIT = 50
MAX_PAGES = 8
MAX_PROFILES = 25


# Adding an account

# The address of a profile (or of a post on it) on Bluesky's web app: what people copy
# from the address bar when asked for the handle.
PROFILE_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?bsky\.app/profile/([^/?#]+)(?:[/?#].*)?",
                             re.IGNORECASE)


def handle_argument(raw: str) -> str:
    """The handle from what a person typed or pasted: a profile's address gives its handle,
    and invisible characters copied along (zero-width spaces, direction marks) are dropped:
    Bluesky's sign-in takes the handle as given and refuses anything else as a wrong app
    password."""
    visible = "".join(c for c in raw if unicodedata.category(c) != "Cf").strip()
    profile = PROFILE_ADDRESS.fullmatch(visible)
    if profile:
        visible = unquote(profile.group(1))
    try:
        handle = normalize_handle(visible)
    except IdentityError:
        handle = ""
    if "/" in handle or ("." not in handle and not handle.startswith("did:")):
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
    """Signs in with the app password; the session is kept for the account's first poll.
    The account it signed in as is kept in `config`, which the caller stores: its DID
    (`did`), and the handle it has now (one the shop has since changed signs in by the DID
    `config` keeps). StoreError when `config` keeps another DID: that account's app
    password."""
    try:
        created = Client(session, config, secret, None).sign_in()
    except SignedInAsAnother as other:
        who = f"@{other.handle}" if other.handle else other.did
        named = f"{who} ({other.did})" if other.handle else who
        raise StoreError(
            f"That app password signs in as {named}, not as the Bluesky account this one "
            f"reads ({other.known}): add a new account for {who} (Accounts → Add account, "
            "or `inbox-app account add bluesky`).") from None
    config["did"] = created["did"]
    handle = created.get("handle")
    if isinstance(handle, str) and handle and handle != INVALID_HANDLE:
        config["handle"] = handle.lower()
    keep_for_first_poll(config, created)
    return f"signed in as @{created.get('handle') or config['handle']} ({created.get('did')})"


# Which account an account reads: bluesky_account.py (its hooks are found here)

def account_added(account: Account) -> None:
    """Called once the account is stored: the sign-in `verify` made is its first session."""
    keep_for_account(account.name, account.config)


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


class Listed(NamedTuple):
    """What reading the pages needs of one notification; the rest stays in its page."""

    uri: str | None
    indexed_at: str | None
    did: str | None  # its author, when it is a post the queue takes; else None
    page: int  # which of the poll's pages holds it
    index: int  # where on that page


def listed_on_page(body: bytes, page: int, mark_at: str | None, mark_uris: list[str]
                   ) -> tuple[list[Listed], bool, str | None] | FetchError:
    """A page's notifications newer than the mark, whether it reached the mark, and the
    next page's cursor — or what is wrong with the page. Decoding the JSON is CPU work
    on what was downloaded: the window's parsing helper does it, so the window's process
    never holds a big poll's pages as Python objects."""
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return FetchError(not_json("Bluesky", body, "--service"))
    notifications = answer.get("notifications") if isinstance(answer, dict) else None
    if not isinstance(notifications, list):
        return FetchError("Bluesky sent notifications in a shape the app does not know.",
                          retryable=False)
    mark = _Mark(mark_at, mark_uris)
    found: list[Listed] = []
    reached = not notifications
    for index, item in enumerate(notifications):
        if not isinstance(item, dict):
            continue
        if mark.is_old(item):
            reached = True
            continue
        author = _author_of_post(item)
        uri, indexed_at = item.get("uri"), item.get("indexedAt")
        found.append(Listed(uri if isinstance(uri, str) else None,
                            indexed_at if isinstance(indexed_at, str) else None,
                            author, page, index))
    cursor = answer.get("cursor")
    return found, reached, cursor if isinstance(cursor, str) else None


def _author_of_post(item: dict[str, Any]) -> str | None:
    """The author's DID when a notification is a post the queue takes: a mention, reply
    or quote; likes, reposts and follows are not."""
    record = item.get("record")
    author = item.get("author")
    if item.get("reason") not in REASONS or not isinstance(record, dict) or \
            not isinstance(author, dict) or not author.get("did") or \
            not str(record.get("$type") or POST).startswith(POST) or \
            not isinstance(item.get("uri"), str) or not item["uri"]:
        return None
    return str(author["did"])


class _Reading:
    """One fetch's budget of pages, the pages read (kept for the mapping), and the rate
    limit that stopped it part way, if one did."""

    def __init__(self):
        self.pages_left = MAX_PAGES
        self.bodies: list[bytes] = []
        self.limited: RateLimited | None = None


def _read_down(client: Client, start: str | None, mark: _Mark, reading: _Reading, *,
               one_page: bool = False) -> tuple[list[Listed], bool, str | None]:
    """Notifications newer than `mark`, newest first; each page read is kept in
    `reading.bodies`; `one_page` for an account's first read, whose older pages are
    history. Returns (found, reached, next cursor). A rate limit after a page was read
    stops the reading there (`reading.limited`): the pages read are kept and the cursor
    is the page not read."""
    found: list[Listed] = []
    cursor = start
    while reading.pages_left > 0:
        reading.pages_left -= 1
        params: list[tuple[str, Any]] = [("limit", PAGE_LIMIT)]
        params += [("reasons", reason) for reason in REASONS]
        if cursor:
            params.append(("cursor", cursor))
        try:
            body = client.answer("GET", "app.bsky.notification.listNotifications",
                                 params=params).body
        except RateLimited as limit:
            if not reading.bodies:
                raise  # nothing read: the read failed, and waits the limit out
            reading.limited, reading.pages_left = limit, 0
            return found, False, cursor
        listed = parse_worker.run(listed_on_page, body, len(reading.bodies), mark.indexed_at,
                                  sorted(u for u in mark.uris if isinstance(u, str)))
        if isinstance(listed, FetchError):
            raise listed
        page, reached, cursor = listed
        reading.bodies.append(body)
        found.extend(page)
        if reached or one_page or not cursor:
            return found, True, None
    return found, False, cursor


def fetch(account: Account, secret: str, session: requests.Session) -> FetchResult:
    client = Client(session, account.config, secret, account.name)
    saved = account.cursor or {}
    mark = _Mark(saved.get("indexed_at"), saved.get("uris"))
    reading = _Reading()
    # The first read takes one page; one that found the account empty (`read`) makes all
    # that comes after it new, however much that is.
    first_read = mark.moment is None and not saved.get("read")
    fresh, reached, next_cursor = _read_down(client, None, mark, reading, one_page=first_read)
    gaps = [g for g in saved.get("gaps", []) if isinstance(g, dict) and g.get("cursor")]
    if not reached and next_cursor:
        gaps.append({"cursor": next_cursor, "indexed_at": mark.indexed_at,
                     "uris": sorted(mark.uris)})
    notifications = list(fresh)
    remaining = []
    for gap in gaps:
        if reading.pages_left <= 0:
            remaining.append(gap)
            continue
        older, gap_reached, gap_cursor = _read_down(
            client, gap["cursor"], _Mark(gap.get("indexed_at"), gap.get("uris")), reading)
        notifications.extend(older)
        if not gap_reached and gap_cursor:
            remaining.append({**gap, "cursor": gap_cursor})

    newest = mark
    for item in fresh:
        moment = _instant(item.indexed_at)
        if moment is None:
            continue
        if newest.moment is None or moment > newest.moment:
            newest = _Mark(item.indexed_at, [item.uri])
        elif moment == newest.moment:
            newest.uris.add(item.uri)
    items, skipped = _messages(client, account.name, notifications, reading.bodies)
    cursor: dict[str, Any] = {"read": True}
    if newest.indexed_at:
        cursor = {"indexed_at": newest.indexed_at, "uris": sorted(u for u in newest.uris if u)}
    if remaining:
        cursor["gaps"] = remaining
    return FetchResult(items, cursor, skipped, warning=_stopped_by(reading.limited),
                       retry_after=reading.limited.retry_after if reading.limited else None)


def _stopped_by(limit: RateLimited | None) -> str | None:
    """What the owner is told when a rate limit cut a read short (what was read is kept)."""
    if limit is None:
        return None
    when = f", in {in_words(limit.retry_after)}" if limit.retry_after else ""
    return ("Bluesky says the app is asking too often, so this read stopped part way: what "
            f"was read is kept, and the rest is read once the limit lifts{when}.")


def _messages(client: Client, account_name: str, notifications: list[Listed],
              bodies: list[bytes]) -> tuple[list[IncomingMessage], int]:
    """Mentions, replies and quotes become messages; likes, reposts and follows do not.
    Follower counts are asked of the network here; the mapping is parse_worker's."""
    chosen: dict[str, Listed] = {}
    skipped = 0
    for item in notifications:
        if item.did is None:  # not a post the queue takes (a post has its uri)
            skipped += 1
            continue
        chosen.setdefault(item.uri, item)
    followers = _followers(client, {item.did for item in chosen.values()})
    items, unusable = parse_worker.run(
        mapped_posts, bodies, [(item.page, item.index) for item in chosen.values()],
        account_name, followers)
    return items, skipped + unusable


def mapped_posts(bodies: list[bytes], wanted: list[tuple[int, int]], account_name: str,
                 followers: dict[str, int]) -> tuple[list[IncomingMessage], int]:
    """(page, place on it) of each post as scored messages, oldest first, and how many
    were not usable: CPU work on what was downloaded, which may run in the helper."""
    pages: dict[int, list[Any]] = {}
    items = []
    unusable = 0
    for page, index in wanted:
        if page not in pages:
            pages[page] = json.loads(bodies[page].decode("utf-8"))["notifications"]
        item = pages[page][index]
        message = to_message(item, account_name, followers.get(item["author"]["did"]))
        if message is None:
            unusable += 1
        else:
            items.append(message)
    items.sort(key=lambda m: (m.at, m.external_id))
    return scored(items), unusable


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


def to_message(item: dict[str, Any], account_name: str, followers: int | None = None
               ) -> IncomingMessage | None:
    record = item["record"]
    author = item["author"]
    text, html = rich_text(str(record.get("text") or ""), record.get("facets"))
    embedded = embed_lines(record.get("embed"))
    html = with_lines(html, embedded)
    lines = [text.strip(), *embedded]
    text = "\n".join(line for line in lines if line) or "(no text)"
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    parent = strong_ref(reply.get("parent"))
    root = strong_ref(reply.get("root"))
    this = {"uri": item["uri"], "cid": item.get("cid") or ""}
    refs = tuple(dict.fromkeys(r["uri"] for r in (parent, root) if r))
    did = str(author["did"])
    handle = str(author.get("handle") or "")
    if handle == INVALID_HANDLE:  # Bluesky could not verify it just now: no name to show
        handle = ""
    identities: list[IdentityRef] = [IdentityRef("bluesky", did.lower(), handle or did, followers)]
    if handle:
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
        author_name=str(author.get("displayName") or "").strip() or handle or did,
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


# Replying (the post itself is bluesky_reply.py's)

def send_reply(store: Store, outgoing: Outgoing) -> Sent:
    conversation, account = reply_context(store, outgoing.conversation_id, "Bluesky")
    target = reply_target(store.messages(conversation.id))
    if target is None:
        raise SendError("There is no Bluesky post from the customer in this conversation to "
                        "reply to.")
    check_length(outgoing.text)
    stored = store.get_message(outgoing.message_id)
    rkey = record_key(stored.id, stored.at)
    retried = _tried_before(store, stored)
    session = make_session()
    try:
        client = Client(session, account.config, account_secret(account.name, SECRET_LABEL),
                        account.name)
        return post_reply(client, target.meta, outgoing.text, rkey, retried=retried)
    except (SourceError, FetchError) as error:
        if isinstance(error, FetchError) and error.status is None:
            raise SendError(f"{error} Sending it again is safe: the app checks for the post "
                            "first.") from None
        raise reply_refused(error) from None
    finally:
        session.close()


def _tried_before(store: Store, stored) -> bool:
    """Whether an earlier attempt at this reply failed: it may have posted all the same, so
    the post is looked for first. "Try again" queues the reply again before sending it, so
    its delivery no longer says "failed"; the conversation's history still does (a failure
    of another reply there since this one was written only costs a look)."""
    if stored.delivery == "failed":
        return True
    return any(event["action"] == "reply.failed" and event["at"] >= stored.at
               for event in store.history(stored.conversation_id))


register_sender("bluesky", send_reply)
