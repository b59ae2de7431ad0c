"""What the window reads, as plain functions a job runs on its own store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from inbox_app.core.identity import DEFAULT_REGION
from inbox_app.core.models import Conversation, Customer, Message, Note
from inbox_app.core.text import one_spelling_each
from inbox_app.gui.thread_html import prepare_formatting
from inbox_app.replies import can_send
from inbox_app.store import Store


@dataclass(frozen=True)
class CustomerSnapshot:
    customer: Customer
    notes: list[Note]
    conversations: list[dict[str, Any]]
    first_seen: int | None = None


@dataclass(frozen=True)
class ConversationSnapshot:
    conversation: Conversation
    entries: list[Message | Note]
    draft: str
    sendable: bool
    customer: CustomerSnapshot | None
    formatting: dict[int, str | None] = field(default_factory=dict)  # see thread_html
    others_drafting: tuple[tuple[str, int], ...] = ()  # colleagues' drafts: (staff, saved at)


@dataclass(frozen=True)
class SidebarSnapshot:
    counts: dict[str, int]
    tags: list[str]  # the left bar's: customer tags and conversation labels together
    accounts: list[dict[str, Any]]
    staff: list[str]
    poll_interval: int
    business_name: str = ""
    email_signature: str = ""
    currency: str = ""
    phone_region: str = DEFAULT_REGION  # how the customer panel writes phone numbers
    customer_tags: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def load_customer(store: Store, customer_id: int) -> CustomerSnapshot:
    customer = store.get_customer(customer_id)
    return CustomerSnapshot(
        customer, store.notes(customer_id=customer.id), store.customer_conversations(customer.id),
        store.customer_first_seen(customer.id),
    )


def load_conversation(store: Store, conversation_id: int, staff: str | None) -> ConversationSnapshot:
    conversation = store.get_conversation(conversation_id)
    customer = None
    if conversation.customer_id is not None:
        customer = load_customer(store, conversation.customer_id)
    entries = store.thread(conversation_id)
    return ConversationSnapshot(
        conversation=conversation,
        entries=entries,
        draft=store.draft(conversation_id, staff),
        sendable=can_send(conversation.kind),
        customer=customer,
        formatting=prepare_formatting(entries),
        others_drafting=tuple(store.drafts_by_others(conversation_id, staff)),
    )


def load_sidebar(store: Store, staff: str | None) -> SidebarSnapshot:
    customer_tags, labels = store.all_tags(), store.all_labels()
    return SidebarSnapshot(
        counts=store.view_counts(staff),
        tags=sorted(one_spelling_each([*customer_tags, *labels]), key=str.casefold),
        customer_tags=customer_tags,
        labels=labels,
        accounts=[asdict(account) for account in store.list_accounts()],
        staff=[member.name for member in store.list_staff()],
        poll_interval=int(store.get_setting("poll_interval") or 300),
        business_name=store.get_setting("business_name") or "",
        email_signature=store.get_setting("email_signature") or "",
        currency=store.get_setting("currency") or "",
        phone_region=store.phone_region(),
    )
