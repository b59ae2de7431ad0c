"""A thread read newest first (an export, a mailbox listed backwards) begins with the shop's
reply: the conversation still gets the customer's name and the subject, from the first
message that has them — in the same batch or a later one (both engines)."""

from __future__ import annotations

from tests.store.helpers import msg


def _conversation(store):
    [row] = store._rows("SELECT contact, subject FROM conversations")
    return row["contact"], row["subject"]


def test_the_customers_message_after_the_reply_in_one_batch(store):
    store.save_messages([
        msg("r1", "It went out this morning.", direction="out", thread="t-1041",
            at="2026-03-01T11:00:00Z", staff="Maya"),
        msg("m1", "Where is my order?", thread="t-1041", author="Ann Lee",
            email="ann@example.com", title="Order 1041", at="2026-03-01T10:00:00Z"),
    ])
    assert _conversation(store) == ("Ann Lee", "Order 1041")


def test_the_customers_message_in_a_later_batch(store):
    store.save_messages([msg("r1", "It went out this morning.", direction="out",
                             thread="t-1041", at="2026-03-01T11:00:00Z", staff="Maya")])
    store.save_messages([msg("m1", "Where is my order?", thread="t-1041", author="Ann Lee",
                             email="ann@example.com", title="Order 1041",
                             at="2026-03-01T10:00:00Z")])
    assert _conversation(store) == ("Ann Lee", "Order 1041")
    # a later message keeps what the conversation is called
    store.save_messages([msg("m2", "Thanks!", thread="t-1041", author="Ann L.",
                             email="ann@example.com", title="Re: Order 1041",
                             at="2026-03-02T10:00:00Z")])
    assert _conversation(store) == ("Ann Lee", "Order 1041")
