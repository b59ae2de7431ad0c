"""The left bar: views, channels, tags and accounts, each with its live count."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from inbox_app.core.kinds import KIND_LABELS, KINDS
from inbox_app.core.timeutil import relative
from inbox_app.core.watch import shown_label
from inbox_app.gui import icons
from inbox_app.sources import left_alone

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: a table's parent

VIEWS = (
    ("open", "All open", "inbox"),
    ("unassigned", "Unassigned", "unassigned"),
    ("mine", "Mine", "mine"),
    ("mentions", "Mentions", "mentions"),
    ("due", "Due & overdue", "due"),
    ("negative", "Negative", "negative"),
    ("snoozed", "Snoozed", "snoozed"),
    ("closed", "Closed", "closed"),
    ("all", "Everything", "all"),
)
VIEW_TITLES = {f"view:{key}": label for key, label, _icon in VIEWS}
INSIGHTS_KEY = "insights"


@dataclass(frozen=True)
class SidebarEntry:
    key: str  # view:open, kind:email, tag:VIP, account:Shop mail, insights, or section:…
    label: str
    icon: str | None = None
    count: int | None = None
    section: bool = False
    error: str | None = None
    tooltip: str | None = None
    kept: bool = False  # nothing has it now: kept for the view the person is on


def spoken(entry: SidebarEntry) -> str:
    """An entry as a screen reader says it: the delegate paints the count and the red mark
    of a failing account, which the label alone would leave out."""
    parts = [entry.label]
    if entry.count is not None:
        parts.append(f"{entry.count:,}")
    if entry.error:
        parts.append(f"last check failed: {entry.error}")
    return ", ".join(parts)


class SidebarRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    COUNT = Qt.ItemDataRole.UserRole + 2
    IS_SECTION = Qt.ItemDataRole.UserRole + 3
    ERROR = Qt.ItemDataRole.UserRole + 4
    ICON_NAME = Qt.ItemDataRole.UserRole + 5


KEPT_TIP = "Nothing has it now; it leaves the bar when you go elsewhere."


def build_entries(
    counts: dict[str, int], tags: list[str], accounts: list[dict[str, Any]],
    kept: str | None = None,
) -> list[SidebarEntry]:
    """The bar's rows from a store snapshot (pure, so it is tested without Qt). `kept` is
    the view the person is on: a channel, tag or account that nothing has any more (their
    own action took its last conversation away) stays where it was, at 0, so the bar and
    the view's heading agree until they leave it."""
    entries = _entries(counts, tags, accounts)
    if kept is None or _listed(entries, kept):
        return entries
    family, _, value = kept.partition(":")
    if family == "kind" and value in KINDS:
        entries = _entries(counts, tags, accounts, kept_kind=value)
    elif family == "tag" and value:
        entries = _entries(counts, [*tags, value], accounts)
    elif family == "account" and value:
        if not accounts:
            entries.append(SidebarEntry("section:accounts", "Accounts", section=True))
        entries.append(SidebarEntry(kept, value, "account", 0))
    else:
        return entries
    return [replace(entry, tooltip=KEPT_TIP, kept=True) if entry.key == kept else entry
            for entry in entries]


def _listed(entries: list[SidebarEntry], key: str) -> bool:
    """Whether `key` has its entry (a tag in any of its spellings)."""
    if key.startswith("tag:"):
        return any(entry.key.casefold() == key.casefold() for entry in entries)
    return any(entry.key == key for entry in entries)


def _entries(counts: dict[str, int], tags: list[str], accounts: list[dict[str, Any]],
             kept_kind: str | None = None) -> list[SidebarEntry]:
    entries = [SidebarEntry(f"view:{key}", label, icon, counts.get(key, 0))
               for key, label, icon in VIEWS]
    entries.append(SidebarEntry(INSIGHTS_KEY, "Insights", "insights"))
    kinds = [k for k in KINDS if counts.get(f"kind:{k}") or k == kept_kind
             or any(a["kind"] == k for a in accounts)]
    if kinds:
        entries.append(SidebarEntry("section:channels", "Channels", section=True))
        entries += [SidebarEntry(f"kind:{k}", KIND_LABELS[k], f"channel-{k}",
                                 counts.get(f"kind:{k}", 0)) for k in kinds]
    if tags:
        # Each spelling the store holds ("VIP", "vip") counts what the view of any of them
        # lists (Store.view_counts): the bar shows one entry, with that count.
        in_any_case: dict[str, int] = {}
        for key, count in counts.items():
            if key.startswith("tag:"):
                folded = key[4:].casefold()
                in_any_case[folded] = max(in_any_case.get(folded, 0), count)
        entries.append(SidebarEntry("section:tags", "Tags", section=True))
        entries += sorted((SidebarEntry(f"tag:{t}", shown_label(t), "tag",
                                        in_any_case.get(t.casefold(), 0)) for t in tags),
                          key=lambda entry: entry.label.casefold())
    if accounts:
        entries.append(SidebarEntry("section:accounts", "Accounts", section=True))
        for account in accounts:
            error = account.get("last_error") if _failing(account) else None
            entries.append(SidebarEntry(
                f"account:{account['name']}", account["name"], f"channel-{account['kind']}",
                counts.get(f"account:{account['name']}", 0), error=error,
                tooltip=_health(account),
            ))
    return entries


def _failing(account: dict[str, Any]) -> bool:
    """The last poll failed: an error newer than the last success."""
    if not account.get("last_error"):
        return False
    return (account.get("last_error_at") or 0) >= (account.get("last_success_at") or 0)


def _health(account: dict[str, Any]) -> str:
    lines = [f"{account['name']} ({KIND_LABELS.get(account['kind'], account['kind'])})"]
    if not account.get("enabled", 1):
        lines.append("Paused")
    if _failing(account):
        lines.append(f"Last poll failed {relative(account['last_error_at'] or 0)}:"
                     f" {account['last_error']}")
    if account.get("last_success_at"):
        lines.append(f"Last success {relative(account['last_success_at'])}")
    else:
        lines.append("Never polled successfully yet")
    if left_alone(account):
        lines.append("Not tried again on its own; F5 (Check now) reads it")
    elif account.get("next_poll_at"):
        lines.append(f"Next poll {relative(account['next_poll_at'])}")
    return "\n".join(lines)


class SidebarModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[SidebarEntry] = [
            SidebarEntry(f"view:{key}", label, icon) for key, label, icon in VIEWS
        ] + [SidebarEntry(INSIGHTS_KEY, "Insights", "insights")]

    def set_entries(self, entries: list[SidebarEntry]) -> None:
        """Counts change in place; a changed list of rows resets the model."""
        if [e.key for e in entries] == [e.key for e in self._entries]:
            self._entries = list(entries)
            if entries:
                self.dataChanged.emit(self.index(0), self.index(len(entries) - 1))
            return
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> SidebarEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def kept_key(self) -> str | None:
        """The entry kept at 0 for the view the person was on (see `build_entries`)."""
        return next((entry.key for entry in self._entries if entry.kept), None)

    def row_of(self, key: str) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.key == key:
                return row
        return None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._entries[index.row()].section:
            # Words between the choices: off, so the arrow keys step over a title (the
            # cursor stopped there: no ring, nothing chosen, and a screen reader announced
            # the title as where the focus was).
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return entry.label
            case Qt.ItemDataRole.DecorationRole:
                return icons.icon(entry.icon) if entry.icon else None
            case Qt.ItemDataRole.ToolTipRole:
                return entry.tooltip
            case Qt.ItemDataRole.AccessibleTextRole:
                return spoken(entry)
            case Qt.ItemDataRole.AccessibleDescriptionRole:
                # The tooltip (an account's health), for a person who cannot hover.
                return ". ".join(entry.tooltip.split("\n")) if entry.tooltip else None
            case SidebarRole.KEY:
                return entry.key
            case SidebarRole.COUNT:
                return entry.count
            case SidebarRole.IS_SECTION:
                return entry.section
            case SidebarRole.ERROR:
                return entry.error
            case SidebarRole.ICON_NAME:
                return entry.icon
        return None
