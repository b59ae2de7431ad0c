"""Replies as the store keeps them: written, then queued, sending, sent or failed as
their channel answers; a reply that failed after its conversation was closed opens it
again, so it cannot hide where nobody looks."""

from __future__ import annotations

import json
from typing import Any

from inbox_app.core.models import Message
from inbox_app.core.text import clean_text
from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine
from inbox_app.store.conversations import message_from_row

REOPENED_UNSENT = "a reply was not sent"


class OutboundMixin(Engine):
    def add_outbound(
        self, conversation_id: int, text: str, *, staff: str | None, delivery: str,
        error: str | None = None, external_id: str | None = None, html: str | None = None,
        meta: dict[str, Any] | None = None, at: int | None = None,
    ) -> int:
        """Stores a reply as sent, queued or failed; a failed one keeps its reason."""
        import uuid  # a slow import (it loads `platform`): not at start-up

        conversation = self.get_conversation(conversation_id)
        moment = now() if at is None else at
        with self.transaction():
            message_id = self._insert(
                "INSERT INTO messages (conversation_id, customer_id, kind, account, external_id,"
                " direction, at, text, author_name, staff, html, delivery, error, meta,"
                " created_at, compound, pos, neu, neg)"
                " VALUES (?, ?, ?, ?, ?, 'out', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)"
                " RETURNING id",
                (
                    conversation_id, conversation.customer_id, conversation.kind,
                    conversation.account, external_id or f"local:{uuid.uuid4()}", moment,
                    clean_text(text), staff or "", staff, html, delivery, error,
                    json.dumps(meta or {}, ensure_ascii=False), moment,
                ),
            )
            self.index_messages([message_id])
            if delivery == "sent":
                self._event("replied", staff=staff, conversation_id=conversation_id,
                            customer_id=conversation.customer_id, message_id=message_id,
                            at=moment)
            else:
                self._event(f"reply.{delivery}", staff=staff, conversation_id=conversation_id,
                            message_id=message_id, data={"error": error} if error else None)
            self._touch(conversation_id, None, "unread = 0", ())
            self.refresh_conversations([conversation_id])
        return message_id

    def set_delivery(
        self, message_id: int, delivery: str, *, error: str | None = None,
        external_id: str | None = None, meta: dict[str, Any] | None = None,
        staff: str | None = None,
    ) -> None:
        """Records what became of a queued or retried reply."""
        message = self.get_message(message_id)
        merged_meta = {**message.meta, **(meta or {})}
        with self.transaction():
            if external_id and self._row(
                    "SELECT id FROM messages WHERE kind = ? AND account = ? AND external_id = ?"
                    " AND id != ?", (message.kind, message.account, external_id, message_id)):
                # The server's id for it is already stored (a poll read the reply back before
                # this, or a server that reuses ids): the reply went out all the same, so it
                # is recorded as sent, keeping its own id and the server's beside it.
                merged_meta["sent_as"] = external_id
                external_id = None
            self._exec(
                "UPDATE messages SET delivery = ?, error = ?, external_id = ?, meta = ?,"
                " at = CASE WHEN ? = 'sent' THEN ? ELSE at END WHERE id = ?",
                (
                    delivery, error, external_id or message.external_id,
                    json.dumps(merged_meta, ensure_ascii=False), delivery, now(), message_id,
                ),
            )
            if delivery == "sent":
                self._event("replied", staff=staff or message.staff,
                            conversation_id=message.conversation_id,
                            customer_id=message.customer_id, message_id=message_id)
            else:
                self._event(f"reply.{delivery}", staff=staff or message.staff,
                            conversation_id=message.conversation_id, message_id=message_id,
                            data={"error": error} if error else None)
            if delivery == "failed" and self._row(
                    "SELECT id FROM conversations WHERE id = ? AND status = 'closed'",
                    (message.conversation_id,)):
                # Closed as it was sent (Send and close, or while it waited in the outbox):
                # a reply that did not go out must not hide where nobody looks.
                self._touch(message.conversation_id, None,
                            "status = 'open', snoozed_until = NULL", (), refuse_merged=False)
                self._event("reopened", conversation_id=message.conversation_id,
                            data={"reason": REOPENED_UNSENT})
            # A reply's outcome is recorded even if its conversation was merged away meanwhile.
            self._touch(message.conversation_id, None, "unread = unread", (),
                        refuse_merged=False)
            self.refresh_conversations([message.conversation_id])

    def failed_replies(self, conversation_id: int | None = None) -> list[Message]:
        sql = "SELECT * FROM messages WHERE direction = 'out' AND delivery = 'failed'"
        params: tuple[Any, ...] = ()
        if conversation_id is not None:
            sql += " AND conversation_id = ?"
            params = (conversation_id,)
        return [message_from_row(row) for row in self._rows(sql + " ORDER BY at", params)]
