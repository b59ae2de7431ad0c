"""A SQLite store on a disk that goes away while the window is open (a USB disk pulled,
a network share dropped): the window reads on, keeps what is typed, and never puts a new,
empty store where the real one was."""

from __future__ import annotations

from pathlib import Path

from tests.gui.conftest import settle


def test_reading_on_while_the_folder_is_gone_makes_no_empty_store(make_window, tmp_path,
                                                                  demo_location, qtbot):
    share = tmp_path / "share"
    share.mkdir()
    location = str(share / "inbox.db")
    Path(demo_location).rename(location)
    window = make_window(location)
    model = window.queue_model
    rows = model.ids()

    away = tmp_path / "unplugged"
    share.rename(away)
    window.ui.queueView.setCurrentIndex(model.index(2, 0))  # reading on, before any ping
    window.refresh_all(keep_current=True)
    qtbot.waitUntil(lambda: window.read_only, timeout=15000)
    settle(qtbot, window)
    assert not share.exists()  # nothing was made in the real store's place
    assert window.ui.offlineBanner.isVisible()
    assert model.ids() == rows

    away.rename(share)
    with qtbot.waitSignal(window.came_back, timeout=15000):
        window.connection.check_now()
    settle(qtbot, window)
    assert not window.read_only
    assert model.ids() == rows


def test_a_draft_typed_while_the_folder_is_gone_is_stored_when_it_is_back(
        make_window, tmp_path, demo_location, qtbot):
    share = tmp_path / "share"
    share.mkdir()
    location = str(share / "inbox.db")
    Path(demo_location).rename(location)
    window = make_window(location)
    shown = window.conversation.conversation_id
    composer = window.conversation.ui.composerEdit

    away = tmp_path / "unplugged"
    share.rename(away)
    qtbot.keyClicks(composer, "Back on Monday")
    qtbot.waitUntil(lambda: window.read_only, timeout=15000)
    qtbot.waitUntil(lambda: bool(window.local_drafts.pending()), timeout=15000)
    settle(qtbot, window)
    assert not share.exists()

    away.rename(share)
    with qtbot.waitSignal(window.came_back, timeout=15000):
        window.connection.check_now()
    qtbot.waitUntil(lambda: window.local_drafts.pending() == [], timeout=15000)
    settle(qtbot, window)
    from inbox_app.store import open_store
    store = open_store(location)
    try:
        assert store.draft(shown, window.staff) == "Back on Monday"
    finally:
        store.close()
    assert composer.toPlainText() == "Back on Monday"
