"""A feed entry as the message the store keeps: who wrote it, the link without its
redirect and tracking, a review's stars in its title, and an edited entry as a new version.

Pure mapping of FeedEntry values (feed_parse.py reads them from the bytes); feeds.py
decides which entries are new and calls `entry_message` or `edited_message` for them.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from inbox_app.core.identity import IdentityError, identity_refs, normalize_handle
from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.sources.feed_links import web_link
from inbox_app.sources.feed_parse import FeedEntry
from inbox_app.sources.feed_ratings import title_rating

KIND = "feed"  # feeds.KIND: every message made here is of the feed channel


_STATUS_URL = re.compile(r"^https://([^/\s]+)/@([A-Za-z0-9_]+)(?:@([A-Za-z0-9.-]+))?/\d+/?$")
_NO_REPLY = re.compile(r"^(no-?reply|do-?not-?reply|noreply\+|mailer-daemon|nobody@|invalid@|"
                       r"anonymous@|unknown@)", re.I)
_HANDLE = re.compile(r"^@([A-Za-z0-9_]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63})$")


def author_identities(entry: FeedEntry) -> tuple[IdentityRef, ...]:
    """Who wrote the entry, where the feed says: an email, a Mastodon status URL, a name."""
    if entry.author_email and not _NO_REPLY.match(entry.author_email):
        try:
            return identity_refs(KIND, email=entry.author_email, author_name=entry.author_name)
        except IdentityError:
            pass
    handle = _HANDLE.match(entry.author_name)
    if handle:  # "@user@instance": the same person as on the Mastodon channel
        return (IdentityRef("mastodon", normalize_handle(handle.group(1)), entry.author_name),)
    match = _STATUS_URL.match(entry.link or "")
    if match and not entry.author_name:
        host, user, remote = match.groups()
        handle = f"{user}@{remote or host}"
        return (IdentityRef("mastodon", normalize_handle(handle), f"@{handle}"),)
    return identity_refs(KIND, author_name=entry.author_name)


def unwrap_link(link: str | None) -> str | None:
    """Google Alerts wraps every link in a google.com/url redirect; keep the real one,
    without the tracking parameters sites add to their feed links."""
    if not link:
        return link
    parts = urlsplit(link)
    if (parts.hostname or "").endswith("google.com") and parts.path == "/url":
        target = (parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q") or [""])[0]
        if web_link(target):
            link = target
    return _untracked(link)


_TRACKING = re.compile(r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|_hsenc|"
                       r"_hsmi|igshid|mkt_tok)$", re.I)


def _untracked(link: str) -> str:
    try:
        parts = urlsplit(link)
    except ValueError:
        return link
    if not parts.query:
        return link
    pairs = parts.query.split("&")
    kept = [pair for pair in pairs if not _TRACKING.match(pair.split("=", 1)[0])]
    if len(kept) == len(pairs):
        return link
    return urlunsplit(parts._replace(query="&".join(kept)))


def entry_message(entry: FeedEntry, account: str, first_seen: int,
                  feed_title: str = "") -> IncomingMessage:
    """One feed entry as a message of kind `feed` (its own conversation)."""
    link = unwrap_link(entry.link)
    identities = author_identities(entry)
    author_name = entry.author_name
    if not author_name and not identities and link:
        author_name = urlsplit(link).hostname or ""
        if author_name.startswith("www."):
            author_name = author_name[4:]
    at = first_seen if entry.published is None else min(entry.published, first_seen)
    text = entry.text or entry.title
    meta: dict[str, Any] = {}
    if feed_title:
        meta["feed"] = feed_title
    if entry.tags:
        meta["tags"] = list(entry.tags)
    if entry.published is None:
        meta["dated"] = "first seen"
    title = entry.title
    if entry.rating:
        value, best = entry.rating
        meta["rating"] = {"value": _number(value), "best": _number(best)}
        if title_rating(title) is None:  # a title that states its stars has them already
            title = f"{_stars(value, best)} {title}".strip()
    return IncomingMessage(
        kind=KIND,
        external_id=entry.key,
        text=text,
        at=at,
        account=account,
        author_name=author_name,
        identities=identities,
        url=link,
        title=title or None,
        html=entry.html,
        meta=meta,
    )


def edited_message(entry: FeedEntry, version: str, account: str, first_seen: int,
                   feed_title: str = "") -> IncomingMessage:
    """An entry whose words or rating changed after it was stored (a customer who edits
    a review): the new version joins the original's conversation as the customer's latest
    word, and the original stays as it was read. Each version is stored once; its title
    says it is an edit, as the window shows a title that differs from the first one's."""
    message = entry_message(entry, account, first_seen, feed_title=feed_title)
    return dataclasses.replace(message, external_id=f"{entry.key}#edited:{version}",
                               refs=(entry.key,), at=first_seen,
                               title=f"{message.title} (edited)" if message.title else "(edited)",
                               meta={**message.meta, "edited": True})


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _stars(value: float, best: float) -> str:
    """A rating as people read it on review sites: ★★☆☆☆ out of five, else "Rated 7/10"."""
    if best == 5 and value == int(value):
        return "\u2605" * int(value) + "\u2606" * (5 - int(value))
    return f"Rated {_number(value)}/{_number(best)}:"
