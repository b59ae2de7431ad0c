"""Merging conversations and customers, splitting an identity off, and undoing it.

Every merge is an event in the store (so the history shows it for good) and its
event id goes on this window's undo stack: Ctrl+Z, or "Undo" in the history,
takes it back until the window closes. The history dialog itself is
gui/merge_history.py. The dialogs' forms are imported when first built, not at
start-up.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from inbox_app.core.identity import DEFAULT_REGION
from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.models import Conversation, Customer
from inbox_app.core.text import shortened, wrappable
from inbox_app.core.timeutil import relative
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.merge_history import HistoryDialog
from inbox_app.gui.models.customer_model import CustomerListModel, CustomerRole, reaches
from inbox_app.gui.thread_html import SHOWN_NAME, SHOWN_TITLE
from inbox_app.gui.widgets import FittedDialog
from inbox_app.store import NotFound, Store, StoreError, UndoNotPossible
from inbox_app.store.bulk import BulkUndo

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow

SEARCH_DEBOUNCE_MS = 200


@dataclass(frozen=True)
class UndoEntry:
    """One undoable change: `kind` is conversations, customers, split or bulk; `key` the
    merge's event id (for a split, the new customer's id); `keep`/`other` what it joined or
    parted; `bulk` what an action on a selection changed."""

    kind: str
    key: int
    keep: int
    other: int
    description: str
    bulk: BulkUndo | None = None


def undo_in_store(store: Store, entry: UndoEntry, staff: str | None) -> object:
    if entry.kind == "conversations":
        store.unmerge_conversations(entry.key, staff=staff)
    elif entry.kind == "customers":
        store.unmerge_customers(entry.key, staff=staff)
    elif entry.kind == "split":
        store.undo_split(entry.other, staff=staff)
    elif entry.kind == "bulk" and entry.bulk is not None:
        return store.undo_bulk(entry.bulk, staff=staff)
    else:
        raise StoreError(f"Cannot undo {entry.kind}.")


# Choosing what to merge

def _conversation_detail(conversation: Conversation) -> str:
    title = conversation.subject or conversation.preview[:80] or "(no text)"
    title, name = shortened(title, SHOWN_TITLE), shortened(conversation.customer_name, SHOWN_NAME)
    return (f"<b>{html.escape(wrappable(title))}</b><br>{html.escape(wrappable(name))} · "
            f"{conversation.message_count} message{'s' if conversation.message_count != 1 else ''}"
            f" · started {relative(conversation.first_at)} · {conversation.status}")


class MergeConversationsDialog(FittedDialog):
    """Which of two conversations stays; the older one is proposed."""

    def __init__(self, first: Conversation, second: Conversation,
                 parent: QWidget | None = None):
        super().__init__(parent)
        from inbox_app.gui.forms.ui_merge_dialog import Ui_MergeDialog

        self.ui = Ui_MergeDialog()
        self.ui.setupUi(self)
        older, newer = sorted((first, second), key=lambda c: (c.first_at, c.id))
        self.pair = (older, newer)
        ui = self.ui
        for radio, detail, conversation in ((ui.keepFirst, ui.firstDetail, older),
                                            (ui.keepSecond, ui.secondDetail, newer)):
            radio.setText(f"Keep #{conversation.id} "
                          f"({KIND_LABELS.get(conversation.kind, conversation.kind)})")
            detail.setText(_conversation_detail(conversation))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")

    @property
    def keep(self) -> int:
        return self.pair[0].id if self.ui.keepFirst.isChecked() else self.pair[1].id

    @property
    def other(self) -> int:
        return self.pair[1].id if self.ui.keepFirst.isChecked() else self.pair[0].id


class CustomerMergeDialog(FittedDialog):
    """Find another customer to merge into `keep` (searching as you type)."""

    def __init__(self, jobs: Jobs, keep: Customer, parent: QWidget | None = None,
                 region: str = DEFAULT_REGION):
        super().__init__(parent)
        from inbox_app.gui.forms.ui_customer_merge_dialog import Ui_CustomerMergeDialog

        self.ui = Ui_CustomerMergeDialog()
        self.ui.setupUi(self)
        self.jobs = jobs
        self.keep = keep
        self.region = region
        self.model = CustomerListModel(self, region)
        ui = self.ui
        ui.introLabel.setText(
            f"Merge another customer into <b>{html.escape(keep.name)}</b> (#{keep.id}, "
            f"{html.escape(reaches(keep, region=region)) or 'no identities'}).")
        ui.customerList.setModel(self.model)
        ui.customerList.selectionModel().currentChanged.connect(lambda *_: self._on_current())
        ui.customerList.doubleClicked.connect(lambda _i: self.accept_choice())
        self.ok_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Merge")
        self.ok_button.setEnabled(False)
        self.ok_button.clicked.connect(self.accept_choice)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        ui.searchEdit.textChanged.connect(lambda _t: self._timer.start())
        self._generation = 0
        self.search()

    def search(self) -> None:
        self._generation += 1
        generation, text, keep = self._generation, self.ui.searchEdit.text().strip(), self.keep.id

        def find(store: Store) -> list[Customer]:
            found = store.list_customers(search=text or None, limit=60)
            return [c for c in found if c.id != keep]

        self.jobs.run(find, lambda found: self._on_found(generation, found))

    def _on_found(self, generation: int, customers: list[Customer]) -> None:
        if generation != self._generation:
            return
        self.model.set_customers(customers)
        if customers:
            self.ui.customerList.setCurrentIndex(self.model.index(0))
        self._on_current()

    @property
    def chosen(self) -> Customer | None:
        index = self.ui.customerList.currentIndex()
        return index.data(CustomerRole.CUSTOMER) if index.isValid() else None

    def _on_current(self) -> None:
        chosen = self.chosen
        self.ok_button.setEnabled(chosen is not None)
        if chosen is None:
            self.ui.detailLabel.setText("No other customer matches." if
                                        self.ui.searchEdit.text().strip() else "")
            return
        tags = f" · tags {', '.join(chosen.tags)}" if chosen.tags else ""
        self.ui.detailLabel.setText(
            f"<b>{html.escape(chosen.name)}</b> (#{chosen.id}) joins "
            f"<b>{html.escape(self.keep.name)}</b>: {html.escape(reaches(chosen, 6, self.region))}"
            f"{html.escape(tags)}")

    def accept_choice(self) -> None:
        if self.chosen is not None:
            self.accept()


# The controller

class MergeController(QObject):
    """Signals: changed() after a merge, split or undo; undo_changed() when the stack moves."""

    changed = Signal()
    undo_changed = Signal()

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.undo_stack: list[UndoEntry] = []

    def _run(self, work, done, what: str) -> None:
        def failed(error: Exception) -> None:
            if not isinstance(error, StoreError):
                self.window.jobs.failed.emit(error, "")
                return
            self.window.show_problem(f"{what}: {error}")
            self.changed.emit()

        self.window.jobs.run(work, done, failed)

    def remember(self, entry: UndoEntry) -> None:
        """On the undo list: Ctrl+Z (Edit → Undo) takes it back."""
        self.undo_stack.append(entry)
        self.undo_changed.emit()

    def _push(self, entry: UndoEntry) -> None:
        self.remember(entry)
        self.window.show_status(f"{entry.description}. Ctrl+Z undoes it.")
        self.changed.emit()

    # Conversations

    def merge_conversations(self, keep: int, other: int) -> None:
        staff = self.window.staff
        self._run(lambda store: store.merge_conversations(keep, other, staff=staff),
                  lambda event_id: self._merged_conversations(event_id, keep, other),
                  "Not merged")

    def _merged_conversations(self, event_id: int, keep: int, other: int) -> None:
        self._push(UndoEntry("conversations", event_id, keep, other,
                             f"Merged #{other} into #{keep}"))
        self.window.open_conversation(keep)

    def prompt_merge_conversations(self) -> None:
        ids = self.window.bulk.selected_ids()
        if len(ids) != 2:
            self.window.show_problem("Select the two conversations to merge (Ctrl+click the"
                                     " second one), then press M.")
            return
        first, second = ids

        def read(store: Store) -> tuple[Conversation, Conversation]:
            return store.get_conversation(first), store.get_conversation(second)

        self.window.jobs.run(read, self._ask_merge_conversations)

    def _ask_merge_conversations(self, pair: tuple[Conversation, Conversation]) -> None:
        dialog = MergeConversationsDialog(*pair, parent=self.window)
        self.window.last_dialog = dialog
        if dialog.exec():
            self.merge_conversations(dialog.keep, dialog.other)

    # Customers

    def merge_customers(self, keep: int, other: int, other_name: str = "") -> None:
        staff = self.window.staff
        self._run(lambda store: store.merge_customers(keep, other, staff=staff),
                  lambda event_id: self._push(UndoEntry(
                      "customers", event_id, keep, other,
                      f"Merged customer {other_name or '#' + str(other)} into #{keep}")),
                  "Not merged")

    def prompt_merge_customer(self) -> None:
        conversation = self.window.current_conversation()
        if conversation is None or conversation.customer_id is None:
            self.window.show_problem("This conversation has no customer to merge.")
            return
        customer_id = conversation.customer_id
        self.window.jobs.run(lambda store: store.get_customer(customer_id),
                             self._ask_merge_customer)

    def _ask_merge_customer(self, keep: Customer) -> None:
        dialog = CustomerMergeDialog(self.window.jobs, keep, self.window,
                                     self.window.customer.phone_region)
        self.window.last_dialog = dialog
        if dialog.exec() and dialog.chosen is not None:
            self.merge_customers(keep.id, dialog.chosen.id, dialog.chosen.name)

    def split_identity(self, identity_id: int, shown: str) -> None:
        staff = self.window.staff

        def split(store: Store) -> tuple[int, int]:
            new = store.split_identity(identity_id, staff=staff)
            event = next(e for e in reversed(store.customer_history(new))
                         if e["action"] == "customer.split")
            return event["customer_id"], new

        self._run(split, lambda pair: self._push(UndoEntry(
            "split", pair[1], pair[0], pair[1], f"Split {shown} off as customer #{pair[1]}")),
            "Not split")

    def confirm_split(self, identity_id: int, shown: str) -> None:
        answer = QMessageBox.question(
            self.window, "Split identity",
            f"Make {shown} a customer of its own? Its messages (and conversations that came"
            " only through it) go along; Ctrl+Z undoes it.")
        if answer == QMessageBox.StandardButton.Yes:
            self.split_identity(identity_id, shown)

    # Undo

    def undo_last(self) -> None:
        if not self.undo_stack:
            self.window.show_status("Nothing to undo: merges and actions on a selection made in"
                                    " this window can be undone"
                                    " until it closes.")
            return
        self.undo(self.undo_stack[-1])

    def undo(self, entry: UndoEntry) -> None:
        """Takes the change back; one that can no longer be (undone already, or what it
        moved has gone on since, here or on another computer) leaves the undo list, so
        Ctrl+Z goes on to the one before instead of failing on it again and again."""
        staff = self.window.staff

        def forget() -> None:
            if entry in self.undo_stack:
                self.undo_stack.remove(entry)
            self.undo_changed.emit()

        def done(result: object) -> None:
            forget()
            _put_back, left = result if isinstance(result, tuple) else (0, 0)
            self.window.show_status(
                f"Undone: {entry.description}." if not left else
                f"Undone: {entry.description}, except {left:,} changed since (left as"
                f" {'it is' if left == 1 else 'they are'}).")
            self.changed.emit()

        def failed(error: Exception) -> None:
            if isinstance(error, (UndoNotPossible, NotFound)):
                forget()
            elif not isinstance(error, StoreError):
                self.window.jobs.failed.emit(error, "")
                return
            self.window.show_problem(f"Not undone: {error}")
            self.changed.emit()

        self.window.jobs.run(lambda store: undo_in_store(store, entry, staff), done, failed)

    def show_history(self) -> None:
        conversation_id = self.window.current_id()
        if conversation_id is None:
            return
        dialog = HistoryDialog(self.window.jobs, conversation_id, self.undo_stack, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.undo_requested.connect(self.undo)
        self.changed.connect(dialog.reload)
        self.window.last_dialog = dialog
        dialog.show()
