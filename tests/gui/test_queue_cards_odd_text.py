"""A queue card shows a name, subject or preview on one line, however it was written: a
feed or an import can bring line breaks and tabs into them."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from inbox_app.core.models import QueueRow
from inbox_app.gui.delegates import AVATAR, CARD_HEIGHT, QueueDelegate
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.models.queue_model import QueueModel

WIDTH = 420
TEXT_LEFT = 16 + AVATAR + 12  # where a card's texts start, right of the avatar

PLAIN = QueueRow(
    conversation_id=1, customer_id=1, customer_name="Ann Multi Line", kind="feed",
    account="", status="open", assignee=None, due_at=None, snoozed_until=None,
    last_at=1_780_000_000, awaiting_since=None, preview="Body and a tab",
    subject="Line one Line two", sentiment=0.0, unread=False, priority=0,
    message_count=1, influence=None, version=1,
)


def card_texts(qtbot, empty_location, row: QueueRow) -> QImage:
    """The part of `row`'s card that holds its texts, painted as the queue paints it."""
    model = QueueModel(Jobs(empty_location))
    model.loading = True  # as when a query's first page arrives
    model._on_first_page(model._generation, rows=[row], total=1)
    assert model.rowCount() == 1
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    image = QImage(QSize(WIDTH, CARD_HEIGHT), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, WIDTH, CARD_HEIGHT)
    painter = QPainter(image)
    QueueDelegate().paint(painter, option, model.index(0, 0))
    painter.end()
    model.jobs.wait()
    return image.copy(TEXT_LEFT, 0, WIDTH - TEXT_LEFT, CARD_HEIGHT)


def test_line_breaks_and_tabs_show_as_spaces_on_the_card(qtbot, empty_location):
    """The name "Ann⏎Multi⏎Line" showed as "Multi", its middle line, and a subject of two
    lines as its second; a tab in the preview cut it short with room to spare."""
    written = replace(PLAIN, customer_name="Ann\nMulti\nLine", subject="Line one\nLine two",
                      preview="Body and a\ttab")
    assert card_texts(qtbot, empty_location, written) == card_texts(qtbot, empty_location, PLAIN)

