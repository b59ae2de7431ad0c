"""A long subject keeps to a share of the conversation pane's height, cut with "…" (whole in
its tooltip): at 200 characters it took nine lines of a 1,024 × 700 window and left the
thread under it about seventy pixels to show."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.gui.conversation_view import SUBJECT_SHARE
from tests.gui.conftest import settle

SUBJECT = ("Re: Fwd: Your wholesale order 4471 for the Harbour Lane café — the delivery "
           "note, the invoice and the pallet count do not agree with what arrived at the "
           "back door on Tuesday")


@pytest.fixture
def styled(window):
    """The window as people see it: with the stylesheet, whose heading is 17 px bold (the
    tests' windows otherwise draw it in the small default font); put back afterwards."""
    app = QApplication.instance()
    sheet, palette = app.styleSheet(), app.palette()
    window.state.apply_theme()
    yield window
    app.setStyleSheet(sheet)
    app.setPalette(palette)


def open_long_subject(window, qtbot, demo_store) -> int:
    result = demo_store.save_messages([IncomingMessage(
        kind="email", account="Shop mail", external_id="<long-subject@x>", text="See above.",
        title=SUBJECT, at=now(), author_name="Oona Order",
        identities=(IdentityRef("email", "oona@example.com"),))])
    (target,) = result.conversation_ids
    window.refresh_all()
    settle(qtbot, window)
    window.open_conversation(target)
    settle(qtbot, window)
    return target


def one_line(label) -> int:
    """A line's height as the stylesheet draws the subject."""
    line = QLabel("X", label.parentWidget())
    line.setObjectName(label.objectName())  # styled as the subject is
    line.setWordWrap(True)
    line.ensurePolished()
    try:
        return line.heightForWidth(label.width())
    finally:
        line.deleteLater()


def test_a_long_subject_keeps_to_its_share_of_a_small_window(styled, qtbot, demo_store):
    window = styled
    open_long_subject(window, qtbot, demo_store)
    label, pane = window.conversation.ui.subjectLabel, window.conversation
    for width in (1024, window.minimumSizeHint().width()):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        qtbot.waitUntil(lambda: label.height() <= max(pane.height() * SUBJECT_SHARE,
                                                      2 * one_line(label)))
        shown = label.text().replace("\u200b", "")
        assert shown.endswith("…") and SUBJECT.startswith(shown[:-1].rstrip())
        assert label.toolTip() == SUBJECT
    window.resize(2400, 900)  # room for the whole of it again
    qtbot.waitUntil(lambda: window.width() == 2400)
    qtbot.waitUntil(lambda: label.text().replace("\u200b", "") == SUBJECT)
    assert label.toolTip() == ""


def test_the_next_conversation_shows_its_own_short_subject_whole(styled, qtbot, demo_store):
    window = styled
    open_long_subject(window, qtbot, demo_store)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.move(1)
    settle(qtbot, window)
    label = window.conversation.ui.subjectLabel
    # Its heading: the subject, or (the demo's conversations change with the time of day)
    # the first words of one without a subject.
    heading = window.conversation._subject
    assert heading
    assert label.text().replace("\u200b", "") == heading and not label.toolTip()
