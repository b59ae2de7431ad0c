"""Notices after the window changes stores (the demo shop, a backup put back): nothing the
new store already held is announced, and notices about the old store open nothing."""

from __future__ import annotations

import shutil

import pytest

from inbox_app.gui.notifications import Notice
from inbox_app.store import open_store
from tests.gui.conftest import settle


@pytest.fixture
def demo_copy(tmp_path, monkeypatch, demo_template):
    """Where "Try the demo" makes its store: a copy of the test demo, in tmp_path."""
    made = tmp_path / "inbox-app-demo-t" / "demo.db"

    def made_demo() -> str:
        made.parent.mkdir()
        shutil.copy(demo_template, made)
        return str(made)

    monkeypatch.setattr("inbox_app.demo.create_store", made_demo)
    return made


def test_switching_to_the_demo_announces_none_of_its_notes(make_window, qtbot, tmp_path,
                                                          demo_copy):
    """A first run that picked "Try the demo" greeted the owner with "Theo Brandt
    mentioned you…": the notes newer than the empty store's last one were announced."""
    empty = tmp_path / "own.db"
    open_store(empty).close()
    window = make_window(str(empty))
    notifier = window.notifier
    qtbot.waitUntil(lambda: notifier.last_note_id is not None and not notifier.checking)
    given: list[tuple[str, str, int]] = []
    notifier.notified.connect(lambda *args: given.append(args))
    notifier.pending.append(Notice("Ann is unhappy (Email)", "Broken.", conversation_id=1))

    window.open_demo()
    qtbot.waitUntil(lambda: window.demo, timeout=60000)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not notifier.checking, timeout=15000)
    notifier.check()
    qtbot.waitUntil(lambda: not notifier.checking, timeout=15000)
    assert given == []
    assert notifier.pending == []  # conversation 1 of the demo is not Ann's


def test_insights_opened_before_the_demo_counts_the_demo(make_window, qtbot, tmp_path,
                                                        demo_copy):
    """Insights opened on the empty store while the welcome's demo was being built went on
    counting the empty store: the demo's page showed no messages at all."""
    empty = tmp_path / "own.db"
    open_store(empty).close()
    window = make_window(str(empty))
    window.ui.actionShowInsights.trigger()
    qtbot.waitUntil(lambda: window.dashboard is not None and window.dashboard.isVisible())

    window.open_demo()
    qtbot.waitUntil(lambda: window.demo, timeout=60000)
    settle(qtbot, window)

    assert window.dashboard.store_location == str(demo_copy)


def test_the_demo_opened_from_the_welcome_says_so_as_a_demo_start_does(
        make_window, qtbot, tmp_path, demo_copy):
    """"Demo shop — a separate copy; your own store is untouched" was cut in the status bar
    at 1440 pixels; the demo opened by `--demo` said "Demo shop: made-up customers, not
    kept". Both say the second now."""
    from inbox_app.gui.app import DEMO_LABEL

    empty = tmp_path / "own.db"
    open_store(empty).close()
    window = make_window(str(empty))
    window.open_demo()
    qtbot.waitUntil(lambda: window.demo, timeout=60000)
    settle(qtbot, window)
    assert window.store_label.text() == DEMO_LABEL
