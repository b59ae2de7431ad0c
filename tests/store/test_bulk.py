"""Bulk actions: one transaction for any selection, one event per conversation."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery, StoreError
from tests.store.helpers import msg


@pytest.fixture
def many(store):
    """500 open conversations from 250 customers (two each)."""
    store.add_staff("Maya")
    store.save_messages([
        msg(f"e{i}", f"Question number {i}", email=f"c{i // 2}@example.com",
            author=f"Customer {i // 2}", thread=f"t{i}", at=1_800_000_000 + i)
        for i in range(500)
    ])
    return store


def begins(store):
    """Counts the write transactions the store opens from now on (on either engine)."""
    seen: list[str] = []
    opened = store.transaction

    @contextmanager
    def counted():
        if not store._depth:
            seen.append("BEGIN")
        with opened():
            yield

    store.transaction = counted
    return seen


def test_queue_ids_holds_every_row_of_a_view_not_just_a_page(many):
    ids = many.queue_ids(QueueQuery(filter="open", order="newest"))
    assert len(ids) == 500
    assert ids[:100] == [row.conversation_id for row in many.queue(
        QueueQuery(filter="open", order="newest", limit=100))]


def test_closing_500_is_one_transaction_with_an_event_each(many):
    ids = many.queue_ids(QueueQuery())
    seen = begins(many)
    assert many.bulk_close(ids, staff="Maya") == 500
    assert seen == ["BEGIN"]
    assert many.queue_count(QueueQuery(filter="closed")) == 500
    events = many._rows("SELECT staff, conversation_id FROM events WHERE action = 'closed'")
    assert len(events) == 500 and {e["staff"] for e in events} == {"Maya"}
    # Closing again changes nothing and keeps the first closing time.
    closed_at = many.get_conversation(ids[0]).closed_at
    assert many.bulk_close(ids, staff="Maya", at=closed_at + 999) == 0
    assert many.get_conversation(ids[0]).closed_at == closed_at


def test_assign_label_snooze_and_tag_in_bulk(many):
    ids = many.queue_ids(QueueQuery())[:300]
    due = now() + 86400
    seen = begins(many)
    assert many.bulk_assign(ids, "maya", due_at=due, staff="Maya") == 300
    assert many.bulk_label(ids, "refund", staff="Maya") == 300
    assert many.bulk_label(ids[:10] + ids[-1:], "refund") == 0
    assert many.bulk_tag(ids, "wholesale", staff="Maya") == 150
    until = now() + 3600
    assert many.bulk_snooze(ids[:50], until, staff="Maya") == 50
    assert seen == ["BEGIN"] * 5
    first = many.get_conversation(ids[0])
    assert (first.assignee, first.due_at, first.status) == ("Maya", due, "snoozed")
    assert "refund" in first.labels
    assert "wholesale" in many.get_customer(first.customer_id).tags
    assert many.queue_count(QueueQuery(filter="mine", staff="Maya")) == 250
    assert many.queue_count(QueueQuery(tag="refund", filter="all")) == 300
    tagged = many._rows("SELECT COUNT(*) AS n FROM events WHERE action = 'customer.tagged'")
    assert tagged[0]["n"] == 150


def test_bulk_refusals_are_one_sentence_and_change_nothing(many):
    ids = many.queue_ids(QueueQuery())[:5]
    with pytest.raises(StoreError, match="future"):
        many.bulk_snooze(ids, now() - 5)
    with pytest.raises(StoreError, match="no staff member called 'Nobody Here'"):
        many.bulk_assign(ids, "Nobody Here")
    with pytest.raises(StoreError, match="empty"):
        many.bulk_label(ids, "  ")
    assert many.queue_count(QueueQuery(filter="unassigned")) == 500


def test_merged_away_conversations_are_skipped(many):
    keep, gone, *_ = many.queue_ids(QueueQuery())
    many.merge_conversations(keep, gone)
    assert many.bulk_close([keep, gone]) == 1
    assert many.get_conversation(gone).status == "merged"


def test_a_bulk_assign_never_undoes_a_colleagues_change_made_since_the_selection(
        many, store_location):
    from inbox_app.store import StaleEdit, open_store

    many.add_staff("Theo")
    rows = many.queue(QueueQuery(filter="open", limit=6))
    seen = {row.conversation_id: row.version for row in rows}
    claimed = rows[2].conversation_id
    colleague = open_store(store_location)
    try:
        colleague.claim(claimed, "Theo")  # on another desktop, after the selection was made
    finally:
        colleague.close()
    with pytest.raises(StaleEdit, match="Assigned 5; 1 was changed by someone else"):
        many.bulk_assign(list(seen), "Maya", staff="Owner", versions=seen)
    assignees = {row.conversation_id: row.assignee
                 for row in many.queue(QueueQuery(filter="all", limit=600))}
    assert assignees[claimed] == "Theo"
    assert [assignees[c] for c in seen if c != claimed] == ["Maya"] * 5
    # the same for close and snooze; without versions (a whole view) nothing is checked
    fresh = {row.conversation_id: row.version
             for row in many.queue(QueueQuery(filter="open", limit=6))}
    with pytest.raises(StaleEdit, match="Closed 5; 1 was"):
        many.bulk_close(list(fresh), versions={**fresh, claimed: fresh[claimed] - 1})
    assert many.bulk_snooze([claimed], now() + 3600) == 1


def test_inside_a_callers_transaction_a_stale_row_refuses_the_whole_action(many):
    """Reporting after the commit would roll the caller's transaction back while saying
    "Closed 5": inside one, nothing is changed and the error says so."""
    from inbox_app.store import StaleEdit

    rows = many.queue(QueueQuery(filter="open", limit=6))
    seen = {row.conversation_id: row.version for row in rows}
    first = rows[0].conversation_id
    seen[first] -= 1  # as if someone had changed it since
    with (pytest.raises(StaleEdit, match="Nothing was closed: 1 was changed by someone else"),
          many.transaction()):
        many.set_setting("business_name", "Harbour Lane")
        many.bulk_close(list(seen), versions=seen)
    assert {row.status for row in many.queue(QueueQuery(filter="all", limit=600))
            if row.conversation_id in seen} == {"open"}
    assert many.get_setting("business_name") != "Harbour Lane"
