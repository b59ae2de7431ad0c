"""The history dialog: who did what to a conversation and its customer, oldest first,
each event said as a person would say it, with an Undo button on the merges and splits
this window can still take back. Apart from gui/merging.py (which makes those changes
and keeps the undo list) because reading and wording the history is a job of its own.
The dialog's form is imported when first built, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QTreeWidgetItem, QWidget
from shiboken6 import isValid

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.models import Conversation
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.widgets import FittedDialog
from inbox_app.store import Store

if TYPE_CHECKING:
    from inbox_app.gui.merging import UndoEntry


def describe(event: dict[str, Any]) -> str:
    """An event as a person would say it; what a rule did says which rule."""
    said = _describe(event)
    rule = (event.get("data") or {}).get("rule")
    return f"{said} (rule {rule})" if rule and not event["action"].startswith("rule.") else said


def _describe(event: dict[str, Any]) -> str:
    data, action = event.get("data") or {}, event["action"]
    match action:
        case "assigned":
            if data.get("assignee"):
                return f"assigned to {data['assignee']}"
            return f"unassigned: {data['left']} left the staff list" if data.get("left") \
                else "unassigned"
        case "reopened":
            return f"reopened: {data['reason']}" if data.get("reason") else "reopened"
        case "closed" | "replied":
            return action
        case "snoozed":
            until = data.get("until")
            return f"snoozed until {_when(until)}" if until else "snoozed"
        case "labelled":
            return f"labelled {data.get('label', '')}"
        case "unlabelled":
            return f"removed the label {data.get('label', '')}"
        case "noted":
            return "added an internal note"
        case "marked_unread":
            return "marked unread"
        case "due.set":
            return f"set the follow-up to {_when(data['due_at'])}" if data.get("due_at") \
                else "removed the follow-up date"
        case "reply.failed":
            return f"reply failed: {data.get('error', '')}".rstrip(": ")
        case "reply.queued":
            return "reply queued"
        case "conversation.merged":
            return f"merged conversation #{data.get('other')} into this one"
        case "conversation.unmerged":
            return f"undid the merge of conversation #{data.get('other')}"
        case "customer.merged":
            how = " (same identity seen)" if data.get("automatic") else ""
            return f"merged customer #{data.get('other')} into this customer{how}"
        case "customer.unmerged":
            return f"undid the merge of customer #{data.get('other')}"
        case "customer.split":
            return f"split an identity off as customer #{data.get('new')}"
        case "customer.tagged":
            return f"tagged the customer {data.get('tag', '')}"
        case "customer.untagged":
            return f"removed the customer's tag {data.get('tag', '')}"
        case "customer.value":
            return f"set the customer's value to {data.get('value')}"
        case "customer.renamed":
            return f"renamed the customer {data.get('name', '')}"
    return action.replace(".", " ").replace("_", " ")


def _when(epoch: int) -> str:
    return datetime.fromtimestamp(epoch).strftime("%a %d %b %Y, %H:%M")


@dataclass(frozen=True)
class HistorySnapshot:
    conversation: Conversation
    events: list[dict[str, Any]]


def load_history(store: Store, conversation_id: int) -> HistorySnapshot:
    conversation = store.get_conversation(conversation_id)
    events = [dict(e, about="conversation") for e in store.history(conversation_id)]
    if conversation.customer_id is not None:
        events += [dict(e, about="customer")
                   for e in store.customer_history(conversation.customer_id)]
    events.sort(key=lambda e: (e["at"], e["id"]))
    return HistorySnapshot(conversation, events)


class HistoryDialog(FittedDialog):
    """Who did what to a conversation and its customer; merges of this session can be undone.

    Signals: undo_requested(UndoEntry).
    """

    undo_requested = Signal(object)

    def __init__(self, jobs: Jobs, conversation_id: int, undo_stack: list[UndoEntry],
                 parent: QWidget | None = None):
        super().__init__(parent)
        from inbox_app.gui.forms.ui_history_dialog import Ui_HistoryDialog

        self.ui = Ui_HistoryDialog()
        self.ui.setupUi(self)
        self.jobs = jobs
        self.conversation_id = conversation_id
        self.undo_stack = undo_stack
        self.snapshot: HistorySnapshot | None = None
        header = self.ui.eventTree.header()
        header.setStretchLastSection(False)
        # When and who as wide as they are ("Wed 25 Nov 2026, 16:05" whole), what takes the
        # rest; the Undo buttons' column only while there is something to undo.
        fit = header.ResizeMode.ResizeToContents
        for column, mode in ((0, fit), (1, fit), (2, header.ResizeMode.Stretch), (3, fit)):
            header.setSectionResizeMode(column, mode)
        self.ui.eventTree.setColumnHidden(3, True)
        self.reload()

    def reload(self) -> None:
        conversation_id = self.conversation_id
        self.jobs.run(lambda store: load_history(store, conversation_id), self._show)

    def undo_entry_for(self, event: dict[str, Any]) -> UndoEntry | None:
        for entry in self.undo_stack:
            if event["action"] == "conversation.merged" and entry.kind == "conversations" \
                    and entry.key == event["id"]:
                return entry
            if event["action"] == "customer.merged" and entry.kind == "customers" \
                    and entry.key == event["id"]:
                return entry
            if event["action"] == "customer.split" and entry.kind == "split" \
                    and entry.key == event["data"].get("new"):
                return entry
        return None

    def _show(self, snapshot: HistorySnapshot) -> None:
        if not isValid(self):
            return  # closed (and so deleted) before the history was read
        self.snapshot = snapshot
        conversation = snapshot.conversation
        self.ui.titleLabel.setText(
            f"#{conversation.id} · {KIND_LABELS.get(conversation.kind, conversation.kind)} · "
            f"{conversation.customer_name}: everything that happened, oldest first.")
        tree = self.ui.eventTree
        tree.clear()
        undoable = False
        for event in snapshot.events:
            what = describe(event)
            if event["about"] == "customer" and not what.startswith(("merged", "undid", "split")):
                what = what.replace("the customer ", "").replace("the customer's ", "")
            item = QTreeWidgetItem([_when(event["at"]), event["staff"] or "the app", what, ""])
            item.setToolTip(2, what)
            tree.addTopLevelItem(item)
            entry = self.undo_entry_for(event)
            if entry is not None:
                button = QPushButton("Undo", tree)
                button.setToolTip(f"Undo: {entry.description}")
                button.clicked.connect(lambda _c=False, e=entry: self.undo_requested.emit(e))
                tree.setItemWidget(item, 3, button)
                undoable = True
        tree.setColumnHidden(3, not undoable)
        if snapshot.events:
            tree.scrollToItem(tree.topLevelItem(tree.topLevelItemCount() - 1))
