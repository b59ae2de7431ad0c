"""Merging customers — the same person met by email and by phone becomes one — and
splitting an identity off again. Each is an event that records exactly what it moved,
so undoing it puts back only that; a split is remembered, so no later message joins
the two again."""

from __future__ import annotations

import json

from inbox_app.core.timeutil import now
from inbox_app.store.errors import NotFound, StoreError
from inbox_app.store.spellings import SpellingsMixin


class CustomerMergeMixin(SpellingsMixin):
    def merge_customers(
        self, keep: int, other: int, *, staff: str | None = None, automatic: bool = False
    ) -> int:
        """Moves everything of `other` onto `keep`; returns the event id that undoes it.

        Either may have been merged into another customer since the caller looked (a
        message naming both, another computer): the customers they joined are merged."""
        with self.transaction():
            keep, other = self._live_pair(keep, other)
            if keep == other:
                raise StoreError("A customer cannot be merged with itself.")
            moved = {
                "other": other,
                "identities": self._ids("SELECT id FROM identities WHERE customer_id = ?", other),
                "messages": self._ids("SELECT id FROM messages WHERE customer_id = ?", other),
                "conversations": self._ids(
                    "SELECT id FROM conversations WHERE customer_id = ?", other
                ),
                "notes": self._ids("SELECT id FROM notes WHERE customer_id = ?", other),
                "tags": self._tags_moving(other, keep),
                "other_tags": self._tags_of(other),  # all, the shared ones too: an undo
                "keep_value": self._scalar("SELECT value FROM customers WHERE id = ?", (keep,)),
                "automatic": automatic,
            }
            for table in ("identities", "messages", "conversations", "notes"):
                self._exec(f"UPDATE {table} SET customer_id = ? WHERE customer_id = ?",
                           (keep, other))
            self._exec_in(
                "INSERT INTO customer_tags (customer_id, tag, created_at)"
                " SELECT ?, tag, created_at FROM customer_tags WHERE customer_id = ?"
                " AND tag IN (…) ON CONFLICT DO NOTHING",
                moved["tags"], before=(keep, other),
            )
            self._exec("DELETE FROM customer_tags WHERE customer_id = ?", (other,))
            self._exec(
                "UPDATE customers SET value = CASE WHEN value IS NULL AND"
                " (SELECT value FROM customers WHERE id = ?) IS NULL THEN NULL"
                " ELSE COALESCE(value, 0) + COALESCE((SELECT value FROM customers WHERE id = ?), 0)"
                " END WHERE id = ?",
                (other, other, keep),
            )
            self._exec("UPDATE customers SET merged_into = ? WHERE id = ?", (keep, other))
            self._exec("UPDATE customers SET merged_into = ? WHERE merged_into = ?", (keep, other))
            event_id = self._event("customer.merged", staff=staff, customer_id=keep, data=moved)
            self.refresh_customers([keep, other], moved["conversations"])
        return event_id

    def _live_pair(self, keep: int, other: int) -> tuple[int, int]:
        """The customers `keep` and `other` are now, their rows held until the transaction
        ends: a merge of the same two on another computer waits, then finds them one (two
        merges the opposite ways at once left each merged into the other)."""
        held: set[int] = set()
        while True:
            wanted = {keep, other} - held
            if not wanted:
                return keep, other
            self._exec_in("UPDATE customers SET merged_into = merged_into WHERE id IN (…)",
                          sorted(wanted))
            held |= wanted
            keep, other = self.get_customer(keep).id, self.get_customer(other).id

    def _tags_moving(self, other: int, keep: int) -> list[str]:
        """The tags of `other` that `keep` has in no case: a merge adds those."""
        kept = {tag.casefold() for tag in self._tags_of(keep)}
        return [tag for tag in self._tags_of(other) if tag.casefold() not in kept]

    def unmerge_customers(self, event_id: int, *, staff: str | None = None) -> None:
        """Undoes a merge: what moved goes back, the merged customer returns."""
        event = self._row("SELECT * FROM events WHERE id = ? AND action = 'customer.merged'",
                          (event_id,))
        if event is None:
            raise NotFound(f"There is no customer merge {event_id} to undo.")
        data = json.loads(event["data"])
        keep, other = event["customer_id"], data["other"]
        with self.transaction():
            self._exec("UPDATE customers SET merged_into = NULL WHERE id = ?", (other,))
            # What came in through the other's identities since the merge goes back too.
            data["messages"] = sorted({*data["messages"], *(row["id"] for row in self._rows_in(
                "SELECT id FROM messages WHERE customer_id = ? AND identity_id IN (…)",
                data["identities"], before=(keep,)))})
            for table in ("identities", "messages", "notes"):
                self._exec_in(f"UPDATE {table} SET customer_id = ? WHERE id IN (…)",
                              data[table], before=(other,))
            data["conversations"] = sorted({*data["conversations"], *self._ids(
                "SELECT c.id FROM conversations c WHERE c.customer_id = ? AND EXISTS"
                " (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.customer_id = ?)"
                " AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id"
                "   AND m.direction = 'in' AND m.customer_id = ?)",
                keep, other, keep)})
            self._exec_in("UPDATE conversations SET customer_id = ? WHERE id IN (…)",
                          data["conversations"], before=(other,))
            # The other gets all its tags back (merges from before "other_tags" was kept
            # knew only those that moved); the kept customer gives up those that moved.
            for tag in data.get("other_tags", data["tags"]):
                self._exec(
                    "INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING", (other, tag, now()),
                )
            for tag in data["tags"]:
                self._exec("DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?",
                           (keep, tag))
            self._exec("UPDATE customers SET value = ? WHERE id = ?", (data["keep_value"], keep))
            self._separate(keep, other, staff)
            self._event("customer.unmerged", staff=staff, customer_id=keep,
                        data={"other": other, "merge_event": event_id})
            self.refresh_customers([keep, other], data["conversations"])

    def split_identity(
        self, identity_id: int, *, staff: str | None = None, name: str | None = None
    ) -> int:
        """Moves one identity, and what came through it, to a new customer; returns its id."""
        row = self._row("SELECT * FROM identities WHERE id = ?", (identity_id,))
        if row is None:
            raise NotFound(f"There is no identity {identity_id}.")
        old = row["customer_id"]
        count = self._scalar("SELECT COUNT(*) AS n FROM identities WHERE customer_id = ?", (old,))
        if count < 2:
            raise StoreError("That is the customer's only identity; there is nothing to split off.")
        with self.transaction():
            new = self._insert(
                "INSERT INTO customers (name, created_at, message_count) VALUES (?, ?, 0)"
                " RETURNING id",
                ((name or self._name_through(identity_id, old) or row["display"]
                  or row["value"]).strip(), now()),
            )
            self.index_customers([new])
            self._exec("UPDATE identities SET customer_id = ? WHERE id = ?", (new, identity_id))
            messages = self._ids(
                "SELECT id FROM messages WHERE identity_id = ? AND customer_id = ?",
                identity_id, old,
            )
            self._exec_in("UPDATE messages SET customer_id = ? WHERE id IN (…)", messages,
                          before=(new,))
            # A conversation follows when every inbound message in it came through the identity.
            conversations = self._ids(
                "SELECT c.id FROM conversations c WHERE c.customer_id = ? AND EXISTS"
                " (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.customer_id = ?)"
                " AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id"
                "   AND m.direction = 'in' AND m.customer_id = ?)",
                old, new, old,
            )
            self._exec_in("UPDATE conversations SET customer_id = ? WHERE id IN (…)",
                          conversations, before=(new,))
            self._separate(old, new, staff)
            self._event(
                "customer.split", staff=staff, customer_id=old,
                data={"new": new, "identity": identity_id, "messages": messages,
                      "conversations": conversations},
            )
            self.refresh_customers([old, new], conversations)
        return new

    def _name_through(self, identity_id: int, customer_id: int) -> str | None:
        """The name the customer's latest message through the identity gives, if any: a
        person's name, where the identity alone has only an address or a number."""
        return self._scalar(
            "SELECT author_name FROM messages WHERE customer_id = ? AND direction = 'in'"
            " AND identity_id = ? AND TRIM(author_name) <> '' ORDER BY at DESC, id DESC LIMIT 1",
            (customer_id, identity_id),
        )

    def _separate(self, a: int, b: int, staff: str | None) -> None:
        self._exec(
            "INSERT INTO customer_separations (customer_a, customer_b, at, staff)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (min(a, b), max(a, b), now(), staff),
        )
