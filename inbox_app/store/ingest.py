"""The write path every message takes: dedupe, customer, conversation, insert, aggregates.

One call stores one batch in one transaction, so a killed process leaves either
the whole batch or none of it, and storing the same batch again changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from inbox_app.core import priority, watch
from inbox_app.core.identity import display_name
from inbox_app.core.models import IdentityRef, IncomingMessage, IngestResult
from inbox_app.core.sentiment import score
from inbox_app.core.text import clean_text
from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine, chunked, placeholders

SENT = "sent"


def is_response(alias: str = "m") -> str:
    """SQL condition: the message is a reply that has really gone out (not queued or failed)."""
    return f"{alias}.direction = 'out' AND COALESCE({alias}.delivery, 'sent') = 'sent'"


class IngestMixin(Engine):
    def save_messages(
        self, items: Sequence[IncomingMessage], *, staff: str | None = None
    ) -> IngestResult:
        """Stores a batch atomically; items already stored count as duplicates.

        Items without a sentiment are scored here, on the text as stored.
        """
        result = IngestResult()
        if not items:
            return result
        brand_terms = self.get_setting("brand_terms") or []
        competitor_terms = self.get_setting("competitor_terms") or []
        stamp = now()
        with self.transaction():
            existing = self.existing_keys(items)
            seen: set[tuple[str, str, str]] = set()
            touched_customers: set[int] = set()
            woken: set[int] = set()
            for item in items:
                key = (item.kind, item.account, item.external_id)
                if key in existing or key in seen:
                    result.duplicates += 1
                    continue
                seen.add(key)
                message_id, conversation_id, customer_id = self._store_one(
                    item, stamp, brand_terms, competitor_terms, staff
                )
                result.imported += 1
                result.new_message_ids.append(message_id)
                result.conversation_ids.add(conversation_id)
                if customer_id is not None:
                    touched_customers.add(customer_id)
                if item.direction == "in":
                    woken.add(conversation_id)
            if result.imported:
                self.index_messages(result.new_message_ids)
                conversation_ids = sorted(result.conversation_ids)
                self._mark_unread(sorted(woken))
                self.refresh_conversations(conversation_ids)
                self.refresh_customers(sorted(touched_customers))
        return result

    def existing_keys(self, items: Sequence[IncomingMessage]) -> set[tuple[str, str, str]]:
        by_source: dict[tuple[str, str], list[str]] = {}
        for item in items:
            by_source.setdefault((item.kind, item.account), []).append(item.external_id)
        existing: set[tuple[str, str, str]] = set()
        for (kind, account), ids in by_source.items():
            for part in chunked(ids):
                for row in self._rows(
                    "SELECT external_id FROM messages WHERE kind = ? AND account = ?"
                    f" AND external_id IN ({placeholders(len(part))})",
                    (kind, account, *part),
                ):
                    existing.add((kind, account, row["external_id"]))
        return existing

    def _store_one(
        self,
        item: IncomingMessage,
        stamp: int,
        brand_terms: list[str],
        competitor_terms: list[str],
        staff: str | None,
    ) -> tuple[int, int, int | None]:
        text = clean_text(item.text)
        sentiment = item.sentiment
        if sentiment is None or text != item.text:
            sentiment = score(text)
        customer_id, identity_id = self._resolve_customer(item, stamp, staff)
        conversation_id = self._resolve_conversation(item, customer_id, stamp)
        outbound = item.direction == "out"
        message_id = self._insert(
            "INSERT INTO messages (conversation_id, customer_id, identity_id, kind, account,"
            " external_id, direction, at, text, author_name, staff, title, html, url, full_text,"
            " compound, pos, neu, neg, delivery, error, meta, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " RETURNING id",
            (
                conversation_id,
                customer_id,
                identity_id,
                item.kind,
                item.account,
                item.external_id,
                item.direction,
                item.at,
                text,
                clean_text(item.author_name, 500),
                item.staff if outbound else None,
                clean_text(item.title, 2000) or None,
                item.html,
                item.url,
                clean_text(item.full_text) or None,
                sentiment.compound,
                sentiment.pos,
                sentiment.neu,
                sentiment.neg,
                (item.delivery or SENT) if outbound else None,
                None,
                json.dumps(item.meta, ensure_ascii=False, default=str),
                stamp,
            ),
        )
        found = [] if outbound else watch.mentions(
            " ".join(filter(None, (item.title, text))), brand_terms, competitor_terms
        )
        for label in item.labels:
            if label == "mention:brand":
                found.append((watch.BRAND, ""))
            elif label.startswith("mention:competitor:"):
                found.append((watch.COMPETITOR, label.split(":", 2)[2]))
        for which, term in found:
            self._exec(
                "INSERT INTO message_mentions (message_id, watch, term) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (message_id, which, term.lower()),
            )
        labels = set(item.labels) | {watch.label_for(which, term) for which, term in found}
        for label in sorted(labels):
            self._exec(
                "INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (conversation_id, label, stamp),
            )
        if outbound and item.staff:
            self._event(
                "replied",
                staff=item.staff,
                conversation_id=conversation_id,
                customer_id=customer_id,
                message_id=message_id,
                at=item.at,
                data={"imported": True},
            )
        return message_id, conversation_id, customer_id

    # Customers

    def _resolve_customer(
        self, item: IncomingMessage, stamp: int, staff: str | None
    ) -> tuple[int | None, int | None]:
        """The customer behind a message's identities, merging customers they join.

        Returns (customer id, id of the message's first identity).
        """
        refs = item.identities
        if not refs:
            return None, None
        owners: dict[IdentityRef, tuple[int, int]] = {}
        for ref in refs:
            row = self._row(
                "SELECT id, customer_id FROM identities WHERE kind = ? AND value = ?",
                (ref.kind, ref.value),
            )
            if row:
                owners[ref] = (row["customer_id"], row["id"])
        customer_ids = sorted({owner for owner, _ in owners.values()})
        if not customer_ids:
            customer_id = self._insert(
                "INSERT INTO customers (name, created_at, message_count) VALUES (?, ?, 0)"
                " RETURNING id",
                (clean_text(display_name(item.author_name, refs), 300), stamp),
            )
        else:
            customer_id = owners[refs[0]][0] if refs[0] in owners else customer_ids[0]
            for other in customer_ids:
                if other != customer_id and not self._separated(customer_id, other):
                    self.merge_customers(customer_id, other, staff=staff, automatic=True)
        first_identity = None
        for ref in refs:
            if ref in owners:
                owner, identity_id = owners[ref]
                if ref.followers is not None:
                    self._exec(
                        "UPDATE identities SET followers = ? WHERE id = ?",
                        (ref.followers, identity_id),
                    )
            elif self._separated_from_identity(customer_id, ref):
                continue
            else:
                identity_id = self._insert(
                    "INSERT INTO identities (customer_id, kind, value, display, followers,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (customer_id, ref.kind, ref.value, ref.display or ref.value, ref.followers,
                     stamp),
                )
            if first_identity is None:
                first_identity = identity_id
        return customer_id, first_identity

    def _separated(self, a: int, b: int) -> bool:
        """True when a person split these two customers apart."""
        low, high = min(a, b), max(a, b)
        return bool(
            self._row(
                "SELECT 1 AS x FROM customer_separations WHERE customer_a = ? AND customer_b = ?",
                (low, high),
            )
        )

    def _separated_from_identity(self, customer_id: int, ref: IdentityRef) -> bool:
        row = self._row(
            "SELECT customer_id FROM identities WHERE kind = ? AND value = ?", (ref.kind, ref.value)
        )
        return bool(row) and row["customer_id"] != customer_id

    # Conversations

    def _resolve_conversation(
        self, item: IncomingMessage, customer_id: int | None, stamp: int
    ) -> int:
        conversation_id = None
        if item.refs:
            refs = list(item.refs)
            row = self._row(
                "SELECT conversation_id FROM messages WHERE kind = ? AND account = ?"
                f" AND external_id IN ({placeholders(len(refs))}) ORDER BY at LIMIT 1",
                (item.kind, item.account, *refs),
            )
            if row:
                conversation_id = self._follow_merges(row["conversation_id"])
        thread_key = item.thread or f"{item.kind}:{item.account}:{item.external_id}"
        if conversation_id is None:
            row = self._row("SELECT id FROM conversations WHERE thread_key = ?", (thread_key,))
            if row:
                conversation_id = self._follow_merges(row["id"])
        if conversation_id is None:
            conversation_id = self._insert(
                "INSERT INTO conversations (thread_key, kind, account, customer_id, contact,"
                " subject, status, first_at, last_at, unread, message_count, version,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, 1, 0, 1, ?) RETURNING id",
                (
                    thread_key,
                    item.kind,
                    item.account,
                    customer_id,
                    clean_text(display_name(item.author_name, item.identities), 300)
                    if item.direction == "in"
                    else "",
                    clean_text(item.title, 500),
                    item.at,
                    item.at,
                    stamp,
                ),
            )
        elif customer_id is not None:
            self._exec(
                "UPDATE conversations SET customer_id = ? WHERE id = ? AND customer_id IS NULL",
                (customer_id, conversation_id),
            )
        return conversation_id

    def _follow_merges(self, conversation_id: int) -> int:
        for _ in range(50):
            merged_into = self._scalar(
                "SELECT merged_into FROM conversations WHERE id = ?", (conversation_id,)
            )
            if merged_into is None:
                return conversation_id
            conversation_id = merged_into
        return conversation_id

    def _mark_unread(self, conversation_ids: list[int]) -> None:
        for part in chunked(conversation_ids):
            self._exec(
                f"UPDATE conversations SET unread = 1 WHERE id IN ({placeholders(len(part))})",
                part,
            )

    def refresh_conversations(self, conversation_ids: Sequence[int]) -> None:
        """Recomputes what the queue shows from the messages, then the priority.

        Set-based, so messages arriving out of order (an import of last year's
        mail) leave the same result as messages arriving in order.
        """
        for part in chunked(list(conversation_ids)):
            marks = placeholders(len(part))
            self._exec(
                "UPDATE conversations SET"
                " first_at = (SELECT MIN(at) FROM messages m WHERE m.conversation_id = conversations.id),"
                " last_at = (SELECT MAX(at) FROM messages m WHERE m.conversation_id = conversations.id),"
                " last_inbound_at = (SELECT MAX(at) FROM messages m"
                "   WHERE m.conversation_id = conversations.id AND m.direction = 'in'),"
                " last_outbound_at = (SELECT MAX(at) FROM messages m"
                f"   WHERE m.conversation_id = conversations.id AND {is_response()}),"
                " message_count = (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id),"
                " last_compound = (SELECT compound FROM messages m WHERE m.conversation_id = conversations.id"
                "   AND m.direction = 'in' ORDER BY m.at DESC, m.id DESC LIMIT 1),"
                " preview = COALESCE((SELECT substr(text, 1, 400) FROM messages m"
                "   WHERE m.conversation_id = conversations.id ORDER BY m.at DESC, m.id DESC LIMIT 1), '')"
                f" WHERE id IN ({marks})",
                part,
            )
            self._exec(
                "UPDATE conversations SET awaiting_since = (SELECT MIN(at) FROM messages m"
                "   WHERE m.conversation_id = conversations.id AND m.direction = 'in'"
                "   AND m.at > COALESCE(conversations.last_outbound_at, -1))"
                f" WHERE id IN ({marks})",
                part,
            )
            # A customer writing again reopens a closed conversation and wakes a snoozed one.
            self._exec(
                "UPDATE conversations SET status = 'open', version = version + 1"
                " WHERE status = 'closed' AND last_inbound_at > closed_at"
                f" AND id IN ({marks})",
                part,
            )
            self._exec(
                "UPDATE conversations SET status = 'open', snoozed_until = NULL,"
                " version = version + 1 WHERE status = 'snoozed' AND last_inbound_at > snoozed_at"
                f" AND id IN ({marks})",
                part,
            )
            self._refresh_priority(part)

    def _refresh_priority(self, conversation_ids: Sequence[int]) -> None:
        rows = self._rows(
            "SELECT c.id, c.last_at, c.awaiting_since, c.last_compound, c.due_at, u.influence"
            " FROM conversations c LEFT JOIN customers u ON u.id = c.customer_id"
            f" WHERE c.id IN ({placeholders(len(conversation_ids))})",
            conversation_ids,
        )
        self._exec_many(
            "UPDATE conversations SET priority = ? WHERE id = ?",
            [
                (
                    priority.priority_at(
                        last_at=row["last_at"],
                        awaiting_since=row["awaiting_since"],
                        last_compound=row["last_compound"],
                        influence=row["influence"],
                        due_at=row["due_at"],
                    ),
                    row["id"],
                )
                for row in rows
            ],
        )

    def refresh_customers(self, customer_ids: Sequence[int]) -> None:
        """Activity and influence, recomputed from messages and identities."""
        for part in chunked(list(customer_ids)):
            marks = placeholders(len(part))
            influence_changed = [
                row["id"]
                for row in self._rows(
                    f"SELECT id FROM customers WHERE id IN ({marks}) AND COALESCE(influence, -1)"
                    " != COALESCE((SELECT MAX(followers) FROM identities i"
                    "   WHERE i.customer_id = customers.id), -1)",
                    part,
                )
            ]
            self._exec(
                "UPDATE customers SET"
                " message_count = (SELECT COUNT(*) FROM messages m"
                "   WHERE m.customer_id = customers.id AND m.direction = 'in'),"
                " first_inbound_at = (SELECT MIN(at) FROM messages m"
                "   WHERE m.customer_id = customers.id AND m.direction = 'in'),"
                " last_inbound_at = (SELECT MAX(at) FROM messages m"
                "   WHERE m.customer_id = customers.id AND m.direction = 'in'),"
                " influence = (SELECT MAX(followers) FROM identities i"
                "   WHERE i.customer_id = customers.id)"
                f" WHERE id IN ({marks})",
                part,
            )
            if not influence_changed:
                continue
            # Influence moves the priority of every open conversation of that customer.
            conversation_ids = [
                row["id"]
                for row in self._rows(
                    "SELECT id FROM conversations WHERE customer_id IN"
                    f" ({placeholders(len(influence_changed))}) AND status != 'closed'",
                    influence_changed,
                )
            ]
            for ids in chunked(conversation_ids):
                self._refresh_priority(ids)
