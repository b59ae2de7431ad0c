"""A snooze that ended is over for the count of a view as for its rows. The window reads a
view's first page and its count at the same moment, in two jobs: the count read before the
page's job woke the conversation said "3 conversations" over four rows in Open, and "1"
over an empty Snoozed view."""

from __future__ import annotations

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery

from .helpers import msg

HOUR = 3600


def test_a_view_counts_a_snooze_that_ended_as_its_rows_show_it(store):
    store.save_messages([
        msg(f"m{number}", f"Question {number}", email=f"c{number}@example.org",
            at=now() - (number + 1) * HOUR)
        for number in range(4)
    ])
    (first, *_rest) = store.queue(QueueQuery())
    woken_at = now() + HOUR
    store.snooze(first.conversation_id, woken_at)
    later = woken_at + 60

    open_count = store.queue_count(QueueQuery(filter="open", at=later))
    snoozed_count = store.queue_count(QueueQuery(filter="snoozed", at=later))

    assert open_count == len(store.queue(QueueQuery(filter="open", at=later))) == 4
    assert snoozed_count == len(store.queue(QueueQuery(filter="snoozed", at=later))) == 0
