"""What the queue shows, derived from the messages: conversation and customer aggregates.

Two ways to the same result: conversations born in the current batch are summed
up in Python from the batch itself and written once; any other conversation is
recomputed set-based in SQL, so messages arriving out of order (an import of last
year's mail) leave the same result as messages arriving in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple

from inbox_app.core import priority
from inbox_app.store.base import Engine, chunked, placeholders


def is_response(alias: str = "m") -> str:
    """SQL condition: the message is a reply that has really gone out (not queued or failed)
    and that a person wrote: the shop's own automatic mail (an acknowledgement from its
    autoresponder, read back from the Sent folder) is `quiet`, and answers nobody."""
    return (f"{alias}.direction = 'out' AND COALESCE({alias}.delivery, 'sent') = 'sent'"
            f" AND {alias}.quiet = 0")


class BatchMessage(NamedTuple):
    """What the aggregates need of one message stored in this batch (one per message
    imported: a tuple, the cheapest record to make)."""

    at: int
    direction: str
    delivery: str | None
    compound: float | None
    text: str
    quiet: bool = False


AT = attrgetter("at")


def summarize_new(messages: list[BatchMessage], influence: int | None) -> tuple:
    """A new conversation's columns from its messages: unread, first_at, last_at,
    last_inbound_at, last_outbound_at, awaiting_since, message_count, last_compound,
    preview, priority — the same values `refresh_conversations` computes in SQL."""
    # A stable sort: messages of the same second keep their order, like the SQL's (at, id).
    ordered = sorted(messages, key=AT) if len(messages) > 1 else messages
    latest = ordered[-1]
    inbound = [m for m in ordered if m.direction == "in" and not m.quiet]
    # `is_response`, in Python: sent, and not the shop's automatic mail.
    replies = [m.at for m in messages
               if m.direction == "out" and not m.quiet and (m.delivery or "sent") == "sent"]
    last_outbound = max(replies) if replies else None
    threshold = last_outbound if replies else -1
    awaiting_since = next((m.at for m in inbound if m.at > threshold), None)
    last_compound = inbound[-1].compound if inbound else None
    return (
        1 if inbound else 0,
        ordered[0].at,
        latest.at,
        inbound[-1].at if inbound else None,
        last_outbound,
        awaiting_since,
        len(messages),
        last_compound,
        latest.text[:400],
        priority.priority_at(last_at=latest.at, awaiting_since=awaiting_since,
                             last_compound=last_compound, influence=influence, due_at=None),
    )


class AggregatesMixin(Engine):
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
                "   WHERE m.conversation_id = conversations.id AND m.direction = 'in'"
                "   AND m.quiet = 0),"
                " last_outbound_at = (SELECT MAX(at) FROM messages m"
                f"   WHERE m.conversation_id = conversations.id AND {is_response()}),"
                " message_count = (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id),"
                " last_compound = (SELECT compound FROM messages m WHERE m.conversation_id = conversations.id"
                "   AND m.direction = 'in' AND m.quiet = 0 ORDER BY m.at DESC, m.id DESC LIMIT 1),"
                " preview = COALESCE((SELECT substr(text, 1, 400) FROM messages m"
                "   WHERE m.conversation_id = conversations.id ORDER BY m.at DESC, m.id DESC LIMIT 1), '')"
                f" WHERE id IN ({marks})",
                part,
            )
            self._exec(
                "UPDATE conversations SET awaiting_since = (SELECT MIN(at) FROM messages m"
                "   WHERE m.conversation_id = conversations.id AND m.direction = 'in'"
                "   AND m.quiet = 0 AND m.at > COALESCE(conversations.last_outbound_at, -1))"
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
        """Recomputes the priority, after anything it depends on changed: the messages,
        the customer's influence, the due date, the status."""
        if not conversation_ids:
            return  # most batches move no conversation to another customer
        rows = list(self._rows_in(
            "SELECT c.id, c.last_at, c.awaiting_since, c.last_compound, c.due_at, c.status,"
            " u.influence FROM conversations c LEFT JOIN customers u ON u.id = c.customer_id"
            " WHERE c.id IN (…)",
            list(conversation_ids),
        ))
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
                        closed=row["status"] == "closed",
                    ),
                    row["id"],
                )
                for row in rows
            ],
        )

    def refresh_customers(self, customer_ids: Sequence[int],
                          moved: Sequence[int] = ()) -> None:
        """Activity and influence, recomputed from messages and identities; `moved`:
        conversations that changed customer, whose priority follows their new customer's
        influence even when that customer's own influence did not change."""
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
            self._refresh_priority(conversation_ids)
        self._refresh_priority(list(moved))
