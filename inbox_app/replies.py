"""Replying to a customer on the channel they chose.

`reply()` is what the window's composer and `inbox-app reply` call. It stores the
reply first as "queued", hands it to the channel's sender, and records the
outcome: "sent", or "failed" with the reason in one sentence — a reply is never
lost. Each channel module registers a sender for its kind with `register_sender`. A reply
on an account the demo made up (`made_up`) goes to no channel: it is recorded as sent,
marked as the demo's, and nothing leaves the computer.

A reply the channel took while the store would not record it (locked by another
program, or out of reach longer than it is retried) has gone all the same: said as not
sent, it would be sent twice. What became of it is kept on this computer
(`unrecorded-replies.json` beside the drafts kept here) and recorded by
`record_unrecorded` once the store takes writes again — by the window, the next reply,
the outbox, or the next start.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.text import MAX_TEXT, clean_text
from inbox_app.store import (
    NotFound,
    Store,
    StoreError,
)
from inbox_app.unrecorded_replies import (
    UnrecordedReply,
    _amend_unrecorded,
    _forget_unrecorded,
    _keep_unrecorded,
    not_recorded,
    unrecorded_replies,
)

log = logging.getLogger(__name__)


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
    """Whether replies on this kind can be sent (without importing its channel module)."""
    from inbox_app.sources import SENDS_REPLIES

    return kind in SENDS_REPLIES


@dataclass(frozen=True)
class ReplyResult:
    message_id: int
    delivery: str  # sent, queued, failed
    error: str | None = None
    not_closed: str | None = None  # why a "send and close" left it open, after it went
    # It went, but the store could not record it: why, in one sentence. It is kept on this
    # computer and recorded later (`record_unrecorded`); never to be offered as unsent.
    unrecorded: str | None = None
    # On an account the demo made up: recorded as sent, and nothing left this computer.
    demo: bool = False


SecretCheck = Callable[[str, str], bool]


def holds_secret(kind: str, account: str) -> bool:
    """True when this computer can send for the account: its channel needs no secret, or
    the secret is in this computer's keyring. (Secrets never enter the shared store.)"""
    from inbox_app.secrets import KeyringUnavailable, get_secret
    from inbox_app.sources import source_module

    module = source_module(kind)
    if module is None:
        return False
    if not getattr(module, "NEEDS_SECRET", False):
        return True
    try:
        return bool(get_secret(account))
    except KeyringUnavailable:
        return False


def made_up(store: Store, kind: str, account: str) -> bool:
    """Whether a reply on this account is the demo's (`demo.is_made_up`): it cannot reach
    anyone, so it is recorded as sent without a channel — a person trying the demo sees
    the whole flow, and nothing leaves the computer. A phone reply is a call-back note,
    which no channel carries in any shop: it is kept as a shop keeps it."""
    if kind == "phone" or not account:
        return False
    from inbox_app.demo import is_made_up

    return is_made_up(store, account)


def team_secret_check(store: Store) -> SecretCheck | None:
    """`holds_secret` when the store is shared (team mode), so replies for accounts whose
    secret is on another computer wait in the outbox; None on a store of one's own."""
    return holds_secret if store.engine == "postgres" else None


def reply(
    store: Store, conversation_id: int, text: str, staff: str | None,
    *, has_secret: SecretCheck | None = None, close: bool = False, sign: bool = True,
) -> ReplyResult:
    """Sends `text` as a reply in the conversation; returns what became of it.

    Raises CannotSend (before storing anything) when the conversation's channel
    cannot send replies, so the composer keeps the draft. In team mode pass
    `has_secret` (e.g. `holds_secret`): a computer without the account's secret
    leaves the reply "queued" in the shared outbox, for `send_outbox` on a
    computer that has it. An email reply goes out with the shop's signature under it
    (`with_signature`; `sign=False` sends the text as it is). `close` ("Send and
    close") closes the conversation once the reply is sent or queued, never when the channel refused it; one queued that
    fails later opens the conversation again (`set_delivery`). One that went while the store
    would not record it is "sent" with `unrecorded` saying so (kept on this computer).
    """
    if len(text.strip()) > MAX_TEXT:  # cleaning would cut it, with a mark, and send that
        raise StoreError(f"A reply can be at most {MAX_TEXT:,} characters and this one has"
                         f" {len(text.strip()):,}; shorten it (nothing was sent).")
    text = clean_text(text).strip()
    if not text:
        raise StoreError("A reply cannot be empty.")
    with contextlib.suppress(StoreError):  # the store is the judge of this reply, below
        record_unrecorded(store)
    conversation = store.get_conversation(conversation_id)
    sender = _sender_for(conversation.kind)
    if sender is None:
        label = KIND_LABELS.get(conversation.kind, conversation.kind)
        raise CannotSend(f"{label} conversations cannot send replies from the app yet;"
                         " your draft is kept.")
    if sign and conversation.kind in SIGNED_KINDS:
        text = with_signature(store, text, staff)
    message_id = store.add_outbound(conversation_id, text, staff=staff, delivery="queued")
    if made_up(store, conversation.kind, conversation.account):
        has_secret = None  # no computer holds a made-up account's secret: none needs to
    if has_secret is not None and not has_secret(conversation.kind, conversation.account):
        result = ReplyResult(message_id, "queued")
    elif not store.take_queued_reply(message_id):
        result = ReplyResult(message_id, "queued")  # another computer is sending it already
    else:
        result = deliver(store, message_id, staff)
    if close and result.delivery != "failed":
        try:
            close_answered(store, conversation_id, staff)
        except StoreError as error:  # the reply went: said as not sent, it went twice
            log.warning("closing conversation %s after its reply failed", conversation_id,
                        exc_info=True)
            later = ""
            if result.unrecorded:  # closed when the reply is recorded
                _amend_unrecorded(store.location, message_id, close=True)
                later = " It is closed when the reply is recorded."
            result = replace(result, not_closed=f"{error}{later}")
    return result


@dataclass(frozen=True)
class Room:
    """How much of its channel's limit a reply takes, counted as the channel counts."""

    limit: int
    used: int
    unit: str = "characters"

    @property
    def left(self) -> int:
        """Negative when the reply is over by that much."""
        return self.limit - self.used


@dataclass(frozen=True)
class ReplyFrame:
    """What a reply goes out with besides its text, where the channel counts it too, and a
    limit the channel's server sets (Mastodon: the customer's handle put in front, their
    content warning, the server's `max_characters` and what a link counts as)."""

    handle: str = ""
    warning: str = ""
    limit: int | None = None
    per_url: int = 23


LIMITED_KINDS = frozenset({"bluesky", "telegram", "mastodon"})  # kinds `reply_room` counts


def reply_room(kind: str, text: str, frame: ReplyFrame | None = None) -> Room | None:
    """The room a reply takes on its channel, the one place that knows each channel's limit
    and how it counts; None for a kind without one (email: only MAX_TEXT). Bluesky counts
    graphemes (an emoji family is one) and, past that, bytes (an emoji is up to four);
    Telegram UTF-16 units; Mastodon as its server does (`mastodon_reply.reply_room`: the
    handle and content warning in `frame` included, each link as 23)."""
    text = clean_text(text).strip()
    if kind == "bluesky":
        from inbox_app.sources.bluesky_text import MAX_GRAPHEMES, MAX_POST_BYTES, grapheme_count

        graphemes = Room(MAX_GRAPHEMES, grapheme_count(text))
        size = Room(MAX_POST_BYTES, len(text.encode("utf-8")), "bytes")
        return size if graphemes.left >= 0 and size.left < 0 else graphemes
    if kind == "telegram":
        from inbox_app.sources.telegram import MAX_TEXT as MAX_TELEGRAM_TEXT
        from inbox_app.sources.telegram import utf16_length

        return Room(MAX_TELEGRAM_TEXT, utf16_length(text))
    if kind == "mastodon":
        from inbox_app.sources.mastodon_reply import reply_room as mastodon_room

        return mastodon_room(text, frame or ReplyFrame())
    return None


def too_long(kind: str, text: str, frame: ReplyFrame | None = None) -> str | None:
    """Why `kind` would refuse `text` for its length, in one sentence; None when it fits.

    For the composer, which says so while the text can still be shortened there; a reply
    sent anyway (the command line) is refused by its channel, before it goes out, and kept
    as a failed draft. Mastodon's limit is each server's own: without the `frame` of the
    conversation (`mastodon_reply.reply_frame`), its server says.
    """
    if len(text.strip()) > MAX_TEXT:  # what `reply` refuses on every channel
        return (f"A reply can be at most {MAX_TEXT:,} characters and this one has"
                f" {len(text.strip()):,}: shorten it, then send.")
    if kind == "mastodon" and frame is None:
        return None
    room = reply_room(kind, text, frame)
    if room is None or room.left >= 0:
        return None
    label = KIND_LABELS.get(kind, kind)
    counted = ""
    if kind == "mastodon" and frame is not None:
        from inbox_app.sources.mastodon_reply import with_mention

        extras = (["the customer's handle"] if with_mention(text.strip(), frame.handle)
                  != text.strip() else []) + (["the content warning"] if frame.warning else [])
        counted = f" with {' and '.join(extras)}" if extras else ""
    unit = room.unit
    if kind == "telegram" and room.used != len(text):  # Telegram counts UTF-16 units
        unit = f"{unit}, an emoji counting as two,"
    return (f"{label} replies can be at most {room.limit:,} {unit} and this one has"
            f" {room.used:,}{counted}: shorten it, then send.")


SIGNED_KINDS = frozenset({"email"})  # chat and social replies go unsigned, as people write them


def with_signature(store: Store, text: str, staff: str | None) -> str:
    """The email reply as it goes out: the shop's signature (Settings) under it."""
    from inbox_app.core.templates import TemplateValues, signed

    signature = store.get_setting("email_signature") or ""
    if not signature:
        return text
    values = TemplateValues(business=store.get_setting("business_name") or "", staff=staff or "")
    return signed(text, signature, values)


def close_answered(store: Store, conversation_id: int, staff: str | None) -> bool:
    """Closes a conversation just answered, unless it is closed already; says whether it
    closed it."""
    return store.close_conversation(conversation_id, staff=staff)


def deliver(store: Store, message_id: int, staff: str | None = None) -> ReplyResult:
    """(Re)sends a queued or failed reply and records the outcome."""
    message = store.get_message(message_id)
    sender = _sender_for(message.kind)
    if sender is None:
        raise CannotSend(f"{message.kind} cannot send replies.")
    outgoing = Outgoing(message.id, message.conversation_id, message.text, staff or message.staff)
    demo = made_up(store, message.kind, message.account)
    try:
        sent = demo_sent(store, outgoing, message.kind) if demo else sender(store, outgoing)
    except SendError as error:
        store.set_delivery(message_id, "failed", error=str(error), staff=staff)
        return ReplyResult(message_id, "failed", str(error))
    except Exception as error:  # a channel's bug must not leave the reply "sending" for good
        log.exception("sending reply %s failed", message_id)
        reason = f"Sending failed unexpectedly ({type(error).__name__}: {error})."
        store.set_delivery(message_id, "failed", error=reason, staff=staff)
        return ReplyResult(message_id, "failed", reason)
    try:
        store.set_delivery(message_id, "sent", external_id=sent.external_id, meta=sent.meta,
                           staff=staff)
    except StoreError as error:  # it went: said as not sent, it would go twice
        log.warning("reply %s went out but could not be recorded", message_id, exc_info=True)
        reason = not_recorded(error)
        _keep_unrecorded(store.location, UnrecordedReply(
            message.id, message.conversation_id, staff or message.staff, message.text,
            sent.external_id, sent.meta or {}, reason=reason))
        return ReplyResult(message_id, "sent", unrecorded=reason, demo=demo)
    return ReplyResult(message_id, "sent", demo=demo)


def demo_sent(store: Store, outgoing: Outgoing, kind: str) -> Sent:
    """A reply on a made-up account, recorded as sent and marked as the demo's; one its
    channel would refuse for its length is refused the same way, as the real one would be."""
    frame = None
    if kind == "mastodon":
        from inbox_app.sources.mastodon_reply import reply_frame

        frame = reply_frame(store, outgoing.conversation_id, ask=False)
    problem = too_long(kind, outgoing.text, frame or ReplyFrame())
    if problem:
        raise SendError(problem)
    return Sent(external_id=f"demo:{outgoing.message_id}", meta={"demo": True})


def retry_reply(
    store: Store, message_id: int, staff: str | None = None,
    *, has_secret: SecretCheck | None = None,
) -> ReplyResult:
    """Sends a failed reply again ("Try again" in the thread). With `has_secret` (team mode)
    a computer without the account's secret puts it back in the shared outbox instead."""
    if any(kept.message_id == message_id for kept in unrecorded_replies(store.location)):
        # It went from here and could not be recorded (then was called stalled): recorded
        # now, never sent again.
        record_unrecorded(store, wait=True)
    message = store.get_message(message_id)
    if message.direction != "out" or message.delivery != "failed":
        return ReplyResult(message_id, message.delivery or "sent", message.error)
    store.set_delivery(message_id, "queued", staff=staff)
    if made_up(store, message.kind, message.account):
        has_secret = None
    if has_secret is not None and not has_secret(message.kind, message.account):
        return ReplyResult(message_id, "queued")
    if not store.take_queued_reply(message_id):
        return ReplyResult(message_id, "queued")
    return deliver(store, message_id, staff)


@dataclass
class OutboxResult:
    sent: list[int]
    failed: list[tuple[int, str]]
    left: int  # queued replies for accounts whose secret this computer does not hold


def send_outbox(
    store: Store, has_secret: SecretCheck, *, limit: int = 50, staff: str | None = None,
) -> OutboxResult:
    """Sends the shared outbox's queued replies that this computer holds the secrets for.

    Each reply is taken first (queued → sending, atomically), so when several
    computers run this at once every reply still goes out exactly once. A reply
    left "sending" by a computer that stopped mid-send is shown as failed, with why; the
    ones this computer sent and could not record are recorded first.
    """
    try:
        record_unrecorded(store)
    except StoreError:  # tried again next round; the outbox must not wait for it
        log.warning("replies sent from here are not recorded yet", exc_info=True)
    store.release_stalled_replies()
    result = OutboxResult([], [], 0)
    for message in store.queued_replies(limit=limit):
        if not (has_secret(message.kind, message.account)
                or made_up(store, message.kind, message.account)):
            result.left += 1
            continue
        if not store.take_queued_reply(message.id):
            continue
        try:
            outcome = deliver(store, message.id, staff)
        except CannotSend as error:
            store.set_delivery(message.id, "failed", error=str(error), staff=staff)
            outcome = ReplyResult(message.id, "failed", str(error))
        except Exception as error:  # a channel's bug must not leave the reply "sending"
            log.exception("sending reply %s failed", message.id)
            reason = f"Sending failed unexpectedly ({type(error).__name__}: {error})."
            store.set_delivery(message.id, "failed", error=reason, staff=staff)
            outcome = ReplyResult(message.id, "failed", reason)
        if outcome.delivery == "sent":
            result.sent.append(message.id)
        else:
            result.failed.append((message.id, outcome.error or ""))
    return result


def send_written(store: Store, conversation_id: int, staff: str | None, text: str, *,
                 note: bool, close: bool, drafted_before: bool) -> ReplyResult | None:
    """What the reply box sends: a note, or a reply (None for a note), then its draft
    cleared. `drafted_before`: sent straight from the box, so the draft the store holds
    is an earlier state of this very text (autosaved while it was typed), cleared with
    it; a reply that waited for Undo may have a newer draft typed behind it, kept."""
    earlier = store.draft(conversation_id, staff).strip() if drafted_before else text
    if note:
        store.add_note(text, conversation_id=conversation_id, staff=staff)
        if close:
            close_answered(store, conversation_id, staff)
        result = None
    else:
        result = reply(store, conversation_id, text, staff,
                       has_secret=team_secret_check(store), close=close)
        if result.unrecorded:  # the draft it was must go when it is recorded, if not now
            _amend_unrecorded(store.location, result.message_id, drafts=(text, earlier))
    try:
        if store.draft(conversation_id, staff).strip() in (text, earlier):
            store.save_draft(conversation_id, staff, "")
    except StoreError:
        log.warning("the draft of a reply sent in conversation %s stays", conversation_id,
                    exc_info=True)  # it went: it must not be said unsent
    return result


_recording = threading.Lock()  # one recording at a time: each is recorded once


def record_unrecorded(store: Store, *, wait: bool = False) -> list[int]:
    """Records the replies this computer sent to `store` and could not record then: sent
    (unless the store knows it so already), closed when it was "Send and close", and the
    draft they were cleared when it still is that. Returns the ones recorded; raises
    StoreError when the store still will not take them (they stay kept). One recording
    runs at a time; without `wait`, a call meanwhile leaves it to the one running."""
    if not unrecorded_replies(store.location) or not _recording.acquire(blocking=wait):
        return []
    recorded = []
    try:
        for kept in unrecorded_replies(store.location):
            try:
                message = store.get_message(kept.message_id)
            except NotFound:  # gone from the store (a restored backup): nothing to record
                _forget_unrecorded(store.location, kept.message_id)
                continue
            if message.delivery != "sent":
                store.set_delivery(kept.message_id, "sent", external_id=kept.external_id,
                                   meta=kept.meta, staff=kept.staff)
            if kept.close:
                close_answered(store, kept.conversation_id, kept.staff)
            for text in {draft.strip() for draft in kept.drafts if draft.strip()}:
                if store.draft(kept.conversation_id, kept.staff).strip() == text:
                    store.save_draft(kept.conversation_id, kept.staff, "")
            _forget_unrecorded(store.location, kept.message_id)
            recorded.append(kept.message_id)
    finally:
        _recording.release()
    return recorded
