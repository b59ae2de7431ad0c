"""Whom an email reply goes to and the headers that keep it in the customer's thread.

The reply answers the customer's latest own message — to its Reply-To or From — with
whomever else it was written or copied to as Cc (never the shop's own addresses),
`Subject: Re: …`, `In-Reply-To` that message and `References` its chain. Plain logic on
stored messages, no I/O: mail_smtp.py builds and sends the message from the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from inbox_app.core.models import Message
from inbox_app.replies import SendError
from inbox_app.sources.mail_auto import AUTO_REPLY
from inbox_app.sources.mail_parse import reply_subject
from inbox_app.store import Store

MAX_REFERENCES = 20
QUOTE_CHARS = 4_000


@dataclass(frozen=True)
class ReplyPlan:
    """Whom to answer (and whom they copied in), and the headers that keep the thread
    together."""

    to: str
    subject: str
    in_reply_to: str | None
    references: tuple[str, ...]
    quote_author: str
    quote_at: int | None
    quote_text: str
    cc: tuple[str, ...] = ()


def _is_message_id(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("<") and value.endswith(">")


def plan_reply(messages: Sequence[Message], own: set[str],
               customer_addresses: Sequence[str] = ()) -> ReplyPlan:
    """The reply to a conversation's latest message from the customer, to its Reply-To or
    From, copying in whom it copied in (`copied_in`).

    Bounces, complaints and read receipts are not answered, nor an out-of-office while the
    customer's own message is there; a conversation the shop started (found in the Sent
    folder) is answered to its recipient.
    """
    ordered = sorted(messages, key=lambda m: (m.at, m.id))
    # The customer's own latest message; their out-of-office only when there is none (it
    # would set "Re: Automatic reply: …" and quote their absence back to them).
    target = next((m for m in reversed(ordered)
                   if m.direction == "in" and m.meta.get("auto") is None), None) or \
        next((m for m in reversed(ordered)
              if m.direction == "in" and m.meta.get("auto") == AUTO_REPLY), None)
    to = None
    if target is not None:
        # Never the shop itself: mail from another of its mailboxes (orders@ writing to
        # hello@) comes in as a customer's, and answering it would mail the shop.
        to = next((a for a in (target.meta.get("reply_to"), target.meta.get("from"))
                   if a and a.lower() not in own), None)
    else:
        for message in reversed(ordered):
            if message.direction == "out" and message.delivery in (None, "sent"):
                recipients = [a for a in message.meta.get("to") or [] if a not in own]
                if recipients:
                    target, to = message, recipients[0]
                    break
    if not to:
        to = next((a for a in customer_addresses if a not in own), None)
    if not to:
        raise SendError("There is no email address to reply to in this conversation.")
    cc = copied_in(target, to, own) if target is not None else ()
    if target is None:
        target = ordered[-1] if ordered else None
    message_id = None
    references: list[str] = []
    subject = ""
    if target is not None:
        message_id = target.meta.get("message_id") or (
            target.external_id if _is_message_id(target.external_id) else None)
        references = [r for r in target.meta.get("references") or [] if _is_message_id(r)]
        subject = target.meta.get("subject") or target.title or ""
    if message_id:
        references = [r for r in references if r != message_id] + [message_id]
    if len(references) > MAX_REFERENCES:
        references = references[:1] + references[-(MAX_REFERENCES - 1):]
    quote = ""
    if target is not None and target.direction == "in":
        quote = target.text[:QUOTE_CHARS]
    return ReplyPlan(
        to=to,
        subject=reply_subject(subject),
        in_reply_to=message_id,
        references=tuple(references),
        quote_author=(target.author_name or to) if target is not None else to,
        quote_at=target.at if target is not None else None,
        quote_text=quote,
        cc=cc,
    )


def copied_in(message: Message, to: str, own: set[str]) -> tuple[str, ...]:
    """Everyone else the message answered was written to or copied to, kept on the reply as
    a Cc ("reply all", as shared inboxes answer): a colleague the customer included stays in
    the exchange. Never the shop's own addresses (the reply would come back into the
    inbox), nor the one answered twice; nobody is Bcc'd."""
    seen = {to.lower(), *own}
    kept: list[str] = []
    for address in [*(message.meta.get("to") or []), *(message.meta.get("cc") or [])]:
        if isinstance(address, str) and "@" in address and address.lower() not in seen:
            seen.add(address.lower())
            kept.append(address)
    return tuple(kept)


# The shop's own addresses: never a customer to answer or copy in


def own_addresses(config: dict[str, Any]) -> set[str]:
    """An email account's addresses: its address, a login that is one, its aliases."""
    addresses = {str(config["address"]).lower()}
    user = str(config.get("user") or "")
    if "@" in user:
        addresses.add(user.lower())
    addresses.update(str(a).lower() for a in config.get("aliases", []))
    return addresses


def shop_addresses(store: Store, config: dict[str, Any]) -> set[str]:
    """The account's own addresses and those of the shop's other email accounts: none of
    them is a customer to send a reply to or copy one in (another account of the shop's
    would read the copy as a customer's message)."""
    addresses = own_addresses(config)
    for account in store.list_accounts():
        if account.kind == "email" and account.config.get("address"):
            addresses |= own_addresses(account.config)
    return addresses
