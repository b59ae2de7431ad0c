"""Conversations: reading a thread and the actions staff take on it (replies' delivery:
store/outbound.py).

Every action bumps the conversation's version and records an event (who, when).
A caller that read version N may pass `expected_version=N`; if a colleague has
changed the conversation since, the edit is refused with StaleEdit instead of
silently overwriting their work.
"""

from __future__ import annotations

import json
from typing import Any

from inbox_app.core.models import Conversation, Message, Note, Sentiment
from inbox_app.core.timeutil import now, spoken
from inbox_app.store.errors import NotFound, StoreError
from inbox_app.store.spellings import LABELS
from inbox_app.store.stale_edits import SNOOZE_ENDED, StaleEditMixin

FURTHEST_AHEAD = 5 * 365 * 86400  # a follow-up or snooze further off is a typo ("+9999d")
# What a snooze records as the customer's words it answers (`snoozed_at`): the newest
# written, so that any written after them wakes it, however late they are fetched.
SNOOZE_SEEN_INBOUND = "COALESCE(last_inbound_at, -1)"


def check_due(due_at: int | None) -> None:
    _check_ahead(due_at, "A follow-up")


def check_snooze(until: int) -> None:
    if until <= now():  # the time it was read as: "today" at 10:00 is 9:00, gone
        raise StoreError(f"A snooze must end in the future: {spoken(until)} has passed"
                         " already.")
    _check_ahead(until, "A snooze")


def _check_ahead(moment: int | None, what: str) -> None:
    if moment is not None and moment > now() + FURTHEST_AHEAD:
        raise StoreError(f"{what} more than five years ahead is surely a mistake; "
                         "pick a nearer date.")


CONVERSATION_COLUMNS = (
    "c.id, c.thread_key, c.kind, c.account, c.customer_id, c.contact, c.subject, c.status,"
    " c.assignee, c.due_at, c.snoozed_until, c.first_at, c.last_at, c.last_inbound_at,"
    " c.awaiting_since, c.closed_at, c.last_compound, c.preview, c.unread, c.message_count,"
    " c.priority, c.version, u.name AS customer_name"
)


def message_from_row(row: dict[str, Any]) -> Message:
    sentiment = None
    if row["compound"] is not None:
        sentiment = Sentiment(row["compound"], row["pos"], row["neu"], row["neg"])
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"],
        customer_id=row["customer_id"],
        kind=row["kind"],
        account=row["account"],
        external_id=row["external_id"],
        direction=row["direction"],
        at=row["at"],
        text=row["text"],
        author_name=row["author_name"] or "",
        staff=row["staff"],
        title=row["title"],
        html=row["html"],
        url=row["url"],
        full_text=row["full_text"],
        sentiment=sentiment,
        delivery=row["delivery"],
        error=row["error"],
        meta=json.loads(row["meta"] or "{}"),
    )


class ConversationMixin(StaleEditMixin):
    def conversation_now(self, conversation_id: int) -> int:
        """Where a conversation's messages are now: itself, or the one it was merged into
        (followed through merges of merges) — for a notice or a link made before."""
        for _ in range(50):
            merged_into = self._scalar(
                "SELECT merged_into FROM conversations WHERE id = ?", (conversation_id,)
            )
            if merged_into is None:
                return conversation_id
            conversation_id = merged_into
        return conversation_id

    def get_conversation(self, conversation_id: int) -> Conversation:
        row = self._row(
            f"SELECT {CONVERSATION_COLUMNS} FROM conversations c"
            " LEFT JOIN customers u ON u.id = c.customer_id WHERE c.id = ?",
            (conversation_id,),
        )
        if row is None:
            raise NotFound(f"There is no conversation {conversation_id}.")
        labels = tuple(self._labels_of(conversation_id))
        return Conversation(
            id=row["id"],
            thread_key=row["thread_key"],
            kind=row["kind"],
            account=row["account"],
            customer_id=row["customer_id"],
            customer_name=row["customer_name"] or row["contact"] or row["account"] or "Unknown",
            subject=row["subject"] or "",
            status=row["status"],
            assignee=row["assignee"],
            due_at=row["due_at"],
            snoozed_until=row["snoozed_until"],
            first_at=row["first_at"],
            last_at=row["last_at"],
            last_inbound_at=row["last_inbound_at"],
            awaiting_since=row["awaiting_since"],
            closed_at=row["closed_at"],
            last_compound=row["last_compound"],
            preview=row["preview"] or "",
            unread=bool(row["unread"]),
            message_count=row["message_count"],
            priority=row["priority"] or 0,
            version=row["version"],
            labels=labels,
        )

    def conversation_ids_for_threads(self, thread_keys: list[str]) -> dict[str, int]:
        return {row["thread_key"]: row["id"] for row in self._rows_in(
            "SELECT thread_key, id FROM conversations WHERE thread_key IN (…)", thread_keys)}

    def messages(self, conversation_id: int) -> list[Message]:
        return [
            message_from_row(row)
            for row in self._rows(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY at, id",
                (conversation_id,),
            )
        ]

    def get_message(self, message_id: int) -> Message:
        row = self._row("SELECT * FROM messages WHERE id = ?", (message_id,))
        if row is None:
            raise NotFound(f"There is no message {message_id}.")
        return message_from_row(row)

    def thread(self, conversation_id: int) -> list[Message | Note]:
        """Messages and internal notes of a conversation, oldest first."""
        entries: list[Message | Note] = [*self.messages(conversation_id)]
        entries.extend(self.notes(conversation_id=conversation_id))
        entries.sort(key=lambda entry: (entry.at, isinstance(entry, Note), entry.id))
        return entries

    def history(self, conversation_id: int) -> list[dict[str, Any]]:
        """Who did what to this conversation, oldest first."""
        rows = self._rows(
            "SELECT id, at, staff, action, data FROM events WHERE conversation_id = ?"
            " ORDER BY at, id",
            (conversation_id,),
        )
        for row in rows:
            row["data"] = json.loads(row["data"] or "{}")
        return rows

    # Actions

    def _touch(
        self, conversation_id: int, expected_version: int | None, assignments: str,
        params: tuple[Any, ...], *, staff: str | None = None, refuse_merged: bool = True,
    ) -> None:
        """Makes the change and moves the version on; with `expected_version`, only when no
        one changed the conversation since (StaleEdit, naming that change, when someone
        did). `staff` is who is asking, so a change they made elsewhere is said as theirs.

        A conversation merged into another is refused (in the caller's transaction, so a
        label or note added before this goes too): a change to it would be seen by no one,
        and a close or reopen would bring it back as an empty conversation of its own."""
        sql = f"UPDATE conversations SET {assignments}, version = version + 1 WHERE id = ?"
        args: tuple[Any, ...] = (*params, conversation_id)
        if expected_version is not None:
            sql += " AND version = ?"
            args = (*args, expected_version)
        if refuse_merged:
            sql += " AND status != 'merged'"
        if self._exec(sql, args):
            return
        current = self._row("SELECT status, merged_into, version FROM conversations"
                            " WHERE id = ?", (conversation_id,))
        if current is None:
            raise NotFound(f"There is no conversation {conversation_id}.")
        if (current["status"] == "merged" and expected_version in (None, current["version"])):
            into = current["merged_into"]
            said = self._last_change(conversation_id, current, staff)
            change = said[0] if said else f"was merged into conversation {into}"
            raise StoreError(f"Conversation {conversation_id} {change}: make your change in"
                             f" conversation {into} instead.")
        raise self._stale_edit(conversation_id, expected_version, current, staff)

    def _require_staff(self, name: str | None) -> str | None:
        """Whom a conversation can be given to: someone who works the queue (None: nobody)."""
        if name is None:
            return None
        return self.working_staff(name).name

    def assign(
        self, conversation_id: int, assignee: str | None, *, due_at: int | None = None,
        staff: str | None = None, expected_version: int | None = None,
    ) -> None:
        """Gives the conversation to a staff member (None: back to the queue), with a follow-up date."""
        assignee = self._require_staff(assignee)
        check_due(due_at)
        with self.transaction():
            self._touch(conversation_id, expected_version, "assignee = ?, due_at = ?",
                        (assignee, due_at), staff=staff)
            self._event("assigned", staff=staff, conversation_id=conversation_id,
                        data={"assignee": assignee, "due_at": due_at})
            self._refresh_priority([conversation_id])

    def set_due(
        self, conversation_id: int, due_at: int | None, *, staff: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        check_due(due_at)
        with self.transaction():
            self._touch(conversation_id, expected_version, "due_at = ?", (due_at,), staff=staff)
            self._event("due.set", staff=staff, conversation_id=conversation_id,
                        data={"due_at": due_at})
            self._refresh_priority([conversation_id])

    def _status_locked(self, conversation_id: int) -> str | None:
        """The conversation's status, its row held to the end of the transaction: on
        PostgreSQL a colleague's close (or reopen) at the same moment is waited for and
        seen, not read as it was before and then made a second time."""
        row = self._row(f"SELECT status FROM conversations WHERE id = ?{self.LOCK_ROWS}",
                        (conversation_id,))
        return None if row is None else row["status"]

    def close_conversation(
        self, conversation_id: int, *, staff: str | None = None,
        expected_version: int | None = None, at: int | None = None,
    ) -> bool:
        """Closes the conversation; False when it was closed already. Closing it again
        records nothing: a second close would move its resolution to the later one and
        credit it to whoever clicked last."""
        moment = now() if at is None else at
        with self.transaction():
            if self._status_locked(conversation_id) == "closed":
                return False
            self._touch(
                conversation_id, expected_version,
                "status = 'closed', closed_at = ?, snoozed_until = NULL, unread = 0", (moment,),
                staff=staff,
            )
            self._event("closed", staff=staff, conversation_id=conversation_id, at=moment)
            self._refresh_priority([conversation_id])
        return True

    def archive_history(self, conversation_ids: list[int], *, before: int) -> int:
        """Closes open conversations whose every message is older than `before` as history.

        The event is `archived`, not `closed`, so resolution times do not count them.
        """
        archived = [row["id"] for row in self._rows_in(
            "SELECT id FROM conversations WHERE status = 'open' AND last_at < ?"
            " AND assignee IS NULL AND id IN (…)", conversation_ids, before=(before,))]
        for conversation_id in archived:
            self._touch(conversation_id, None, "status = 'closed', closed_at = ?, unread = 0",
                        (now(),))
            self._event("archived", conversation_id=conversation_id,
                        data={"reason": "older than the account"})
        self._refresh_priority(archived)
        return len(archived)

    def reopen_conversation(
        self, conversation_id: int, *, staff: str | None = None,
        expected_version: int | None = None,
    ) -> bool:
        """Opens a closed or snoozed conversation; False when it was open already. That
        records nothing: a "reopened" in its history would be untrue, and a new version
        would refuse a colleague's change made on the one they see as stale."""
        with self.transaction():
            if self._status_locked(conversation_id) == "open":
                return False
            self._touch(conversation_id, expected_version,
                        "status = 'open', snoozed_until = NULL", (), staff=staff)
            self._event("reopened", staff=staff, conversation_id=conversation_id)
            self._refresh_priority([conversation_id])
        return True

    def snooze(
        self, conversation_id: int, until: int, *, staff: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Hides the conversation until `until`, or until the customer writes again.

        "Again" is after their newest words the store holds now, so `snoozed_at` keeps the
        time those were written (-1 with none yet), not the clock: mail carries when it
        was written and is fetched a minute or so later, and a reply written just before
        the snooze but fetched after it is still new to whoever snoozed. (Waking compares
        it with `last_inbound_at`: store/aggregates.py.)"""
        check_snooze(until)
        with self.transaction():
            self._touch(
                conversation_id, expected_version,
                f"status = 'snoozed', snoozed_until = ?, snoozed_at = {SNOOZE_SEEN_INBOUND}",
                (until,), staff=staff,
            )
            self._event("snoozed", staff=staff, conversation_id=conversation_id,
                        data={"until": until})
            self._refresh_priority([conversation_id])  # it may have been closed

    def _snooze_ended(self, moment: int) -> bool:
        return self._row(
            "SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= ? LIMIT 1",
            (moment,),
        ) is not None

    def wake_snoozed(self, at: int | None = None) -> int:
        """Snoozed conversations whose time has come return to the queue, each saying so
        in its history: its version moves, and a script holding the old one is refused."""
        moment = now() if at is None else at
        # Read first: the queue asks often, and a write would take the lock every time.
        if not self._snooze_ended(moment):
            return 0
        with self.transaction():
            woken = self._ids("SELECT id FROM conversations WHERE status = 'snoozed'"
                              " AND snoozed_until <= ?", moment)
            self._exec_in("UPDATE conversations SET status = 'open', snoozed_until = NULL,"
                          " version = version + 1 WHERE id IN (…)", woken)
            for conversation_id in woken:
                self._event("reopened", conversation_id=conversation_id, at=moment,
                            data={"reason": SNOOZE_ENDED})
            return len(woken)

    def mark_read(self, conversation_id: int, read: bool = True, *,
                  staff: str | None = None) -> None:
        with self.transaction():
            self._exec("UPDATE conversations SET unread = ? WHERE id = ?",
                       (0 if read else 1, conversation_id))
            if not read:
                self._event("marked_unread", staff=staff, conversation_id=conversation_id)

    def _labels_of(self, conversation_id: int) -> list[str]:
        return [row["label"] for row in self._rows(
            "SELECT label FROM conversation_labels WHERE conversation_id = ? ORDER BY label",
            (conversation_id,))]

    def label(self, conversation_id: int, label: str, *, staff: str | None = None) -> str:
        """Labels the conversation unless it has the label in some case; returns the label
        as the conversation has it, spelled as the store spells it (a label's or else a
        tag's spelling: "Refund" for "refund")."""
        label = label.strip()
        if not label:
            raise StoreError("A label cannot be empty.")
        self.get_conversation(conversation_id)
        with self.transaction():
            had = next((have for have in self._labels_of(conversation_id)
                        if have.casefold() == label.casefold()), None)
            if had is not None:
                return had
            label = self._spelling(label, LABELS)
            self._exec(
                "INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " VALUES (?, ?, ?)",
                (conversation_id, label, now()),
            )
            self._touch(conversation_id, None, "unread = unread", ())
            self._event("labelled", staff=staff, conversation_id=conversation_id,
                        data={"label": label})
        return label

    def unlabel(self, conversation_id: int, label: str, *,
                staff: str | None = None) -> str | None:
        """Takes the label away, in whatever case the conversation has it; returns it as it
        was spelled, or None when the conversation did not have it."""
        wanted = label.strip().casefold()
        self.get_conversation(conversation_id)
        with self.transaction():
            removed = [have for have in self._labels_of(conversation_id)
                       if have.casefold() == wanted]
            for spelling in removed:
                self._exec(
                    "DELETE FROM conversation_labels WHERE conversation_id = ? AND label = ?",
                    (conversation_id, spelling),
                )
                self._event("unlabelled", staff=staff, conversation_id=conversation_id,
                            data={"label": spelling})
            if removed:
                self._touch(conversation_id, None, "unread = unread", ())
        return removed[0] if removed else None

    def all_labels(self) -> list[str]:
        return [
            r["label"]
            for r in self._rows("SELECT DISTINCT label FROM conversation_labels ORDER BY label")
        ]
