"""Working one queue from several computers: claims and the shared outbox.

Portable SQL like every mixin; the engine decides how rows are locked: on
PostgreSQL "take the next conversation" appends `FOR UPDATE SKIP LOCKED`
(`SKIP_LOCKED_ROWS`), so two computers asking at the same moment lock different
rows, and claiming a given conversation waits on its row (`FOR UPDATE`), so the
second claimer learns who got it. SQLite's write transactions run one at a time
(BEGIN IMMEDIATE), which gives the same results.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from inbox_app.core.models import Conversation, Message
from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine, holder_name, placeholders
from inbox_app.store.conversations import message_from_row
from inbox_app.store.errors import AlreadyTaken, NotFound, StoreError

# The queue's priority order (store/queue.py): "next" means the top of the queue.
PRIORITY_ORDER = "c.priority ASC, c.id ASC"
CLAIM_ATTEMPTS = 5
TAKING = "only someone who does can take conversations"  # said of someone who left
# A reply taken for sending that has not been reported sent or failed after this long
# belongs to a computer that stopped mid-send.
STALLED_SEND_SECONDS = 10 * 60
STALLED_SEND = (
    "The computer that was sending this reply stopped before it finished; check the"
    " conversation and send it again if the customer did not get it."
)


class TeamMixin(Engine):
    # Claims

    def claim(self, conversation_id: int, staff: str) -> Conversation:
        """Takes the conversation for `staff`; AlreadyTaken when someone else has it."""
        member = self.working_staff(staff, instead=TAKING).name
        with self.transaction():
            row = self._row(
                "SELECT c.id, c.status, c.assignee, c.merged_into FROM conversations c"
                f" WHERE c.id = ?{self.LOCK_ROWS}",
                (conversation_id,),
            )
            if row is None:
                raise NotFound(f"There is no conversation {conversation_id}.")
            if row["status"] == "merged":
                raise StoreError(f"Conversation {conversation_id} was merged into"
                                 f" #{row['merged_into']}; take that one instead.")
            if row["status"] == "closed":
                raise StoreError(f"Conversation {conversation_id} is closed; reopen it first.")
            if row["assignee"] not in (None, member):
                raise AlreadyTaken(
                    f"Conversation {conversation_id} is already taken by {row['assignee']}."
                )
            if row["assignee"] is None and not self._take(conversation_id, member):
                raise AlreadyTaken(
                    f"Conversation {conversation_id} was taken by someone else a moment ago."
                )
        return self.get_conversation(conversation_id)

    def claim_next(self, staff: str, *, at: int | None = None) -> Conversation:
        """Takes the highest-priority open conversation nobody has; AlreadyTaken when none
        is left. Concurrent callers, on any computer, each get a different one."""
        member = self.working_staff(staff, instead=TAKING).name
        self.wake_snoozed(at)
        for _ in range(CLAIM_ATTEMPTS):
            with self.transaction():
                row = self._row(
                    "SELECT c.id FROM conversations c"
                    " WHERE c.status = 'open' AND c.assignee IS NULL"
                    f" ORDER BY {PRIORITY_ORDER} LIMIT 1{self.SKIP_LOCKED_ROWS}"
                )
                if row is None:
                    raise AlreadyTaken(
                        "Nothing is left to take: every open conversation has someone."
                    )
                if self._take(row["id"], member):
                    taken = row["id"]
                    break
        else:
            raise AlreadyTaken("Others are taking conversations as fast as you; try again.")
        return self.get_conversation(taken)

    def _take(self, conversation_id: int, member: str) -> bool:
        if not self._exec(
            "UPDATE conversations SET assignee = ?, version = version + 1"
            " WHERE id = ? AND assignee IS NULL",
            (member, conversation_id),
        ):
            return False
        self._event("assigned", staff=member, conversation_id=conversation_id,
                    data={"assignee": member, "due_at": None, "claimed": True})
        self._refresh_priority([conversation_id])
        return True

    # The shared outbox: replies written on one computer, sent by one that holds the secret.

    def queued_replies(
        self, *, kinds: Sequence[str] | None = None, accounts: Sequence[str] | None = None,
        limit: int = 100,
    ) -> list[Message]:
        """Replies waiting to be sent, oldest first, optionally only some kinds/accounts."""
        sql = "SELECT * FROM messages WHERE direction = 'out' AND delivery = 'queued'"
        params: list[Any] = []
        if kinds is not None:
            if not kinds:
                return []
            sql += f" AND kind IN ({placeholders(len(kinds))})"
            params.extend(kinds)
        if accounts is not None:
            if not accounts:
                return []
            sql += f" AND account IN ({placeholders(len(accounts))})"
            params.extend(accounts)
        rows = self._rows(sql + " ORDER BY at, id LIMIT ?", (*params, limit))
        return [message_from_row(row) for row in rows]

    def take_queued_reply(self, message_id: int) -> bool:
        """Marks a queued reply as being sent by this computer; False when another took it."""
        message = self.get_message(message_id)
        meta = {**message.meta, "sending_by": holder_name(), "sending_since": now()}
        with self.transaction():
            return bool(self._exec(
                "UPDATE messages SET delivery = 'sending', meta = ?"
                " WHERE id = ? AND direction = 'out' AND delivery = 'queued'",
                (json.dumps(meta, ensure_ascii=False), message_id),
            ))

    def release_stalled_replies(self, *, older_than: int = STALLED_SEND_SECONDS,
                                at: int | None = None) -> list[int]:
        """Replies stuck in "sending" (their computer stopped) become failed, with why."""
        moment = now() if at is None else at
        stalled = []
        for row in self._rows(
            "SELECT id, meta FROM messages WHERE direction = 'out' AND delivery = 'sending'"
        ):
            if not _sending_since_before(row, moment - older_than):
                continue
            with self.transaction():
                # Looked at again, its row locked: the computer sending it may have recorded
                # "sent" a moment ago, or another computer given it up already (each outbox
                # round does this, on every computer with a secret).
                again = self._row(
                    f"SELECT id, delivery, meta FROM messages WHERE id = ?{self.LOCK_ROWS}",
                    (row["id"],),
                )
                if (again is None or again["delivery"] != "sending"
                        or not _sending_since_before(again, moment - older_than)):
                    continue
                self.set_delivery(row["id"], "failed", error=STALLED_SEND)
            stalled.append(row["id"])
        return stalled


def _sending_since_before(row: dict[str, Any], moment: int) -> bool:
    return (json.loads(row["meta"] or "{}").get("sending_since") or 0) <= moment
