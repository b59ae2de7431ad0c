"""The window keeps its event loop free while it polls (no timings here: the figures are in
tests/benchmarks/bench_poll_ui.py)."""

from __future__ import annotations

import gc
import sys
import threading

from PySide6.QtCore import QTimer

from inbox_app.gui.app import UI_SWITCH_INTERVAL, YOUNG_COLLECTION, keep_the_event_loop_moving


def test_a_poll_runs_off_the_ui_thread_and_the_event_loop_runs_meanwhile(make_window, qtbot):
    """The poll function waits until a timer has fired on the UI thread: it can only finish
    if the event loop keeps running while the poll is under way."""
    ui_ran = threading.Event()
    seen = {}

    def poll(store, *, account=None, due_only=False):
        seen["thread"] = threading.get_ident()
        if not ui_ran.wait(timeout=30):
            raise AssertionError("the event loop did not run during the poll")
        seen["messages"] = store.stats()["messages"]  # its own store, usable in its thread
        return []

    window = make_window(poll_fn=poll)
    with qtbot.waitSignal(window.poller.poll_finished, timeout=40000):
        assert window.poller.poll_now()
        QTimer.singleShot(50, ui_ran.set)
    assert seen["thread"] != threading.main_thread().ident and seen["messages"] > 0


def test_the_window_shares_the_interpreter_with_its_workers(make_window, qtbot):
    """Workers hand the GIL over every millisecond, what exists once the window is up is
    kept out of the garbage collector's full walks, and its young collections are rarer
    (as run_window sets it up)."""
    previous = sys.getswitchinterval()
    thresholds = gc.get_threshold()
    frozen = gc.get_freeze_count()
    try:
        window = make_window()
        gc.disable()  # as `inbox-app` starts (inbox_app/__main__.py)
        keep_the_event_loop_moving(window)
        assert sys.getswitchinterval() == UI_SWITCH_INTERVAL < previous
        window.queue_ready.emit()
        assert gc.get_freeze_count() > frozen
        assert gc.isenabled()
        # Young collections rarer, so a big poll's parsed pages set off few full ones.
        assert gc.get_threshold() == (YOUNG_COLLECTION, *thresholds[1:])
        assert thresholds[0] < YOUNG_COLLECTION
        after_first = gc.get_freeze_count()
        later_objects = [[] for _ in range(1000)]
        window.queue_ready.emit()  # once only: later objects stay collectable
        # Frozen objects may still be freed meanwhile (a worker dropping its last reference),
        # so the count can fall; a second freeze would have added the 1,000 new lists.
        assert gc.get_freeze_count() <= after_first
        del later_objects
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        sys.setswitchinterval(previous)


def test_while_its_poll_stores_the_window_refreshes_once_a_second(make_window, qtbot):
    """Each account a poll stores is a change the window would reload and repaint for, ten
    times a second; during its own poll it gathers them a second at a time (the poll's end
    refreshes everything), after it — failed or not — a tenth of a second again."""
    from inbox_app.gui.live import COALESCE_MS, POLLING_COALESCE_MS

    release = threading.Event()
    outcome = {"fail": False}

    def poll(store, *, account=None, due_only=False):
        if not release.wait(timeout=30):
            raise AssertionError("never released")
        if outcome["fail"]:
            raise RuntimeError("the network went away")
        return []

    window = make_window(poll_fn=poll)
    assert window.live.coalescing == COALESCE_MS < POLLING_COALESCE_MS
    for fail, ended in ((False, window.poller.poll_finished), (True, window.poller.poll_failed)):
        outcome["fail"] = fail
        release.clear()
        with qtbot.waitSignal(window.poller.poll_started, timeout=10000):
            assert window.poller.poll_now()
        assert window.live.coalescing == POLLING_COALESCE_MS
        with qtbot.waitSignal(ended, timeout=40000):
            release.set()
        assert window.live.coalescing == COALESCE_MS
