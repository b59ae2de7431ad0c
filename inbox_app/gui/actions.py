"""What staff do to a conversation, from any button, menu, right-click or key.

Each action runs one store call in a job with `staff=` the current person, then
tells the window which conversation changed so it refreshes what shows it.

Every change passes the version of the conversation the window last read, so a
colleague's change made in the meantime is never overwritten: the store refuses
(StaleEdit), the window says who changed it and how, and shows the new state.
Taking a conversation for yourself — "Take next", or assigning one nobody has
to yourself — is a claim, so two computers can never both take the same one.

With several conversations selected the conversation pane is the bulk panel: a key
that acts on one conversation must not act, unseen, on the one that happens to be
current. Shift+E reopens the whole selection (gui/bulk.py); the rest say to select one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from inbox_app.core.models import Conversation
from inbox_app.core.timeutil import relative, until_in_words
from inbox_app.core.watch import shown_label
from inbox_app.gui.conversation_labels import ask_label_to_remove
from inbox_app.gui.dialogs import AssignDialog, SnoozeDialog, ask_for_name, snooze_presets
from inbox_app.store import Change, StaleEdit, Store, StoreError

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow


def refusal(error: StoreError) -> str:
    """The status bar's sentence for a refused change: a stale edit says who changed the
    conversation and what they did, as the window is about to show it."""
    if not isinstance(error, StaleEdit) or error.change is None:
        return str(error)
    shown = "theirs" if error.by else "the conversation as it is"
    return f"This conversation {error.change} — your change was not made; it now shows {shown}."


class ConversationActions(QObject):
    """Signals: changed(conversation_id) after a stored change; problem(message) when the
    store refused one (one plain sentence for the status bar; the window then shows what
    the store holds now); taken(Conversation) when "Take next" got one."""

    changed = Signal(int)
    problem = Signal(str)
    taken = Signal(object)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.taking = False
        # Versions this window's own changes produced, newer than what it has read back.
        self.own_versions: dict[int, int] = {}
        # One action at a time per conversation: the next builds on the version the
        # previous one made (two quick keys must not refuse each other as stale).
        self._busy: set[int] = set()
        self._waiting: dict[int, list[Callable[[], None]]] = {}

    @property
    def staff(self) -> str | None:
        return self.window.staff

    def _run(self, conversation_id: int, work: Callable[[Store], object],
             done: str | tuple[str, str]) -> None:
        self._queue(conversation_id, lambda: work, done)

    def _queue(self, conversation_id: int, prepare: Callable[[], Callable[[Store], object]],
               done: str | tuple[str, str]) -> None:
        """Runs `prepare()`'s work once this conversation's previous action here is done,
        then reads back the conversation's version: the next action builds on this
        window's own change without waiting for the refresh. `done` is what the status bar
        says, or (changed, unchanged) for work that returns False when it had nothing to
        do (closing one closed already)."""
        if conversation_id in self._busy:
            self._waiting.setdefault(conversation_id, []).append(
                lambda: self._queue(conversation_id, prepare, done))
            return
        self._busy.add(conversation_id)
        work = prepare()
        before = self.window.read_version(conversation_id)

        def versioned(store: Store) -> tuple[Conversation, object]:
            outcome = work(store)
            return store.get_conversation(conversation_id), outcome

        def finished(answer: tuple[Conversation, object]) -> None:
            result, outcome = answer
            if result.version != before:
                # It wrote (a label already there writes nothing): its echo is coming.
                self.window.own_changes.expect(Change("conversations", conversation_id))
            self.own_versions[conversation_id] = result.version
            self.window.show_status(done if isinstance(done, str)
                                    else done[1] if outcome is False else done[0])
            self.changed.emit(conversation_id)
            self._next(conversation_id)

        def failed(error: Exception) -> None:
            self.own_versions.pop(conversation_id, None)
            self._next(conversation_id)
            if isinstance(error, StoreError):
                # Refused: someone else changed it. Show their change; the conversation
                # stays on screen even if it no longer belongs in this view.
                self.problem.emit(refusal(error))
                self.window.refresh_all(keep_current=True)
            else:
                self.window.jobs.failed.emit(error, "")

        self.window.jobs.run(versioned, finished, failed)

    def _next(self, conversation_id: int) -> None:
        self._busy.discard(conversation_id)
        waiting = self._waiting.get(conversation_id)
        if waiting:
            waiting.pop(0)()
            if not waiting:
                self._waiting.pop(conversation_id, None)

    def _change(self, conversation_id: int, change: Callable[[Store, int | None], object],
                done: str | tuple[str, str]) -> None:
        """A change made on the version last read when its turn comes."""

        def prepare() -> Callable[[Store], object]:
            version = self.window.read_version(conversation_id)
            return lambda store: change(store, version)

        self._queue(conversation_id, prepare, done)

    # Taking conversations

    def take_next(self) -> None:
        """Claims the top conversation nobody has (race-free across computers)."""
        staff = self.staff
        if not staff:
            self.problem.emit("Choose who you are first (the staff button in the toolbar),"
                              " then take the next conversation.")
            return
        if self.taking:
            return
        self.taking = True

        def finished(conversation: Conversation) -> None:
            self.taking = False
            self.window.own_changes.expect(Change("conversations", conversation.id))
            self.own_versions[conversation.id] = conversation.version
            name = conversation.customer_name
            # "Olu M." ends its own sentence.
            self.window.show_status(f"You took #{conversation.id}, {name}"
                                    + ("" if name.endswith(".") else "."))
            self.taken.emit(conversation)

        def failed(error: Exception) -> None:
            self.taking = False
            if isinstance(error, StoreError):
                self.problem.emit(str(error))  # "Nothing is left to take…", one sentence
                self.window.refresh_all(keep_current=True)
            else:
                self.window.jobs.failed.emit(error, "")

        self.window.jobs.run(lambda store: store.claim_next(staff), finished, failed)

    # Direct actions (tests and prompts call these)

    def assign(self, conversation_id: int, assignee: str | None, due_at: int | None) -> None:
        """Assigning one that nobody had to yourself claims it; anything else is an
        assignment made on the version last read."""
        staff = self.staff
        what = f"Assigned to {assignee}" if assignee else "Unassigned"
        if assignee and due_at:
            what += f", follow up {relative(due_at)}"
        if assignee is not None and assignee == staff:
            what = f"You took #{conversation_id}" + (f", follow up {relative(due_at)}"
                                                     if due_at else "")

        def claim(store: Store) -> None:
            taken = store.claim(conversation_id, staff)
            if due_at is not None:
                store.set_due(conversation_id, due_at, staff=staff,
                              expected_version=taken.version)

        def prepare() -> Callable[[Store], object]:
            seen = self.window.read_state(conversation_id)
            if (assignee is not None and assignee == staff and seen is not None
                    and seen[0] is None and seen[1] in ("open", "snoozed")):
                return claim
            version = self.window.read_version(conversation_id)
            return lambda store: store.assign(conversation_id, assignee, due_at=due_at,
                                              staff=staff, expected_version=version)

        self._queue(conversation_id, prepare, what + ".")

    def close(self, conversation_id: int) -> None:
        staff = self.staff
        self._change(conversation_id,
                     lambda store, version: store.close_conversation(
                         conversation_id, staff=staff, expected_version=version),
                     (f"Closed #{conversation_id}.", f"#{conversation_id} was closed already."))

    def several_selected(self, doing: str) -> bool:
        """True (and says so) when several are selected: `doing` is for one at a time."""
        if not self.window.bulk.active:
            return False
        self.problem.emit(f"Select one conversation to {doing}; "
                          f"{len(self.window.bulk.selected_rows()):,} are selected.")
        return True

    def reopen(self, conversation_id: int) -> None:
        if self.window.bulk.active:
            self.window.bulk.reopen()
            return
        staff = self.staff
        self._change(conversation_id,
                     lambda store, version: store.reopen_conversation(
                         conversation_id, staff=staff, expected_version=version),
                     (f"Reopened #{conversation_id}.", f"#{conversation_id} was open already."))

    def snooze(self, conversation_id: int, until: int) -> None:
        staff = self.staff
        self._change(conversation_id,
                     lambda store, version: store.snooze(
                         conversation_id, until, staff=staff, expected_version=version),
                     f"Snoozed #{conversation_id} until {until_in_words(until)}.")

    def mark_unread(self, conversation_id: int) -> None:
        if self.several_selected("mark it unread"):
            return
        staff = self.staff
        self._run(conversation_id,
                  lambda store: store.mark_read(conversation_id, False, staff=staff),
                  "Marked unread.")

    def label(self, conversation_id: int, label: str) -> None:
        """A label it has already, in any case, is said so, with the way to take it off
        (it said "Labelled" and changed nothing)."""
        staff = self.staff
        shown = shown_label(self._as_spelled(conversation_id, label.strip()))

        def work(store: Store) -> bool:
            had = store.get_conversation(conversation_id).labels
            return store.label(conversation_id, label, staff=staff) not in had

        self._run(conversation_id, work,
                  (f"Labelled {shown}.",
                   f"#{conversation_id} has the label {shown} already; its × in the header"
                   " (or Conversation → Remove label…) takes it off."))

    def _as_spelled(self, conversation_id: int, label: str) -> str:
        """`label` as the conversation on screen spells it, when it has it ("Refund")."""
        seen = self.window.current_conversation()
        held = seen.labels if seen is not None and seen.id == conversation_id else ()
        return next((have for have in held if have.casefold() == label.casefold()), label)

    def unlabel(self, conversation_id: int, label: str) -> None:
        """Takes the label off in whatever case the conversation has it; rules leave it off
        from now on (a person judged it wrong here)."""
        staff = self.staff
        shown = shown_label(label)
        self._run(conversation_id,
                  lambda store: store.unlabel(conversation_id, label, staff=staff) is not None,
                  (f"Removed the label {shown} from #{conversation_id}.",
                   f"#{conversation_id} has no label {shown} now."))

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
            action = QAction(f"{label}  ·  {until_in_words(until)}", self)
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
        label = ask_for_name(self.window, "Label conversation", "Label (new or existing):",
                             self.window.conversation_labels)
        if label:
            self.label(conversation.id, label)

    def prompt_unlabel(self) -> None:
        """Asks which of the open conversation's labels to take off (its chips do it too)."""
        conversation = self.window.current_conversation()
        if conversation is None:
            return
        if not conversation.labels:
            self.problem.emit(f"#{conversation.id} has no labels to remove.")
            return
        label = ask_label_to_remove(self.window, "Remove label",
                                    f"Remove from #{conversation.id} the label:",
                                    conversation.labels)
        if label:
            self.unlabel(conversation.id, label)

    def prompt_note(self) -> None:
        if self.several_selected("add a note to it"):
            return
        self.window.conversation.composer.set_note_mode(True)
        self.window.conversation.composer.focus()

    def prompt_tag(self) -> None:
        conversation = self.window.current_conversation()
        if conversation is None or conversation.customer_id is None:
            self.problem.emit("This conversation has no customer to tag.")
            return
        tag = ask_for_name(self.window, "Tag customer", f"Tag {conversation.customer_name} as:",
                           self.window.customer_tags)
        if tag:
            self.tag_customer(conversation.id, conversation.customer_id, tag)
