"""A snooze time already past is refused with the time it was read as: `snooze 42 today`
typed at 10:00 means 9:00 this morning, and "A snooze must end in the future." alone left
the person wondering what was wrong with "today"."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now, spoken
from inbox_app.store import QueueQuery
from inbox_app.store.errors import StoreError

from .helpers import msg


def test_a_snooze_in_the_past_is_refused_naming_the_time(store):
    store.save_messages([msg("q1", "Where is my order?", email="ana@example.org",
                             at=now() - 7200)])
    (row,) = store.queue(QueueQuery())
    passed = now() - 3600

    with pytest.raises(StoreError) as refused:
        store.snooze(row.conversation_id, passed)

    assert str(refused.value) == (f"A snooze must end in the future: {spoken(passed)} has"
                                  " passed already.")
    assert store.get_conversation(row.conversation_id).status == "open"
