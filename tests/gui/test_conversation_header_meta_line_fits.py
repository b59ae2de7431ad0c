"""The line under a conversation's subject ("#651 · Email · Snoozed until … · Assigned to Maya
Okafor · Follow up …") wraps between its parts in a narrow pane, light and dark: at 1,024
pixels wide it ran off the pane's right edge, and the follow-up date (what the person most
needed from it) was cut off. A part is kept whole on its line where it fits one; a part
longer than the pane (a long name) wraps inside rather than widen the pane."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from tests.gui.conftest import STAFF, settle

DAY = 86400
LONG_NAME = "Maximiliana Featherstonehaugh-Cholmondeley-Wolkenstein"


@pytest.fixture
def styled(window):
    """The window as people see it, with the stylesheet; put back afterwards."""
    app = QApplication.instance()
    sheet, palette = app.styleSheet(), app.palette()
    window.state.apply_theme()
    yield window
    app.setStyleSheet(sheet)
    app.setPalette(palette)


def open_busy_conversation(window, qtbot, store) -> int:
    """An email conversation snoozed for weeks, assigned, with a follow-up date: every part
    of the line there is, long ones too."""
    (target,) = store.save_messages([IncomingMessage(
        kind="email", account="Shop mail", external_id="<meta-line@x>",
        text="Could you quote for 40 kg a month?", title="Wholesale quote", at=now(),
        author_name="Pia Pallet", identities=(IdentityRef("email", "pia@example.com"),))
    ]).conversation_ids
    store.assign(target, STAFF, due_at=now() + 24 * DAY, staff=STAFF)
    store.snooze(target, now() + 23 * DAY, staff=STAFF)
    window.refresh_all()
    settle(qtbot, window)
    window.open_conversation(target)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "Follow up" in window.conversation.ui.metaLabel.text())
    return target


def laid_out(label) -> QTextDocument:
    """The label's text laid out as the label lays it out, at its width."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    return document


def line_of(document: QTextDocument, words: str) -> tuple[int, int]:
    """The line numbers the first and last character of `words` are on."""
    text = document.toPlainText()
    start = text.index(words)
    block = document.firstBlock()
    layout = block.layout()
    first = layout.lineForTextPosition(start - block.position()).lineNumber()
    last = layout.lineForTextPosition(start + len(words) - 1 - block.position()).lineNumber()
    return first, last


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def assert_whole_and_inside(window) -> QTextDocument:
    label = window.conversation.ui.metaLabel
    header = window.conversation.ui.conversationHeader
    document = laid_out(label)
    assert "Follow up" in document.toPlainText()
    assert label.geometry().right() <= header.contentsRect().right()
    assert document.idealWidth() <= label.contentsRect().width() + 1  # nothing off the edge
    assert document.size().height() <= label.contentsRect().height() + 1  # nor below
    return document


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_line_wraps_between_its_parts_at_1024_wide(styled, qtbot, demo_store, mode):
    window = styled
    window.state.set_theme(mode)
    open_busy_conversation(window, qtbot, demo_store)
    for width in (1024, window.minimumSizeHint().width()):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        settle(qtbot, window)
        qtbot.wait(50)  # the layout's resize events
        document = assert_whole_and_inside(window)
        first, last = line_of(document, f"Assigned to {STAFF}")
        assert first == last  # not "Assigned to Maya" / "Okafor"
        start, end = line_of(document, "Follow up")
        assert start == end
        assert plain(document.toPlainText()).startswith("#")
    # The thread keeps most of the pane.
    thread = window.conversation.ui.threadBrowser
    assert thread.height() >= window.conversation.height() // 4


def test_a_name_longer_than_the_pane_wraps_inside_and_the_pane_keeps_its_width(
        styled, qtbot, demo_store):
    window = styled
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    target = open_busy_conversation(window, qtbot, demo_store)
    qtbot.wait(50)
    pane_before = window.conversation.width()
    demo_store.add_staff(LONG_NAME)
    demo_store.assign(target, LONG_NAME, due_at=now() + 24 * DAY, staff=STAFF)
    window.conversation.reload()
    qtbot.waitUntil(lambda: LONG_NAME in window.conversation.ui.metaLabel.text())
    settle(qtbot, window)
    qtbot.wait(50)
    assert window.conversation.width() == pane_before
    document = assert_whole_and_inside(window)
    assert LONG_NAME in plain(document.toPlainText())
    first, last = line_of(document, "Follow up")
    assert first == last
