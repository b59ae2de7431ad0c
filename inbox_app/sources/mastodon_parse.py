"""Mastodon's answers read into messages: notifications pages and statuses, decoded and
mapped without the network. The window's parsing helper runs this (sources/parse_worker.py);
sources/mastodon.py talks to the server and hands the pages over.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from inbox_app.core.html import html_to_text, sanitize_html
from inbox_app.core.identity import IdentityError, identity_refs
from inbox_app.core.models import IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.sources import scored
from inbox_app.sources.apis import epoch
from inbox_app.sources.http import FetchError, not_json


def server_domain(config: dict[str, Any]) -> str:
    return (urlsplit(config["server"]).hostname or config["server"]).lower()

def id_key(value: str) -> tuple[int, int, str]:
    """Mastodon ids are numbers in strings (other servers use sortable strings)."""
    return (0, int(value), "") if value.isdigit() else (1, 0, value)

class Listed(NamedTuple):
    """What reading the pages needs of one notification; the rest stays in its page."""

    id: str
    type: str | None
    status_id: str | None
    in_reply_to_id: str | None
    page: int  # which of the poll's pages holds it
    index: int  # where on that page
    names_others: bool = False  # a private post naming more than the shop (see `copied`)

def listed_on_page(body: bytes, page: int, host: str) -> list[Listed] | FetchError:
    """A page's notifications as Listed, or what is wrong with the page. Decoding the
    JSON is CPU work on what was downloaded: the window's parsing helper does it, so the
    window's process never holds a big poll's pages as Python objects (their garbage
    collections held its event loop up to 80 ms)."""
    try:
        notifications = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return FetchError(not_json(host, body, "--server"))
    if not isinstance(notifications, list):
        return FetchError(f"{host} sent notifications in a shape the app does not know.",
                          retryable=False)
    found = []
    for index, item in enumerate(notifications):
        if not isinstance(item, dict) or item.get("id") is None:
            continue
        status = item.get("status")
        status_id = str(status["id"]) if isinstance(status, dict) and status.get("id") else None
        parent = status.get("in_reply_to_id") if status_id else None
        found.append(Listed(str(item["id"]), item.get("type"), status_id,
                            str(parent) if parent else None, page, index,
                            status_id is not None and len(_mentioned(status)) > 1))
    return found

def mapped_statuses(bodies: list[bytes],
                    threaded: list[tuple[int, int, str, tuple[str, ...]]],
                    config: dict[str, Any], account_name: str, shop_id: str | None = None
                    ) -> tuple[list[IncomingMessage], int]:
    """(page, place on it, notification id, thread refs) as scored messages, oldest
    first, and how many were not usable. It may run in the helper process. `shop_id`, the
    shop's own account, is needed only for posts that name others (`Listed.names_others`)."""
    pages: dict[int, list[Any]] = {}
    items = []
    unusable = 0
    for page, index, notification_id, refs in threaded:
        if page not in pages:
            pages[page] = json.loads(bodies[page].decode("utf-8"))
        message = to_message(pages[page][index]["status"], config, account_name, refs,
                             shop_id)
        if message is None:
            unusable += 1
            continue
        message.meta["notification_id"] = notification_id
        items.append(message)
    items.sort(key=lambda m: (m.at, id_key(m.external_id)))
    return scored(items), unusable

def author_handle(account: dict[str, Any], config: dict[str, Any]) -> str:
    """`user@instance`: local accounts' `acct` has no domain, so the server's is added."""
    acct = str(account.get("acct") or account.get("username") or "").lstrip("@")
    return acct if "@" in acct else f"{acct}@{server_domain(config)}"

def _text(value: Any) -> str:
    """A field a server should send as text; anything else (a list, a number) as none."""
    return value if isinstance(value, str) else ""

def _plain_name(author: dict[str, Any]) -> str:
    """The display name without the server's custom emoji (`:blobcoffee: Anna` is Anna,
    whom a template greets by her first name); one made only of them gives the username.
    Only the shortcodes the account's `emojis` lists are pictures: "Re:Tail" stays."""
    name = _text(author.get("display_name"))
    emojis = author.get("emojis")
    shortcodes = {_text(emoji.get("shortcode")) for emoji in emojis
                  if isinstance(emoji, dict)} if isinstance(emojis, list) else set()
    shortcodes.discard("")
    if shortcodes and ":" in name:
        pictures = "|".join(re.escape(code) for code in sorted(shortcodes, key=len,
                                                               reverse=True))
        name = re.sub(rf":(?:{pictures}):", " ", name)
    return " ".join(name.split()) or _text(author.get("username"))


PRIVATE_VISIBILITIES = ("direct", "private")  # where only those named see a reply


def _mentioned(status: dict[str, Any]) -> dict[str, str]:
    """Account id: acct of those a private status names, besides its author."""
    if _text(status.get("visibility")) not in PRIVATE_VISIBILITIES:
        return {}
    author = status.get("account")
    author_id = str(author.get("id") or "") if isinstance(author, dict) else ""
    mentions = status.get("mentions")
    named = {}
    for mention in mentions if isinstance(mentions, list) else []:
        if isinstance(mention, dict) and mention.get("id") and _text(mention.get("acct")) \
                and str(mention["id"]) != author_id:
            named[str(mention["id"])] = _text(mention["acct"]).lstrip("@")
    return named


def copied(status: dict[str, Any], shop_id: str | None) -> list[str]:
    """Whom a reply names besides the author: everyone else a direct or followers-only
    post named, but the shop (only those named read a direct reply, and a followers-only
    one reaches a companion only so). Public posts' replies name the author alone."""
    if not shop_id:
        return []  # who the shop is was not learnt: naming the shop itself would be worse
    return [acct for account_id, acct in _mentioned(status).items() if account_id != shop_id]


# Mastodon 4.5 quote posts (docs.joinmastodon.org, entities/Quote and client/quotes).

# Why a quoted post is not shown, by the Quote's `state`; "unknown values should be
# treated as `unauthorized`". Only `accepted` shows it.
QUOTE_NOT_SHOWN = {
    "pending": "its author has not allowed the quote yet",
    "rejected": "its author refused the quote",
    "revoked": "its author withdrew the quote",
    "deleted": "it was deleted",
    "unauthorized": "the shop may not see it",
    "blocked_account": "the shop blocked its author",
    "blocked_domain": "the shop blocked its server",
    "muted_account": "the shop muted its author",
}
QUOTED_WORDS = 200  # of the quoted post, in the message's text

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)([^<>]*)>")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
# Start tags that end an open <p> (so a fallback paragraph never closed ends there).
_ENDS_PARAGRAPH = {"p", "div", "blockquote", "ul", "ol", "pre", "table", "h1", "h2", "h3",
                   "h4", "h5", "h6", "hr"}


def _is_fallback(attributes: str) -> bool:
    classes = _CLASS.search(attributes)
    return bool(classes) and "quote-inline" in "".join(c or "" for c in classes.groups()).split()


def _without_quote_fallback(content: str) -> str:
    """The content without the "RE: <link>" Mastodon (a `<p>`) or Misskey (a `<span>`)
    puts in a quote's body for clients that do not show quotes: any element of class
    `quote-inline`, which a client showing the quote removes. One pass over the tags,
    whatever the server sent (HTMLParser can take the square of the length); one never
    closed is kept."""
    if "quote-inline" not in content:
        return content
    cuts: list[tuple[int, int]] = []
    open_tag, start, depth = "", 0, 0
    for tag in _TAG.finditer(content):
        closing, name, attributes = tag.group(1) == "/", tag.group(2).lower(), tag.group(3)
        self_closing = attributes.rstrip().endswith("/")
        if depth and open_tag == "p" and not closing and name in _ENDS_PARAGRAPH:
            cuts.append((start, tag.start()))  # an unclosed <p> ends where the next block starts
            depth = 0
        if not depth:
            if not closing and not self_closing and _is_fallback(attributes):
                open_tag, start, depth = name, tag.start(), 1
        elif name == open_tag and not self_closing:
            depth += -1 if closing else 1
            if not depth:
                cuts.append((start, tag.end()))
    kept, position = [], 0
    for cut_start, cut_end in cuts:
        kept.append(content[position:cut_start])
        position = cut_end
    kept.append(content[position:])
    return "".join(kept)


class _Quoted(NamedTuple):
    """What a quote post quoted, as the message shows it."""

    line: str  # for the text, after the customer's words
    html: str  # for the HTML, under them
    status_id: str | None  # the quoted post, when it is shown


def _quoted(status: dict[str, Any], config: dict[str, Any]) -> _Quoted | None:
    """The post a status quotes: its author and words when Mastodon shows it (a Quote's
    `quoted_status`, one level: a quote in it is not followed), else why it is not shown;
    None for a status that quotes nothing."""
    quote = status.get("quote")
    if not isinstance(quote, dict):
        return None
    state = _text(quote.get("state"))
    quoted = quote.get("quoted_status")
    author = quoted.get("account") if isinstance(quoted, dict) else None
    if state == "accepted" and isinstance(author, dict) and _text(author.get("acct")):
        handle = author_handle(author, config)
        inner = sanitize_html(_without_quote_fallback(_text(quoted.get("content")))) or ""
        words = " ".join(html_to_text(inner, sanitized=True).split())
        if len(words) > QUOTED_WORDS:
            words = words[:QUOTED_WORDS - 1].rstrip() + "…"
        url = _text(quoted.get("url")) or _text(quoted.get("uri"))
        name = html_lib.escape(f"@{handle}")
        named = f'<a href="{html_lib.escape(url)}">{name}</a>' if url else name
        quoted_id = quoted.get("id")
        return _Quoted(f"[quoting @{handle}: {words}]" if words else f"[quoting @{handle}]",
                       f"<blockquote><p>{named}</p>{inner}</blockquote>",
                       str(quoted_id) if isinstance(quoted_id, (str, int)) else None)
    shallow_id = quote.get("quoted_status_id")  # a ShallowQuote names the post only
    if state == "accepted" and isinstance(shallow_id, (str, int)) and str(shallow_id):
        line = "[quoting another post]"
        return _Quoted(line, f"<p>{line}</p>", str(shallow_id))
    why = QUOTE_NOT_SHOWN.get(state, QUOTE_NOT_SHOWN["unauthorized"])
    line = f"[quoting a post that is not shown: {why}]"
    return _Quoted(line, f"<p>{html_lib.escape(line)}</p>", None)


def to_message(status: dict[str, Any], config: dict[str, Any], account_name: str,
               refs: tuple[str, ...] = (), shop_id: str | None = None
               ) -> IncomingMessage | None:
    """One status as a message: plain text from its HTML, the sanitized HTML kept. A quote
    post's text is the customer's words with a line for what they quoted (scored for
    sentiment without it: the shop's cheerful post must not soften a complaint)."""
    author = status.get("account")
    if not isinstance(author, dict) or not _text(author.get("acct")):
        return None
    quoted = _quoted(status, config)
    content = _text(status.get("content"))
    if quoted is not None:
        content = _without_quote_fallback(content)
    html = sanitize_html(content)
    lines = [html_to_text(html or "", sanitized=True)]
    media_list = status.get("media_attachments")
    for media in media_list if isinstance(media_list, list) else []:
        if isinstance(media, dict):
            what = _text(media.get("type")) or "attachment"
            detail = _text(media.get("description")) or _text(media.get("url"))
            lines.append(f"[{what}: {detail}]" if detail else f"[{what}]")
    poll = status.get("poll")
    if isinstance(poll, dict) and isinstance(poll.get("options"), list):
        options = [_text(o.get("title")) for o in poll["options"] if isinstance(o, dict)]
        lines.append("[poll: " + " / ".join(options) + "]")
    # The window shows the HTML when there is some: the photos, the poll and the quote
    # the text names must be in it too.
    shown = [html or "", *(f"<p>{html_lib.escape(line)}</p>" for line in lines[1:] if line)]
    own_words = "\n".join(line for line in lines if line).strip()
    sentiment = None
    if quoted is not None:
        from inbox_app.core.sentiment import score

        sentiment = score(own_words)
        lines.append(quoted.line)
        shown.append(quoted.html)
    if len(shown) > 1:
        html = sanitize_html("".join(shown))
    text = "\n".join(line for line in lines if line).strip() or "(no text)"
    followers = author.get("followers_count")
    try:
        identities = identity_refs(
            "mastodon", handle=author_handle(author, config),
            followers=followers if isinstance(followers, int) else None)
    except IdentityError:
        identities = ()
    spoiler = _text(status.get("spoiler_text")).strip()
    at = epoch(status.get("created_at")) or now()
    return IncomingMessage(
        kind="mastodon",
        external_id=str(status["id"]),
        text=text,
        at=at,
        account=account_name,
        refs=refs,
        author_name=_plain_name(author),
        identities=identities,
        url=_text(status.get("url")) or _text(status.get("uri")) or None,
        title=spoiler or None,
        html=html,
        meta={
            "status_id": str(status["id"]),
            "visibility": _text(status.get("visibility")) or "public",
            "acct": str(author["acct"]),
            "account_id": str(author.get("id") or ""),
            "in_reply_to_id": status.get("in_reply_to_id"),
            "spoiler_text": spoiler,
            **({"copied": others} if (others := copied(status, shop_id)) else {}),
            **({"quoted_status_id": quoted.status_id} if quoted and quoted.status_id else {}),
        },
        sentiment=sentiment,
    )
