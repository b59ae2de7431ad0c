"""Mastodon: mentions and quotes of the shop's account come in, replies go out as statuses.

Reads `GET /api/v1/notifications?types[]=mention&types[]=quote` (a reply to one of the
shop's posts mentions the shop, so replies arrive this way too; a customer quoting the
shop's post, Mastodon 4.5's `quote`, need not mention it) with `include_filtered=true`:
since 4.3 Mastodon's default policy files a private mention from someone the shop does
not follow away as a "notification request", and a customer's first direct message is
exactly that. Newest first, from `since_id` down through the `Link: rel="next"` pages
until it reaches what it already has. A poll reads at most MAX_PAGES pages; when a burst is larger, the
part not yet read is remembered in the cursor as a gap and read on the next
polls, so nothing is skipped. A status that answers one the app does not hold
is placed in its thread through `GET /api/v1/statuses/:id/context`. Decoding the
pages and turning statuses into messages is sources/mastodon_parse.py.

Replies are `POST /api/v1/statuses` with `in_reply_to_id`, the customer's
handle mentioned (and, for a direct or followers-only post, everyone else it named but
the shop, who would not see the reply otherwise), the original's visibility (never wider)
and an `Idempotency-Key` tied to the stored reply, so sending it again after a timeout
cannot post it twice. A reply longer than the server takes (its
`configuration.statuses.max_characters`, 500 on a stock server) is refused before it
is posted, counted as Mastodon counts (`reply_room`).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import re
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from inbox_app.core.models import Account, IncomingMessage
from inbox_app.replies import Outgoing, ReplyFrame, SendError, Sent, register_sender
from inbox_app.sources import AccountSetup, FetchResult, SourceError, parse_worker
from inbox_app.sources.apis import (
    account_secret,
    base_url,
    call,
    error_text,
    rate_limited,
    reply_context,
    reply_refused,
    unreachable,
)
from inbox_app.sources.http import FetchError, Response, host_of, make_session
from inbox_app.sources.mastodon_account import identity_of, learned, written_as
from inbox_app.sources.mastodon_account import settings_for_secret as settings_for_secret
from inbox_app.sources.mastodon_parse import (
    Listed,
    id_key,
    listed_on_page,
    mapped_statuses,
    server_domain,
)
from inbox_app.sources.mastodon_reply import (
    addressed,
    check_length,
    idempotency_key,
    narrowest,
    reply_target,
    with_mention,
)
from inbox_app.store import Store, StoreError

log = logging.getLogger(__name__)

NEEDS_SECRET = True
SECRET_LABEL = "Access token"
SERVICE = "Mastodon"

NOTIFICATIONS = "/api/v1/notifications"
PAGE_LIMIT = 40
MAX_PAGES = 10
MAX_CONTEXTS = 20
# What the queue takes: a server older than 4.5 drops the `quote` it does not know from
# `types[]` (Notification.browserable) and lists the mentions as before. `quoted_update`
# is the shop's own quote post, edited: not a customer's words.
QUEUE_TYPES = ("mention", "quote")
# Tokens whose account was checked in this process, by (account, server, the token's
# digest): the window polls every few minutes, and the answer stays while the token does.
_TOKENS_CHECKED: dict[tuple[str, str, str], tuple[str, str]] = {}


# Adding an account

def server_address(raw: str) -> str:
    """The server's address, also from the shop's handle (`@shop@mastodon.social`) or its
    profile's address (`https://mastodon.social/@shop`), which people paste for it."""
    text = raw.strip()
    if handle := _HANDLE.fullmatch(text):
        text = handle.group(1)
    try:
        address = base_url(text, option="--server")
    except SourceError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    scheme, _, rest = address.partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme}://{host}" if path.startswith("@") else address


_HANDLE = re.compile(r"@?[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", required=True, type=server_address,
                        help="the shop's Mastodon server, e.g. https://mastodon.social")


def account_config(args: argparse.Namespace) -> AccountSetup:
    return AccountSetup({"server": args.server}, SECRET_LABEL)


def verify(config: dict[str, Any], secret: str, session: requests.Session) -> str:
    """Signs in once with the token, so a mistyped one is refused before anything is stored.
    The account the token belongs to is kept in `config` (its `account_id` and `acct`),
    which the caller stores; StoreError when `config` already reads another account."""
    me = _api(session, config, secret, "GET", "/api/v1/accounts/verify_credentials",
              account_name=None).json("--server")
    if not isinstance(me, dict) or not me.get("acct"):
        raise SourceError(f"{host_of(config['server'])} does not look like a Mastodon server.")
    signed_in = identity_of(me)
    if signed_in is not None:
        known = identity_of(config)
        if known is not None and known[0] != signed_in[0]:
            raise StoreError(
                f"That access token is {written_as(config, signed_in)}'s, not that of "
                f"{written_as(config, known)}, which this account reads: add a new account for "
                f"{written_as(config, signed_in)} (Accounts → Add account, or `inbox-app account "
                "add mastodon`).")
        config.update(account_id=signed_in[0], acct=signed_in[1])
    followers = me.get("followers_count")
    counted = f" ({followers} followers)" if isinstance(followers, int) else ""
    return f"signed in as @{me['acct']}@{server_domain(config)}{counted}"


# Talking to the server

def _api(session: requests.Session, config: dict[str, Any], token: str, method: str,
         path_or_url: str, *, account_name: str | None, params: Any = None,
         json_body: Any = None, headers: dict[str, str] | None = None) -> Response:
    """`account_name` is None only while an account is checked before it exists: a refused
    token then has no account whose secret could be replaced."""
    url = path_or_url if "://" in path_or_url else config["server"] + path_or_url
    sent_headers = {"Authorization": f"Bearer {token}", "Accept": "application/json",
                    **(headers or {})}
    try:
        response = call(session, method, url, headers=sent_headers, params=params,
                        json_body=json_body)
    except FetchError as error:
        raise unreachable(error, SERVICE, config["server"], "--server") from None
    if response.status >= 400:
        raise _refusal(config, response, urlsplit(url).path, account_name)
    return response


def _refusal(config: dict[str, Any], response: Response, path: str,
             account_name: str | None) -> FetchError:
    """One sentence for a 4xx, in the words a shop owner can act on."""
    host = host_of(config["server"])
    said = error_text(response)
    quoted = f" (“{said}”)" if said else ""
    status = response.status
    if status == 429:
        return rate_limited(f"{host} (Mastodon)", response)
    if status == 401:
        message = (f"{host} refused the access token{quoted}: it was revoked or has expired; "
                   "create a new token" + (
                       f" and enter it (Accounts → Edit, or `inbox-app account secret"
                       f" {account_name!r}`)." if account_name else "."))
    elif status == 403 and any(word in said.lower() for word in ("disabled", "suspend")):
        message = f"{host} says the shop's account is suspended or disabled{quoted}."
    elif status == 403 and "scope" in said.lower():
        message = (f"The access token lacks a permission the app needs{quoted}: create one "
                   "with the read and write scopes.")
    elif status == 404 and path.startswith("/api/v1/statuses"):
        message = f"{host} has no such post any more (deleted, or no longer visible to the shop)."
    elif status == 404:
        message = f"{host} does not look like a Mastodon server: check the address (--server)."
    elif status == 410:
        message = f"{host} says the shop's account is gone (410){quoted}."
    elif status == 422:
        message = f"{host} refused it: {said or 'the request was not valid'}."
    else:
        message = f"{host} answered {status}{quoted}."
    return FetchError(message, status=status, retryable=False)






def _newer(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if id_key(a) > id_key(b) else b


def _next_link(response: Response, server: str) -> str | None:
    """The `rel="next"` page, only on the account's own server (the token goes nowhere else)."""
    value = response.header("Link")
    if not value:
        return None
    origin = urlsplit(server)
    for link in requests.utils.parse_header_links(value):
        if link.get("rel") != "next" or not link.get("url"):
            continue
        target = urlsplit(link["url"])
        if (target.scheme, target.netloc) == (origin.scheme, origin.netloc):
            return link["url"]
        log.warning("ignoring a next page on another server: %s", target.netloc)
    return None


# Reading mentions

class _Pages:
    """The pages one poll may still read."""

    def __init__(self, count: int):
        self.left = count






def _read_down(session, config, token, params: list[tuple[str, str]], stop_at: str | None,
               pages: _Pages, bodies: list[bytes], account_name: str
               ) -> tuple[list[Listed], bool, str | None]:
    """Notifications newer than `stop_at`, newest first, following `next` pages; each
    page read is kept in `bodies`.

    Returns (notifications, reached stop_at or the end, oldest id read). Without
    `stop_at` (the first poll) one page is read: the recent past, not all history.
    """
    found: list[Listed] = []
    oldest: str | None = None
    url, query = NOTIFICATIONS, params
    while pages.left > 0:
        pages.left -= 1
        response = _api(session, config, token, "GET", url, params=query,
                        account_name=account_name)
        page = parse_worker.run(listed_on_page, response.body, len(bodies),
                                host_of(config["server"]))
        if isinstance(page, FetchError):
            raise page
        bodies.append(response.body)
        reached = not page
        for item in page:
            if stop_at is not None and id_key(item.id) <= id_key(stop_at):
                reached = True
                continue
            found.append(item)
            if oldest is None or id_key(item.id) < id_key(oldest):
                oldest = item.id
        next_url = _next_link(response, config["server"])
        if reached or stop_at is None or next_url is None:
            return found, True, oldest
        url, query = next_url, None
    return found, False, oldest


def fetch(account: Account, secret: str, session: requests.Session) -> FetchResult:
    config = account.config
    cursor = dict(account.cursor or {})
    since = cursor.get("since_id")
    me = _whose_token(session, account, secret)
    pages = _Pages(MAX_PAGES)
    bodies: list[bytes] = []
    base = [*(("types[]", kind) for kind in QUEUE_TYPES), ("limit", str(PAGE_LIMIT)),
            ("include_filtered", "true")]

    fresh, reached, oldest = _read_down(
        session, config, secret, base + ([("since_id", since)] if since else []), since, pages,
        bodies, account.name)
    gaps = [g for g in cursor.get("gaps", []) if isinstance(g, dict) and g.get("since_id")]
    if not reached and oldest is not None:
        gaps.append({"max_id": oldest, "since_id": since})
    notifications = list(fresh)
    remaining_gaps = []
    for gap in gaps:
        if pages.left <= 0:
            remaining_gaps.append(gap)
            continue
        older, gap_reached, gap_oldest = _read_down(
            session, config, secret,
            base + [("max_id", gap["max_id"]), ("since_id", gap["since_id"])],
            gap["since_id"], pages, bodies, account.name)
        notifications.extend(older)
        if not gap_reached:
            remaining_gaps.append({"max_id": gap_oldest or gap["max_id"],
                                   "since_id": gap["since_id"]})

    newest = since
    for item in fresh:
        newest = _newer(newest, item.id)
    items, skipped = _messages(session, config, secret, account.name, notifications, bodies,
                               me[0] if me else None)
    new_cursor: dict[str, Any] = {"since_id": newest} if newest else {}
    if remaining_gaps:
        new_cursor["gaps"] = remaining_gaps
    return FetchResult(items, new_cursor, skipped, config=learned(config, me))


def _whose_token(session, account: Account, token: str) -> tuple[str, str] | None:
    """The account the token signs in as, checked against the one this account reads
    before anything is read from its place (`since_id`): a token put in the keyring
    without a check (`account secret --no-check`, by hand) may be another account's, whose
    mentions would be filed here. An account that does not keep whose it reads yet learns
    it here (`learned`), and is read whatever this look-up meets (a token without the
    `read:accounts` permission was read before it was asked). None when the server does
    not say now (the read then tells what is wrong)."""
    checked = (account.name, str(account.config.get("server") or ""),
               hashlib.sha256(token.encode()).hexdigest())
    known, cached = identity_of(account.config), _TOKENS_CHECKED.get(checked)
    if known is not None and cached is not None and cached[0] == known[0]:
        return cached  # this token was checked in this process: no request at every poll
    try:
        me = _api(session, account.config, token, "GET", "/api/v1/accounts/verify_credentials",
                  account_name=account.name).json()
    except FetchError as error:
        if error.status in (401, 403, 410, 429) and identity_of(account.config) is not None:
            raise
        log.info("could not learn whose token %s holds: %s", account.name, error)
        return None
    signed_in = identity_of(me)
    if signed_in is None:
        return None
    known = identity_of(account.config)
    if known is not None and known[0] != signed_in[0]:
        raise SourceError(
            f"The keyring holds the access token of {written_as(account.config, signed_in)} for "
            f"{account.name}, which reads {written_as(account.config, known)}: enter that "
            f"account's token (Accounts → Edit, or `inbox-app account secret "
            f"{account.name!r}`), or add a new account for "
            f"{written_as(account.config, signed_in)}.")
    _TOKENS_CHECKED[checked] = signed_in
    return signed_in


def _messages(session, config, token, account_name: str, notifications: list[Listed],
              bodies: list[bytes], shop_id: str | None = None
              ) -> tuple[list[IncomingMessage], int]:
    """Mentions and quotes become messages (a quote that mentions the shop too, once);
    favourites, boosts, follows, the shop's own quotes and the rest are not queue items.

    The thread each reply belongs to is asked of the server here; turning the statuses
    into messages is CPU work on what was downloaded, for parse_worker."""
    chosen: dict[str, Listed] = {}
    skipped = 0
    for item in notifications:
        if item.type not in QUEUE_TYPES or item.status_id is None:
            skipped += 1
            continue
        chosen[item.status_id] = item
    contexts_left = MAX_CONTEXTS
    threaded: list[tuple[int, int, str, tuple[str, ...]]] = []
    for status_id, item in sorted(chosen.items(), key=lambda pair: id_key(pair[0])):
        refs: tuple[str, ...] = ()
        parent = item.in_reply_to_id
        if parent:
            refs = (parent,)
            if parent not in chosen and contexts_left > 0:
                contexts_left -= 1
                ancestors, rate_limited_now = _ancestors(session, config, token, status_id,
                                                         account_name)
                if rate_limited_now:
                    contexts_left = 0
                refs = tuple(dict.fromkeys((parent, *ancestors)))
        threaded.append((item.page, item.index, item.id, refs))
    if shop_id is None and any(item.names_others for item in chosen.values()):
        shop_id = _shop_account_id(session, config, token, account_name)
    items, unusable = parse_worker.run(mapped_statuses, bodies, threaded, config, account_name,
                                       shop_id)
    return items, skipped + unusable


def _shop_account_id(session, config, token, account_name: str) -> str | None:
    """The shop's own account id, for a private post that names others too (the reply
    names them, not the shop); None when the server does not say now."""
    try:
        me = _api(session, config, token, "GET", "/api/v1/accounts/verify_credentials",
                  account_name=account_name).json()
    except FetchError as error:
        log.info("could not learn the shop's own account: %s", error)
        return None
    return str(me["id"]) if isinstance(me, dict) and me.get("id") else None




def _ancestors(session, config, token, status_id: str, account_name: str
               ) -> tuple[list[str], bool]:
    """Ids of the statuses above this one, oldest first; ([], True) when rate-limited."""
    try:
        context = _api(session, config, token, "GET",
                       f"/api/v1/statuses/{quote(status_id, safe='')}/context",
                       account_name=account_name).json()
    except FetchError as error:
        log.info("no thread context for %s: %s", status_id, error)
        return [], error.status == 429
    ancestors = context.get("ancestors") if isinstance(context, dict) else None
    if not isinstance(ancestors, list):
        return [], False
    return [str(a["id"]) for a in ancestors if isinstance(a, dict) and a.get("id")], False








# Replying

def send_reply(store: Store, outgoing: Outgoing) -> Sent:
    conversation, account = reply_context(store, outgoing.conversation_id, "Mastodon")
    token = account_secret(account.name, SECRET_LABEL, error=SendError)
    target = reply_target(store.messages(conversation.id))
    if target is None:
        raise SendError("There is no Mastodon post from the customer in this conversation to "
                        "reply to.")
    check_length(account.config, outgoing.text,
                  ReplyFrame(handle=addressed(target.meta),
                             warning=target.meta.get("spoiler_text") or ""))
    stored = store.get_message(outgoing.message_id)
    body: dict[str, Any] = {
        "status": with_mention(outgoing.text, addressed(target.meta)),
        "in_reply_to_id": target.meta["status_id"],
        "visibility": narrowest(target.meta.get("visibility")),
    }
    if target.meta.get("spoiler_text"):
        body["spoiler_text"] = target.meta["spoiler_text"]
    session = make_session()
    try:
        posted = _api(session, account.config, token, "POST", "/api/v1/statuses",
                      account_name=account.name, json_body=body,
                      headers={"Idempotency-Key": idempotency_key(stored.external_id,
                                                                  stored.id)}).json()
    except FetchError as error:
        if error.status is None:
            raise SendError(f"{error} Sending it again is safe: Mastodon will not post it "
                            "twice.") from None
        raise reply_refused(error) from None
    finally:
        session.close()
    if not isinstance(posted, dict) or not posted.get("id"):
        raise SendError(f"{host_of(account.config['server'])} accepted the reply but did not say "
                        "which post it became; check the shop's profile before sending again.")
    return Sent(str(posted["id"]), {"status_id": str(posted["id"]),
                                    "visibility": posted.get("visibility") or body["visibility"],
                                    "url": posted.get("url"), "in_reply_to_id":
                                    body["in_reply_to_id"]})


register_sender("mastodon", send_reply)
