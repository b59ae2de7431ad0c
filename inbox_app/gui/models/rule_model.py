"""Rules as a list model, in the order they are tried; each row's tick switches it on or off.

The rows are the store's immutable `Rule`s. Ticking or unticking one does not change the
store here: the model shows the new state at once and emits `enabled_toggled`, and the
dialog stores it in a worker and reloads.
"""

from __future__ import annotations

from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from inbox_app.core.rules import Rule
from inbox_app.gui.theme import colors

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class RuleRole(IntEnum):
    RULE = Qt.ItemDataRole.UserRole + 1


class RuleModel(QAbstractListModel):
    """Signals: enabled_toggled(name, enabled) when a row's tick is changed."""

    enabled_toggled = Signal(str, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rules: list[Rule] = []

    def set_rules(self, rules: list[Rule]) -> None:
        self.beginResetModel()
        self._rules = list(rules)
        self.endResetModel()

    def rule_at(self, row: int) -> Rule | None:
        return self._rules[row] if 0 <= row < len(self._rules) else None

    def row_of(self, name: str) -> int | None:
        """The row of the rule called `name` (names are unique ignoring case)."""
        for row, rule in enumerate(self._rules):
            if rule.name.casefold() == name.casefold():
                return row
        return None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rules)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rule = self.rule_at(index.row()) if index.isValid() else None
        if rule is None:
            return None
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return rule.name
            case Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
            case Qt.ItemDataRole.ToolTipRole:
                return rule.describe()
            case Qt.ItemDataRole.ForegroundRole:
                return None if rule.enabled else QColor(colors()["muted"])
            case RuleRole.RULE:
                return rule
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A changed tick shows at once and is announced; the store is the dialog's job."""
        rule = self.rule_at(index.row()) if index.isValid() else None
        if rule is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        enabled = Qt.CheckState(value) == Qt.CheckState.Checked
        if enabled != rule.enabled:
            self._rules[index.row()] = replace(rule, enabled=enabled)
            self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.ForegroundRole])
            self.enabled_toggled.emit(rule.name, enabled)
        return True
