"""Clicking a desktop notice: the tray says only "a notice was clicked", never which one,
so with several notices out the window asks rather than open the last one's conversation."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now
from tests.gui.conftest import settle
from tests.store.helpers import msg

ANGRY = "This is terrible, the worst service ever."


@pytest.fixture
def tray_notices(window, qtbot):
    """The window's notifier past its first check, on a desktop with a tray (offscreen has
    none: the icon is shown by hand), and the notices it gives from then on."""
    notifier = window.notifier
    qtbot.waitUntil(lambda: notifier.last_message_id is not None and not notifier.checking)
    settle(qtbot, window)
    notifier.tray.setVisible(True)
    given: list[tuple[str, str, int]] = []
    notifier.notified.connect(lambda *args: given.append(args))
    return notifier, given


def shown_conversation(window):
    return window.conversation.conversation_id


def test_clicking_one_of_several_notices_asks_which_one(tray_notices, qtbot, window,
                                                        demo_store):
    """Two notices in a row: a click on the first opened the second's conversation (the
    tray's messageClicked carries nothing, and the notifier kept only the last)."""
    notifier, given = tray_notices
    demo_store.save_messages([msg("ann-1", ANGRY, email="ann@example.com", author="Ann Grey",
                                  at=now())])
    notifier.check()
    qtbot.waitUntil(lambda: len(given) == 1 and not notifier.checking, timeout=15000)
    demo_store.save_messages([msg("bo-1", ANGRY, email="bo@example.com", author="Bo Brown",
                                  at=now())])
    notifier.check()
    qtbot.waitUntil(lambda: len(given) == 2 and not notifier.checking, timeout=15000)
    ann, bo = given[0][2], given[1][2]
    before = shown_conversation(window)

    notifier.tray.messageClicked.emit()
    settle(qtbot, window)
    assert shown_conversation(window) == before  # not Bo's, unasked
    chooser = notifier.chooser
    assert chooser is not None and chooser.isVisible()
    assert [action.text() for action in chooser.actions() if action.isEnabled()] == [
        "Bo Brown is unhappy (Email)", "Ann Grey is unhappy (Email)"]
    assert "cannot tell which" in window.statusBar().currentMessage()

    chooser.actions()[-1].trigger()  # Ann's
    qtbot.waitUntil(lambda: shown_conversation(window) == ann, timeout=15000)

    # Only Bo's is left: a click now can only mean his.
    notifier.tray.messageClicked.emit()
    qtbot.waitUntil(lambda: shown_conversation(window) == bo, timeout=15000)
    assert notifier.pending == []


def test_clicking_a_burst_notice_opens_the_view_it_names(tray_notices, qtbot, window,
                                                        demo_store):
    """"3 new negative messages … (Negative view)": a click opened one of the three
    conversations, not the view the notice speaks of."""
    notifier, given = tray_notices
    demo_store.save_messages([
        msg(f"burst-{i}", ANGRY, email=f"burst{i}@example.com", author=f"Burst {i}",
            at=now()) for i in range(3)])
    notifier.check()
    qtbot.waitUntil(lambda: len(given) == 1 and not notifier.checking, timeout=15000)
    assert given[0][0] == "3 new negative messages"
    assert given[0][1].endswith("Burst 0. Click to open the Negative view.")

    notifier.tray.messageClicked.emit()
    qtbot.waitUntil(lambda: window.current_key == "view:negative", timeout=15000)
    settle(qtbot, window)
