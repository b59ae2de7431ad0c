"""A Mastodon reply before it is posted: whom it answers, the handle it starts with, how
visible it may be, and whether it fits the server — counted as Mastodon counts (the
content warning with it, each link as 23, a remote @user@domain as @user) against the
server's own `configuration.statuses.max_characters`, asked of GET /api/v2/instance.
The composer counts with it as a reply is typed; sources/mastodon.py posts it."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, replace
from typing import Any

from inbox_app.core.models import Account
from inbox_app.replies import ReplyFrame, Room, SendError
from inbox_app.sources.http import FetchError, host_of, make_session, request
from inbox_app.store import Store, StoreError

log = logging.getLogger(__name__)

# Narrowest first: a reply may be as visible as the post it answers, never more.
VISIBILITIES = ("direct", "private", "unlisted", "public")
# What a stock Mastodon server takes; each server says its own in GET /api/v2/instance.
DEFAULT_MAX_CHARACTERS = 500
URL_CHARACTERS = 23  # every link counts as this many, whatever its length
UNSAID_FOR = 600  # seconds before a server that did not say its limit is asked again
LIMIT_TIMEOUT = (5.0, 10.0)  # asked while a reply is written or sent: no long waits


def narrowest(*visibilities: str | None) -> str:
    """The least visible of the given visibilities (unknown ones count as direct)."""
    known = [v if v in VISIBILITIES else "direct" for v in visibilities if v]
    if not known:
        return "direct"
    return min(known, key=VISIBILITIES.index)


def addressed(meta: dict[str, Any]) -> str:
    """Whom a reply to this status names, space-separated: its author, then those else a
    direct or followers-only post named (sources/mastodon_parse.py `copied`)."""
    copied = meta.get("copied")
    others = [str(acct) for acct in copied] if isinstance(copied, list) else []
    return " ".join(dict.fromkeys(acct for acct in (str(meta.get("acct") or ""), *others)
                                  if acct.strip()))


def with_mention(text: str, accts: str) -> str:
    """The reply starts with the handles of `accts` (space-separated, as `addressed` gives
    them), each unless the text already names it (as a whole handle: "@anna" does not
    name @ann, whom a direct reply must reach)."""
    missing = []
    for acct in accts.split():
        handle = "@" + acct.lstrip("@")
        if handle == "@" or re.search(rf"(?<![\w@]){re.escape(handle)}(?![\w@-]|\.\w)", text,
                                      re.IGNORECASE):
            continue
        missing.append(handle)
    return " ".join((*missing, text)) if missing else text


def idempotency_key(message_external_id: str, message_id: int) -> str:
    """Stable for one stored reply, so a retry is recognized by the server as the same post."""
    local = message_external_id.removeprefix("local:")
    return f"inbox-app-{message_id}-{local}"[:64]


def reply_target(messages) -> Any:
    """The customer's latest status in the conversation: the one the reply answers."""
    for message in reversed(messages):
        if message.direction == "in" and message.kind == "mastodon" and \
                message.meta.get("status_id"):
            return message
    return None


# How long a reply may be

# Links as Mastodon finds them for its count: with their scheme, without the punctuation
# that ends the sentence they are in.
_LINK = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
# @user or @user@domain, not inside a word or an address (Mastodon's Account::MENTION_RE).
_MENTION = re.compile(r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@\w+(?:[.-]+\w+)*)?",
                      re.IGNORECASE)


def countable_length(status: str, warning: str = "", per_url: int = URL_CHARACTERS) -> int:
    """The length Mastodon holds a status to (its StatusLengthValidator): the content
    warning and the text together, in user-perceived characters, every link as `per_url`
    characters and a remote @user@domain as @user."""
    from inbox_app.sources.bluesky_text import grapheme_count

    counted = _LINK.sub("x" * per_url, status)
    counted = _MENTION.sub(lambda match: "@" + match.group(1), counted)
    return grapheme_count(warning + counted)


@dataclass(frozen=True)
class StatusLimit:
    """What the server says about a status's length."""

    characters: int
    per_url: int = URL_CHARACTERS


_LIMITS: dict[str, tuple[StatusLimit | None, float]] = {}  # server → (its figure, when asked)


def forget_character_limits() -> None:
    """Asks every server again (its administrator may have changed the figure)."""
    _LIMITS.clear()


def status_limit(config: dict[str, Any], *, ask: bool = True) -> StatusLimit | None:
    """The server's limit, asked once a run (`ask=False`: only if already known); None
    when it does not say. Network I/O: never on the window's thread."""
    server = str(config.get("server") or "")
    if not server:
        return None
    known = _LIMITS.get(server)
    if known is not None and (known[0] is not None or time.monotonic() - known[1] < UNSAID_FOR):
        return known[0]
    if not ask:
        return None
    limit = _read_status_limit(server)
    _LIMITS[server] = (limit, time.monotonic())
    return limit


def _read_status_limit(server: str) -> StatusLimit | None:
    """`configuration.statuses` of GET /api/v2/instance, or of v1 (older servers; Pleroma
    and Akkoma say `max_toot_chars`). Public: no token is sent."""
    session = make_session()
    try:
        for path in ("/api/v2/instance", "/api/v1/instance"):
            try:
                response = request(session, "GET", server + path,
                                   headers={"Accept": "application/json"},
                                   timeout=LIMIT_TIMEOUT, retries=0,
                                   ok_statuses=tuple(range(400, 500)))
                body = response.json() if response.status < 400 else None
            except FetchError as error:
                log.info("%s did not say its status limit: %s", host_of(server), error)
                return None
            limit = _limit_in(body)
            if limit is not None:
                return limit
        return None
    finally:
        session.close()


def _limit_in(body: Any) -> StatusLimit | None:
    def count(value: Any) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) and \
            value > 0 else None

    if not isinstance(body, dict):
        return None
    configuration = body.get("configuration")
    statuses = configuration.get("statuses") if isinstance(configuration, dict) else None
    statuses = statuses if isinstance(statuses, dict) else {}
    characters = count(statuses.get("max_characters")) or count(body.get("max_toot_chars"))
    if characters is None:
        return None
    return StatusLimit(characters, count(statuses.get("characters_reserved_per_url"))
                       or URL_CHARACTERS)


def reply_room(text: str, frame: ReplyFrame) -> Room:
    """How much of the server's limit the reply takes as it goes out: with the customer's
    handle in front (unless the text names them) and their content warning."""
    status = with_mention(text, frame.handle)
    per_url = frame.per_url or URL_CHARACTERS
    return Room(frame.limit or DEFAULT_MAX_CHARACTERS,
                countable_length(status, frame.warning, per_url))


def reply_account(store: Store, conversation_id: int) -> Account | None:
    """The Mastodon account a reply in this conversation would go out from; None when
    there is none (imported without one, or removed since)."""
    name = store.get_conversation(conversation_id).account
    if not name:
        return None
    try:
        account = store.get_account(name)
    except StoreError:
        return None
    return account if account.kind == "mastodon" else None


def reply_frame(store: Store, conversation_id: int, *, ask: bool = True) -> ReplyFrame:
    """What a reply in this conversation goes out with, for counting it as it is written:
    the customer's handle, their content warning and the server's limit (asked of the
    server when `ask`; None, which counts as the stock 500, while it is not known)."""
    target = reply_target(store.messages(conversation_id))
    meta = target.meta if target is not None else {}
    account = reply_account(store, conversation_id)
    limit = status_limit(account.config, ask=ask) if account is not None else None
    return ReplyFrame(handle=addressed(meta),
                      warning=str(meta.get("spoiler_text") or ""),
                      limit=limit.characters if limit else None,
                      per_url=limit.per_url if limit else URL_CHARACTERS)


def check_length(config: dict[str, Any], text: str, frame: ReplyFrame) -> None:
    """Refuses, before it is posted, a reply longer than the server says it takes. A server
    that does not say judges for itself (its refusal becomes the failed draft)."""
    limit = status_limit(config, ask=False)
    if limit is None:
        if reply_room(text, frame).used <= DEFAULT_MAX_CHARACTERS:
            return  # every server takes that much: nothing to ask
        limit = status_limit(config)
        if limit is None:
            return
    room = reply_room(text, replace(frame, limit=limit.characters, per_url=limit.per_url))
    if room.left >= 0:
        return
    counted = []
    if with_mention(text, frame.handle) != text:
        counted.append("with the customer's handle, which the reply starts with")
    if frame.warning:
        counted.append("the content warning it carries")
    said = f" (counted as Mastodon counts: {', and '.join(counted)})" if counted else ""
    raise SendError(f"Mastodon replies on {host_of(config['server'])} can be at most"
                    f" {room.limit} characters and this one has {room.used}{said}; shorten"
                    " it and send it again (the text is kept).")
