"""Bulk actions on a multi-selection of the queue: assign, tag, label (or take a label
off), snooze, close.

Select with Shift/Ctrl+click or Ctrl+A; the conversation pane turns into a panel
for the selection. "Select all N in this view" reaches past the loaded page: the
ids are then read from the store inside the same job. Each action is one store
call (one transaction) in a pool thread, so 500 conversations close while the
window keeps painting.

"Select all N in this view" holds while the view refreshes under it (a colleague closes
one, a poll brings new ones): the rows a refresh removes or adds are the view's, not the
person's choice, and the action takes what the view holds when it runs. Shift+E reopens
the selection, the way back from closing or snoozing the wrong ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from inbox_app.core.text import plural
from inbox_app.core.timeutil import relative, until_in_words
from inbox_app.core.watch import shown_label
from inbox_app.gui import icons
from inbox_app.gui.conversation_labels import ask_label_to_remove
from inbox_app.gui.dialogs import AssignDialog, SnoozeDialog, ask_for_name
from inbox_app.gui.forms.ui_bulk_panel import Ui_BulkPanel
from inbox_app.gui.merging import UndoEntry
from inbox_app.gui.models.queue_model import QueueRole
from inbox_app.store import QueueQuery, StaleEdit, Store, StoreError
from inbox_app.store.bulk import BulkUndo

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow


@dataclass(frozen=True)
class Selection:
    """Explicit ids, or a whole queue view (`query`) whose ids the job reads itself."""

    ids: tuple[int, ...] = ()
    query: QueueQuery | None = None
    count: int = 0
    versions: tuple[tuple[int, int], ...] = ()  # (id, version) as the rows showed them

    def seen_versions(self) -> dict[int, int] | None:
        """What the person saw, for refusing changes made since; a whole view is chosen by
        what it holds when the action runs, so it has none."""
        return dict(self.versions) if self.query is None else None

    def resolve(self, store: Store) -> list[int]:
        if self.query is not None:
            return store.queue_ids(self.query)
        return list(self.ids)


class BulkPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bulkPanel")
        self.ui = Ui_BulkPanel()
        self.ui.setupUi(self)
        self.ui.busyBar.hide()
        self.ui.rootLayout.setAlignment(self.ui.buttonGrid, Qt.AlignmentFlag.AlignHCenter)
        for button, name in ((self.ui.assignButton, "assign"), (self.ui.tagButton, "tag"),
                             (self.ui.labelButton, "label"), (self.ui.snoozeButton, "snooze"),
                             (self.ui.closeButton, "close"), (self.ui.unlabelButton, "x"),
                             (self.ui.mergeButton, "merge")):
            button.setIcon(icons.icon(name))
            button.setMinimumWidth(160)


class BulkController(QObject):
    """Signals: changed() after a bulk action was stored; problem(message)."""

    changed = Signal()
    problem = Signal(str)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.whole_view = False
        self.running = False
        self._refreshing = False  # the queue is applying a refresh: rows come and go
        self._keys_for_selection = False  # Close and Reopen shown for a selection
        self.panel = BulkPanel(window.ui.conversationHost)
        window.ui.conversationHostLayout.addWidget(self.panel)
        self.panel.hide()
        ui = self.panel.ui
        ui.assignButton.clicked.connect(self.prompt_assign)
        ui.tagButton.clicked.connect(self.prompt_tag)
        ui.labelButton.clicked.connect(self.prompt_label)
        ui.unlabelButton.clicked.connect(self.prompt_unlabel)
        ui.snoozeButton.clicked.connect(self.prompt_snooze)
        ui.closeButton.clicked.connect(self.close)
        ui.mergeButton.clicked.connect(lambda: window.merging.prompt_merge_conversations())
        ui.scopeLabel.linkActivated.connect(self._on_link)
        view = window.ui.queueView
        view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        window.queue_model.modelReset.connect(self._on_reset)
        window.queue_model.refreshing.connect(self._on_refreshing)
        window.queue_model.refreshed.connect(self._on_refreshed)
        window.conversation.loaded.connect(lambda _snapshot: self._match_actions())

    # What is selected

    @property
    def view(self):
        return self.window.ui.queueView

    def selected_rows(self) -> list[int]:
        """Rows with anything selected (a list view selects one column of the table model)."""
        return sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})

    def selected_ids(self) -> list[int]:
        return [self.window.queue_model.index(row, 0).data(QueueRole.CONVERSATION_ID)
                for row in self.selected_rows()]

    @property
    def active(self) -> bool:
        """True when the actions apply to a selection of several conversations."""
        return len(self.selected_rows()) > 1

    def selection(self) -> Selection:
        if self.whole_view:
            return Selection(query=self.window.queue_model.query.page(0, 0),
                             count=self.window.queue_model.total)
        model = self.window.queue_model
        rows = [model.conversation_at(row) for row in self.selected_rows()]
        rows = [row for row in rows if row is not None]
        return Selection(ids=tuple(row.conversation_id for row in rows), count=len(rows),
                         versions=tuple((row.conversation_id, row.version) for row in rows))

    def select_all(self) -> None:
        self.view.setFocus()
        self.view.selectAll()

    def select_whole_view(self) -> None:
        self.select_all()
        self.whole_view = True
        self._refresh_panel()

    def _on_link(self, link: str) -> None:
        if link == "all":
            self.select_whole_view()
        elif link == "clear":
            self.view.clearSelection()

    def _selection_changed(self) -> None:
        if self._refreshing and self.whole_view:
            return  # rows leaving the view, not the person choosing: see _on_refreshed
        self.whole_view = False
        self._refresh_panel()

    def _on_reset(self) -> None:
        """A new view (or search): what was selected in the last one is gone."""
        self._refreshing = False
        self._selection_changed()

    def _on_refreshing(self) -> None:
        self._refreshing = True

    def _on_refreshed(self) -> None:
        """The whole view stays selected, new rows included, and the count follows it."""
        if self.whole_view:
            if self.window.queue_model.rowCount():
                self.view.selectAll()
            else:
                self.whole_view = False
        self._refreshing = False
        self._refresh_panel()

    def _match_actions(self) -> None:
        """E and Shift+E act on the selection whatever the current conversation's state: the
        conversation pane hides Close for a closed one (and Reopen for an open one), which
        turns its key off, so E did nothing when Shift+Down had ended on a closed one. Back
        to one conversation, they follow its state again."""
        close, reopen = self.window.ui.actionClose, self.window.ui.actionReopen
        if self.active:
            self._keys_for_selection = True
            close.setVisible(True)
            reopen.setVisible(True)
            return
        if not self._keys_for_selection:
            return
        self._keys_for_selection = False
        row = self.window.queue_model.conversation_at(self.view.currentIndex().row()) \
            if self.view.currentIndex().isValid() else None
        if row is not None:
            close.setVisible(row.status != "closed")
            reopen.setVisible(row.status != "open")

    def _refresh_panel(self) -> None:
        several = self.active
        window = self.window
        self.panel.setVisible(several)
        window.conversation.setVisible(not several)
        self._match_actions()
        if not several:
            return
        ui = self.panel.ui
        selection = self.selection()
        model = window.queue_model
        ui.countTitle.setText(f"{plural(selection.count, 'conversation')} selected")
        shown = model.rowCount()
        if self.whole_view:
            scope = (f"All {plural(model.total, 'conversation')} in this view are selected."
                     " <a href='clear'>Clear the selection</a>")
        elif len(self.selected_ids()) == shown and model.total > shown:
            scope = (f"The {shown:,} loaded so far are selected. "
                     f"<a href='all'>Select all {model.total:,} in this view</a>")
        else:
            scope = "Shift+click or Ctrl+click to change the selection. <a href='clear'>Clear</a>"
        ui.scopeLabel.setText(scope)
        ui.mergeButton.setVisible(selection.count == 2 and not self.whole_view)
        self._set_busy(self.running, ui.statusLabel.text() if self.running else "")

    def _set_busy(self, busy: bool, text: str = "") -> None:
        ui = self.panel.ui
        ui.busyBar.setVisible(busy)
        ui.statusLabel.setText(text)
        for button in (ui.assignButton, ui.tagButton, ui.labelButton, ui.unlabelButton,
                       ui.snoozeButton, ui.closeButton, ui.mergeButton):
            button.setEnabled(not busy)

    # Running an action

    def run(self, work: Callable[[Store, list[int], dict[int, int] | None, list[BulkUndo]],
                                 int], doing: str, done: Callable[[int], str]) -> None:
        """Runs `work(store, ids, versions seen, undo)` in one job; `done(count)` is the
        status line after. What `work` records in `undo` goes on the window's undo list."""
        if self.running:
            return
        selection = self.selection()
        self.running = True
        self._set_busy(True, f"{doing} {plural(selection.count, 'conversation')}…")
        undo: list[BulkUndo] = []

        def job(store: Store) -> int:
            return work(store, selection.resolve(store), selection.seen_versions(), undo)

        def finished(count: int) -> None:
            message = done(count)
            if self._remember(undo, count, message):
                message += " Ctrl+Z undoes it."
            self._finished(message)

        def failed(error: Exception) -> None:
            if isinstance(error, StaleEdit) and undo:  # the rest were changed: undoable
                count = len(undo[0].states)
                self._remember(undo, count, done(count))
            self._failed(error)

        self.window.jobs.run(job, finished, failed)

    def _remember(self, undo: list[BulkUndo], count: int, description: str) -> bool:
        if not undo or not count:
            return False
        self.window.merging.remember(
            UndoEntry("bulk", 0, 0, 0, description.rstrip("."), bulk=undo[0]))
        return True

    def _finished(self, message: str) -> None:
        self.running = False
        self._set_busy(False)
        self.window.show_status(message)
        self.view.clearSelection()
        self.changed.emit()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self._set_busy(False)
        if not isinstance(error, StoreError):
            self.window.jobs.failed.emit(error, "")
            return
        if isinstance(error, StaleEdit):  # the others were changed: show them as they are now
            self.window.show_status(str(error))
            self.view.clearSelection()
            self.changed.emit()
            self.problem.emit(str(error))
            return
        self.panel.ui.statusLabel.setText(str(error))
        self.problem.emit(str(error))

    # The actions (prompts call these; tests too)

    def assign(self, assignee: str | None, due_at: int | None) -> None:
        staff = self.window.staff
        what = f"Assigned to {assignee}" if assignee else "Unassigned"
        if assignee and due_at:
            what += f", follow up {relative(due_at)}"
        self.run(lambda store, ids, seen, undo: store.bulk_assign(
                     ids, assignee, due_at=due_at, staff=staff, versions=seen, undo=undo),
                 "Assigning", lambda n: f"{what}: {plural(n, 'conversation')}.")

    def close(self) -> None:
        staff = self.window.staff
        self.run(lambda store, ids, seen, undo: store.bulk_close(
                     ids, staff=staff, versions=seen, undo=undo),
                 "Closing",
                 lambda n: f"Closed {plural(n, 'conversation')}.")

    def reopen(self) -> None:
        staff = self.window.staff
        self.run(lambda store, ids, seen, undo: store.bulk_reopen(
                     ids, staff=staff, versions=seen, undo=undo),
                 "Reopening",
                 lambda n: f"Reopened {plural(n, 'conversation')}.")

    def snooze(self, until: int) -> None:
        staff = self.window.staff
        self.run(lambda store, ids, seen, undo: store.bulk_snooze(
                     ids, until, staff=staff, versions=seen, undo=undo), "Snoozing",
                 lambda n: f"Snoozed {plural(n, 'conversation')} until {until_in_words(until)}.")

    def label(self, label: str) -> None:
        staff = self.window.staff
        self.run(lambda store, ids, _seen, undo: store.bulk_label(
                     ids, label, staff=staff, undo=undo),
                 "Labelling",
                 lambda n: f"Labelled {plural(n, 'conversation')} {label}.")

    def unlabel(self, label: str) -> None:
        """Takes the label off those selected that have it, in whatever case each has it."""
        staff = self.window.staff
        shown = shown_label(label)
        self.run(lambda store, ids, _seen, undo: store.bulk_unlabel(
                     ids, label, staff=staff, undo=undo),
                 "Removing the label from",
                 lambda n: f"Removed the label {shown} from {plural(n, 'conversation')}."
                 if n else f"None of them had the label {shown}.")

    def tag(self, tag: str) -> None:
        staff = self.window.staff
        self.run(lambda store, ids, _seen, undo: store.bulk_tag(
                     ids, tag, staff=staff, undo=undo), "Tagging",
                 lambda n: f"Tagged {plural(n, 'customer')} {tag}.")

    def prompt_assign(self) -> None:
        window = self.window
        dialog = AssignDialog(window.staff_names, None, window.staff, None, window)
        dialog.setWindowTitle(f"Assign {plural(self.selection().count, 'conversation')}")
        if dialog.exec():
            self.assign(dialog.assignee, dialog.due_at)

    def prompt_snooze(self) -> None:
        dialog = SnoozeDialog(self.window)
        dialog.setWindowTitle(f"Snooze {plural(self.selection().count, 'conversation')}")
        if dialog.exec():
            self.snooze(dialog.until)

    def prompt_label(self) -> None:
        label = ask_for_name(self.window, "Label conversations",
                             f"Label for {plural(self.selection().count, 'conversation')}:",
                             self.window.conversation_labels)
        if label:
            self.label(label)

    def prompt_unlabel(self) -> None:
        """Reads which labels the selection has between them (a whole view's too), then
        asks which one to take off."""
        if self.running:
            return
        selection = self.selection()

        def asked(labels: list[str]) -> None:
            if not self.active or self.running or self.selection() != selection:
                return  # the selection changed while its labels were read
            if not labels:
                self.problem.emit(
                    f"None of the {plural(selection.count, 'selected conversation')} has a"
                    " label to remove.")
                return
            label = ask_label_to_remove(
                self.window, "Remove label",
                f"Remove from {plural(selection.count, 'conversation')} the label:", labels)
            if label:
                self.unlabel(label)

        self.window.jobs.run(lambda store: store.labels_among(selection.resolve(store)), asked,
                             self._failed_to_read)

    def _failed_to_read(self, error: Exception) -> None:
        if isinstance(error, StoreError):
            self.problem.emit(str(error))
        else:
            self.window.jobs.failed.emit(error, "")

    def prompt_tag(self) -> None:
        tag = ask_for_name(
            self.window, "Tag customers",
            f"Tag the customers of {plural(self.selection().count, 'conversation')} as:",
            self.window.customer_tags)
        if tag:
            self.tag(tag)
