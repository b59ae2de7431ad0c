"""Customers found by a search, as a list model (the merge dialog picks from it)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from inbox_app.core.identity import DEFAULT_REGION, format_phone
from inbox_app.core.models import Customer

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class CustomerRole(IntEnum):
    CUSTOMER = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2


def reaches(customer: Customer, limit: int = 3, region: str = DEFAULT_REGION) -> str:
    """Where the customer reaches the shop, in a few words; phone numbers as the shop's
    region (`phone_region`) writes them."""
    shown = [format_phone(i.value, region) if i.kind == "phone" else (i.display or i.value)
             for i in customer.identities[:limit]]
    more = len(customer.identities) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


class CustomerListModel(QAbstractListModel):
    def __init__(self, parent=None, region: str = DEFAULT_REGION):
        super().__init__(parent)
        self._rows: list[Customer] = []
        self.region = region

    def set_customers(self, customers: list[Customer]) -> None:
        self.beginResetModel()
        self._rows = list(customers)
        self.endResetModel()

    def customer_at(self, row: int) -> Customer | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        customer = self._rows[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                where = reaches(customer, region=self.region)
                count = f"{customer.messages} message{'s' if customer.messages != 1 else ''}"
                return f"{customer.name}\n{where + ' · ' if where else ''}{count}"
            case Qt.ItemDataRole.ToolTipRole:
                return f"Customer #{customer.id}"
            case CustomerRole.CUSTOMER:
                return customer
            case CustomerRole.ID:
                return customer.id
        return None
