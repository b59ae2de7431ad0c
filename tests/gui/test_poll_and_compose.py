"""Background polling keeps the selection; the composer sends, keeps drafts, and says
plainly when a channel cannot send."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from inbox_app import replies
from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.gui.models.queue_model import QueueRole
from inbox_app.gui.polling import summarize
from tests.gui.conftest import settle


@dataclass
class AccountResult:
    account: str
    kind: str
    new: int
    duplicates: int
    error: str | None = None


def fake_poll(count: int = 3):
    """A poll function like sources.poller.poll_once that ingests new customer mail."""
    calls = []

    def poll_once(store, *, account=None, due_only=False):
        calls.append(due_only)
        base = now()
        items = [
            IncomingMessage(
                kind="email", account="Shop mail", external_id=f"<poll-{len(calls)}-{i}@x>",
                text=f"Hello, I need help with order {9000 + i}, it is broken and late!",
                at=base - i, author_name=f"New Person {i}",
                identities=(IdentityRef("email", f"new{len(calls)}.{i}@example.com"),),
            )
            for i in range(count)
        ]
        result = store.save_messages(items)
        return [AccountResult("Shop mail", "email", result.imported, result.duplicates),
                AccountResult("Reviews", "feed", 0, 0, "The feed answered 503.")]

    poll_once.calls = calls
    return poll_once


def test_a_background_poll_adds_rows_while_the_selection_stays(make_window, qtbot):
    poll = fake_poll()
    window = make_window(poll_fn=poll)
    view, model = window.ui.queueView, window.queue_model
    window.ui.orderCombo.setCurrentIndex(1)  # newest first: new mail lands on top
    settle(qtbot, window)
    view.setCurrentIndex(model.index(3, 0))
    chosen = view.currentIndex().data(QueueRole.CONVERSATION_ID)
    before = set(model.ids())
    with qtbot.waitSignal(window.poller.poll_finished, timeout=10000):
        window.ui.actionPoll.trigger()
        assert window.poller.running and not window.poll_progress.isHidden()
    settle(qtbot, window)
    added = [cid for cid in model.ids() if cid not in before]
    assert len(added) == 3
    assert model.ids()[:3] == added
    assert view.currentIndex().data(QueueRole.CONVERSATION_ID) == chosen
    assert window.conversation.conversation.id == chosen
    assert window.poll_progress.isHidden()
    assert "3 new messages" in window.poll_label.text()
    assert "Reviews: The feed answered 503." in window.poll_label.text()
    assert poll.calls == [False]


def test_the_timer_polls_only_due_accounts(make_window, qtbot):
    poll = fake_poll(1)
    window = make_window(poll_fn=poll)
    with qtbot.waitSignal(window.poller.poll_finished, timeout=10000):
        window.poller.timer.timeout.emit()
    settle(qtbot, window)
    assert poll.calls == [True]


def test_no_second_poll_while_one_runs(make_window, qtbot):
    window = make_window(poll_fn=fake_poll(1))
    assert window.poller.poll_now()
    assert not window.poller.poll_now()
    settle(qtbot, window)


def test_summary_line():
    assert summarize([]) == "Nothing new"
    assert summarize([AccountResult("a", "email", 1, 0)]) == "1 new message"


@pytest.fixture
def email_conversation(window, qtbot):
    window.select_key("kind:email")
    settle(qtbot, window)
    return window


def test_ctrl_enter_sends_and_the_reply_appears(email_conversation, qtbot, sender, demo_store):
    window = email_conversation
    target = window.conversation.conversation.id
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, "Thanks, a new bag is on its way today.")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert [o.text for o in sender] == ["Thanks, a new bag is on its way today."]
    assert sender[0].staff == "Maya Okafor"
    assert edit.toPlainText() == ""
    assert "a new bag is on its way" in window.conversation.ui.threadBrowser.toPlainText()
    assert window.conversation.ui.composerStatus.text() == "Sent."
    assert demo_store.draft(target, "Maya Okafor") == ""


def test_a_failed_reply_shows_with_its_reason(email_conversation, qtbot, sender, demo_store):
    window = email_conversation
    target = window.conversation.conversation.id
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, "This will fail to send")
    window.conversation.ui.sendButton.click()
    settle(qtbot, window)
    failed = demo_store.failed_replies(target)
    assert [m.error for m in failed] == ["The mail server refused the recipient."]
    thread = window.conversation.ui.threadBrowser.toPlainText()
    assert "Failed — The mail server refused the recipient." in thread
    assert "refused the recipient" in window.conversation.ui.composerStatus.text()


def test_a_channel_that_cannot_send_keeps_the_draft(window, qtbot, demo_store):
    window.select_key("kind:feed")  # a feed item is answered where it was posted
    settle(qtbot, window)
    assert not replies.can_send("feed")
    target = window.conversation.conversation.id
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, "Called back, left a voicemail.")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    status = window.conversation.ui.composerStatus.text()
    assert status.startswith("Feed items are answered on their own site: use Open the original")
    assert "draft is kept" in status
    assert edit.toPlainText() == "Called back, left a voicemail."
    assert demo_store.draft(target, "Maya Okafor") == "Called back, left a voicemail."
    assert not [m for m in demo_store.messages(target) if m.text.startswith("Called back")]


def test_drafts_autosave_and_come_back(window, qtbot, demo_store):
    view, conversation = window.ui.queueView, window.conversation
    target = conversation.conversation.id
    qtbot.keyClicks(conversation.ui.composerEdit, "Half-written answer")
    qtbot.waitUntil(lambda: demo_store.draft(target, "Maya Okafor") == "Half-written answer",
                    timeout=15000)
    view.setCurrentIndex(window.queue_model.index(1, 0))
    settle(qtbot, window)
    assert conversation.ui.composerEdit.toPlainText() == ""
    view.setCurrentIndex(window.queue_model.index(0, 0))
    settle(qtbot, window)
    assert conversation.ui.composerEdit.toPlainText() == "Half-written answer"


def test_internal_note_from_the_composer(window, qtbot, demo_store):
    conversation = window.conversation
    target = conversation.conversation.id
    window.ui.actionNote.trigger()
    assert conversation.composer.note_mode
    qtbot.keyClicks(conversation.ui.composerEdit, "Customer prefers a phone call.")
    qtbot.keyClick(conversation.ui.composerEdit, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert [n.text for n in demo_store.notes(conversation_id=target)][-1] == \
        "Customer prefers a phone call."
    assert "Internal note · Maya Okafor" in conversation.ui.threadBrowser.toPlainText()


def test_the_windows_poll_parses_feeds_in_a_helper_process_that_ends_with_it(
        make_window, qtbot, http_server, demo_location):
    """Parsing in the window's own threads would take Python from its event loop
    (tests/benchmarks/bench_poll_ui.py); the helper ends when the window closes."""
    import os

    from inbox_app.sources import parse_worker
    from inbox_app.store import open_store
    from tests.sources.feed_helpers import FeedSite, fixture_bytes

    url = FeedSite(http_server).put("/reviews.xml", fixture_bytes("reddit_search.xml"),
                                    {"Content-Type": "application/rss+xml"})
    store = open_store(demo_location)
    try:
        store.add_account("Reddit mentions", "feed", {"url": url})
        before = store.stats()["messages"]
    finally:
        store.close()
    window = make_window()  # the poller's own function, as the app runs it
    with qtbot.waitSignal(window.poller.poll_finished, timeout=60000) as polled:
        assert window.poller.poll_now(account="Reddit mentions")
    (result,) = polled.args[0]
    assert result.error is None and result.new > 0
    assert parse_worker.in_process() and parse_worker.run(os.getpid) != os.getpid()
    store = open_store(demo_location)
    try:
        assert store.stats()["messages"] == before + result.new
    finally:
        store.close()
    settle(qtbot, window)
    window.close()
    assert not parse_worker.in_process()
