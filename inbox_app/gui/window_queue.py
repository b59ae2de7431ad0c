"""The queue side of the main window: the query the sidebar, search and order make, which
conversation is current as rows come and go (a closed one's neighbour, a colleague's change
leaving the reader where they are), and what the window last read of a conversation — the
version a change is made on.

A mixin of MainWindow (gui/main_window.py), which builds the widgets and models these
methods use (`ui`, `queue_model`, `conversation`, `customer`, `actions_`, `jobs`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from inbox_app.core.models import Conversation
from inbox_app.core.text import shortened
from inbox_app.gui.conversation_view import EMPTY_TEXT
from inbox_app.gui.loaders import ConversationSnapshot
from inbox_app.gui.models.queue_model import QueueRole
from inbox_app.store import Change, QueueQuery
from inbox_app.store.queue import NOBODY


def moved_among(before: list[int], after: list[int],
                conversation_id: int) -> tuple[int | None, int | None] | None:
    """When a refresh moved `conversation_id` to another place among the rows shown both
    before and after it (an answered conversation sorting lower, say), the ones that were
    just above and below it before, of those still shown; None when it kept its place among
    them (rows merely arriving or leaving around it) or is not shown any more."""
    after_set = set(after)
    if conversation_id not in after_set:
        return None
    kept = set(before) & after_set
    old = [item for item in before if item in kept]
    new = [item for item in after if item in kept]
    place, now_at = old.index(conversation_id), new.index(conversation_id)
    if set(old[:place]) == set(new[:now_at]):
        return None
    return (old[place - 1] if place > 0 else None,
            old[place + 1] if place + 1 < len(old) else None)


# Characters of a search the empty page quotes, and of a run without a space in it before
# the line may break (a pasted link or reference number).
QUOTED_SEARCH = 80
UNBROKEN_RUN = 24


def quoted_search(search: str) -> str:
    """A search as the empty page quotes it: one line of at most QUOTED_SEARCH characters
    that can wrap inside a long run. A pasted email or link ran off both sides of the
    pane, or made the sentence taller than the window."""
    shown = shortened(" ".join(search.split()), QUOTED_SEARCH)
    return re.sub(rf"\S{{{UNBROKEN_RUN}}}(?=\S)", lambda run: run.group(0) + "\u200b", shown)


def empty_view_text(view: str, search: str, *, everything: bool) -> tuple[str, str]:
    """What the conversation pane says when the view has no conversation (`view` its title,
    `search` what was searched for, `everything` whether it is the Everything view): why,
    and where else to look."""
    if search:
        search = quoted_search(search)
        if everything:
            return f"No conversations match “{search}”.", "Check the spelling, or try fewer words."
        return (f"No conversations match “{search}” in {view}.",
                "Everything, in the left bar, searches closed and snoozed conversations too.")
    if everything:
        return ("No conversations yet.",
                "Messages arrive here from the accounts you add (File → Accounts…).")
    return ("Nothing in this view.",
            "Everything, in the left bar, lists every conversation, closed ones too.")


def counted_conversations(count: int) -> str:
    """"1 conversation", "14 conversations"."""
    return f"{count:,} conversation{'' if count == 1 else 's'}"


def emptied_view_text(key: str, view: str, counts: dict[str, int], *,
                      gone: bool = False) -> tuple[str, str]:
    """What the conversation pane says when the view's last conversation left it (closed,
    snoozed, its label taken off) while the person was on it: that the view is done, and
    the next place with work in it (`counts` as the left bar has them). `gone`: nothing has
    the view's tag or label any more, and the left bar keeps it only until they leave."""
    still_open = counts.get("view:open", 0)
    if key == "view:open":
        return ("Nothing left open.",
                "Snoozed conversations come back here at their time; Everything, in the"
                " left bar, lists every conversation.")
    waiting = counts.get("view:unassigned", 0)
    if key == "view:mine" and waiting:
        where = (f"{counted_conversations(waiting)} in Unassigned wait{'s' if waiting == 1 else ''}"
                 f" for someone: N takes {'it' if waiting == 1 else 'the top one'}.")
    elif still_open:
        where = f"All open, in the left bar, has {counted_conversations(still_open)}."
    else:
        where = "Nothing is open anywhere: the queue is clear."
    if gone:
        where = ("No conversation or customer has this label or tag now; the left bar keeps"
                 f" it until you go elsewhere. {where}")
    return f"Nothing left in {view}.", where


# The views an empty page's hint may send the person to, as it names them.
HINT_PLACES = (("Unassigned", "view:unassigned"), ("All open", "view:open"),
               ("Everything", "view:all"))


def named_place(hint: str) -> tuple[str, str] | None:
    """The view `hint` sends the person to, as (its key, its name in the hint): the name
    becomes a link to it. Names are matched as the hints above write them ("in
    Unassigned", "All open, in the left bar")."""
    for name, key in HINT_PLACES:
        if re.search(rf"\b{re.escape(name)}\b", hint):
            return key, name
    return None


class WindowQueue:
    """The main window's queue and current conversation (see the module docstring)."""

    def build_query(self) -> QueueQuery:
        key, _, value = self.current_key.partition(":")
        query = QueueQuery(staff=self.staff, order="newest" if
                           self.ui.orderCombo.currentIndex() == 1 else "priority")
        if key == "view":
            query = replace(query, filter=value)
        elif key == "kind":
            query = replace(query, kind=value)
        elif key == "tag":
            query = replace(query, tag=value)
        elif key == "account":
            query = replace(query, account=value)
        if value in ("mine", "mentions") and not self.staff:
            query = replace(query, staff=NOBODY)  # nothing is yours until you say who you are
        search = self.ui.searchEdit.text().strip()
        return replace(query, search=search or None)

    def apply_query(self) -> None:
        self._search_timer.stop()
        self.queue_model.set_query(self.build_query())

    def _search_now(self) -> None:
        """Enter or Escape in the search box: the search runs now (not after the typing
        pause) and the keys go back to the queue. A search that did not change loads
        nothing again (unless the last read of it failed): reloading would make the top
        conversation current (and read) in place of the one the person was reading before
        pressing /."""
        self._search_if_changed()
        self.ui.queueView.setFocus()

    def _search_if_changed(self) -> None:
        """Runs the typed search unless it is the one shown (a letter typed and taken back
        within the typing pause, Enter or Escape after it ran): reloading it would make
        the top conversation current, and read, in place of the one being read."""
        self._search_timer.stop()
        model = self.queue_model
        wanted = replace(self.build_query(), offset=0, limit=model.query.limit)
        if wanted != model.query or model.failed:
            self.apply_query()

    def _on_queue_loaded(self, _total: int) -> None:
        self._update_count()
        self._moved_from = None
        self._view_emptied = False
        kept = self.sidebar_model.kept_key()
        if kept is not None and kept != self.queue_key:
            self.refresh_sidebar()  # the view kept at 0 for the person is left: it goes
        view = self.ui.queueView
        if self._pending_open is not None:
            self._open_pending()
        elif self.queue_model.rowCount():
            self._select_row(0)
            view.scrollToTop()
        else:
            self._show(None)
        if not self._ready:
            self._ready = True
            if not self.read_only:
                self.start_timed_work()
                self.offline.save_local_drafts()
            self._start_background_chores()
            if self.queue_model.rowCount() == 0:
                self.queue_ready.emit()

    def _before_refresh(self) -> None:
        view = self.ui.queueView
        current = view.currentIndex()
        self._order_seen = self.queue_model.ids() if current.isValid() else None
        self._current_in_sight = current.isValid() and view.viewport().rect().intersects(
            view.visualRect(current))
        self._rows_before_refresh = self.queue_model.rowCount()

    def _follow_moved_current(self) -> None:
        """The refresh re-sorted the current conversation to another place (answered, it
        sorts lower): it stays current, and the list follows it there if it was in sight;
        j and k go on from where it was (see `move`)."""
        before, self._order_seen = self._order_seen, None
        view = self.ui.queueView
        current = view.currentIndex()
        if before is None or not current.isValid():
            return
        conversation_id = current.data(QueueRole.CONVERSATION_ID)
        neighbours = moved_among(before, self.queue_model.ids(), conversation_id)
        if neighbours is None:
            return
        if self._moved_from is None or self._moved_from[0] != conversation_id:
            self._moved_from = (conversation_id, *neighbours)
        if self._current_in_sight:
            view.scrollTo(current)

    def _on_queue_refreshed(self) -> None:
        self._update_count()
        self._follow_moved_current()
        view = self.ui.queueView
        if self._pending_open is not None:
            self._open_pending()
            return
        if not self.queue_model.rowCount():
            self._on_view_empty()
            return
        self._view_emptied = False
        if view.currentIndex().isValid():
            return
        shown = self.conversation.conversation_id
        if shown is not None:
            # A conversation kept on screen after it left the view: select it if it is back.
            row = self.queue_model.row_of(shown)
            if row is not None:
                self._select_row(row)
            return
        self._select_row(min(self._last_row, self.queue_model.rowCount() - 1))

    def _on_view_empty(self) -> None:
        """A refresh left the view without a conversation. The last row's leaving made the
        pane empty while the row was still counted (it said "Select a conversation, or press
        J to start."): now it says why, unless it keeps showing the conversation that left
        (a colleague's change)."""
        if getattr(self, "_rows_before_refresh", 0):
            self._view_emptied = True
        self.say_why_empty()

    def say_why_empty(self) -> None:
        """Says again why the pane is empty, when it is for an empty view (the left bar's
        counts, named there, may have changed since)."""
        if (self.conversation.conversation_id is None and not self.queue_model.rowCount()
                and not self.queue_model.loading):
            self._show_why_empty()

    def _show_why_empty(self) -> None:
        text, hint = self._why_nothing_is_shown()
        self.conversation.show_nothing(text, hint, named_place(hint))

    def _open_pending(self) -> None:
        target, self._pending_open = self._pending_open, None
        if target is not None:
            self.open_conversation(target)

    def _clear_current_keeping_shown(self) -> None:
        """No row is current, but the conversation pane keeps what it shows (and the
        composer its text)."""
        self._keeping_shown = True
        try:
            self.ui.queueView.selectionModel().clearCurrentIndex()
        finally:
            self._keeping_shown = False

    def _before_rows_removed(self, first: int, last: int) -> None:
        """The conversation after a closed one becomes current (as in a single-selection list:
        a multi-selection list would otherwise jump to the one above). When the row leaves
        because of a change made elsewhere, the conversation stays on screen instead: the
        person reading or answering it is not moved on."""
        view = self.ui.queueView
        current = view.currentIndex()
        if not current.isValid() or not first <= current.row() <= last:
            return
        if self.queue_model.keeping_current:
            self._last_row = first
            self._clear_current_keeping_shown()
            return
        rows = self.queue_model.rowCount()
        target = last + 1 if last + 1 < rows else first - 1
        if target >= 0:
            view.selectionModel().setCurrentIndex(
                self.queue_model.index(target, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _update_count(self) -> None:
        """"N conversations matching …": the search the rows were read for, which is not
        the box's text while the person is still typing. Where the heading has no room for
        the sentence it shows the number (see widgets.HeadingFit)."""
        total = self.queue_model.total
        search = self.queue_model.query.search or ""
        text = f"{total:,} conversation{'s' if total != 1 else ''}"
        self.ui.countLabel.setText(f"{text} matching “{search}”" if search else text,
                                   f"{total:,}")
        self.heading.fit()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._keeping_shown:
            return
        if current.isValid():
            self._last_row = current.row()
            row = current.data(QueueRole.ROW)
            if self._moved_from is not None and self._moved_from[0] != row.conversation_id:
                self._moved_from = None
            self._show(row.conversation_id)
            if row.unread and not self.read_only:
                self.queue_model.update_row(row.conversation_id, unread=False)
                conversation_id = row.conversation_id
                echo = Change("conversations", conversation_id)
                self.own_changes.expect(echo)
                self.jobs.run(lambda store: store.mark_read(conversation_id), None,
                              lambda error: self._on_mark_read_failed(echo, error),
                              pool=self.jobs.writes)
            if self.current_key == "view:mentions" and self.staff and not self.read_only:
                self._see_mentions(row.conversation_id)
        else:
            self._moved_from = None
            self._show(None)

    def _see_mentions(self, conversation_id: int) -> None:
        """Opening a conversation from your Mentions view is seeing what asked you in
        there: it leaves the view's count (the conversation stays in the view)."""
        staff = self.staff
        self.jobs.run(lambda store: store.see_mentions(conversation_id, staff),
                      lambda seen: self.refresh_sidebar() if seen else None,
                      pool=self.jobs.writes)

    def _show(self, conversation_id: int | None) -> None:
        if conversation_id is None:
            self._show_why_empty()
            self.customer.show_customer(None)
        elif conversation_id != self.conversation.conversation_id:
            self.conversation.show_conversation(conversation_id)
        self._set_conversation_actions(conversation_id is not None)

    def _why_nothing_is_shown(self) -> tuple[str, str]:
        if self.queue_model.rowCount() or self.queue_model.loading:
            return EMPTY_TEXT, ""
        if self.queue_model.query.staff == NOBODY:
            return ("Nobody is chosen as you yet.",
                    "Choose who you are (the staff button in the toolbar) to see the"
                    " conversations that are yours.")
        search = self.queue_model.query.search or ""
        if getattr(self, "_view_emptied", False) and not search:
            model = self.sidebar_model
            counts = {key: model.entry(row).count or 0 for key in ("view:open", "view:unassigned")
                      if (row := model.row_of(key)) is not None}
            row = model.row_of(self.queue_key)
            gone = row is not None and model.entry(row).kept and self.queue_key.startswith("tag:")
            return emptied_view_text(self.queue_key, self.ui.viewTitle.text(), counts, gone=gone)
        # A store with no conversation at all: every view says where they come from (a
        # new shop back from the demo was sent to Everything, as empty).
        row = self.sidebar_model.row_of("view:all")
        none_at_all = row is not None and self.sidebar_model.entry(row).count == 0
        return empty_view_text(self.ui.viewTitle.text(), search,
                               everything=self.current_key == "view:all" or none_at_all)

    def _on_mark_read_failed(self, echo: Change, error: Exception) -> None:
        self.own_changes.forget(echo)
        self._on_job_failed(error, "")

    def _set_conversation_actions(self, enabled: bool) -> None:
        for action in self.conversation_actions:
            action.setEnabled(enabled and not self.read_only)

    def _on_conversation_loaded(self, snapshot: ConversationSnapshot) -> None:
        self.customer.known_tags = self.customer_tags
        self.customer.show_customer(snapshot.customer)
        if not self.ui.queueView.currentIndex().isValid() and not self._ready:
            return
        if self._ready and not getattr(self, "_announced", False):
            self._announced = True
            self.queue_ready.emit()

    def _on_conversation_gone(self, _conversation_id: int) -> None:
        self.customer.show_customer(None)
        self._set_conversation_actions(False)

    def current_id(self) -> int | None:
        index = self.ui.queueView.currentIndex()
        if index.isValid():
            return index.data(QueueRole.CONVERSATION_ID)
        return self.conversation.conversation_id

    def current_conversation(self) -> Conversation | None:
        conversation = self.conversation.conversation
        if conversation is not None and conversation.id == self.current_id():
            return conversation
        return None

    def read_version(self, conversation_id: int) -> int | None:
        """The version of the conversation this window last read (what the person saw, or
        what its own last change made of it): a change is made on that version only."""
        seen = None
        snapshot = self.conversation.snapshot
        if snapshot is not None and snapshot.conversation.id == conversation_id:
            seen = snapshot.conversation.version
        else:
            row = self.queue_model.row_of(conversation_id)
            if row is not None:
                seen = self.queue_model.conversation_at(row).version
        own = self.actions_.own_versions.get(conversation_id)
        if own is not None and (seen is None or own > seen):
            return own
        return seen

    def read_state(self, conversation_id: int) -> tuple[str | None, str] | None:
        """(assignee, status) as last read, or None when the window has not read it."""
        snapshot = self.conversation.snapshot
        if snapshot is not None and snapshot.conversation.id == conversation_id:
            return snapshot.conversation.assignee, snapshot.conversation.status
        row = self.queue_model.row_of(conversation_id)
        if row is None:
            return None
        shown = self.queue_model.conversation_at(row)
        return shown.assignee, shown.status

    def _select_row(self, row: int) -> None:
        """That one conversation current, whatever keys are held: the view's own
        setCurrentIndex reads the keyboard, and with Ctrl or Shift down (a Ctrl+click in the
        customer's past conversations, Ctrl+Shift+Enter still held as the queue reloads) it
        added the row to the selection, and the bulk panel took the conversation's place."""
        self.ui.queueView.selectionModel().setCurrentIndex(
            self.queue_model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def open_conversation(self, conversation_id: int) -> None:
        """Shows a conversation, selecting it in the queue when it is there."""
        row = self.queue_model.row_of(conversation_id)
        if row is not None:
            self._select_row(row)
        else:
            self._clear_current_keeping_shown()
            self._show(conversation_id)

    def move(self, step: int) -> None:
        """j/k: the next or previous conversation (loading more at the end). After a
        refresh re-sorted the current conversation away (a reply sorts it lower), the ones
        that were below and above it before: j goes on down the list as the person saw it."""
        view, model = self.ui.queueView, self.queue_model
        if model.rowCount() == 0:
            return
        target = self._row_beside_moved(step)
        if target is None:
            current = view.currentIndex().row() if view.currentIndex().isValid() else -1
            if current < 0 and self.conversation.conversation_id is not None:
                # The shown conversation left the view: j goes on with the one now in its
                # place.
                current = self._last_row - (1 if step > 0 else 0)
            target = max(0, min(model.rowCount() - 1, current + step))
        if target >= model.rowCount() - 5 and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        view.selectionModel().setCurrentIndex(
            model.index(target, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        view.scrollTo(model.index(target, 0))

    def _row_beside_moved(self, step: int) -> int | None:
        """The row of the conversation that was below (step > 0) or above the current one
        before a refresh moved it, while it is still current and that one still shown."""
        moved, self._moved_from = self._moved_from, None
        index = self.ui.queueView.currentIndex()
        if moved is None or not index.isValid() or \
                index.data(QueueRole.CONVERSATION_ID) != moved[0]:
            return None
        beside = moved[2] if step > 0 else moved[1]
        return None if beside is None else self.queue_model.row_of(beside)

    def move_on_from(self, conversation_id: int) -> None:
        """Send and close: the conversation after the one just answered becomes current (the
        one before it at the end of the queue), as when a closed conversation leaves."""
        if self.conversation.conversation_id != conversation_id:
            return
        # The composer now shows the next customer's draft: keys meant for the queue (j, e)
        # must not be typed into it. The person reads on from the queue, R to reply.
        if self.conversation.isAncestorOf(self.focusWidget()):
            self.ui.queueView.setFocus(Qt.FocusReason.OtherFocusReason)
        model = self.queue_model
        row = model.row_of(conversation_id)
        if row is None:
            return
        target = row + 1 if row + 1 < model.rowCount() else row - 1
        if target < 0:
            return
        self.ui.queueView.selectionModel().setCurrentIndex(
            model.index(target, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.ui.queueView.scrollTo(model.index(target, 0))

    def _on_current(self, action) -> None:
        conversation_id = self.current_id()
        if conversation_id is not None:
            action(conversation_id)
