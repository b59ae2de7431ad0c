"""Images in the thread: Qt lays an image out at its given size whatever the room, so one
wider than the pane made every message scroll sideways; each is scaled to the room its
place in the thread has, and again as the pane is resized (gui/conversation_view.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QImage,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextLength,
    QTextTable,
)

from inbox_app.core.html import BLOCKED_SCHEME
from inbox_app.gui.theme import colors
from inbox_app.gui.thread_html import PLACEHOLDER_SIZE, PROBE_TEXT, room_probe

# An image's own size, kept in its format by fit_images so it can grow back when the
# pane does.
_OWN_WIDTH = QTextFormat.Property.UserProperty + 1
_OWN_HEIGHT = QTextFormat.Property.UserProperty + 2
CARD_TABLES = 2  # the tables every message card is made of (thread_html._card)


def image_positions(document: QTextDocument) -> list[int]:
    """Where the document's images are, but blocked ones (thread_html sizes their
    placeholders)."""
    cursor = QTextCursor(document)
    positions = []
    text = document.toRawText()
    position = text.find("\ufffc")
    while position >= 0:
        cursor.setPosition(position + 1)
        image = cursor.charFormat()
        if image.isImageFormat() and not image.toImageFormat().name().startswith(BLOCKED_SCHEME):
            positions.append(position)
        position = text.find("\ufffc", position + 1)
    return positions


def card_room(document: QTextDocument, width: float) -> float:
    """The width a message card leaves its content in a thread `width` wide, measured on
    a card of one word laid out as the thread is."""
    probe = QTextDocument()
    probe.setDocumentMargin(document.documentMargin())
    probe.setDefaultFont(document.defaultFont())
    probe.setTextWidth(width)
    probe.setHtml(room_probe(colors()))
    block = probe.find(PROBE_TEXT).block()
    return probe.documentLayout().blockBoundingRect(block).width()


def fit_images(document: QTextDocument, positions: list[int], room: float,
               pictures: set[str]) -> None:
    """Scales each image at `positions` down to the room its place in a card leaves it
    (`room` at the card's top level), keeping its proportions; never up past its own
    size. An image not among `pictures` (not loaded, or not fetchable) shows the
    placeholder at the placeholder's size, as a blocked one does."""
    cursor = QTextCursor(document)
    changes: list[tuple[int, QTextImageFormat]] = []
    for position in positions:
        cursor.setPosition(position + 1)
        image = cursor.charFormat().toImageFormat()
        own = _own_size(document, image, pictures)
        if own is None:
            continue
        width, height = own
        shown = max(1, min(math.floor(width), math.floor(_room_at(document, position, room))))
        shown_height = max(1, round(height * shown / width))
        if (image.width(), image.height()) == (shown, shown_height) and image.hasProperty(
                _OWN_WIDTH):
            continue
        image.setProperty(_OWN_WIDTH, float(width))
        image.setProperty(_OWN_HEIGHT, float(height))
        image.setWidth(shown)
        image.setHeight(shown_height)
        changes.append((position, image))
    if not changes:
        return
    cursor.beginEditBlock()
    for position, image in changes:
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(image)
    cursor.endEditBlock()


def _own_size(document: QTextDocument, image: QTextImageFormat,
              pictures: set[str]) -> tuple[float, float] | None:
    """The size the mail gave the image, what it does not say taken from the picture."""
    if image.hasProperty(_OWN_WIDTH):
        return image.doubleProperty(_OWN_WIDTH), image.doubleProperty(_OWN_HEIGHT)
    width = image.width() if image.hasProperty(QTextFormat.Property.ImageWidth) else 0.0
    height = image.height() if image.hasProperty(QTextFormat.Property.ImageHeight) else 0.0
    if image.name() not in pictures:  # a tracking pixel stays a pixel
        given = max(width, height)
        if 0 < given <= PLACEHOLDER_SIZE:
            return width or height, height or width
        return PLACEHOLDER_SIZE, PLACEHOLDER_SIZE
    picture = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
    if not isinstance(picture, QImage) or picture.isNull():
        return None
    size = picture.deviceIndependentSize()
    if width and not height:
        height = width * size.height() / size.width()
    elif height and not width:
        width = height * size.width() / size.height()
    elif not width:
        width, height = size.width(), size.height()
    return (width, height) if width > 0 and height > 0 else None


def _room_at(document: QTextDocument, position: int, room: float) -> float:
    """The room at `position` in a card: less the tables the mail nests it in, and the
    margins of its paragraph (a quote, a list)."""
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    tables = []
    frame = cursor.currentFrame()
    while frame is not None:
        if isinstance(frame, QTextTable):
            tables.append(frame)
        frame = frame.parentFrame()
    for table in reversed(tables[:-CARD_TABLES] if len(tables) > CARD_TABLES else []):
        room = _cell_room(table, position, room)
    block = cursor.block()
    shape = block.blockFormat()
    room -= shape.leftMargin() + shape.rightMargin() + shape.indent() * document.indentWidth()
    if block.textList() is not None:
        room -= block.textList().format().indent() * document.indentWidth()
    return room


def _cell_room(table: QTextTable, position: int, room: float) -> float:
    """The room inside the cell of `table` that holds `position`, the table laid out in
    `room`: its share of the columns (as given, else even), less borders and padding."""
    shape = table.format()
    width = shape.width()
    if width.type() == QTextLength.Type.PercentageLength:
        room = room * width.rawValue() / 100
    elif width.type() == QTextLength.Type.FixedLength:
        room = min(room, width.rawValue())
    columns = max(1, table.columns())
    room -= (shape.leftMargin() + shape.rightMargin() + 2 * (shape.border() + shape.padding())
             + (columns + 1) * shape.cellSpacing() + columns * 2 * shape.cellPadding())
    cell = table.cellAt(position)
    wanted = shape.columnWidthConstraints()
    column = cell.column()
    if column < len(wanted) and wanted[column].type() == QTextLength.Type.PercentageLength:
        return room * wanted[column].rawValue() / 100
    return room * max(1, cell.columnSpan()) / columns
