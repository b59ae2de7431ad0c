"""A reply the mail server took while the store would not record it (locked by another
program, or out of reach longer than the store retries): it went, so it must never come
back to the composer as unsent, nor be offered as a draft; this computer keeps what
became of it and records it once the store takes writes again, in this window or the
next one."""

from __future__ import annotations

import pytest

from inbox_app import replies
from inbox_app.gui.held_reply import HOLD_KEY
from inbox_app.store import StoreBusy
from inbox_app.store.outbound import OutboundMixin
from tests.gui.conftest import STAFF, replies_saying, settle

pytestmark = pytest.mark.sqlite_only

TEXT = "Your refund of 24.90 went out this morning."
LOCKED = "Another program held the store's write lock longer than the app waits."


@pytest.fixture
def store_will_not_record(monkeypatch):
    """Recording what became of a reply fails, as with a store another program holds
    locked; `undo()` on the returned monkeypatch unlocks it."""
    def locked(self, message_id, delivery, **details):
        raise StoreBusy(LOCKED)

    patch = pytest.MonkeyPatch()
    patch.setattr(OutboundMixin, "set_delivery", locked)
    yield patch
    patch.undo()


def email_window(make_window, qtbot):
    window = make_window()
    window.select_key("kind:email")
    settle(qtbot, window)
    return window


def send(window, qtbot, text: str = TEXT) -> int:
    conversation = window.conversation
    qtbot.keyClicks(conversation.ui.composerEdit, text)
    conversation.composer.save_draft()  # the autosave, as after a pause in typing
    settle(qtbot, window)
    conversation.ui.sendButton.click()
    settle(qtbot, window)
    return conversation.conversation.id


def open_again(window, qtbot, conversation_id: int) -> None:
    """Opens another conversation, then this one again."""
    window.open_conversation(next(
        other for other in window.queue_model.ids() if other != conversation_id))
    settle(qtbot, window)
    window.open_conversation(conversation_id)
    settle(qtbot, window)
    assert window.conversation.conversation.id == conversation_id


def test_a_reply_sent_but_not_recorded_is_not_offered_again(
        make_window, qtbot, sender, demo_store, store_will_not_record):
    window = email_window(make_window, qtbot)
    ui = window.conversation.ui
    target = send(window, qtbot)
    qtbot.wait(50)  # what the composer says once the send has reported

    assert [o.text for o in sender] == [TEXT]
    assert ui.composerEdit.toPlainText() == ""
    status = ui.composerStatus.text()
    assert status.startswith("Sent") and "not recorded" in status
    assert [draft.text for draft in window.local_drafts.pending()] in ([], [""])
    # Opened again while the store still refuses: nothing to send again.
    open_again(window, qtbot, target)
    assert ui.composerEdit.toPlainText() == ""

    store_will_not_record.undo()  # the other program lets go of the store
    window.conversation.composer.retry_kept()  # what the window does every half minute
    settle(qtbot, window)
    assert [m.delivery for m in replies_saying(demo_store, target, TEXT)] == ["sent"]
    assert demo_store.draft(target, STAFF) == ""
    assert replies.unrecorded_replies(demo_store.location) == []
    assert [o.text for o in sender] == [TEXT]


def test_a_reply_not_recorded_is_recorded_by_the_next_window(
        make_window, qtbot, sender, demo_store, store_will_not_record):
    window = email_window(make_window, qtbot)
    target = send(window, qtbot)
    window.close()
    assert [m.delivery for m in replies_saying(demo_store, target, TEXT)] == ["sending"]

    store_will_not_record.undo()
    again = email_window(make_window, qtbot)
    qtbot.waitUntil(lambda: [m.delivery for m in replies_saying(demo_store, target, TEXT)]
                    == ["sent"], timeout=15000)
    settle(qtbot, again)
    assert demo_store.draft(target, STAFF) == ""
    assert [o.text for o in sender] == [TEXT]
    open_again(again, qtbot, target)
    assert again.conversation.ui.composerEdit.toPlainText() == ""


def test_a_waiting_reply_sent_as_the_window_closes_is_not_offered_by_the_next(
        make_window, qtbot, settings, sender, demo_store, store_will_not_record):
    """Undo send on: the window closes while the reply waits, so it goes out then, with
    nobody left to be told that the store did not record it."""
    settings.setValue(HOLD_KEY, 30)
    window = email_window(make_window, qtbot)
    target = send(window, qtbot)
    assert sender == [] and demo_store.draft(target, STAFF) == TEXT  # it waits
    window.close()
    assert [o.text for o in sender] == [TEXT]
    assert [m.delivery for m in replies_saying(demo_store, target, TEXT)] == ["sending"]
    assert [kept.text for kept in replies.unrecorded_replies(demo_store.location)] == [TEXT]

    store_will_not_record.undo()
    again = email_window(make_window, qtbot)
    open_again(again, qtbot, target)
    assert again.conversation.ui.composerEdit.toPlainText() == ""
    qtbot.waitUntil(lambda: [m.delivery for m in replies_saying(demo_store, target, TEXT)]
                    == ["sent"], timeout=15000)
    assert demo_store.draft(target, STAFF) == ""
    assert [o.text for o in sender] == [TEXT]
