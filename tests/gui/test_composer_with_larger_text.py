"""The composer on a laptop whose desktop font is 12 or 14 pt: at 1,024 pixels the
conversation pane stands at its narrowest, and the box's buttons had less room than their
words. "Internal note" read "Inte…note", "Send and close" "end and clos" and "Add note and
close" "d note and clo"; the countdown of a reply waiting took a second line at "14 s" and
not at "13 s", so the box under the thread grew and shrank as it counted; and the
"Signed: …" line was cut with no way to read it whole.

Measured, not pictured: each button's size hint against its geometry, the countdown's
height through every second, the text cut against its tooltip."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.gui.composer_look import NOTE_NAME, NOTE_SHORT_NAME
from tests.gui.conftest import settle
from tests.gui.sidebar_names import with_app_font

REPLY = "Hi! So sorry about the wait — the parcel is at the depot and goes out tomorrow."


def shown_at(request, make_window, qtbot, point_size: float, width: int, height: int):
    """The window as `inbox-app` starts on a desktop of that font size, made as small as
    the screen (at 14 pt the left bar's names make it a little wider than 1,024)."""
    with_app_font(request, point_size)
    window = make_window()
    window.resize(width, height)
    QApplication.processEvents()
    settle(qtbot, window)
    return window


@pytest.fixture(params=[12.0, 14.0], ids=["12pt", "14pt"])
def laptop(request, make_window, qtbot):
    return shown_at(request, make_window, qtbot, request.param, 1024, 768)


def buttons_cut(window) -> list[str]:
    """The composer's buttons on screen that have less room than their words, or stand
    outside the box."""
    form = window.conversation.ui
    frame = form.composerFrame
    cut = []
    for button in frame.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        placed = QRect(button.mapTo(frame, QPoint(0, 0)), button.size())
        if button.width() < button.sizeHint().width() or not frame.contentsRect().contains(
                placed):
            cut.append(f"{button.text()}: {button.width()} of {button.sizeHint().width()} px")
    return cut


def assert_buttons_whole(window, qtbot) -> None:
    """Once the box has been laid out for what it shows (on a later turn of the loop)."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: not buttons_cut(window), timeout=15000)
    assert buttons_cut(window) == []


def open_first(window, qtbot, kind: str) -> None:
    window.select_key(f"kind:{kind}")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.conversation.conversation is not None
                    and window.conversation.conversation.kind == kind)
    settle(qtbot, window)


def add_mastodon_question(store) -> None:
    """The demo's Mastodon conversations are open or not by the time of day: one of its own."""
    store.save_messages([IncomingMessage(
        kind="mastodon", account="Mastodon", external_id="larger-text-1", at=now(),
        text="@harbourlane do you still ship to Canada?", author_name="Ann Lee",
        identities=(IdentityRef("mastodon", "ann@mastodon.social"),),
        meta={"status_id": "larger-text-1", "acct": "ann@mastodon.social"})])


@pytest.mark.parametrize("kind, note", [("email", False), ("email", True), ("phone", False),
                                        ("feed", False)])
def test_each_mode_shows_its_buttons_whole(laptop, qtbot, kind, note):
    open_first(laptop, qtbot, kind)
    composer, form = laptop.conversation.composer, laptop.conversation.ui
    composer.set_note_mode(note)
    form.composerEdit.setPlainText(REPLY)
    settle(qtbot, laptop)
    assert_buttons_whole(laptop, qtbot)
    # Shortened where even Templates as an icon leaves too little room; named whole to a
    # screen reader and in the tooltip.
    assert form.noteModeButton.text() in (NOTE_NAME, NOTE_SHORT_NAME)
    assert form.noteModeButton.accessibleName() in ("", NOTE_NAME)
    if form.noteModeButton.text() == NOTE_SHORT_NAME:
        assert form.noteModeButton.accessibleName() == NOTE_NAME
        assert form.templateButton.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly


def test_a_social_reply_shows_the_room_left_and_its_buttons_whole(request, make_window,
                                                                   qtbot, demo_store):
    add_mastodon_question(demo_store)
    window = shown_at(request, make_window, qtbot, 14.0, 1024, 768)
    open_first(window, qtbot, "mastodon")
    form = window.conversation.ui
    form.composerEdit.setPlainText(REPLY)
    qtbot.waitUntil(lambda: form.roomLabel.isVisible() and "left" in form.roomLabel.text())
    assert_buttons_whole(window, qtbot)
    room = form.roomLabel
    assert room.width() >= room.fontMetrics().horizontalAdvance(room.text())


def test_a_wide_window_keeps_the_buttons_side_by_side_and_named(request, make_window, qtbot):
    window = shown_at(request, make_window, qtbot, 14.0, 1920, 1000)
    open_first(window, qtbot, "email")
    form = window.conversation.ui
    assert_buttons_whole(window, qtbot)
    assert form.noteModeButton.text() == NOTE_NAME
    assert form.templateButton.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert form.sendButton.y() == form.sendCloseButton.y()
    assert form.sendButton.x() > form.sendCloseButton.x()  # Send in the corner, as ever


@pytest.mark.parametrize("point_size", [10.0, 12.0, 14.0], ids=["10pt", "12pt", "14pt"])
@pytest.mark.parametrize("close", [False, True], ids=["send", "send and close"])
def test_the_countdown_keeps_the_box_still(request, make_window, qtbot, monkeypatch,
                                           point_size, close):
    window = shown_at(request, make_window, qtbot, point_size, 1024, 768)
    open_first(window, qtbot, "email")
    composer, form = window.conversation.composer, window.conversation.ui
    composer.hold_for = 30
    form.composerEdit.setPlainText(REPLY)
    composer.send(close=close)
    qtbot.waitUntil(form.undoSendButton.isVisible)
    settle(qtbot, window)  # Send and close: the next conversation is shown
    status = form.composerStatus
    heights = {}
    try:
        for second in range(30, 0, -1):
            monkeypatch.setattr(composer.hold, "seconds_left", lambda second=second: second)
            composer.hold.ticked.emit()
            QApplication.processEvents()
            QApplication.processEvents()  # the box laid out again for the new words
            assert f" {second}\u00a0s" in status.text()
            words = status.fontMetrics().boundingRect(
                QRect(0, 0, status.contentsRect().width(), 10_000),
                int(Qt.TextFlag.TextWordWrap), status.text())
            assert status.contentsRect().height() >= words.height(), status.text()  # not cut
            heights[second] = (status.height(), form.composerFrame.height())
        assert len(set(heights.values())) == 1, heights
        assert_buttons_whole(window, qtbot)
    finally:
        composer.take_back()
        settle(qtbot, window)


def test_a_signature_cut_short_is_whole_in_its_tooltip(request, make_window, qtbot,
                                                      demo_store):
    demo_store.set_setting("email_signature", "{staff_name}\n{business}")
    window = shown_at(request, make_window, qtbot, 14.0, 1024, 768)
    open_first(window, qtbot, "email")
    hint = window.conversation.ui.signatureHint
    qtbot.waitUntil(hint.isVisible)
    assert hint.text().startswith("Signed: Maya Okafor · ")
    assert QLabel.text(hint) != hint.text()  # cut in this narrow box
    assert hint.text() in hint.toolTip()
    assert "Settings → Business" in hint.toolTip()
