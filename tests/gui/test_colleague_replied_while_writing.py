"""A colleague's reply lands while you are writing yours: Send says so once, instead of
answering the customer a second time unawares (two computers, or two people at one)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from inbox_app.store import open_store
from tests.gui.conftest import email_view, settle

TEXT = "Thanks, a new bag is on its way today."


@pytest.fixture
def email_window(make_window, settings, qtbot):
    return email_view(make_window, settings, qtbot, 30)


def press_send(window, qtbot) -> None:
    qtbot.keyClick(window.conversation.ui.composerEdit, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)


def test_send_warns_once_when_a_colleague_replied_meanwhile(email_window, qtbot, sender,
                                                            demo_location):
    window = email_window
    ui = window.conversation.ui
    conversation_id = window.conversation.conversation.id
    qtbot.keyClicks(ui.composerEdit, TEXT)
    # Meanwhile, at another computer, Theo answers the same customer.
    store = open_store(demo_location)
    store.add_outbound(conversation_id, "Sorry! A new one is on its way.", staff="Theo Brandt",
                       delivery="sent")
    store.close()
    qtbot.waitUntil(lambda: "A new one is on its way" in ui.threadBrowser.toPlainText(),
                    timeout=5000)
    press_send(window, qtbot)
    assert ui.composerStatus.text().startswith("Theo Brandt replied")
    assert "press Send again" in ui.composerStatus.text()
    assert ui.composerEdit.toPlainText() == TEXT  # nothing left the box
    assert not ui.undoSendButton.isVisible()
    press_send(window, qtbot)  # read it, and sends anyway
    assert ui.composerEdit.toPlainText() == ""
    assert re.fullmatch(r"Your reply goes out in (30|29)\u00a0s\.", ui.composerStatus.text())


def test_your_own_replies_and_notes_are_no_reason_to_warn(email_window, qtbot, sender,
                                                          demo_location):
    window = email_window
    ui = window.conversation.ui
    conversation_id = window.conversation.conversation.id
    store = open_store(demo_location)
    store.add_outbound(conversation_id, "An earlier word from me.", staff="Maya Okafor",
                       delivery="sent")
    store.close()
    qtbot.waitUntil(lambda: "An earlier word from me" in ui.threadBrowser.toPlainText(),
                    timeout=5000)
    settle(qtbot, window)
    qtbot.keyClicks(ui.composerEdit, TEXT)
    press_send(window, qtbot)
    assert ui.composerEdit.toPlainText() == ""
