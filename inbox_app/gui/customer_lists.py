"""The customer panel's two lists: where the customer reaches the shop (each identity with
its channel, whole in its tooltip, copied by its menu or Ctrl+C) and their conversations
(the latest at first, every one a click away), each whole in its tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from inbox_app.core.identity import format_phone
from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.models import Identity
from inbox_app.core.timeutil import relative
from inbox_app.gui import icons

IDENTITY_ICONS = {"email": "email", "phone": "phone", "mastodon": "mastodon",
                  "bluesky": "bluesky", "telegram": "telegram", "feed": "feed"}
STATUS_MARK = {"open": "●", "snoozed": "◐", "closed": "✓"}
# Conversations listed at first; the rest behind a last row that shows them all (a
# customer of years has hundreds, and the panel is made anew on every change).
LATEST_CONVERSATIONS = 30
SHOW_ALL_ROLE = Qt.ItemDataRole.UserRole + 1  # set on the row that shows every conversation
COPIED_ROLE = Qt.ItemDataRole.UserRole + 2  # an identity's text as it is copied
COPY_WORDS = {"email": "address", "phone": "number"}  # else "handle"


def fill_identities(view: QListWidget, identities: Sequence[Identity], phone_region: str) -> None:
    """A row per identity, shortened to the pane's width ("…"): its tooltip says the whole
    of it, or ten long addresses read alike and none could be told apart."""
    view.clear()
    for identity in identities:
        shown = identity.display or identity.value
        if identity.kind == "phone":
            shown = format_phone(identity.value, phone_region)
        item = QListWidgetItem(shown)
        item.setData(Qt.ItemDataRole.UserRole, identity.id)
        item.setData(COPIED_ROLE, shown)
        kind = IDENTITY_ICONS.get(identity.kind)
        if kind:
            item.setIcon(icons.channel_icon(kind))
        tip = f"{KIND_LABELS.get(identity.kind, identity.kind)}: {shown}"
        if identity.followers:
            tip += f" · {identity.followers:,} followers"
        item.setToolTip(tip)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip)
        item.setData(Qt.ItemDataRole.WhatsThisRole, identity.kind)
        view.addItem(item)


def copy_words(item: QListWidgetItem) -> str:
    """The identity menu's words for copying the row: "Copy the address"."""
    kind = item.data(Qt.ItemDataRole.WhatsThisRole) or ""
    return f"Copy the {COPY_WORDS.get(kind, 'handle')}"


def copy_identity(item: QListWidgetItem | None) -> str | None:
    """Puts the identity's whole text (never the shortened one) on the clipboard."""
    if item is None or item.data(COPIED_ROLE) is None:
        return None
    text = str(item.data(COPIED_ROLE))
    QGuiApplication.clipboard().setText(text)
    return text


def fill_conversations(view: QListWidget, rows: Sequence[dict[str, Any]], every: bool) -> None:
    """The latest LATEST_CONVERSATIONS (all of them when `every`), newest first; then, if
    there are more, a row that shows them all."""
    view.clear()
    shown = rows if every else rows[:LATEST_CONVERSATIONS]
    for row in shown:
        title = (row["subject"] or row["preview"] or "").strip() or "(no text)"
        status = f"{STATUS_MARK.get(row['status'], '')} {row['status']} · {relative(row['last_at'])}"
        item = QListWidgetItem(f"{title}\n{status}")
        item.setIcon(icons.channel_icon(row["kind"]))
        item.setData(Qt.ItemDataRole.UserRole, row["id"])
        # Both lines whole: a narrow pane ends them in "…".
        item.setToolTip(f"{title}\n{status} · #{row['id']} ·"
                        f" {KIND_LABELS.get(row['kind'], row['kind'])}")
        view.addItem(item)
    hidden = len(rows) - len(shown)
    if hidden:
        # Short: "conversations" is the list's title, and did not fit a pane 200 px wide.
        more = QListWidgetItem(f"Show {hidden:,} older")
        more.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"Show {hidden:,} older conversation{'s' if hidden != 1 else ''}")
        more.setData(SHOW_ALL_ROLE, True)
        more.setIcon(icons.icon("all"))
        more.setToolTip(f"All {len(rows):,} of the customer's conversations")
        view.addItem(more)


def is_show_all(item: QListWidgetItem | None) -> bool:
    return item is not None and bool(item.data(SHOW_ALL_ROLE))
