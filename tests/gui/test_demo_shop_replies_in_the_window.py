"""A person trying the demo shop answers a made-up customer in the window: the reply is
recorded as sent and the composer says plainly that nothing left the computer — not a
failed draft about an account that is "no longer set up"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inbox_app import demo
from inbox_app.gui.held_reply import HOLD_KEY
from inbox_app.store import open_store
from tests.gui.conftest import replies_saying, settle

TEXT = "Thanks, a new bag is on its way today."
SENT = "Sent (demo: nothing left this computer)."


@pytest.fixture
def demo_shop(demo_location):
    """The demo store as the demo window makes it (`demo.create_store`)."""
    store = open_store(demo_location)
    demo.mark_made_up(store)
    yield store
    store.close()


@pytest.fixture
def demo_window(demo_shop, make_window, settings, qtbot):
    """The demo shop's Email view; a reply waits for Undo, as it does by default."""
    settings.setValue(HOLD_KEY, 30)
    window = make_window()
    window.select_key("kind:email")
    settle(qtbot, window)
    return window


def type_and_send(window, qtbot, *, close: bool = False) -> int:
    conversation_id = window.conversation.conversation.id
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, TEXT)
    keys = Qt.KeyboardModifier.ControlModifier
    if close:
        keys |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(edit, Qt.Key.Key_Return, keys)
    return conversation_id


def test_a_demo_reply_is_sent_and_the_composer_says_nothing_left(demo_window, demo_shop,
                                                                  qtbot):
    window = demo_window
    ui = window.conversation.ui
    answered = type_and_send(window, qtbot)
    assert ui.undoSendButton.isVisible()  # Undo works as in any shop
    window.conversation.composer.send_held_now()

    qtbot.waitUntil(lambda: ui.composerStatus.text() == SENT, timeout=10000)
    settle(qtbot, window)
    stored = replies_saying(demo_shop, answered, TEXT)
    assert [(m.delivery, m.meta.get("demo")) for m in stored] == [("sent", True)]
    shown = window.conversation.ui.threadBrowser.toPlainText().splitlines()
    at = max(i for i, line in enumerate(shown) if TEXT in line)
    assert "✓ Sent (demo)" in "\n".join(shown[at - 2: at + 1])  # its header says so
    assert not ui.undoSendButton.isVisible()
    assert "no longer set up" not in ui.threadBrowser.toPlainText()


def test_send_and_close_in_the_demo_says_so_in_the_status_bar(demo_window, demo_shop, qtbot):
    window = demo_window
    who = window.conversation.conversation.customer_name
    answered = type_and_send(window, qtbot, close=True)
    window.conversation.composer.send_held_now()

    expected = f"Your reply to {who}: Sent and closed (demo: nothing left this computer)."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == expected, timeout=10000)
    settle(qtbot, window)
    assert demo_shop.get_conversation(answered).status == "closed"
    assert [m.delivery for m in replies_saying(demo_shop, answered, TEXT)] == ["sent"]
