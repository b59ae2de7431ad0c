"""Channels: one module per kind, all alike.

A channel module (`inbox_app/sources/<module>.py`, see SOURCE_MODULES) provides:

- `fetch(account, secret, session) -> FetchResult`: reads what is new since
  `account.cursor` and returns the items (IncomingMessage, `account` set to the
  account's name) with the cursor to store alongside them (and, rarely, settings it
  learned to keep: `FetchResult.config`). It raises
  `FetchError`/`SourceError` with one plain sentence when something is wrong.
  It runs in a worker thread: it must not touch the store.
- `add_arguments(parser)` and `account_config(args) -> AccountSetup` for
  `inbox-app account add KIND …`; optionally `verify(config, secret, session)`
  returning one sentence ("Signed in as @shop") or raising SourceError.
- `NEEDS_SECRET` (bool) and `SECRET_LABEL` ("Access token", "App password"…);
  optionally `needs_secret(account) -> bool` when only some accounts have one.
- Replies: `register_sender(kind, send)` from `inbox_app.replies` on import.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any

from inbox_app.core.models import IncomingMessage

SOURCE_MODULES = {
    "feed": "feeds",
    "email": "mail",
    "mastodon": "mastodon",
    "bluesky": "bluesky",
    "telegram": "telegram",
    "phone": "phone",
}


# Fetches run in several threads so that slow servers overlap, but Python runs one thread
# at a time: parsing in eight threads at once is no faster than in one, and the window's
# event loop then waits its turn behind all eight (a 10,000-item poll held it up to 330 ms).
# Channel modules hold this lock for CPU-heavy work (parsing a feed, a mail), never while
# waiting on the network — through parse_worker.run(), which in a window runs that work in
# a helper process instead. Measured by tests/benchmarks/bench_poll_ui.py.
PARSE_LOCK = threading.Lock()

# Kinds whose module registers a reply sender (a test checks this matches the modules), so
# the window can tell whether a conversation can be answered without importing them all.
SENDS_REPLIES = frozenset({"email", "mastodon", "bluesky", "telegram", "phone"})


def scored(items: list[IncomingMessage]) -> list[IncomingMessage]:
    """The items with their VADER scores, where the text is already as the store keeps it
    (the store scores the others itself): scoring is part of the parsing work that
    parse_worker moves out of the window's process."""
    from inbox_app.core.sentiment import score
    from inbox_app.core.text import clean_text

    for item in items:
        if item.sentiment is None and item.text and clean_text(item.text) == item.text:
            item.sentiment = score(item.text)
    return items


# A next try further off than this is no backoff: the account waits to be asked (a feed
# the site removed), and what tells of it says so rather than naming a date years away.
LEFT_ALONE = 365 * 86400


def left_alone(account, at: int | None = None) -> bool:
    """Whether the poller leaves a failing account alone until asked (F5, `poll --once
    --account`), rather than trying it again after a pause. `account`: an Account, or a
    row with its `failures` and `next_poll_at`."""
    def field_of(name: str):
        return account.get(name) if isinstance(account, dict) else getattr(account, name)

    from inbox_app.core.timeutil import now

    moment = now() if at is None else at
    failures, next_try = field_of("failures"), field_of("next_poll_at")
    return bool(failures and next_try and next_try - moment > LEFT_ALONE)


class SourceError(Exception):
    """A channel problem a person can act on, in one sentence."""


@dataclass
class FetchResult:
    """`more`: the server holds more than one fetch takes (a full page of Telegram
    updates); the poll stores these and fetches again at once. `warning`: what the owner
    must know about a read that still succeeded (messages Telegram dropped while the app
    was away, a rate limit that cut the read short). `retry_after`: seconds before the
    server takes requests again, when it said so; the next poll waits at least that.
    `config`: settings the read learned, added to the account's with the cursor (Mastodon:
    whose token it read with, for an account added before the app kept that), and only
    to the account as the fetch read it; a setting is not a place, so not the cursor."""

    items: list[IncomingMessage] = field(default_factory=list)
    cursor: dict[str, Any] | None = None
    skipped: int = 0
    more: bool = False
    warning: str | None = None
    retry_after: float | None = None
    config: dict[str, Any] | None = None


@dataclass
class AccountSetup:
    """What `account add` stores: the config (never a secret) and what secret to ask for."""

    config: dict[str, Any]
    secret_label: str | None = None
    watch: str | None = None


def source_module(kind: str) -> ModuleType | None:
    """The channel module for a kind, or None when that channel is not built."""
    name = SOURCE_MODULES.get(kind)
    if name is None:
        return None
    qualified = f"inbox_app.sources.{name}"
    try:
        return import_module(qualified)
    except ModuleNotFoundError as error:
        if error.name != qualified:
            raise
        return None
