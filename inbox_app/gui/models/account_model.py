"""The configured accounts as a list model, each with its health in plain words."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.models import Account
from inbox_app.core.timeutil import ago, wait_until
from inbox_app.gui import icons
from inbox_app.gui.theme import colors
from inbox_app.sources import left_alone

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class AccountRole(IntEnum):
    ACCOUNT = Qt.ItemDataRole.UserRole + 1
    NAME = Qt.ItemDataRole.UserRole + 2
    HEALTH = Qt.ItemDataRole.UserRole + 3


def health_state(account: Account) -> str:
    """off, error, ok, manual (phone lines) or new."""
    if not account.enabled:
        return "off"
    if account.kind == "phone":
        return "manual"
    if account.last_error:
        return "error"
    return "ok" if account.last_success_at else "new"


def health_text(account: Account, at: int | None = None) -> str:
    """One or two sentences on how the account is doing."""
    state = health_state(account)
    if state == "off":
        return "Switched off: it is not checked until you switch it on again."
    if state == "manual":
        return "Phone lines are not checked: calls are logged by hand or imported."
    if state == "error":
        when = f" {ago(account.last_error_at, at)}" if account.last_error_at else ""
        worked = (f" It last worked {ago(account.last_success_at, at)}."
                  if account.last_success_at else " It has not worked yet.")
        return f"The last check failed{when}: {account.last_error}{worked}{_next_try(account, at)}"
    if state == "ok":
        text = f"Working: last checked {ago(account.last_success_at, at)}."
        if account.next_poll_at:
            wait = wait_until(account.next_poll_at, at)
            # Due already (a window closed overnight, a backlog read on): the next round.
            text += f" Next check in {wait}." if wait else " Next check: the next round."
        return text
    return "Not checked yet: the first check runs within a minute (or press F5)."


def _next_try(account: Account, at: int | None) -> str:
    """When a failing account is tried again, as the poller scheduled it (`account list`
    says the same): the error may speak of a pause, this is when it really ends."""
    if left_alone(account, at):  # a feed the site removed: not a date years away
        return " Not tried again on its own; F5 (Check now) reads it."
    wait = wait_until(account.next_poll_at, at)
    return f" Next try in {wait}." if wait else " Next try at the next check."


SHORT = {"off": "switched off", "manual": "logged by hand", "error": "needs attention",
         "ok": "working", "new": "not checked yet"}


class AccountListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Account] = []

    def set_accounts(self, accounts: list[Account]) -> None:
        self.beginResetModel()
        self._rows = list(accounts)
        self.endResetModel()

    def account_at(self, row: int) -> Account | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, name: str) -> int | None:
        for row, account in enumerate(self._rows):
            if account.name.lower() == name.lower():
                return row
        return None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        account = self._rows[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                kind = KIND_LABELS.get(account.kind, account.kind)
                return f"{account.name}\n{kind} · {SHORT[health_state(account)]}"
            case Qt.ItemDataRole.DecorationRole:
                if health_state(account) == "error":
                    return icons.icon("warning", colors()["danger"])
                return icons.channel_icon(account.kind)
            case Qt.ItemDataRole.ToolTipRole:
                return health_text(account)
            case AccountRole.ACCOUNT:
                return account
            case AccountRole.NAME:
                return account.name
            case AccountRole.HEALTH:
                return health_state(account)
        return None
