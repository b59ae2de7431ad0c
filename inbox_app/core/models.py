"""The objects the store hands out and the ingest pipeline takes in.

Times are whole seconds since the epoch, UTC: they compare and subtract the same
way on every engine, which is what the response-time figures need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Sentiment:
    compound: float
    pos: float
    neu: float
    neg: float

    @property
    def is_negative(self) -> bool:
        return self.compound <= NEGATIVE_AT


NEGATIVE_AT = -0.05
POSITIVE_AT = 0.05
# Machine-written mail (meta["auto"]) kept in the thread without waking it: it does not
# make a conversation wait for an answer, reopen it or mark it unread — auto-replies, read
# receipts and newsletters (Precedence: bulk). Bounces and complaints do, since they say a
# reply never arrived.
QUIET_AUTOMATIC = frozenset({"auto-reply", "read-receipt", "bulk"})


@dataclass(frozen=True, slots=True)
class IdentityRef:
    """An identity as seen on a message, already normalized (see core.identity)."""

    kind: str  # email, phone, mastodon, bluesky, telegram, feed, handle
    value: str
    display: str = ""
    followers: int | None = None


@dataclass(slots=True)
class IncomingMessage:
    """One item on its way into the store, from an import line or a channel.

    `refs` are external ids (same kind and account) of earlier messages this one
    answers or quotes; the conversation holding any of them is this one's
    conversation. `thread` is an explicit conversation key.
    """

    kind: str
    external_id: str
    text: str
    at: int
    account: str = ""
    direction: str = "in"
    thread: str | None = None
    refs: tuple[str, ...] = ()
    author_name: str = ""
    identities: tuple[IdentityRef, ...] = ()
    url: str | None = None
    title: str | None = None
    html: str | None = None
    full_text: str | None = None
    staff: str | None = None
    delivery: str | None = None
    labels: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    sentiment: Sentiment | None = None


@dataclass(frozen=True, slots=True)
class Identity:
    id: int
    customer_id: int
    kind: str
    value: str
    display: str
    followers: int | None


@dataclass(frozen=True, slots=True)
class Customer:
    id: int
    name: str
    created_at: int
    value: float | None
    influence: int | None
    messages: int
    identities: tuple[Identity, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """One row of a customer list: who, known by which identities, and what to keep."""

    row: int
    name: str
    identities: tuple[IdentityRef, ...]
    value: float | None  # None: the row says nothing about it
    tags: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    """What saving one record did: "new", "updated", "unchanged" or "skipped" (with why)."""

    row: int
    outcome: str
    customer_id: int | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Message:
    id: int
    conversation_id: int
    customer_id: int | None
    kind: str
    account: str
    external_id: str
    direction: str
    at: int
    text: str
    author_name: str
    staff: str | None
    title: str | None
    html: str | None
    url: str | None
    full_text: str | None
    sentiment: Sentiment | None
    delivery: str | None
    error: str | None
    meta: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    conversation_id: int | None
    customer_id: int | None
    staff: str | None
    text: str
    at: int


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    thread_key: str
    kind: str
    account: str
    customer_id: int | None
    customer_name: str
    subject: str
    status: str  # open, snoozed, closed
    assignee: str | None
    due_at: int | None
    snoozed_until: int | None
    first_at: int
    last_at: int
    last_inbound_at: int | None
    awaiting_since: int | None
    closed_at: int | None
    last_compound: float | None
    preview: str
    unread: bool
    message_count: int
    priority: int
    version: int
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the queue, everything the list needs without another query."""

    conversation_id: int
    customer_id: int | None
    customer_name: str
    kind: str
    account: str
    status: str
    assignee: str | None
    due_at: int | None
    snoozed_until: int | None
    last_at: int
    awaiting_since: int | None
    preview: str
    subject: str
    sentiment: float | None
    unread: bool
    priority: int
    message_count: int
    influence: int | None
    version: int


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    at: int
    staff: str | None
    action: str
    conversation_id: int | None
    customer_id: int | None
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Staff:
    id: int
    name: str
    active: bool


@dataclass(frozen=True, slots=True)
class Account:
    """A configured source. `config` never holds secrets (those live in the keyring)."""

    id: int
    name: str
    kind: str
    config: dict[str, Any]
    watch: str | None
    enabled: bool
    poll_interval: int
    cursor: dict[str, Any]
    last_poll_at: int | None
    last_success_at: int | None
    last_error: str | None
    last_error_at: int | None
    next_poll_at: int | None
    failures: int
    created_at: int | None

    @property
    def healthy(self) -> bool:
        return self.last_error is None


@dataclass(slots=True)
class IngestResult:
    imported: int = 0
    duplicates: int = 0
    new_message_ids: list[int] = field(default_factory=list)
    conversation_ids: set[int] = field(default_factory=set)

    def add(self, other: IngestResult) -> None:
        self.imported += other.imported
        self.duplicates += other.duplicates
        self.new_message_ids.extend(other.new_message_ids)
        self.conversation_ids |= other.conversation_ids
