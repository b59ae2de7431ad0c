"""Several desktops on one store: each "desktop" is its own Store (its own connection).

Every test runs on SQLite and on PostgreSQL (the `store` fixture); the second and
later desktops open the same location.
"""

from __future__ import annotations

import queue
import threading
import time

import pytest

from inbox_app.core.timeutil import parse_iso
from inbox_app.store import (
    AccountBusy,
    AlreadyTaken,
    Change,
    NotFound,
    QueueQuery,
    StaleEdit,
    StoreError,
    open_store,
)

from .helpers import msg

NOW = parse_iso("2026-03-10T12:00:00Z")


@pytest.fixture
def desktops(store_location):
    """Opens more desktops on the same store; all closed at the end."""
    opened = []

    def desktop():
        other = open_store(store_location)
        opened.append(other)
        return other

    yield desktop
    for other in opened:
        other.close()


def fill(store, count: int) -> list[int]:
    store.save_messages([
        msg(f"m{i}", f"Question number {i}", email=f"c{i}@x.org", author=f"Customer {i}",
            at=f"2026-03-{1 + i % 9:02d}T{i % 24:02d}:00:00Z")
        for i in range(count)
    ])
    return [row.conversation_id for row in store.queue(QueueQuery(filter="all", limit=1000,
                                                                  at=NOW))]


def test_claim_takes_a_free_conversation_and_refuses_a_taken_one(store, desktops):
    store.add_staff("Maya")
    store.add_staff("Theo")
    first, second, *_ = fill(store, 3)
    other = desktops()
    taken = store.claim(first, "maya")
    assert taken.assignee == "Maya" and taken.version == 2
    with pytest.raises(AlreadyTaken, match="already taken by Maya"):
        other.claim(first, "Theo")
    assert other.claim(first, "Maya").assignee == "Maya"  # claiming your own is fine
    assert other.get_conversation(first).version == 2
    history = store.history(first)
    assert (history[-1]["action"], history[-1]["staff"]) == ("assigned", "Maya")
    assert history[-1]["data"]["claimed"] is True
    store.close_conversation(second, staff="Theo")
    with pytest.raises(StoreError, match="closed"):
        other.claim(second, "Theo")
    with pytest.raises(NotFound):
        other.claim(99999, "Theo")
    with pytest.raises(NotFound):
        other.claim(first, "Nobody")


def test_claim_next_takes_the_top_of_the_unassigned_queue_until_none_is_left(store):
    store.add_staff("Maya")
    ids = fill(store, 4)
    expected = [row.conversation_id for row in store.queue(QueueQuery(filter="unassigned"))]
    assert sorted(expected) == sorted(ids)
    taken = [store.claim_next("Maya").id for _ in ids]
    assert taken == expected
    with pytest.raises(AlreadyTaken, match="Nothing is left"):
        store.claim_next("Maya")


def in_threads(count: int, work) -> None:
    """Runs work(index, desktop) in `count` threads, each with its own desktop (a Store is
    used by one thread only), released together by a barrier."""
    start = threading.Barrier(count)

    def run(index):
        desk = open_store(location)
        try:
            start.wait()
            work(index, desk)
        finally:
            desk.close()

    location = in_threads.location
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)


@pytest.fixture(autouse=True)
def _threads_open(store_location):
    in_threads.location = store_location


def test_twenty_desktops_claiming_next_at_once_get_twenty_different_conversations(store):
    names = [f"Staff{i:02d}" for i in range(20)]
    for name in names:
        store.add_staff(name)
    ids = fill(store, 25)
    results: dict[str, int | Exception] = {}

    def take(index, desk):
        name = names[index]
        try:
            results[name] = desk.claim_next(name).id
        except Exception as error:  # reported below, with the name
            results[name] = error

    in_threads(len(names), take)
    assert all(isinstance(value, int) for value in results.values()), results
    assert len(set(results.values())) == 20
    for name, conversation_id in results.items():
        assert store.get_conversation(conversation_id).assignee == name
    assert store.queue_count(QueueQuery(filter="unassigned")) == len(ids) - 20


def test_a_stale_edit_from_another_desktop_is_refused(store, desktops):
    store.add_staff("Maya")
    store.add_staff("Theo")
    (conversation, *_) = fill(store, 1)
    other = desktops()
    seen_here = store.get_conversation(conversation).version
    seen_there = other.get_conversation(conversation).version
    store.assign(conversation, "Maya", staff="Maya", expected_version=seen_here)
    with pytest.raises(StaleEdit, match="was taken by Maya a moment ago, after you read it"):
        other.close_conversation(conversation, staff="Theo", expected_version=seen_there)
    current = other.get_conversation(conversation)
    assert (current.status, current.assignee) == ("open", "Maya")
    other.close_conversation(conversation, staff="Theo", expected_version=current.version)
    assert store.get_conversation(conversation).status == "closed"


def test_an_edit_waiting_on_a_colleagues_transaction_is_refused_once_it_commits(
    store, store_location
):
    """The race itself: B's edit reaches the database while A's is still open."""
    store.add_staff("Maya")
    store.add_staff("Theo")
    (conversation, *_) = fill(store, 1)
    version = store.get_conversation(conversation).version
    outcome: queue.Queue = queue.Queue()
    other = None

    def edit_from_b():
        nonlocal other
        other = open_store(store_location)
        try:
            other.close_conversation(conversation, staff="Theo", expected_version=version)
            outcome.put("closed")
        except StaleEdit as error:
            outcome.put(error)
        finally:
            other.close()

    with store.transaction():
        store.assign(conversation, "Maya", staff="Maya", expected_version=version)
        racer = threading.Thread(target=edit_from_b)
        racer.start()
        time.sleep(0.3)  # B is now waiting for A's lock (both engines make it wait)
        assert outcome.empty()
    racer.join(30)
    assert isinstance(outcome.get_nowait(), StaleEdit)
    final = store.get_conversation(conversation)
    assert (final.status, final.assignee, final.version) == ("open", "Maya", version + 1)


def test_changes_reach_another_desktop_within_a_second(store, desktops):
    store.add_staff("Maya")
    (conversation, *_) = fill(store, 1)
    watcher = desktops()
    arrived: queue.Queue[Change] = queue.Queue()
    listener = watcher.listen(arrived.put)
    try:
        assert listener.wait_ready(10)

        def next_change() -> Change:
            change = arrived.get(timeout=1.0)  # the promise: within a second
            while not arrived.empty():  # one action may notify several times
                arrived.get_nowait()
            return change

        def expect(change: Change) -> None:
            if store.engine == "postgres":
                assert change == Change("conversations", conversation)
            else:
                assert change == Change("*")  # SQLite knows only that the file changed

        store.save_messages([msg("again", "Me again", email="c0@x.org",
                                 thread=store.get_conversation(conversation).thread_key)])
        expect(next_change())
        store.assign(conversation, "Maya", staff="Maya")
        expect(next_change())
        store.add_outbound(conversation, "On it!", staff="Maya", delivery="queued")
        expect(next_change())
        store.close_conversation(conversation, staff="Maya")
        expect(next_change())
    finally:
        listener.stop()
    assert listener.stopped


def test_changes_iterates_until_quiet(store, store_location):
    (conversation, *_) = fill(store, 1)
    store.add_staff("Maya")

    def later():
        time.sleep(0.3)
        writer = open_store(store_location)
        writer.assign(conversation, "Maya")
        writer.close()

    worker = threading.Thread(target=later)
    worker.start()
    started = time.monotonic()
    seen = list(store.changes(timeout=1.0))
    worker.join()
    assert seen and all(isinstance(change, Change) for change in seen)
    assert time.monotonic() - started >= 1.0  # it went on until a quiet second had passed


def test_two_pollers_never_hold_the_same_account_at_once(store, desktops):
    first, second = desktops(), desktops()
    with first.account_lock("Shop mail") as lock:
        assert lock.account == "Shop mail"
        with pytest.raises(AccountBusy, match="being read by"), second.account_lock("shop mail"):
            pass
        # not twice from the same desktop either
        with pytest.raises(AccountBusy), first.account_lock("Shop mail"):
            pass
        with second.account_lock("Other account"):
            pass
    with second.account_lock("Shop mail"):
        pass


def test_account_lock_holds_under_contention(store):
    inside = {"now": 0, "most": 0, "entries": 0}
    guard = threading.Lock()

    def poll(index, desk):
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            try:
                with desk.account_lock("busy account"):
                    with guard:
                        inside["now"] += 1
                        inside["entries"] += 1
                        inside["most"] = max(inside["most"], inside["now"])
                    time.sleep(0.005)
                    with guard:
                        inside["now"] -= 1
            except AccountBusy:
                time.sleep(0.002)

    in_threads(6, poll)
    assert inside["most"] == 1
    assert inside["entries"] > 5


def test_outbox_replies_are_sent_once_by_one_desktop(store, desktops):
    store.add_staff("Maya")
    first, second, third = fill(store, 3)
    queued = [store.add_outbound(cid, f"Reply {cid}", staff="Maya", delivery="queued")
              for cid in (first, second)]
    store.add_outbound(third, "Already out", staff="Maya", delivery="sent")
    other = desktops()
    assert [m.id for m in other.queued_replies()] == queued
    assert [m.id for m in other.queued_replies(kinds=["email"])] == queued
    assert other.queued_replies(kinds=["phone"]) == []
    assert other.queued_replies(accounts=["elsewhere"]) == []
    assert other.take_queued_reply(queued[0]) is True
    assert store.take_queued_reply(queued[0]) is False
    assert [m.id for m in store.queued_replies()] == [queued[1]]
    assert store.get_message(queued[0]).delivery == "sending"
    # A desktop that stopped mid-send: after a while the reply shows as failed, with why.
    assert store.release_stalled_replies(at=int(time.time()) + 60) == []
    assert store.release_stalled_replies(at=int(time.time()) + 3600) == [queued[0]]
    failed = store.get_message(queued[0])
    assert failed.delivery == "failed" and "stopped before it finished" in failed.error


def test_ping_answers(store):
    store.ping()


def test_desktops_ingesting_the_same_new_customer_at_once_make_one_customer(store):
    """Pollers store messages from one new customer at the same moment: on PostgreSQL
    the batches collide and are retried; nothing is lost or doubled."""
    errors = []

    def write(index, desk):
        try:
            desk.save_messages([
                msg(f"w{index}-{n}", "Hello from Ann", email="ann@x.org", author="Ann",
                    kind="email", account=f"box{index}")
                for n in range(5)
            ])
        except Exception as error:
            errors.append(error)

    in_threads(4, write)
    assert errors == []
    stats = store.stats()
    assert stats["messages"] == 20
    assert stats["customers"] == 1
    assert store.find_customer("ann@x.org").messages == 20


def test_desktops_claiming_the_same_conversation_at_once_one_wins_and_learns_who(store):
    names = [f"Staff{i}" for i in range(8)]
    for name in names:
        store.add_staff(name)
    (conversation, *_) = fill(store, 1)
    outcomes: dict[str, str] = {}

    def take(index, desk):
        try:
            outcomes[names[index]] = desk.claim(conversation, names[index]).assignee
        except AlreadyTaken as error:
            outcomes[names[index]] = str(error)

    in_threads(len(names), take)
    winner = store.get_conversation(conversation).assignee
    assert outcomes[winner] == winner
    losers = [text for name, text in outcomes.items() if name != winner]
    assert losers == [f"Conversation {conversation} is already taken by {winner}."] * 7


def test_a_poller_killed_holding_an_account_does_not_keep_it(store, store_location):
    """kill -9 skips every `finally`: on SQLite the lock row stays behind, and the next
    poller on this computer must see that its holder is gone rather than wait it out."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import os, signal, sys\n"
         "from inbox_app.store import open_store\n"
         f"store = open_store({store_location!r})\n"
         "with store.account_lock('Shop mail'):\n"
         "    print('held', flush=True)\n"
         "    sys.stdin.readline()\n"
         "    os.kill(os.getpid(), signal.SIGKILL)\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)})
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(AccountBusy, match="being read by"), store.account_lock("Shop mail"):
        pass  # alive: it keeps the account
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.wait(timeout=30) == -signal.SIGKILL
    # The server lets go once it has seen the connection drop, a moment after the kill
    # (on SQLite the lock row's holder is found dead at once).
    deadline = time.monotonic() + 30
    while True:
        try:
            with store.account_lock("Shop mail") as lock:
                assert lock.account == "Shop mail"
            break
        except AccountBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
