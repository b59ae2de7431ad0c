"""Merging customers — the same person met by email and by phone becomes one — and
splitting an identity off again. Each is an event that records exactly what it moved,
so undoing it puts back only that, and keeps what people did since (see
`unmerge_customers`); a split is remembered, so no later message joins the two again."""

from __future__ import annotations

import json

from inbox_app.core.timeutil import now
from inbox_app.store.errors import NotFound, StoreError, UndoNotPossible
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
        """Undoes a merge: what the merge took from the other customer goes back to it,
        and what people did to the merged customer since stays as they left it.

        - The identities it brought that the merged customer still has go back, with
          their messages (those that came in since too) and the conversations only they
          wrote in; one split off since stays where the split put it. So that no customer
          is left with no identity: when every one was split off, the customers split off
          with nothing but them join the other customer again, and when the kept
          customer's own were, the customers split off with them join it again.
        - The other gets back its notes and its tags, but not a tag taken off the merged
          customer since; the kept customer gives up the tags the merge brought, unless it
          was tagged with one again since. Notes added and names given since stay.
        - The kept customer's value loses what the merge added, unless it was set since (by
          hand, or from a customer list), which stays as set; the other has its own back.

        Raises UndoNotPossible (nothing changed) once undone, or when the other customer's
        identities have all gone on to other customers since."""
        event = self._row("SELECT * FROM events WHERE id = ? AND action = 'customer.merged'",
                          (event_id,))
        if event is None:
            raise NotFound(f"There is no customer merge {event_id} to undo.")
        data = json.loads(event["data"])
        keep, other = event["customer_id"], data["other"]
        moved_identities = set(data["identities"])
        with self.transaction():
            # Held until the end: two undos of the same merge at once run one after the other.
            self._exec_in("UPDATE customers SET merged_into = merged_into WHERE id IN (…)",
                          sorted({keep, other}))
            name = self._scalar("SELECT name FROM customers WHERE id = ?", (other,))
            if self._undo_recorded("customer", keep, event_id) or self._scalar(
                    "SELECT merged_into FROM customers WHERE id = ?", (other,)) is None:
                raise UndoNotPossible(f"The merge of {name} was undone already.")
            live = self.get_customer(keep).id
            splits = self._splits_since(event_id, live)
            back = set(self._ids_in(
                "SELECT id FROM identities WHERE customer_id = ? AND id IN (…)",
                sorted(moved_identities), before=(live,)))
            staying = set(self._ids(
                "SELECT id FROM identities WHERE customer_id = ?", live)) - back
            rejoining = [] if back else self._split_pieces(splits, moved_identities, inside=True)
            if not back and not rejoining:
                raise UndoNotPossible(
                    f"The merge of {name} cannot be undone: its identities have joined other"
                    " customers since.")
            returning = [] if staying else self._split_pieces(
                splits, moved_identities, inside=False)
            if not staying and not returning:
                raise UndoNotPossible(
                    f"The merge of {name} cannot be undone: the customer it joined would be"
                    " left with no identity.")
            self._exec("UPDATE customers SET merged_into = NULL WHERE id = ?", (other,))
            self._exec_in("UPDATE customers SET merged_into = ? WHERE merged_into = ?"
                          " AND id IN (…)", self._merged_before(other, event_id),
                          before=(other, live))
            self._exec_in("UPDATE identities SET customer_id = ? WHERE id IN (…)",
                          sorted(back), before=(other,))
            messages = [row["id"] for row in self._rows_in(
                "SELECT id, identity_id FROM messages WHERE customer_id = ? AND id IN (…)",
                data["messages"], before=(live,))
                if row["identity_id"] is None or row["identity_id"] in back]
            messages += self._ids_in(  # what came in through them since the merge
                "SELECT id FROM messages WHERE customer_id = ? AND identity_id IN (…)",
                sorted(back), before=(live,))
            self._exec_in("UPDATE messages SET customer_id = ? WHERE id IN (…)",
                          sorted(set(messages)), before=(other,))
            # A conversation goes back when no inbound message in it is the kept customer's.
            conversations = sorted({*self._ids_in(
                "SELECT id FROM conversations WHERE customer_id = ? AND id IN (…)",
                data["conversations"], before=(live,)), *self._ids(
                "SELECT c.id FROM conversations c WHERE c.customer_id = ? AND EXISTS"
                " (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.customer_id = ?)",
                live, other)})
            conversations = [conversation for conversation in conversations
                             if not self._scalar(
                                 "SELECT 1 FROM messages WHERE conversation_id = ?"
                                 " AND direction = 'in' AND customer_id = ? LIMIT 1",
                                 (conversation, live))]
            self._exec_in("UPDATE conversations SET customer_id = ? WHERE id IN (…)",
                          conversations, before=(other,))
            self._exec_in("UPDATE notes SET customer_id = ? WHERE customer_id = ? AND id IN (…)",
                          data["notes"], before=(other, live))
            self._exec_in("UPDATE notes SET customer_id = ? WHERE conversation_id IN (…)",
                          conversations, before=(other,))
            self._give_tags_back(event_id, data, keep, live, other)
            self._take_value_back(event_id, data, keep, live, other)
            self._separate(live, other, staff)
            for joined, pieces in ((other, rejoining), (live, returning)):
                for piece in pieces:
                    self._forget_separation(piece["old"], piece["new"])
                    self.merge_customers(joined, piece["new"], staff=staff)
            self._event("customer.unmerged", staff=staff, customer_id=keep,
                        data={"other": other, "merge_event": event_id,
                              "rejoined": [piece["new"] for piece in rejoining + returning]})
            self.refresh_customers(sorted({keep, live, other}), conversations)

    def _ids_in(self, sql: str, values: list[int], *, before: tuple = ()) -> list[int]:
        return [next(iter(row.values())) for row in self._rows_in(sql, values, before=before)]

    def _splits_since(self, event_id: int, live: int) -> list[dict]:
        """The splits off `live` (or a customer merged into it) made after the event: the
        identity, and the customer it was split from (old) and into (new)."""
        splits = [dict(json.loads(row["data"]), old=row["customer_id"]) for row in self._rows(
            "SELECT customer_id, data FROM events WHERE action = 'customer.split' AND id > ?"
            " ORDER BY id", (event_id,))]
        return [split for split in splits if self.get_customer(split["old"]).id == live]

    def _split_pieces(self, splits: list[dict], identities: set[int], *,
                      inside: bool) -> list[dict]:
        """The splits since whose customers are still on their own and hold nothing but
        `identities` (`inside`) or nothing of them (not `inside`)."""
        pieces: dict[int, dict] = {}
        for split in splits:
            if self._scalar("SELECT merged_into FROM customers WHERE id = ?",
                            (split["new"],)) is not None:
                continue
            held = set(self._ids("SELECT id FROM identities WHERE customer_id = ?",
                                 split["new"]))
            if held and (held <= identities if inside else not held & identities):
                pieces.setdefault(split["new"], split)
        return list(pieces.values())

    def _merged_before(self, customer_id: int, event_id: int) -> list[int]:
        """The customers merged into `customer_id` before the event, however many merges
        ago: they were pointed at the customer it joined, and point back at it on undo."""
        found: list[int] = []
        for row in self._rows(
                "SELECT id, data FROM events WHERE action = 'customer.merged'"
                " AND customer_id = ? AND id < ?", (customer_id, event_id)):
            merged = json.loads(row["data"])["other"]
            found += [merged, *self._merged_before(merged, row["id"])]
        return found

    def _give_tags_back(self, event_id: int, data: dict, keep: int, live: int,
                        other: int) -> None:
        """The other's tags go back but for those taken off the merged customer since; the
        kept one gives up the tags the merge brought, unless tagged with one again since.
        (Merges from before "other_tags" was kept knew only the tags that moved.)"""
        having = {tag.casefold() for tag in self._tags_of(live)}
        tagged_since = {json.loads(row["data"]).get("tag", "").casefold() for row in self._rows(
            "SELECT data FROM events WHERE action = 'customer.tagged' AND customer_id IN (?, ?)"
            " AND id > ?", (keep, live, event_id))}
        for tag in data.get("other_tags", data["tags"]):
            if tag.casefold() in having:
                self._exec(
                    "INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING", (other, tag, now()),
                )
        for tag in data["tags"]:
            if tag.casefold() not in tagged_since:
                self._exec("DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?",
                           (live, tag))

    def _take_value_back(self, event_id: int, data: dict, keep: int, live: int,
                         other: int) -> None:
        """The merge added the other's value to the kept customer's: that comes off again,
        unless a value was set since, which is what the shop knows now."""
        if self._scalar(
                "SELECT 1 FROM events WHERE action = 'customer.value' AND customer_id IN (?, ?)"
                " AND id > ? LIMIT 1", (keep, live, event_id)):
            return
        added = self._scalar("SELECT value FROM customers WHERE id = ?", (other,))
        current = self._scalar("SELECT value FROM customers WHERE id = ?", (live,))
        if added is None or current is None:
            return
        value = round(current - added, 2)
        if value == 0 and data["keep_value"] is None:
            value = None
        self._exec("UPDATE customers SET value = ? WHERE id = ?", (value, live))

    def split_identity(
        self, identity_id: int, *, staff: str | None = None, name: str | None = None
    ) -> int:
        """Moves one identity, and what came through it, to a new customer; returns its id.

        The customer's row is held while its identities are counted: two computers each
        splitting off one of its last two identities would leave it with none."""
        with self.transaction():
            row = self._row("SELECT * FROM identities WHERE id = ?", (identity_id,))
            if row is None:
                raise NotFound(f"There is no identity {identity_id}.")
            old = row["customer_id"]
            self._exec("UPDATE customers SET merged_into = merged_into WHERE id = ?", (old,))
            row = self._row("SELECT * FROM identities WHERE id = ?", (identity_id,))
            if row is None or row["customer_id"] != old:  # moved while the row was awaited
                return self.split_identity(identity_id, staff=staff, name=name)
            count = self._scalar("SELECT COUNT(*) AS n FROM identities WHERE customer_id = ?",
                                 (old,))
            if count < 2:
                raise StoreError(
                    "That is the customer's only identity; there is nothing to split off.")
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
            self._exec_in("UPDATE notes SET customer_id = ? WHERE conversation_id IN (…)",
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

    def _forget_separation(self, a: int, b: int) -> None:
        self._exec("DELETE FROM customer_separations WHERE customer_a = ? AND customer_b = ?",
                   (min(a, b), max(a, b)))

    def undo_split(self, new_customer: int, *, staff: str | None = None) -> int:
        """Undoes a split: the customer split off joins the one it came from again (a merge
        in the history, with whatever it was given since) and the two are no longer kept
        apart; returns the merge's event id. Raises UndoNotPossible once the customer split
        off has joined any customer since (this undo, or a merge), or another customer was
        merged into it (undoing the split would drag that one along)."""
        split = next((dict(json.loads(row["data"]), old=row["customer_id"])
                      for row in self._rows(
                          "SELECT customer_id, data FROM events WHERE action = 'customer.split'"
                          " AND data LIKE ?", (f'%"new": {new_customer},%',))
                      if json.loads(row["data"]).get("new") == new_customer), None)
        if split is None:
            raise NotFound(f"There is no split of customer {new_customer} to undo.")
        with self.transaction():
            self._exec("UPDATE customers SET merged_into = merged_into WHERE id = ?",
                       (new_customer,))
            row = self._row("SELECT name, merged_into FROM customers WHERE id = ?",
                            (new_customer,))
            if row["merged_into"] is not None:
                joined = self.get_customer(new_customer)
                raise UndoNotPossible(
                    f"The split of {row['name']} was undone already." if
                    joined.id == self.get_customer(split["old"]).id else
                    f"The split of {row['name']} cannot be undone: it has joined"
                    f" {joined.name} since.")
            taken_in = self._scalar("SELECT name FROM customers WHERE merged_into = ? LIMIT 1",
                                    (new_customer,))
            if taken_in is not None:
                raise UndoNotPossible(
                    f"The split of {row['name']} cannot be undone: {taken_in} has been merged"
                    " into it since, and would go along.")
            self._forget_separation(split["old"], new_customer)
            return self.merge_customers(split["old"], new_customer, staff=staff)
