"""Layouts that wrap their items: like words (the customer's tag chips), or as tiles of
one width (the customer's figures)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class ItemsLayout(QLayout):
    """A layout that keeps its items in a list: what every hand-made layout needs of
    Qt's item bookkeeping; the subclass places them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None


class FlowLayout(ItemsLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        gap = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y()


class TileLayout(FlowLayout):
    """Tiles side by side, as many to a row as fit at the width of the widest; the tiles
    of a row share its width. The customer's three figures stood in one fixed row, the
    widest fixed cost of a 1,024-pixel window: now a narrow pane puts the third below."""

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def _widest(self) -> int:
        return max((item.sizeHint().width() for item in self._items), default=0)

    def minimumSize(self) -> QSize:
        """One tile a row: as narrow as the widest tile."""
        return QSize(self._widest(), self.heightForWidth(self._widest()))

    def sizeHint(self) -> QSize:
        """All in one row."""
        width = len(self._items) * (self._widest() + self.spacing()) - self.spacing()
        return QSize(max(width, 0), self.heightForWidth(width))

    def _columns(self, width: int) -> int:
        widest, gap = self._widest(), self.spacing()
        columns = len(self._items)
        while columns > 1 and columns * (widest + gap) - gap > width:
            columns -= 1
        return max(columns, 1)

    def _arrange(self, rect: QRect, move: bool) -> int:
        columns = self._columns(rect.width())
        gap = self.spacing()
        y = rect.y()
        for first in range(0, len(self._items), columns):
            row = self._items[first:first + columns]
            width = (rect.width() - gap * (len(row) - 1)) // len(row)
            height = max(item.sizeHint().height() for item in row)
            if move:
                for place, item in enumerate(row):
                    x = rect.x() + place * (width + gap)
                    last = place == len(row) - 1  # takes the pixels the division left
                    item.setGeometry(QRect(x, y, rect.right() + 1 - x if last else width,
                                           height))
            y += height + gap
        return max(y - gap - rect.y(), 0)
