"""What staff do to a conversation, from any button, menu, right-click or key.

Each action runs one store call in a job with `staff=` the current person, then
tells the window which conversation changed so it refreshes what shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from inbox_app.core.timeutil import relative
from inbox_app.gui.dialogs import AssignDialog, SnoozeDialog, snooze_presets
from inbox_app.store import Store, StoreError

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow


class ConversationActions(QObject):
    """Signals: changed(conversation_id) after a stored change; problem(message) when the
    store refused one (one plain sentence for the status bar)."""

    changed = Signal(int)
    problem = Signal(str)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    @property
    def staff(self) -> str | None:
        return self.window.staff

    def _run(self, conversation_id: int, work: Callable[[Store], object], done: str) -> None:
        def finished(_result: object) -> None:
            self.window.show_status(done)
            self.changed.emit(conversation_id)

        def failed(error: Exception) -> None:
            if isinstance(error, StoreError):
                self.problem.emit(str(error))
                self.changed.emit(conversation_id)
            else:
                self.window.jobs.failed.emit(error, "")

        self.window.jobs.run(work, finished, failed)

    # Direct actions (tests and prompts call these)

    def assign(self, conversation_id: int, assignee: str | None, due_at: int | None) -> None:
        staff = self.staff
        what = f"Assigned to {assignee}" if assignee else "Unassigned"
        if assignee and due_at:
            what += f", follow up {relative(due_at)}"
        self._run(conversation_id,
                  lambda store: store.assign(conversation_id, assignee, due_at=due_at,
                                             staff=staff), what + ".")

    def close(self, conversation_id: int) -> None:
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.close_conversation(conversation_id, staff=staff),
                  f"Closed #{conversation_id}.")

    def reopen(self, conversation_id: int) -> None:
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.reopen_conversation(conversation_id, staff=staff),
                  f"Reopened #{conversation_id}.")

    def snooze(self, conversation_id: int, until: int) -> None:
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.snooze(conversation_id, until, staff=staff),
                  f"Snoozed #{conversation_id} until {relative(until)}.")

    def mark_unread(self, conversation_id: int) -> None:
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.mark_read(conversation_id, False, staff=staff),
                  "Marked unread.")

    def label(self, conversation_id: int, label: str) -> None:
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.label(conversation_id, label, staff=staff),
                  f"Labelled {label}.")

    def note(self, conversation_id: int, text: str) -> None:
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.add_note(text, conversation_id=conversation_id,
                                               staff=staff), "Note added.")

    def tag_customer(self, conversation_id: int, customer_id: int, tag: str) -> None:
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.tag_customer(customer_id, tag, staff=staff),
                  f"Tagged {tag}.")

    # Prompts (dialogs) for the current conversation

    def prompt_assign(self) -> None:
        conversation = self.window.current_conversation()
        if conversation is None:
            return
        dialog = AssignDialog(self.window.staff_names, conversation.assignee, self.staff,
                              conversation.due_at, self.window)
        if dialog.exec():
            self.assign(conversation.id, dialog.assignee, dialog.due_at)

    def prompt_snooze(self) -> None:
        conversation_id = self.window.current_id()
        if conversation_id is None:
            return
        dialog = SnoozeDialog(self.window)
        if dialog.exec():
            self.snooze(conversation_id, dialog.until)

    def snooze_preset_actions(self) -> list[QAction]:
        """The snooze button's menu: presets, then a date of your choice."""
        made = []
        for label, until in snooze_presets():
            action = QAction(f"{label}  ·  {relative(until)}", self)
            action.triggered.connect(lambda _c=False, u=until: self._snooze_current(u))
            made.append(action)
        pick = QAction("Pick a date…", self)
        pick.triggered.connect(self.prompt_snooze)
        made.append(pick)
        return made

    def _snooze_current(self, until: int) -> None:
        conversation_id = self.window.current_id()
        if conversation_id is not None:
            self.snooze(conversation_id, until)

    def prompt_label(self) -> None:
        conversation = self.window.current_conversation()
        if conversation is None:
            return
        label, ok = QInputDialog.getItem(
            self.window, "Label conversation", "Label (new or existing):",
            self.window.known_tags, 0, True)
        if ok and label.strip():
            self.label(conversation.id, label.strip())

    def prompt_note(self) -> None:
        self.window.conversation.composer.set_note_mode(True)
        self.window.conversation.composer.focus()

    def prompt_tag(self) -> None:
        conversation = self.window.current_conversation()
        if conversation is None or conversation.customer_id is None:
            self.problem.emit("This conversation has no customer to tag.")
            return
        tag, ok = QInputDialog.getItem(
            self.window, "Tag customer", f"Tag {conversation.customer_name} as:",
            self.window.known_tags, 0, True)
        if ok and tag.strip():
            self.tag_customer(conversation.id, conversation.customer_id, tag.strip())
