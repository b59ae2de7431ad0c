"""Two desktops closing (or reopening) one conversation at the same moment: the second
must find it done, not do it again (one event, one version step, the first one's time).

SQLite runs write transactions one at a time; PostgreSQL lets the second read the row
before the first commits, so there the second waits on the row itself.
"""

from __future__ import annotations

import queue
import threading
import time

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery, open_store

from .helpers import msg


def one_conversation(store) -> int:
    store.add_staff("Maya")
    store.add_staff("Theo")
    store.save_messages([msg("m1", "Where is my order?", email="ana@example.org",
                             author="Ana", at=now() - 3600)])
    (row,) = store.queue(QueueQuery(filter="all"))
    return row.conversation_id


def while_first_is_open(store, store_location, first, second):
    """Runs `first(store)` in a transaction held open while another desktop runs
    `second(other)`, which has to wait; returns what `second` returned (or raised)."""
    outcome: queue.Queue = queue.Queue()

    def from_the_other_desktop():
        other = open_store(store_location)
        try:
            outcome.put(second(other))
        except Exception as error:  # noqa: BLE001 — handed to the test to look at
            outcome.put(error)
        finally:
            other.close()

    with store.transaction():
        first(store)
        racer = threading.Thread(target=from_the_other_desktop)
        racer.start()
        time.sleep(0.3)  # the other desktop is now waiting for this one's lock
        assert outcome.empty()
    racer.join(30)
    return outcome.get_nowait()


def actions(store, conversation_id: int, action: str) -> list[dict]:
    return [event for event in store.history(conversation_id) if event["action"] == action]


def test_two_closes_at_once_close_it_once(store, store_location):
    conversation = one_conversation(store)
    version = store.get_conversation(conversation).version
    second = while_first_is_open(
        store, store_location,
        lambda mine: mine.close_conversation(conversation, staff="Maya", at=now() - 60),
        lambda theirs: theirs.close_conversation(conversation, staff="Theo"))
    assert second is False  # "was closed already"
    closes = actions(store, conversation, "closed")
    assert [event["staff"] for event in closes] == ["Maya"]
    final = store.get_conversation(conversation)
    assert (final.closed_at, final.version) == (closes[0]["at"], version + 1)


def test_two_closes_on_the_same_version_read_agree_it_was_closed_already(store,
                                                                         store_location):
    """Both read version N and press Close: the second is told it was closed already
    (as on SQLite), not that its change was refused."""
    conversation = one_conversation(store)
    version = store.get_conversation(conversation).version
    second = while_first_is_open(
        store, store_location,
        lambda mine: mine.close_conversation(conversation, staff="Maya",
                                             expected_version=version),
        lambda theirs: theirs.close_conversation(conversation, staff="Theo",
                                                 expected_version=version))
    assert second is False
    assert len(actions(store, conversation, "closed")) == 1


def test_two_reopens_at_once_reopen_it_once(store, store_location):
    conversation = one_conversation(store)
    store.close_conversation(conversation, staff="Maya")
    second = while_first_is_open(
        store, store_location,
        lambda mine: mine.reopen_conversation(conversation, staff="Maya"),
        lambda theirs: theirs.reopen_conversation(conversation, staff="Theo"))
    assert second is False  # "was open already"
    assert [event["staff"] for event in actions(store, conversation, "reopened")] == ["Maya"]

