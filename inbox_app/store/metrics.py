"""Counting for the monthly summary: each query aggregates in SQL and returns a few rows.

Periods are [start, end) in epoch seconds. The SQL is portable (it also runs on
PostgreSQL): no date functions, so weeks arrive as a list of boundaries and
become a CASE expression; numbers are coerced in Python because PostgreSQL
returns SUM(bigint) as a Decimal. The arithmetic (medians, shares) is in
`inbox_app.core.metrics` and `inbox_app.reports.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from inbox_app.core.models import NEGATIVE_AT
from inbox_app.store.aggregates import is_response
from inbox_app.store.base import Engine


def _bucket(column: str, boundaries: Sequence[int]) -> tuple[str, list[int]]:
    """SQL numbering rows by which interval between the (ascending) `boundaries` `column`
    falls in: 0 before the first, len(boundaries) from the last on.

    A binary search of nested CASEs, a dozen comparisons a row for a range of decades:
    one WHEN per boundary, tried in turn, compared a message of 2026 with each of the
    1,400 weeks since 2000 (seconds for a busy store's count)."""

    def between(low: int, high: int) -> tuple[str, list[int]]:
        if low == high:
            return str(low), []
        middle = (low + high) // 2
        before, before_params = between(low, middle)
        after, after_params = between(middle + 1, high)
        return (f"CASE WHEN {column} < ? THEN {before} ELSE {after} END",
                [boundaries[middle], *before_params, *after_params])

    return between(0, len(boundaries))


def _int(value: Any) -> int:
    return int(value or 0)


class MetricsMixin(Engine):
    def inbound_summary(
        self, start: int, end: int, boundaries: Sequence[int] = ()
    ) -> list[dict[str, Any]]:
        """Inbound messages received in [start, end), per bucket and kind.

        Buckets are numbered 0..len(boundaries) by the boundaries (the starts of
        the second and later weeks). Each row: bucket, kind, messages, scored
        (messages with a sentiment), compound_sum, negative (compound ≤ −0.05).
        """
        bucket, bucket_params = _bucket("m.at", boundaries)
        rows = self._rows(
            "SELECT t.bucket, t.kind, COUNT(*) AS messages, COUNT(t.compound) AS scored,"
            " SUM(t.compound) AS compound_sum,"
            " SUM(CASE WHEN t.compound <= ? THEN 1 ELSE 0 END) AS negative"
            f" FROM (SELECT {bucket} AS bucket, m.kind, m.compound FROM messages m"
            "   WHERE m.direction = 'in' AND m.at >= ? AND m.at < ?) t"
            " GROUP BY t.bucket, t.kind ORDER BY t.bucket, t.kind",
            (NEGATIVE_AT, *bucket_params, start, end),
        )
        return [
            {
                "bucket": _int(row["bucket"]),
                "kind": row["kind"],
                "messages": _int(row["messages"]),
                "scored": _int(row["scored"]),
                "compound_sum": None if row["compound_sum"] is None else float(row["compound_sum"]),
                "negative": _int(row["negative"]),
            }
            for row in rows
        ]

    def first_responses(self, start: int, end: int) -> list[dict[str, Any]]:
        """Conversations whose first inbound message ever falls in [start, end).

        Each row: conversation_id, first_in (that message's time), first_out (the
        first reply that really went out at or after it, whenever that was, or
        None) and staff (who sent that reply). Quiet messages (an out-of-office reply, a
        read receipt, a newsletter) wait for no answer, so none of them starts the clock;
        nor does the shop's own automatic mail (its autoresponder's acknowledgement) stop
        it (`is_response`).
        """
        rows = self._rows(
            "SELECT g.conversation_id, g.first_in, r.at AS first_out, r.staff FROM ("
            " SELECT f.conversation_id, f.first_in,"
            "  (SELECT o.id FROM messages o WHERE o.conversation_id = f.conversation_id"
            f"    AND {is_response('o')} AND o.at >= f.first_in"
            "    ORDER BY o.at, o.id LIMIT 1) AS reply_id"
            " FROM (SELECT m.conversation_id, MIN(m.at) AS first_in FROM messages m"
            "   WHERE m.direction = 'in' AND m.at >= ? AND m.at < ? AND m.quiet = 0"
            "   GROUP BY m.conversation_id) f"
            " WHERE NOT EXISTS (SELECT 1 FROM messages p WHERE p.conversation_id = f.conversation_id"
            "   AND p.direction = 'in' AND p.at < ? AND p.quiet = 0)) g"
            " LEFT JOIN messages r ON r.id = g.reply_id"
            " ORDER BY g.conversation_id",
            (start, end, start),
        )
        return [
            {
                "conversation_id": row["conversation_id"],
                "first_in": _int(row["first_in"]),
                "first_out": None if row["first_out"] is None else int(row["first_out"]),
                "staff": row["staff"],
            }
            for row in rows
        ]

    def resolution_times(self, start: int, end: int) -> list[int]:
        """Seconds from first inbound message to close, for conversations closed in [start, end).

        A conversation closed more than once in the period counts once, at its
        last close there; one without an inbound message before that close has
        no resolution time (quiet ones, such as an out-of-office reply, do not count: nobody
        waited on them). Sorted ascending.
        """
        rows = self._rows(
            "SELECT c.closed_at - MIN(m.at) AS seconds"
            " FROM (SELECT e.conversation_id, MAX(e.at) AS closed_at FROM events e"
            "   WHERE e.action = 'closed' AND e.at >= ? AND e.at < ?"
            "   AND e.conversation_id IS NOT NULL GROUP BY e.conversation_id) c"
            " JOIN messages m ON m.conversation_id = c.conversation_id AND m.direction = 'in'"
            "   AND m.at <= c.closed_at AND m.quiet = 0"
            " GROUP BY c.conversation_id, c.closed_at ORDER BY seconds",
            (start, end),
        )
        return [_int(row["seconds"]) for row in rows]

    def customer_activity(self, start: int, end: int) -> dict[str, int]:
        """Customers with an inbound message in [start, end) (active), and how many of
        them wrote for the first time ever then (new)."""
        row = self._row(
            "SELECT COUNT(*) AS active,"
            " SUM(CASE WHEN c.first_inbound_at >= ? AND c.first_inbound_at < ? THEN 1 ELSE 0 END)"
            "   AS new"
            " FROM customers c WHERE c.id IN (SELECT m.customer_id FROM messages m"
            "   WHERE m.direction = 'in' AND m.at >= ? AND m.at < ?)",
            (start, end, start, end),
        ) or {}
        return {"active": _int(row.get("active")), "new": _int(row.get("new"))}

    _ACTIVE = (
        "WITH a AS (SELECT m.customer_id, COUNT(*) AS inbound FROM messages m"
        " WHERE m.direction = 'in' AND m.at >= ? AND m.at < ? AND m.customer_id IS NOT NULL"
        " GROUP BY m.customer_id)"
    )

    def top_customers(self, start: int, end: int, limit: int) -> list[dict[str, Any]]:
        """The most active customers of [start, end) by inbound messages.

        Returns at least the top `limit`, and every customer tied with the last
        of them, so the caller can break ties by name. Each row: customer,
        name, inbound, influence, value.
        """
        if limit <= 0:
            return []
        rows = self._rows(
            self._ACTIVE
            + " SELECT a.customer_id, a.inbound, c.name, c.influence, c.value"
            " FROM a JOIN customers c ON c.id = a.customer_id"
            " WHERE a.inbound >= COALESCE((SELECT b.inbound FROM a b"
            "   ORDER BY b.inbound DESC LIMIT 1 OFFSET ?), 0)"
            " ORDER BY a.inbound DESC, a.customer_id",
            (start, end, limit - 1),
        )
        return [
            {
                "customer": row["customer_id"],
                "name": row["name"],
                "inbound": _int(row["inbound"]),
                "influence": row["influence"],
                "value": None if row["value"] is None else float(row["value"]),
            }
            for row in rows
        ]

    def valuable_customers(self, start: int, end: int, limit: int) -> list[dict[str, Any]]:
        """The customers of known value who wrote in [start, end), most valuable first:
        what they sent then and how it felt, and how many of their conversations wait for
        an answer now. Each row: customer, name, value, inbound, compound_sum, scored,
        waiting.

        Returns at least the top `limit`, and every customer of the same value as the last
        of them, so the caller can break ties by name in any case (engines' collations
        differ: SQLite puts "Cat" before "bob", PostgreSQL may not)."""
        if limit <= 0:
            return []
        rows = self._rows(
            "WITH a AS (SELECT m.customer_id, COUNT(*) AS inbound,"
            "   SUM(m.compound) AS compound_sum, COUNT(m.compound) AS scored FROM messages m"
            "   WHERE m.direction = 'in' AND m.at >= ? AND m.at < ?"
            "   AND m.customer_id IS NOT NULL GROUP BY m.customer_id),"
            " v AS (SELECT a.customer_id, a.inbound, a.compound_sum, a.scored, c.name, c.value"
            "   FROM a JOIN customers c ON c.id = a.customer_id WHERE c.value IS NOT NULL),"
            " cut AS (SELECT w.value FROM v w ORDER BY w.value DESC LIMIT 1 OFFSET ?)"
            " SELECT v.customer_id, v.inbound, v.compound_sum, v.scored, v.name, v.value,"
            " (SELECT COUNT(*) FROM conversations o WHERE o.customer_id = v.customer_id"
            "   AND o.status = 'open' AND o.awaiting_since IS NOT NULL) AS waiting"
            " FROM v WHERE NOT EXISTS (SELECT 1 FROM cut) OR v.value >= (SELECT cut.value FROM cut)"
            " ORDER BY v.value DESC, v.customer_id",
            (start, end, limit - 1),
        )
        return [
            {
                "customer": row["customer_id"],
                "name": row["name"],
                "value": float(row["value"]),
                "inbound": _int(row["inbound"]),
                "compound_sum": None if row["compound_sum"] is None
                else float(row["compound_sum"]),
                "scored": _int(row["scored"]),
                "waiting": _int(row["waiting"]),
            }
            for row in rows
        ]

    def top_customers_inbound(self, start: int, end: int, count: int) -> int:
        """Inbound messages in [start, end) from the `count` most active customers."""
        if count <= 0:
            return 0
        return _int(
            self._scalar(
                self._ACTIVE
                + " SELECT SUM(t.inbound) AS n FROM"
                " (SELECT a.inbound FROM a ORDER BY a.inbound DESC LIMIT ?) t",
                (start, end, count),
            )
        )

    def mention_counts(self, start: int, end: int) -> dict[str, int]:
        """Brand and competitor mentions in inbound messages received in [start, end).

        A message names the shop once however many of its terms it holds (a brand alert
        feed's item also names the watched term: two rows), and each competitor it names
        once (a row per competitor term)."""
        counts = {"brand": 0, "competitor": 0}
        for row in self._rows(
            "SELECT mm.watch, COUNT(*) AS n, COUNT(DISTINCT mm.message_id) AS messages"
            " FROM message_mentions mm JOIN messages m ON m.id = mm.message_id"
            " WHERE m.direction = 'in' AND m.at >= ? AND m.at < ? GROUP BY mm.watch",
            (start, end),
        ):
            counts[row["watch"]] = _int(row["messages" if row["watch"] == "brand" else "n"])
        return counts

    def staff_activity(self, start: int, end: int, as_of: int) -> list[dict[str, Any]]:
        """Per staff member: replies sent and conversations closed in [start, end), and
        their open follow-ups (assigned, not closed) and how many of those are overdue
        at `as_of`.

        Everyone on the staff list is included; someone no longer on it (or never
        on it, named by an import) only when they did something in the period.
        """
        people: dict[str, dict[str, Any]] = {}

        def person(name: str) -> dict[str, Any]:
            return people.setdefault(
                name, {"name": name, "replies": 0, "closed": 0, "open_followups": 0, "overdue": 0}
            )

        for row in self._rows("SELECT name FROM staff WHERE active = 1"):
            person(row["name"])
        for row in self._rows(
            "SELECT e.staff, e.action, COUNT(*) AS actions,"
            " COUNT(DISTINCT e.conversation_id) AS conversations FROM events e"
            " WHERE e.action IN ('replied', 'closed') AND e.at >= ? AND e.at < ?"
            " AND e.staff IS NOT NULL GROUP BY e.staff, e.action",
            (start, end),
        ):
            if row["action"] == "replied":
                person(row["staff"])["replies"] = _int(row["actions"])
            else:
                person(row["staff"])["closed"] = _int(row["conversations"])
        for row in self._rows(
            "SELECT c.assignee, COUNT(*) AS open_followups,"
            " SUM(CASE WHEN c.due_at < ? THEN 1 ELSE 0 END) AS overdue FROM conversations c"
            " WHERE c.assignee IS NOT NULL AND c.status NOT IN ('closed', 'merged')"
            " GROUP BY c.assignee",
            (as_of,),
        ):
            entry = person(row["assignee"])
            entry["open_followups"] = _int(row["open_followups"])
            entry["overdue"] = _int(row["overdue"])
        return sorted(people.values(), key=lambda entry: (entry["name"].casefold(), entry["name"]))
