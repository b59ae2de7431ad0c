"""Saved replies as a list model, filtered as you type (a shop has tens, not thousands)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True)
class Template:
    id: int
    name: str
    body: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Template:
        return cls(int(row["id"]), str(row["name"]), str(row["body"]))


class TemplateRole(IntEnum):
    TEMPLATE = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2
    BODY = Qt.ItemDataRole.UserRole + 3


def matches(template: Template, text: str) -> bool:
    """Every typed word appears in the name or the text (names count first when sorting)."""
    haystack = f"{template.name}\n{template.body}".lower()
    return all(word in haystack for word in text.lower().split())


def tooltip(template: Template) -> str:
    """The whole name (a long one is cut short in the list) over the start of the text,
    as written: a template's "<b>" or "&" is shown, not read as markup."""
    lines = [f"<b>{html.escape(template.name)}</b>",
             html.escape(template.body[:400]).replace("\n", "<br>")]
    return "<br>".join(lines)


class TemplateModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[Template] = []
        self._shown: list[Template] = []
        self._filter = ""

    def set_templates(self, templates: list[Template]) -> None:
        self.beginResetModel()
        self._all = list(templates)
        self._shown = self._filtered()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip()
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[Template]:
        if not self._filter:
            return list(self._all)
        found = [t for t in self._all if matches(t, self._filter)]
        first = self._filter.lower()
        return sorted(found, key=lambda t: (not t.name.lower().startswith(first),
                                            first not in t.name.lower(), t.name.lower()))

    def template_at(self, row: int) -> Template | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, template_id: int) -> int | None:
        for row, template in enumerate(self._shown):
            if template.id == template_id:
                return row
        return None

    @property
    def total(self) -> int:
        return len(self._all)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        template = self._shown[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return template.name
            case Qt.ItemDataRole.ToolTipRole:
                return tooltip(template)
            case TemplateRole.TEMPLATE:
                return template
            case TemplateRole.ID:
                return template.id
            case TemplateRole.BODY:
                return template.body
        return None
