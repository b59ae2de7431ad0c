"""A draft the store refuses (a full disk) is never lost: it goes to this computer's file,
or, when that fails too, stays in the window and is asked about before closing."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtCore import QTimer

from inbox_app.gui.local_drafts import LocalDrafts
from inbox_app.gui.window_dialogs import CLOSE_LOSING_TEXT, KEEP_OPEN_TEXT
from inbox_app.store import SqliteStore, open_store
from tests.gui.conftest import STAFF, settle
from tests.store.helpers import fill_the_disk

pytestmark = pytest.mark.sqlite_only

# Long enough to need pages of its own, so that it cannot fit in a page's free space.
LONG_DRAFT = "Thanks for waiting — here is what happened with your order. " * 3000


@pytest.fixture
def full_disk(monkeypatch):
    """Every store the window's jobs open from now on sits on a full disk."""
    opened = SqliteStore.__init__

    def on_a_full_disk(self, *args, **kwargs):
        opened(self, *args, **kwargs)
        fill_the_disk(self)

    monkeypatch.setattr(SqliteStore, "__init__", on_a_full_disk)
    return monkeypatch


def stored_draft(location: str, conversation_id: int) -> str:
    store = open_store(location)
    try:
        return store.draft(conversation_id, STAFF)
    finally:
        store.close()


def type_draft(qtbot, window, text: str) -> int:
    conversation = window.conversation
    conversation.ui.composerEdit.setPlainText(text)
    conversation.composer.save_draft()
    settle(qtbot, window)
    return conversation.conversation.id


def open_row(qtbot, window, row: int) -> None:
    window.ui.queueView.setCurrentIndex(window.queue_model.index(row, 0))
    settle(qtbot, window)


def test_a_full_disk_keeps_the_draft_on_this_computer(window, qtbot, full_disk,
                                                      demo_location):
    target = type_draft(qtbot, window, LONG_DRAFT)
    status = window.conversation.ui.composerStatus.text()
    assert status.startswith("Draft not saved in the store: the disk is full. Kept on this")
    assert window.statusBar().currentMessage().startswith("The disk holding")
    assert window.local_drafts.get(target, STAFF) == LONG_DRAFT
    assert stored_draft(demo_location, target) == ""

    open_row(qtbot, window, 1)
    assert window.conversation.ui.composerEdit.toPlainText() == ""
    full_disk.undo()  # space freed
    open_row(qtbot, window, 0)
    assert window.conversation.ui.composerEdit.toPlainText() == LONG_DRAFT
    qtbot.waitUntil(lambda: stored_draft(demo_location, target) == LONG_DRAFT, timeout=15000)
    settle(qtbot, window)
    assert window.local_drafts.get(target, STAFF) is None


def test_a_draft_nothing_can_keep_stays_and_is_asked_about(make_window, qtbot, full_disk,
                                                          demo_location):
    window = make_window()

    def no_space(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    full_disk.setattr(LocalDrafts, "_write", no_space)
    target = type_draft(qtbot, window, LONG_DRAFT)
    status = window.conversation.ui.composerStatus.text()
    assert status.startswith("Draft not saved: the disk is full, and this computer could not")
    assert "(No space left on device). It stays here" in status

    open_row(qtbot, window, 1)
    open_row(qtbot, window, 0)  # still there, from memory
    assert window.conversation.ui.composerEdit.toPlainText() == LONG_DRAFT
    settle(qtbot, window)

    answers = []

    def answer(text: str) -> None:
        box = window.last_dialog
        answers.append(box.text())
        assert LONG_DRAFT in box.detailedText()
        next(button for button in box.buttons() if button.text() == text).click()

    QTimer.singleShot(0, lambda: answer(KEEP_OPEN_TEXT))
    window.close()
    assert window.isVisible()
    assert answers and answers[0].startswith("Your draft could not be saved")

    full_disk.undo()  # space freed: closing saves it, without asking
    window.close()
    assert not window.isVisible()
    assert len(answers) == 1
    assert stored_draft(demo_location, target) == LONG_DRAFT


def test_closing_anyway_is_the_owners_choice(make_window, qtbot, full_disk, demo_location):
    window = make_window()
    full_disk.setattr(LocalDrafts, "_write", lambda self: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))
    target = type_draft(qtbot, window, LONG_DRAFT)
    QTimer.singleShot(0, lambda: next(
        button for button in window.last_dialog.buttons()
        if button.text() == CLOSE_LOSING_TEXT).click())
    window.close()
    assert not window.isVisible()
    assert stored_draft(demo_location, target) == ""


def test_a_save_still_under_way_at_close_is_waited_for(make_window, qtbot, full_disk,
                                                        demo_location):
    window = make_window()
    full_disk.setattr(LocalDrafts, "_write", lambda self: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))
    window.conversation.ui.composerEdit.setPlainText(LONG_DRAFT)
    window.conversation.composer.save_draft()  # its answer cannot arrive before the close
    asked = []
    QTimer.singleShot(0, lambda: (asked.append(window.last_dialog.detailedText()), next(
        button for button in window.last_dialog.buttons()
        if button.text() == KEEP_OPEN_TEXT).click()))
    window.close()
    assert asked == [LONG_DRAFT] and window.isVisible()
    full_disk.undo()
    window.close()
    assert stored_draft(demo_location, window.conversation.conversation.id) == LONG_DRAFT


def test_text_typed_after_a_kept_draft_is_not_replaced_by_it(window, qtbot, full_disk,
                                                             demo_location):
    """The copy on this computer is older than what is typed once space is back: saving
    the newer text forgets it, so it can never come back over the newer one."""
    target = type_draft(qtbot, window, LONG_DRAFT)
    assert window.local_drafts.get(target, STAFF) == LONG_DRAFT
    open_row(qtbot, window, 1)
    full_disk.undo()  # space freed
    open_row(qtbot, window, 0)
    newer = "Thanks for waiting — your parcel left this morning."
    type_draft(qtbot, window, newer)
    qtbot.waitUntil(lambda: stored_draft(demo_location, target) == newer, timeout=15000)
    settle(qtbot, window)
    assert window.local_drafts.get(target, STAFF) is None

    open_row(qtbot, window, 1)
    open_row(qtbot, window, 0)
    assert window.conversation.ui.composerEdit.toPlainText() == newer
    settle(qtbot, window)
    assert stored_draft(demo_location, target) == newer


@pytest.mark.parametrize("local_file_works", [True, False], ids=["on-this-computer",
                                                                  "in-the-window"])
def test_refused_drafts_are_tried_again_without_opening_them(make_window, qtbot, full_disk,
                                                             demo_location, local_file_works):
    window = make_window()
    if not local_file_works:
        full_disk.setattr(LocalDrafts, "_write", lambda self: (_ for _ in ()).throw(
            OSError(errno.ENOSPC, "No space left on device")))
    target = type_draft(qtbot, window, LONG_DRAFT)
    open_row(qtbot, window, 1)
    composer = window.conversation.composer
    assert (target, STAFF) in composer.drafts.unsaved or window.local_drafts.get(target, STAFF)

    window._refresh_timer.timeout.emit()  # still full: kept as it was, nothing said
    settle(qtbot, window)
    assert stored_draft(demo_location, target) == ""
    assert composer.drafts.unsaved.get((target, STAFF)) == (None if local_file_works else LONG_DRAFT)

    full_disk.undo()  # space freed while another conversation is open
    window._refresh_timer.timeout.emit()
    qtbot.waitUntil(lambda: stored_draft(demo_location, target) == LONG_DRAFT, timeout=15000)
    settle(qtbot, window)
    assert composer.drafts.unsaved == {}
    assert window.local_drafts.get(target, STAFF) is None
