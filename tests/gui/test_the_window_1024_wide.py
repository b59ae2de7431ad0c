"""The window on a 1,024-pixel laptop screen, and on a wide one: the sidebar's names are
whole and every button of the composer is whole and inside it, whatever the composer shows
(a reply waiting with Undo, a note, a feed item, a count of the room left).

At 1,024 the panes stood at their minimum widths: the sidebar cut "Competitor: roastery
nine" to "Competitor: ro…" (two competitors read alike), and the composer squeezed "Send and
close" to "nd and clo" and its countdown to a column of one word a line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication

from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.gui import theme
from inbox_app.gui.app import choose_font
from tests.gui.conftest import settle
from tests.gui.sidebar_names import names_cut

SCREENS = [(1024, 768), (1600, 1000)]
REPLY = "Hi! So sorry about the wait — the parcel is at the depot and goes out tomorrow."


@pytest.fixture(params=SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def sized(request, make_window, qtbot):
    """The window with the app's font and stylesheet (its paddings take room), as
    `inbox-app` starts, at a screen's size."""
    app = QApplication.instance()
    font = app.font()
    choose_font(app)
    theme.apply(app, "light")
    request.addfinalizer(lambda: app.setFont(font))
    window = make_window()
    width, height = request.param
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    settle(qtbot, window)
    return window


def test_every_sidebar_name_is_whole(sized, monkeypatch):
    view, model = sized.ui.sidebarView, sized.sidebar_model
    cut = names_cut(view, monkeypatch)
    names = [model.index(row).data() for row in range(model.rowCount())]
    assert any(name.startswith("Competitor: ") for name in names)  # the demo's longest
    assert cut == []


def composer_buttons_fit(window, qtbot) -> None:
    """Every button the composer shows has the room its words need, inside the box (once
    the layout has taken in their words: it is redone on the next turn of the loop)."""
    QApplication.processEvents()
    form = window.conversation.ui
    frame = form.composerFrame
    shown = [button for button in frame.findChildren(QAbstractButton) if button.isVisible()]
    assert form.sendButton in shown or form.openOriginalButton in shown
    for button in shown:
        name = button.text() or button.accessibleName() or button.objectName()
        assert button.width() >= button.sizeHint().width(), name
        placed = QRect(button.mapTo(frame, QPoint(0, 0)), button.size())
        assert frame.contentsRect().contains(placed), name


def open_first(window, qtbot, key: str) -> None:
    window.select_key(key)
    settle(qtbot, window)
    kind = key.removeprefix("kind:")  # the view's first conversation, not the one open before
    qtbot.waitUntil(lambda: window.conversation.conversation is not None
                    and window.conversation.conversation.kind == kind)
    settle(qtbot, window)


def test_a_waiting_reply_shows_its_countdown_undo_and_send_buttons_whole(sized, qtbot):
    open_first(sized, qtbot, "kind:email")
    composer, form = sized.conversation.composer, sized.conversation.ui
    composer_buttons_fit(sized, qtbot)
    composer.hold_for = 30
    form.composerEdit.setPlainText(REPLY)
    composer.send()
    try:
        qtbot.waitUntil(form.undoSendButton.isVisible)
        settle(qtbot, sized)
        composer_buttons_fit(sized, qtbot)
        status = form.composerStatus
        assert status.text().startswith("Your reply goes out in")
        # On one line, not a column of one word a line beside the buttons.
        assert status.width() >= status.fontMetrics().horizontalAdvance(status.text())
    finally:
        composer.take_back()
        settle(qtbot, sized)


def test_a_note_shows_its_buttons_whole(sized, qtbot):
    open_first(sized, qtbot, "kind:email")
    sized.conversation.composer.set_note_mode(True)
    settle(qtbot, sized)
    assert sized.conversation.ui.sendCloseButton.text() == "Add note and close"
    composer_buttons_fit(sized, qtbot)


def test_a_feed_item_shows_open_the_original_whole(sized, qtbot):
    open_first(sized, qtbot, "kind:feed")
    assert sized.conversation.ui.openOriginalButton.isVisible()
    composer_buttons_fit(sized, qtbot)


def test_a_social_reply_shows_the_room_left_and_its_buttons_whole(sized, qtbot, demo_store):
    # The demo's Mastodon conversations are open or not by the time of day: one of its own.
    demo_store.save_messages([IncomingMessage(
        kind="mastodon", account="Mastodon", external_id="room-left-1", at=now(),
        text="@harbourlane do you still ship to Canada?", author_name="Ann Lee",
        identities=(IdentityRef("mastodon", "ann@mastodon.social"),),
        meta={"status_id": "room-left-1", "acct": "ann@mastodon.social"})])
    sized.refresh_all()
    settle(qtbot, sized)
    open_first(sized, qtbot, "kind:mastodon")
    form = sized.conversation.ui
    form.composerEdit.setPlainText(REPLY)
    qtbot.waitUntil(lambda: form.roomLabel.isVisible() and "left" in form.roomLabel.text())
    composer_buttons_fit(sized, qtbot)
    room = form.roomLabel
    assert room.width() >= room.fontMetrics().horizontalAdvance(room.text())
