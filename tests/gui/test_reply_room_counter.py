"""The room a reply has left on its channel counts down beside Send as it is typed, and a
Mastodon reply over its server's limit is refused in the composer like a Bluesky or
Telegram one: before, nothing counted, and a Mastodon reply of any length started the
Undo countdown and went to the server, which refused it into a failed draft."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inbox_app.gui.held_reply import HOLD_KEY
from inbox_app.sources import mastodon  # noqa: F401  (registers its sender)
from inbox_app.sources.mastodon_reply import forget_character_limits
from inbox_app.store import QueueQuery
from tests.gui.conftest import settle
from tests.servers import json_reply


@pytest.fixture(autouse=True)
def _forget_limits():
    forget_character_limits()
    yield
    forget_character_limits()


def open_kind(window, qtbot, store, kind: str) -> int:
    target = store.queue(QueueQuery(filter="all", kind=kind, limit=1))[0].conversation_id
    window.open_conversation(target)
    settle(qtbot, window)
    assert window.conversation.composer.kind == kind
    return target


def typed(qtbot, window, ui, text: str) -> None:
    ui.composerEdit.setPlainText(text)
    settle(qtbot, window)


def outbound(store, conversation_id: int) -> list:
    return [m for m in store.messages(conversation_id) if m.direction == "out"]


@pytest.mark.parametrize(("kind", "fits", "left", "over", "said_over"), [
    ("bluesky", "Thanks! 🙂", "291 left", "👍" * 318, "18 over"),
    ("telegram", "Thanks! 🙂", "4,086 left", "ok " * 1400, "103 over"),
    ("mastodon", "Thanks! 🙂", "491 left", "x" * 518, "18 over"),
])
def test_the_count_shows_the_room_left_and_how_far_over(make_window, settings, qtbot,
                                                         demo_store, kind, fits, left, over,
                                                         said_over):
    window = make_window()
    open_kind(window, qtbot, demo_store, kind)
    ui = window.conversation.ui
    typed(qtbot, window, ui, fits)
    assert ui.roomLabel.isVisible()
    assert (ui.roomLabel.text(), ui.roomLabel.property("role")) == (left, "hint")
    typed(qtbot, window, ui, over)
    assert (ui.roomLabel.text(), ui.roomLabel.property("role")) == (said_over, "problem")

    ui.noteModeButton.click()  # a note stays in the shop: no limit to count against
    assert not ui.roomLabel.isVisible()
    ui.replyModeButton.click()
    assert ui.roomLabel.text() == said_over


def test_little_room_left_is_shown_in_the_warning_colour(make_window, settings, qtbot,
                                                         demo_store):
    window = make_window()
    open_kind(window, qtbot, demo_store, "bluesky")
    ui = window.conversation.ui
    typed(qtbot, window, ui, "x" * 275)
    assert ui.roomLabel.text() == "25 left"
    assert "color" in ui.roomLabel.styleSheet()
    typed(qtbot, window, ui, "x" * 200)
    assert ui.roomLabel.styleSheet() == ""


def test_an_email_reply_shows_no_count(make_window, settings, qtbot, demo_store):
    window = make_window()
    open_kind(window, qtbot, demo_store, "email")
    ui = window.conversation.ui
    typed(qtbot, window, ui, "x" * 5000)
    assert not ui.roomLabel.isVisible()


def test_a_draft_shown_again_is_counted(make_window, settings, qtbot, demo_store):
    """A draft put back (another conversation opened and this one again) is counted though
    no key was pressed."""
    window = make_window()
    target = open_kind(window, qtbot, demo_store, "bluesky")
    ui = window.conversation.ui
    typed(qtbot, window, ui, "x" * 310)
    open_kind(window, qtbot, demo_store, "email")
    window.open_conversation(target)
    settle(qtbot, window)
    assert ui.composerEdit.toPlainText() == "x" * 310
    assert ui.roomLabel.text() == "10 over"


def test_send_explains_a_mastodon_reply_over_the_limit_instead_of_counting_down(
        make_window, settings, qtbot, demo_store):
    settings.setValue(HOLD_KEY, 5)
    window = make_window()
    target = open_kind(window, qtbot, demo_store, "mastodon")
    before = outbound(demo_store, target)
    ui = window.conversation.ui
    typed(qtbot, window, ui, "x" * 501)
    qtbot.keyClick(ui.composerEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert ui.composerStatus.text() == ("Mastodon replies can be at most 500 characters and"
                                        " this one has 501: shorten it, then send.")
    assert window.conversation.composer.hold.held is None
    assert ui.composerEdit.toPlainText() == "x" * 501
    assert outbound(demo_store, target) == before

    typed(qtbot, window, ui, "x" * 500)
    qtbot.keyClick(ui.composerEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.conversation.composer.hold.held.text == "x" * 500
    window.conversation.composer.take_back()
    settle(qtbot, window)


def test_the_count_uses_the_figure_the_shops_server_says(make_window, settings, qtbot,
                                                         demo_store, http_server):
    http_server.route("GET", "/api/v2/instance", lambda r: json_reply(
        {"configuration": {"statuses": {"max_characters": 1000,
                                        "characters_reserved_per_url": 23}}}))
    target = demo_store.queue(QueueQuery(filter="all", kind="mastodon", limit=1))[0]
    account = demo_store.get_conversation(target.conversation_id).account
    demo_store.add_account(account, "mastodon", {"server": http_server.base_url})
    window = make_window()
    open_kind(window, qtbot, demo_store, "mastodon")
    ui = window.conversation.ui
    typed(qtbot, window, ui, "x" * 600)
    qtbot.waitUntil(lambda: ui.roomLabel.text() == "400 left")
    assert "takes 1,000 characters" in ui.roomLabel.toolTip()
