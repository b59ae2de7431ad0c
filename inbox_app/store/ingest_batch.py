"""What one `save_messages` call has read and not yet written (store/ingest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inbox_app.store.aggregates import BatchMessage


@dataclass(slots=True)
class NewConversation:
    thread_key: str
    kind: str
    account: str
    customer_id: int | None
    contact: str
    subject: str
    messages: list[BatchMessage] = field(default_factory=list)


@dataclass(slots=True)
class Batch:
    """What one `save_messages` call has read and not yet written."""

    stamp: int
    identities: dict[tuple[str, str], tuple[int, int]]
    followers: dict[int, int | None]  # known identities' follower counts, as stored
    threads: dict[str, int]
    next_message_id: int
    next_conversation_id: int
    next_customer_id: int
    next_identity_id: int
    born: dict[int, NewConversation] = field(default_factory=dict)
    # New customers: id -> [name, inbound count, first inbound at, last inbound at]
    customers: dict[int, list[Any]] = field(default_factory=dict)
    touched_customers: set[int] = field(default_factory=set)
    new_identities: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    messages: list[tuple[Any, ...]] = field(default_factory=list)
    message_conversations: dict[tuple[str, str, str], int] = field(default_factory=dict)
    mentions: list[tuple[int, str, str]] = field(default_factory=list)
    labels: list[tuple[int, str, int]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    existing: set[int] = field(default_factory=set)
    rules: list[Any] = field(default_factory=list)  # the rules in force (core/rules.py)
    # What the rules look at: (conversation, customer, kind, account, title, text, compound)
    arrivals: list[tuple[Any, ...]] = field(default_factory=list)
    # The newest message so far per identity whose name follows the network (a Telegram
    # user id): identity id -> (its time, the name it signed with, the identity's display)
    names_seen: dict[int, tuple[int, str, str]] = field(default_factory=dict)
