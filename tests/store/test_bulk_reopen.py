"""Reopening a selection: the way back after closing or snoozing many by mistake, one
transaction, a "reopened" event each, never over a colleague's change made since."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery, StaleEdit
from tests.store.test_bulk import begins, many  # noqa: F401  (the fixture)


def test_reopening_what_was_closed_in_bulk_is_one_transaction(many):  # noqa: F811
    ids = many.queue_ids(QueueQuery())[:300]
    many.bulk_close(ids[:200], staff="Maya")
    many.bulk_snooze(ids[200:250], now() + 3600, staff="Maya")
    seen = begins(many)
    # 200 closed and 50 snoozed come back; the 50 open ones were open already.
    assert many.bulk_reopen(ids, staff="Maya") == 250
    assert seen == ["BEGIN"]
    assert many.queue_count(QueueQuery(filter="open")) == 500
    back = many.get_conversation(ids[210])
    assert (back.status, back.snoozed_until) == ("open", None)
    events = many._rows("SELECT staff FROM events WHERE action = 'reopened'")
    assert len(events) == 250 and {e["staff"] for e in events} == {"Maya"}
    assert many.bulk_reopen(ids, staff="Maya") == 0  # nothing recorded twice


def test_a_bulk_reopen_leaves_alone_what_a_colleague_changed_since(many):  # noqa: F811
    ids = many.queue_ids(QueueQuery())[:6]
    many.bulk_close(ids)
    seen = {row.conversation_id: row.version
            for row in many.queue(QueueQuery(filter="closed", limit=10))}
    many.assign(ids[1], "Maya", staff="Theo")  # at the other computer, meanwhile
    with pytest.raises(StaleEdit, match="Reopened 5; 1 was changed by someone else"):
        many.bulk_reopen(ids, staff="Maya", versions=seen)
    assert many.get_conversation(ids[1]).status == "closed"
    assert [many.get_conversation(c).status for c in ids if c != ids[1]] == ["open"] * 5


def test_merged_away_conversations_stay_merged(many):  # noqa: F811
    keep, gone, *_ = many.queue_ids(QueueQuery())
    many.merge_conversations(keep, gone)
    many.close_conversation(keep)
    assert many.bulk_reopen([keep, gone]) == 1
    assert many.get_conversation(gone).status == "merged"
