"""The Insights page's tables: top customers, the most valuable ones who wrote, and staff,
as read-only table models over the summary's figures (inbox_app.reports.figures)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from inbox_app.core.models import NEGATIVE_AT
from inbox_app.reports import formatting as fmt
from inbox_app.reports.figures import Figures

OVERDUE_COLOUR = "#c0392b"
NO_PARENT = QModelIndex()


class _RowsModel(QAbstractTableModel):
    """A read-only table over immutable rows; subclasses say how a cell reads."""

    HEADERS: tuple[str, ...] = ()
    NUMERIC: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._alignment(section)
        return None

    def _alignment(self, column: int) -> int:
        horizontal = (Qt.AlignmentFlag.AlignRight if column in self.NUMERIC
                      else Qt.AlignmentFlag.AlignLeft)
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(self._rows[index.row()], index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        return self.role_data(self._rows[index.row()], index.column(), role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def text(self, row: Any, number: int, column: int) -> str:
        raise NotImplementedError

    def role_data(self, row: Any, column: int, role: int) -> Any:
        return None


class TopCustomersModel(_RowsModel):
    """The period's most active customers. `CUSTOMER_ROLE` gives a row's customer id."""

    class Column(IntEnum):
        RANK = 0
        NAME = 1
        MESSAGES = 2
        SHARE = 3
        FOLLOWERS = 4
        VALUE = 5

    HEADERS = ("#", "Customer", "Messages", "Share", "Followers", "Value")
    NUMERIC = frozenset({Column.RANK, Column.MESSAGES, Column.SHARE, Column.FOLLOWERS,
                         Column.VALUE})
    CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._total = 0
        self._currency = ""

    def set_figures(self, figures: Figures) -> None:
        self._total = figures.inbound["total"]
        self._currency = figures.currency
        self.set_rows(figures.top_customers)

    def text(self, row: Any, number: int, column: int) -> str:
        match column:
            case self.Column.RANK:
                return str(number + 1)
            case self.Column.NAME:
                return row.name
            case self.Column.MESSAGES:
                return fmt.count(row.inbound)
            case self.Column.SHARE:
                return fmt.percent(row.inbound / self._total if self._total else None)
            case self.Column.FOLLOWERS:
                return fmt.count(row.influence)
            case _:
                return fmt.money(row.value, self._currency)

    def role_data(self, row: Any, column: int, role: int) -> Any:
        if role == self.CUSTOMER_ROLE:
            return row.customer
        return None


class ValuableCustomersModel(_RowsModel):
    """The customers of highest value who wrote in the period, how it felt and who waits
    for an answer now. `CUSTOMER_ROLE` gives a row's customer id."""

    class Column(IntEnum):
        RANK = 0
        NAME = 1
        VALUE = 2
        MESSAGES = 3
        MOOD = 4
        WAITING = 5

    HEADERS = ("#", "Customer", "Value", "Messages", "Mood", "Waiting")
    NUMERIC = frozenset({Column.RANK, Column.VALUE, Column.MESSAGES, Column.MOOD,
                         Column.WAITING})
    CUSTOMER_ROLE = TopCustomersModel.CUSTOMER_ROLE

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._currency = ""

    def set_figures(self, figures: Figures) -> None:
        self._currency = figures.currency
        self.set_rows(figures.valuable_customers)

    def text(self, row: Any, number: int, column: int) -> str:
        match column:
            case self.Column.RANK:
                return str(number + 1)
            case self.Column.NAME:
                return row.name
            case self.Column.VALUE:
                return fmt.money(row.value, self._currency)
            case self.Column.MESSAGES:
                return fmt.count(row.inbound)
            case self.Column.MOOD:
                return fmt.compound(row.mean_compound)
            case _:
                return fmt.count(row.waiting)

    def role_data(self, row: Any, column: int, role: int) -> Any:
        if role == self.CUSTOMER_ROLE:
            return row.customer
        if role == Qt.ItemDataRole.ForegroundRole and (
                (column == self.Column.WAITING and row.waiting)
                or (column == self.Column.MOOD and row.mean_compound is not None
                    and row.mean_compound <= NEGATIVE_AT)):
            return QColor(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.Column.WAITING:
            return (f"{row.waiting} of {row.name}'s conversations wait for an answer now"
                    if row.waiting else "Nothing of theirs waits for an answer")
        return None


class StaffModel(_RowsModel):
    """Per staff member: replies, closes, median first reply, open and overdue follow-ups."""

    class Column(IntEnum):
        NAME = 0
        REPLIES = 1
        CLOSED = 2
        FIRST_RESPONSE = 3
        OPEN_FOLLOWUPS = 4
        OVERDUE = 5

    HEADERS = ("Staff", "Replies", "Closed", "First reply, median", "Open follow-ups", "Overdue")
    NUMERIC = frozenset({Column.REPLIES, Column.CLOSED, Column.FIRST_RESPONSE,
                         Column.OPEN_FOLLOWUPS, Column.OVERDUE})

    def text(self, row: Any, number: int, column: int) -> str:
        match column:
            case self.Column.NAME:
                return row.name
            case self.Column.REPLIES:
                return fmt.count(row.replies)
            case self.Column.CLOSED:
                return fmt.count(row.closed)
            case self.Column.FIRST_RESPONSE:
                return fmt.seconds(row.first_response_median_s)
            case self.Column.OPEN_FOLLOWUPS:
                return fmt.count(row.open_followups)
            case _:
                return fmt.count(row.overdue)

    def role_data(self, row: Any, column: int, role: int) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and column == self.Column.OVERDUE
                and row.overdue):
            return QColor(OVERDUE_COLOUR)
        return None


# Counting off the event loop
