"""Replying to a customer on the channel they chose.

`reply()` is what the window's composer and `inbox-app reply` call. It stores the
reply first as "queued", hands it to the channel's sender, and records the
outcome: "sent", or "failed" with the reason in one sentence — a reply is never
lost. Each channel module registers a sender for its kind with `register_sender`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.text import clean_text
from inbox_app.store import Store, StoreError


class SendError(Exception):
    """A channel could not send; the message is one sentence a person can act on."""


class CannotSend(SendError):
    """This channel has no way to send replies (yet)."""


@dataclass(frozen=True)
class Outgoing:
    """What a sender needs: the stored reply and the conversation it answers."""

    message_id: int
    conversation_id: int
    text: str
    staff: str | None


@dataclass(frozen=True)
class Sent:
    """What a sender reports back: the platform's id for the reply and anything to keep."""

    external_id: str | None = None
    meta: dict[str, Any] | None = None


Sender = Callable[[Store, Outgoing], Sent]
_SENDERS: dict[str, Sender] = {}


def register_sender(kind: str, sender: Sender) -> None:
    _SENDERS[kind] = sender


def _sender_for(kind: str) -> Sender | None:
    """Channel modules register their sender on import; import just this kind's module."""
    if kind not in _SENDERS:
        from inbox_app.sources import source_module

        source_module(kind)
    return _SENDERS.get(kind)


def can_send(kind: str) -> bool:
    return _sender_for(kind) is not None


@dataclass(frozen=True)
class ReplyResult:
    message_id: int
    delivery: str  # sent, queued, failed
    error: str | None = None


def reply(store: Store, conversation_id: int, text: str, staff: str | None) -> ReplyResult:
    """Sends `text` as a reply in the conversation; returns what became of it.

    Raises CannotSend (before storing anything) when the conversation's channel
    cannot send replies, so the composer keeps the draft.
    """
    text = clean_text(text).strip()
    if not text:
        raise StoreError("A reply cannot be empty.")
    conversation = store.get_conversation(conversation_id)
    sender = _sender_for(conversation.kind)
    if sender is None:
        label = KIND_LABELS.get(conversation.kind, conversation.kind)
        raise CannotSend(f"{label} conversations cannot send replies from the app yet;"
                         " your draft is kept.")
    message_id = store.add_outbound(conversation_id, text, staff=staff, delivery="queued")
    return deliver(store, message_id, staff)


def deliver(store: Store, message_id: int, staff: str | None = None) -> ReplyResult:
    """(Re)sends a queued or failed reply and records the outcome."""
    message = store.get_message(message_id)
    sender = _sender_for(message.kind)
    if sender is None:
        raise CannotSend(f"{message.kind} cannot send replies.")
    outgoing = Outgoing(message.id, message.conversation_id, message.text, staff or message.staff)
    try:
        sent = sender(store, outgoing)
    except SendError as error:
        store.set_delivery(message_id, "failed", error=str(error), staff=staff)
        return ReplyResult(message_id, "failed", str(error))
    store.set_delivery(message_id, "sent", external_id=sent.external_id, meta=sent.meta,
                       staff=staff)
    return ReplyResult(message_id, "sent")
