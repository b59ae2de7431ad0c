"""A snoozed conversation wakes when the customer writes again, whenever their words
arrive. Mail is polled once a minute and carries the time it was written: a reply written
30 seconds before a colleague pressed Snooze, fetched 30 seconds after, was newer than
anything the colleague had read but older than the snooze, and stayed hidden (marked
unread, in the Snoozed view only) until the snooze ended, a day or a month later."""

from __future__ import annotations

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery

from .helpers import msg

HOUR = 3600
DAY = 86400


def _snoozed_conversation(store) -> tuple[int, int]:
    """A customer's question from an hour ago, read and snoozed for a day just now."""
    asked = now() - HOUR
    store.save_messages([msg("q1", "Where is my order?", thread="order-7",
                             email="ana@example.org", at=asked)])
    (row,) = store.queue(QueueQuery())
    store.mark_read(row.conversation_id)
    store.snooze(row.conversation_id, now() + DAY)
    return row.conversation_id, asked


def test_words_written_just_before_the_snooze_and_fetched_after_wake_it(store):
    conversation_id, _asked = _snoozed_conversation(store)

    store.save_messages([msg("q2", "Hello?? It was due yesterday.", thread="order-7",
                             email="ana@example.org", at=now() - 30)])

    woken = store.get_conversation(conversation_id)
    assert (woken.status, woken.snoozed_until, woken.unread) == ("open", None, True)
    assert conversation_id in {row.conversation_id for row in store.queue(QueueQuery())}


def test_words_written_in_the_second_of_the_snooze_wake_it(store):
    conversation_id, _asked = _snoozed_conversation(store)

    store.save_messages([msg("q2", "Also, can I change the address?", thread="order-7",
                             email="ana@example.org", at=now())])

    assert store.get_conversation(conversation_id).status == "open"


def test_old_mail_brought_in_later_leaves_the_snooze_alone(store):
    """Not every message stored after a snooze is the customer writing again: last
    year's mail imported into the thread is older than what was read when it was
    snoozed."""
    conversation_id, asked = _snoozed_conversation(store)

    store.save_messages([msg("q0", "An older question", thread="order-7",
                             email="ana@example.org", at=asked - 30 * DAY)])

    assert store.get_conversation(conversation_id).status == "snoozed"


def test_a_snooze_with_no_customer_words_yet_wakes_at_the_first(store):
    """A call logged outbound and snoozed to wait for the customer's answer."""
    store.save_messages([msg("o1", "Left a voicemail about the refund", kind="phone",
                             direction="out", staff="Maya", phone="+441632960001",
                             thread="call-1", at=now() - HOUR)])
    (row,) = store.queue(QueueQuery(filter="all"))
    store.snooze(row.conversation_id, now() + DAY)

    store.save_messages([msg("i1", "Calling back about the refund", kind="phone",
                             phone="+441632960001", thread="call-1", at=now() - 60)])

    assert store.get_conversation(row.conversation_id).status == "open"


def test_a_bulk_snooze_wakes_alike(store):
    """Snoozing a selection stored the clock as well: the same reply, written just before
    and fetched after, stayed hidden when the conversation was snoozed with others."""
    asked = now() - HOUR
    store.save_messages([
        msg("a1", "Where is my order?", thread="order-7", email="ana@example.org", at=asked),
        msg("b1", "Do you ship to Oslo?", thread="ship-2", email="bo@example.org", at=asked),
    ])
    ids = [row.conversation_id for row in store.queue(QueueQuery())]
    assert store.bulk_snooze(ids, now() + DAY) == 2

    store.save_messages([msg("a2", "Hello??", thread="order-7", email="ana@example.org",
                             at=now() - 30)])
    store.save_messages([msg("b0", "An older question", thread="ship-2",
                             email="bo@example.org", at=asked - 30 * DAY)])

    statuses = {row_id: store.get_conversation(row_id).status for row_id in ids}
    assert sorted(statuses.values()) == ["open", "snoozed"]
