"""Merging conversations: the same matter raised twice becomes one, and back.

A merge moves the other conversation's messages, notes and labels into the one kept
and records exactly what it moved in its event, so undoing it puts back only that.
"""

from __future__ import annotations

import json

from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine
from inbox_app.store.errors import NotFound, StoreError, UndoNotPossible


class ConversationMergeMixin(Engine):
    def merge_conversations(self, keep: int, other: int, *, staff: str | None = None) -> int:
        """The same matter raised twice becomes one conversation; returns the undo event id."""
        if keep == other:
            raise StoreError("A conversation cannot be merged with itself.")
        kept = self.get_conversation(keep)
        gone = self.get_conversation(other)
        with self.transaction():
            # Who was to answer it and by when go with the matter: the kept one takes the
            # other's assignee when it has none, and the earlier follow-up date.
            takes_assignee = kept.assignee is None and gone.assignee is not None
            takes_due = gone.due_at is not None and (kept.due_at is None
                                                     or gone.due_at < kept.due_at)
            moved = {
                "other": other,
                "messages": self._ids("SELECT id FROM messages WHERE conversation_id = ?", other),
                "notes": self._ids("SELECT id FROM notes WHERE conversation_id = ?", other),
                "labels": self._labels_moving(other, keep),
                "status": gone.status,
                "assignee_taken": gone.assignee if takes_assignee else None,
                "due_before": kept.due_at if takes_due else None,
                "due_taken": takes_due,
            }
            self._exec("UPDATE messages SET conversation_id = ? WHERE conversation_id = ?",
                       (keep, other))
            self._exec("UPDATE notes SET conversation_id = ? WHERE conversation_id = ?",
                       (keep, other))
            self._exec_in(
                "INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " SELECT ?, label, created_at FROM conversation_labels WHERE conversation_id = ?"
                " AND label IN (…) ON CONFLICT DO NOTHING",
                moved["labels"], before=(keep, other),
            )
            self._exec("DELETE FROM conversation_labels WHERE conversation_id = ?", (other,))
            self._exec(
                "UPDATE conversations SET status = 'merged', merged_into = ?, message_count = 0,"
                " version = version + 1 WHERE id = ?",
                (keep, other),
            )
            if takes_assignee:
                self._exec("UPDATE conversations SET assignee = ? WHERE id = ?",
                           (gone.assignee, keep))
            if takes_due:
                self._exec("UPDATE conversations SET due_at = ? WHERE id = ?",
                           (gone.due_at, keep))
            self._touch(keep, None, "unread = unread", ())
            event_id = self._event("conversation.merged", staff=staff, conversation_id=keep,
                                   data=moved)
            self.refresh_conversations([keep])
        return event_id

    def _labels_moving(self, other: int, keep: int) -> list[str]:
        """The labels of `other` that `keep` has in no case: a merge adds those."""
        kept = {label.casefold() for label in self._labels_of(keep)}
        return [label for label in self._labels_of(other)
                if label.casefold() not in kept]

    def unmerge_conversations(self, event_id: int, *, staff: str | None = None) -> None:
        event = self._row(
            "SELECT * FROM events WHERE id = ? AND action = 'conversation.merged'", (event_id,)
        )
        if event is None:
            raise NotFound(f"There is no conversation merge {event_id} to undo.")
        data = json.loads(event["data"])
        keep, other = event["conversation_id"], data["other"]
        with self.transaction():
            # Undone already (another window, another computer): a second undo would take
            # back what was given to the kept conversation since. The rows are held first,
            # so two undos at once run one after the other.
            self._exec_in("UPDATE conversations SET merged_into = merged_into WHERE id IN (…)",
                          sorted({keep, other}))
            if self._scalar("SELECT merged_into FROM conversations WHERE id = ?",
                            (other,)) is None or self._undo_recorded("conversation", keep,
                                                                    event_id):
                raise UndoNotPossible(f"The merge of #{other} into #{keep} was undone already.")
            for table, ids in (("messages", data["messages"]), ("notes", data["notes"])):
                self._exec_in(f"UPDATE {table} SET conversation_id = ? WHERE id IN (…)", ids,
                              before=(other,))
            for label in data["labels"]:
                self._exec(
                    "INSERT INTO conversation_labels (conversation_id, label, created_at)"
                    " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (other, label, now()),
                )
                self._exec(
                    "DELETE FROM conversation_labels WHERE conversation_id = ? AND label = ?",
                    (keep, label),
                )
            self._exec(
                "UPDATE conversations SET status = ?, merged_into = NULL, version = version + 1"
                " WHERE id = ?",
                (data["status"] if data["status"] != "merged" else "open", other),
            )
            if data.get("assignee_taken"):  # unless someone has given it to another since
                self._exec("UPDATE conversations SET assignee = NULL WHERE id = ?"
                           " AND assignee = ?", (keep, data["assignee_taken"]))
            if data.get("due_taken"):
                self._exec("UPDATE conversations SET due_at = ? WHERE id = ?",
                           (data["due_before"], keep))
            self._touch(keep, None, "unread = unread", ())
            self._event("conversation.unmerged", staff=staff, conversation_id=keep,
                        data={"other": other, "merge_event": event_id})
            self.refresh_conversations([keep, other])
