"""Two computers doing the same housekeeping at the same moment on a shared store: waking
a snooze that ended (every window's queue and every Take next does it) and giving up on a
reply whose sender stopped (every outbox round does it). Each happens once.

SQLite runs one write at a time, so these are PostgreSQL's questions: under READ
COMMITTED the second computer reads the rows before the first commits, waits on them,
and then, unless it looks again, does it all a second time. The first computer's
transaction is held open here until the second is seen waiting, so the moment is not
left to chance."""

from __future__ import annotations

import threading

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import open_store
from tests.pgserver import wait_until

from .helpers import msg

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_desktops(pg_url):
    first, second = open_store(pg_url), open_store(pg_url)
    onlooker = open_store(pg_url)  # watches the others from outside their transactions
    first.add_staff("Maya")
    first.save_messages([msg("e1", "Any news on my order?", email="ann@example.org")])
    yield first, second, onlooker
    for store in (first, second, onlooker):
        store.close()


def while_held_open(desktops, do):
    """Runs `do(first)` in an open transaction, then `do(second)` in a thread until it
    waits on what the first holds (or is done); commits the first; returns both results."""
    first, second, onlooker = desktops
    results = {}
    with first.transaction():
        results["first"] = do(first)
        worker = threading.Thread(target=lambda: results.__setitem__("second", do(second)))
        worker.start()
        assert wait_until(lambda: not worker.is_alive() or onlooker._scalar(
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock'"), timeout=10)
    worker.join(10)
    return results["first"], results["second"]


def test_a_snooze_that_ended_is_woken_once(two_desktops):
    first = two_desktops[0]
    first.snooze(1, now() + 3600, staff="Maya")
    version = first.get_conversation(1).version
    later = now() + 7200

    woken = while_held_open(two_desktops, lambda desk: desk.wake_snoozed(later))

    assert woken == (1, 0)
    reopened = [e for e in first.history(1) if e["action"] == "reopened"]
    assert len(reopened) == 1
    conversation = first.get_conversation(1)
    assert (conversation.status, conversation.version) == ("open", version + 1)


def test_a_stalled_reply_is_given_up_once(two_desktops):
    first = two_desktops[0]
    reply = first.add_outbound(1, "It left today.", staff="Maya", delivery="queued")
    assert first.take_queued_reply(reply)  # … and that computer stopped mid-send
    later = now() + 3600

    released = while_held_open(two_desktops,
                               lambda desk: desk.release_stalled_replies(at=later))

    assert released == ([reply], [])
    failed = [e for e in first.history(1) if e["action"] == "reply.failed"]
    assert len(failed) == 1


def test_a_reply_sent_at_the_last_moment_is_not_called_stalled(two_desktops):
    """The sending computer records "sent" while another decides it stalled: sent stays."""
    first = two_desktops[0]
    reply = first.add_outbound(1, "It left today.", staff="Maya", delivery="queued")
    assert first.take_queued_reply(reply)
    later = now() + 3600

    def record_or_release(desk):
        if desk is first:  # the sending computer, at last
            desk.set_delivery(reply, "sent", external_id="<sent@shop>")
            return None
        return desk.release_stalled_replies(at=later)

    assert while_held_open(two_desktops, record_or_release) == (None, [])
    assert first.get_message(reply).delivery == "sent"
    assert [e["action"] for e in first.history(1)][-1] == "replied"
