"""The shop's own automatic acknowledgement ("Thanks, we got your message — we answer
within a day", Auto-Submitted: auto-replied), read back from its Sent folder, counted as
the reply that went out: every conversation looked answered seconds after the customer
wrote, the angry customer sank to the answered band of the queue, and the month's first
response was five seconds. An automatic message the shop sent stays in the thread, but is
no response: the conversation keeps waiting and the clock keeps running."""

from __future__ import annotations

from dataclasses import replace

from inbox_app.core.timeutil import parse_iso
from inbox_app.store import open_store
from tests.store.helpers import msg

ASKED = "2026-03-03T10:00:00Z"
ACKNOWLEDGED = "2026-03-03T10:00:05Z"
ANSWERED = "2026-03-03T13:00:00Z"
MIGRATION = "m073_own_automatic_mail_is_no_response"
ACKNOWLEDGEMENT = "Thanks, we got your message — we answer within a day."


def customer_asks(external_id="ask", at=ASKED, text="Third time I ask: where is my order?!"):
    return msg(external_id, text, at=at, email="ann@example.com", thread="order-1041")


def autoresponder(external_id="ack", at=ACKNOWLEDGED, *, auto="auto-reply", staff=None):
    """The copy of the shop's automatic acknowledgement kept in its Sent folder."""
    return replace(msg(external_id, ACKNOWLEDGEMENT, at=at, direction="out",
                       email="ann@example.com", thread="order-1041", staff=staff),
                   meta={"auto": auto, "folder": "Sent"})


def staff_reply(external_id="reply", at=ANSWERED):
    return msg(external_id, "It left today, sorry for the wait.", at=at, direction="out",
               email="ann@example.com", thread="order-1041")


def conversation_of(store, external_id):
    return store.get_conversation(store._scalar(
        "SELECT conversation_id FROM messages WHERE external_id = ?", (external_id,)))


def march(store):
    return store.first_responses(parse_iso("2026-03-01T00:00:00Z"),
                                 parse_iso("2026-04-01T00:00:00Z"))


def test_an_acknowledgement_stored_with_the_question_leaves_it_waiting(store):
    store.save_messages([customer_asks(), autoresponder()])

    conversation = conversation_of(store, "ask")
    assert conversation.awaiting_since == parse_iso(ASKED)
    assert store._scalar("SELECT last_outbound_at FROM conversations WHERE id = ?",
                         (conversation.id,)) is None


def test_an_acknowledgement_arriving_later_leaves_it_waiting(store):
    store.save_messages([customer_asks()])
    waiting = conversation_of(store, "ask")

    store.save_messages([autoresponder()])

    conversation = conversation_of(store, "ask")
    assert conversation.id == waiting.id
    assert (conversation.awaiting_since, conversation.priority) == (
        parse_iso(ASKED), waiting.priority)


def test_the_queue_keeps_the_angry_customer_above_an_answered_one(store):
    store.save_messages([customer_asks(), autoresponder()])
    store.save_messages([
        msg("calm", "Do you sell gift cards?", at="2026-03-03T09:00:00Z",
            email="bob@example.com", thread="gift"),
        msg("calm-reply", "We do!", at="2026-03-03T09:30:00Z", direction="out",
            email="bob@example.com", thread="gift"),
    ])

    angry, calm = conversation_of(store, "ask"), conversation_of(store, "calm")
    assert angry.priority < calm.priority


def test_the_first_response_is_the_person_who_answered(store):
    store.save_messages([customer_asks(), autoresponder()])
    [unanswered] = march(store)
    assert unanswered["first_out"] is None

    store.save_messages([staff_reply()])

    [answered] = march(store)
    assert answered["first_out"] - answered["first_in"] == 3 * 3600


def test_every_kind_of_automatic_mail_the_shop_sends_is_no_response(store):
    """A read receipt the shop's mail program sent, a newsletter copied to Sent."""
    store.save_messages([customer_asks(), autoresponder("receipt", auto="read-receipt"),
                         autoresponder("newsletter", auto="bulk")])

    assert conversation_of(store, "ask").awaiting_since == parse_iso(ASKED)
    assert [row["first_out"] for row in march(store)] == [None]


def test_the_thread_still_shows_the_acknowledgement(store):
    store.save_messages([customer_asks(), autoresponder()])

    thread = store.messages(conversation_of(store, "ask").id)
    assert [(m.external_id, m.direction, m.delivery, m.text) for m in thread] == [
        ("ask", "in", None, "Third time I ask: where is my order?!"),
        ("ack", "out", "sent", ACKNOWLEDGEMENT),
    ]


def test_an_automatic_message_is_nobodys_reply_in_the_staff_figures(store):
    """An import naming the autoresponder as author: no one replied."""
    store.save_messages([customer_asks(), autoresponder(staff="Autoresponder")])

    assert store._scalar("SELECT COUNT(*) AS n FROM events WHERE action = 'replied'") == 0


def test_the_export_counts_the_first_response_from_the_person_who_answered(store):
    store.save_messages([customer_asks(), autoresponder(), staff_reply()])

    [row] = store.conversation_export_rows()
    assert row["first_response_at"] == parse_iso(ANSWERED)


def test_the_export_never_has_a_response_before_the_customer_wrote(store):
    """An out-of-office opened the conversation (it waits for nothing); the shop
    answered it, then the customer wrote: the answer came before what the customer
    wrote, so it is no response to it."""
    out_of_office = replace(msg("ooo", "I am away until Monday.", at="2026-03-03T08:00:00Z",
                                email="ann@example.com", thread="order-1041"),
                            meta={"auto": "auto-reply"})
    early = staff_reply("early", at="2026-03-03T09:00:00Z")
    store.save_messages([out_of_office, early, customer_asks()])

    [row] = store.conversation_export_rows()
    assert row["first_inbound_at"] == parse_iso(ASKED)
    assert row["first_response_at"] is None


def reopened(store, store_location):
    store.close()
    return open_store(store_location)


def test_acknowledgements_stored_before_the_upgrade_are_no_response(store, store_location):
    """Stores written before: the acknowledgements are marked, and their conversations
    wait again, exactly as if this version had stored them."""
    store.save_messages([
        customer_asks(), autoresponder(),
        msg("vip", "Still broken. Awful.", at="2026-03-04T10:00:00Z", email="vip@example.com",
            followers=25_000, thread="vip"),
        replace(autoresponder("vip-ack", at="2026-03-04T10:00:03Z"), thread="vip",
                identities=()),
        msg("calm", "Do you sell gift cards?", at="2026-03-03T09:00:00Z",
            email="bob@example.com", thread="gift"),
        msg("calm-reply", "We do!", at="2026-03-03T09:30:00Z", direction="out",
            email="bob@example.com", thread="gift"),
    ])
    store.set_due(conversation_of(store, "ask").id, parse_iso("2026-03-03T12:00:00Z"))
    everything = [row["id"] for row in store._rows("SELECT id FROM conversations")]
    expected = store._rows("SELECT * FROM conversations ORDER BY id")
    with store.transaction():  # as an older version stored them: counted as replies
        store._exec("UPDATE messages SET quiet = 0")
        store.refresh_conversations(everything)
        applied = "_sqlite_migrations" if store.engine == "sqlite" else "inbox_app_migrations"
        store._exec(f"DELETE FROM {applied} WHERE name = ?", (MIGRATION,))
    assert store._rows("SELECT * FROM conversations ORDER BY id") != expected

    store = reopened(store, store_location)
    try:
        quiet = {row["external_id"]: row["quiet"]
                 for row in store._rows("SELECT external_id, quiet FROM messages")}
        assert quiet == {"ask": 0, "ack": 1, "vip": 0, "vip-ack": 1, "calm": 0,
                         "calm-reply": 0}
        assert store._rows("SELECT * FROM conversations ORDER BY id") == expected
    finally:
        store.close()
