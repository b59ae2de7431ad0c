"""LiveUpdates: a change made on another desktop reaches the window as one `changed` signal."""

from __future__ import annotations

import pytest

from inbox_app.gui.live import EVERYTHING, LiveUpdates
from inbox_app.store import Change, open_store
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines


@pytest.fixture
def live(store, qtbot):
    store.add_staff("Maya")
    store.save_messages([msg("q1", "Where is my parcel?", email="ann@x.org")])
    updates = LiveUpdates(store)
    updates.start()
    assert updates.wait_ready(10)
    yield updates
    updates.stop()


def test_a_change_on_another_desktop_is_signalled(store, store_location, live, qtbot):
    other = open_store(store_location)
    try:
        with qtbot.waitSignal(live.changed, timeout=15000) as blocker:
            other.assign(1, "Maya", staff="Maya")
    finally:
        other.close()
    expected = Change("conversations", 1) if store.engine == "postgres" else EVERYTHING
    assert expected in blocker.args[0]


def test_a_burst_of_changes_is_one_signal(store, store_location, live, qtbot):
    emitted = []
    live.changed.connect(emitted.append)
    other = open_store(store_location)
    try:
        with qtbot.waitSignal(live.changed, timeout=15000), other.transaction():
            other.save_messages([msg(f"b{i}", "Hello", email=f"b{i}@x.org")
                                 for i in range(30)])
        qtbot.wait(300)
    finally:
        other.close()
    assert len(emitted) == 1
    if store.engine == "postgres":
        assert {c.table for c in emitted[0]} >= {"conversations", "customers"}
        assert len([c for c in emitted[0] if c.table == "conversations"]) == 30


def test_stopped_updates_say_nothing(store, store_location, live, qtbot):
    live.stop()
    assert not live.running
    emitted = []
    live.changed.connect(emitted.append)
    other = open_store(store_location)
    try:
        other.assign(1, "Maya")
    finally:
        other.close()
    qtbot.wait(600)
    assert emitted == []
