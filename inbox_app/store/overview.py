"""Read-only views for exports, the history and notifications.

Exports stream page by page (keyset on id), so a store of 200,000
conversations exports in constant memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from inbox_app.core.models import NEGATIVE_AT
from inbox_app.core.text import preview
from inbox_app.core.watch import COMPETITOR_LABEL
from inbox_app.store.aggregates import is_response
from inbox_app.store.base import Engine, placeholders
from inbox_app.store.queue import QueueQuery
from inbox_app.store.spellings import reading_order

EXPORT_PAGE = 1000


class OverviewMixin(Engine):
    # Exports

    def conversation_export_rows(self, query: QueueQuery | None = None) -> Iterator[dict[str, Any]]:
        """One dict per conversation (oldest id first) with its first-response and closing times.

        `first_inbound_at` is when the customer first wrote (not their out-of-office);
        `first_response_at` the first reply that really went out at or after it (a logged
        call-back counts, the shop's autoresponder does not).
        """
        where, params = (["c.status != 'merged'"], []) if query is None else \
            self._queue_where(query)  # type: ignore[attr-defined]
        last_id = 0
        while True:
            rows = self._rows(
                "SELECT c.id, c.kind, c.account, c.customer_id, c.contact, c.subject, c.status,"
                " c.assignee, c.due_at, c.first_at, c.last_at, c.closed_at, c.message_count,"
                " c.last_compound, u.name AS customer_name,"
                " (SELECT MIN(i.at) FROM messages i WHERE i.conversation_id = c.id"
                "   AND i.direction = 'in' AND i.quiet = 0) AS first_inbound_at"
                " FROM conversations c LEFT JOIN customers u ON u.id = c.customer_id"
                f" WHERE {' AND '.join(where)} AND c.id > ? ORDER BY c.id LIMIT ?",
                (*params, last_id, EXPORT_PAGE),
            )
            if not rows:
                return
            ids = [row["id"] for row in rows]
            marks = placeholders(len(ids))
            labels: dict[int, list[str]] = {}
            for label in self._rows(
                "SELECT conversation_id, label FROM conversation_labels"
                f" WHERE conversation_id IN ({marks}) ORDER BY label", ids,
            ):
                labels.setdefault(label["conversation_id"], []).append(label["label"])
            responses = {
                row["conversation_id"]: row["at"]
                for row in self._rows(
                    "SELECT r.conversation_id, MIN(r.at) AS at FROM messages r"
                    f" WHERE r.conversation_id IN ({marks}) AND {is_response('r')}"
                    " AND r.at >= (SELECT MIN(i.at) FROM messages i"
                    "   WHERE i.conversation_id = r.conversation_id AND i.direction = 'in'"
                    "   AND i.quiet = 0)"
                    " GROUP BY r.conversation_id",
                    ids,
                )
            }
            for row in rows:
                row["customer_name"] = row["customer_name"] or row["contact"] or ""
                row["labels"] = labels.get(row["id"], [])
                row["first_response_at"] = responses.get(row["id"])
                yield row
            last_id = ids[-1]

    def customer_export_rows(self) -> Iterator[dict[str, Any]]:
        """One dict per customer (merged ones are part of the customer they joined), with
        its identities, tags and own notes (oldest first) read a page at a time."""
        last_id = 0
        while True:
            rows = self._rows(
                "SELECT id, name, created_at, value, influence, message_count,"
                " first_inbound_at, last_inbound_at FROM customers"
                " WHERE merged_into IS NULL AND id > ? ORDER BY id LIMIT ?",
                (last_id, EXPORT_PAGE),
            )
            if not rows:
                return
            ids = [row["id"] for row in rows]
            marks = placeholders(len(ids))
            identities: dict[int, list[dict[str, Any]]] = {}
            for identity in self._rows(
                "SELECT customer_id, kind, value, display, followers FROM identities"
                f" WHERE customer_id IN ({marks}) ORDER BY kind, value", ids,
            ):
                identities.setdefault(identity["customer_id"], []).append(identity)
            tags: dict[int, list[str]] = {}
            for tag in self._rows(
                f"SELECT customer_id, tag FROM customer_tags WHERE customer_id IN ({marks})",
                ids,
            ):
                tags.setdefault(tag["customer_id"], []).append(tag["tag"])
            notes: dict[int, list[str]] = {}
            for note in self._rows(
                "SELECT customer_id, text FROM notes WHERE conversation_id IS NULL"
                f" AND customer_id IN ({marks}) ORDER BY customer_id, at, id", ids,
            ):
                notes.setdefault(note["customer_id"], []).append(note["text"])
            for row in rows:
                row["identities"] = identities.get(row["id"], [])
                row["tags"] = reading_order(tags.get(row["id"], []))
                row["notes"] = notes.get(row["id"], [])
                yield row
            last_id = ids[-1]

    # The customer panel and the history

    def customer_first_seen(self, customer_id: int) -> int | None:
        """When the customer's first message (either way) was written."""
        return self._scalar(
            "SELECT MIN(at) AS first FROM messages WHERE customer_id = ?", (customer_id,)
        )

    def customer_history(self, customer_id: int) -> list[dict[str, Any]]:
        """Merges, splits, tags and notes of a customer, oldest first."""
        rows = self._rows(
            "SELECT id, at, staff, action, customer_id, data FROM events WHERE customer_id = ?"
            " OR (action = 'customer.split' AND data LIKE ?) ORDER BY at, id",
            (customer_id, f'%"new": {customer_id},%'),
        )
        for row in rows:
            row["data"] = json.loads(row["data"] or "{}")
        return [row for row in rows
                if row["customer_id"] == customer_id or row["data"].get("new") == customer_id]

    # Notifications

    def unread_count(self) -> int:
        return self._scalar(
            "SELECT COUNT(*) AS n FROM conversations WHERE unread = 1 AND status = 'open'"
        )

    def latest_message_id(self) -> int:
        return self._scalar("SELECT COALESCE(MAX(id), 0) AS n FROM messages")

    def negative_since(self, after_message_id: int, limit: int = 20) -> list[dict[str, Any]]:
        """Negative messages from customers stored after a message id, newest first; not
        in conversations that mention a competitor (someone unhappy with them is no
        customer of ours). `automatic` says a machine wrote it (an auto-reply, a bounce);
        `status` is its conversation's (an old item a feed brought in is stored closed)."""
        rows = self._rows(
            "SELECT m.id, m.conversation_id, m.kind, m.text, m.compound, m.author_name, m.at,"
            " m.meta, u.name AS customer_name, c.status FROM messages m"
            " LEFT JOIN customers u ON u.id = m.customer_id"
            " LEFT JOIN conversations c ON c.id = m.conversation_id"
            " WHERE m.id > ? AND m.direction = 'in' AND m.compound <= ?"
            " AND NOT EXISTS (SELECT 1 FROM conversation_labels l"
            "  WHERE l.conversation_id = m.conversation_id AND l.label LIKE ?)"
            " ORDER BY m.id DESC LIMIT ?",
            (after_message_id, NEGATIVE_AT, f"{COMPETITOR_LABEL}%", limit),
        )
        for row in rows:
            row["customer_name"] = row["customer_name"] or row["author_name"] or ""
            row["preview"] = preview(row["text"] or "")
            row["automatic"] = bool(json.loads(row.pop("meta") or "{}").get("auto"))
        return rows

    def falling_due(self, staff: str, after: int, until: int) -> list[dict[str, Any]]:
        """Follow-ups assigned to `staff` that fall due in (after, until]."""
        return self._rows(
            "SELECT c.id, c.due_at, c.subject, c.preview, c.kind,"
            " COALESCE(u.name, c.contact) AS customer_name FROM conversations c"
            " LEFT JOIN customers u ON u.id = c.customer_id"
            " WHERE c.assignee = ? AND c.due_at > ? AND c.due_at <= ?"
            " AND c.status NOT IN ('closed', 'merged') ORDER BY c.due_at",
            (staff, after, until),
        )
