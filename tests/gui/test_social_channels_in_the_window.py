"""Telegram and Bluesky as the window shows them, polled with F5 from the local stand-ins:
a customer's edit shows beside what they first wrote, and a reply to a Bluesky post
deleted since the poll stays in the thread as a failed draft with the reason."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from inbox_app import secrets
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.servers import json_reply

WAIT_MS = 20000
ZOE = 444555666
# Within the last days: older than the account, a message would be history, not queue.
SENT_AT = int(time.time()) - 3600


def _press_f5(window, qtbot) -> str:
    with qtbot.waitSignal(window.poller.poll_finished, timeout=WAIT_MS):
        window.ui.actionPoll.trigger()
    settle(qtbot, window)
    return window.poll_label.text()


def _add_account(location: str, name: str, kind: str, config: dict, secret: str) -> None:
    store = open_store(location)
    try:
        store.add_account(name, kind, config)
    finally:
        store.close()
    secrets.set_secret(name, secret)


def _open_only_conversation(window, qtbot) -> None:
    window.select_key("view:open")
    settle(qtbot, window)
    assert window.queue_model.rowCount() == 1
    window.ui.queueView.setCurrentIndex(window.queue_model.index(0, 0))
    settle(qtbot, window)


def test_a_telegram_edit_shows_beside_the_first_words(make_window, empty_location,
                                                      http_server, qtbot):
    from tests.sources.telegram_standin import TOKEN, BotApi

    api = BotApi(http_server)
    chat = {"id": ZOE, "first_name": "Zoe", "type": "private"}
    person = {"id": ZOE, "is_bot": False, "first_name": "Zoe"}
    api.updates = [{"update_id": 1, "message": {
        "message_id": 10, "date": SENT_AT, "chat": chat, "from": person,
        "text": "Please deliver to 12 Quay Street"}}]
    _add_account(empty_location, "Shop bot", "telegram", {"api": http_server.base_url}, TOKEN)
    window = make_window(empty_location)
    assert _press_f5(window, qtbot).startswith("1 new message")

    api.updates = [{"update_id": 2, "edited_message": {
        "message_id": 10, "date": SENT_AT, "edit_date": SENT_AT + 300, "chat": chat,
        "from": person, "text": "Please deliver to 21 Quay Street"}}]
    assert _press_f5(window, qtbot).startswith("1 new message")
    _open_only_conversation(window, qtbot)
    thread = window.conversation.ui.threadBrowser.toPlainText()
    assert "Please deliver to 12 Quay Street" in thread
    assert "[edited] Please deliver to 21 Quay Street" in thread


@pytest.fixture
def bluesky_shop(empty_location, http_server, corpus):
    from tests.sources.bluesky_standin import HANDLE, PASSWORD, Pds

    pds = Pds(http_server)
    mention = next(n for n in pds.notifications["notifications"] if n["reason"] == "mention")
    written = datetime.fromtimestamp(SENT_AT, UTC).isoformat(timespec="milliseconds")
    mention["indexedAt"] = mention["record"]["createdAt"] = written.replace("+00:00", "Z")
    pds.notifications["notifications"] = [mention]
    _add_account(empty_location, "Bluesky", "bluesky",
                 {"handle": HANDLE, "service": http_server.base_url}, PASSWORD)
    return pds, mention["uri"]


def test_a_reply_to_a_deleted_bluesky_post_stays_as_a_failed_draft(make_window, empty_location,
                                                                   bluesky_shop, qtbot):
    pds, uri = bluesky_shop
    window = make_window(empty_location)
    assert _press_f5(window, qtbot).startswith("1 new message")
    _open_only_conversation(window, qtbot)

    pds.route("GET", "app.bsky.feed.getPostThread", lambda request: json_reply(
        {"error": "NotFound", "message": f"Post not found: {uri}"}, status=400), auth=True)
    qtbot.keyClicks(window.conversation.ui.composerEdit, "Thanks for the shout-out!")
    window.conversation.ui.sendButton.click()
    settle(qtbot, window)
    said = "The customer's post has been deleted; there is nothing to reply to."
    assert said in window.conversation.ui.composerStatus.text()
    assert f"Failed — {said}" in window.conversation.ui.threadBrowser.toPlainText()
    assert pds.requests("com.atproto.repo.createRecord") == []
