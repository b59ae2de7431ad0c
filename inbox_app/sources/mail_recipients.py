"""Whom an email reply will reach, known before it is written: the window shows
"To: ann@example.com · Cc: bob@example.com" above the reply, so the shop sees before Send
that a colleague the customer copied in gets the answer too (reply all: `copied_in`).

The choice is the one `mail_smtp.send_reply` makes when the reply goes — `plan_reply` over
the conversation's messages and the customer's addresses (mail_reply_plan.py), never the
shop's own (`mail_reply_plan.shop_addresses`) — read from the store alone: no keyring, no server,
so it is cheap enough to run each time a conversation is shown, off the window's thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from inbox_app.sources.mail_reply_plan import own_addresses, plan_reply, shop_addresses
from inbox_app.store import NotFound, Store


@dataclass(frozen=True)
class ReplyRecipients:
    """The address a reply is sent to and those copied in (never anyone Bcc'd)."""

    to: str
    cc: tuple[str, ...] = ()


def reply_recipients(store: Store, conversation_id: int) -> ReplyRecipients:
    """Whom a reply to the email conversation would reach if it were sent now.

    Raises `replies.SendError` (one sentence) when the conversation has no address to
    reply to, as sending would."""
    conversation = store.get_conversation(conversation_id)
    customer_addresses: list[str] = []
    if conversation.customer_id is not None:
        customer = store.get_customer(conversation.customer_id)
        customer_addresses = [i.value for i in customer.identities if i.kind == "email"]
    plan = plan_reply(store.messages(conversation_id), _shop_addresses(store, conversation.account),
                      customer_addresses)
    return ReplyRecipients(plan.to, plan.cc)


def _shop_addresses(store: Store, account_name: str) -> set[str]:
    """The shop's own addresses as sending would count them; for a conversation whose
    account was removed (sending then says so), the account's name where it is an address
    and the other email accounts' addresses, so none of them is shown as a recipient."""
    try:
        account = store.get_account(account_name) if account_name else None
    except NotFound:
        account = None
    if account is not None and account.kind == "email" and account.config.get("address"):
        return shop_addresses(store, account.config)
    if "@" in account_name:
        return shop_addresses(store, {"address": account_name})
    return {address for other in store.list_accounts()
            if other.kind == "email" and other.config.get("address")
            for address in own_addresses(other.config)}
