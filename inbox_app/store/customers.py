"""Customers: lookup, tags, value, merge and split (each an event that can be undone)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from typing import Any

from inbox_app.core.identity import (
    IdentityError,
    normalize_email,
    normalize_handle,
    normalize_phone,
)
from inbox_app.core.models import (
    Customer,
    CustomerRecord,
    Identity,
    IdentityRef,
    RecordOutcome,
)
from inbox_app.core.text import clean_text
from inbox_app.core.timeutil import now
from inbox_app.store.base import placeholders
from inbox_app.store.errors import NotFound, StoreError
from inbox_app.store.spellings import TAGS, SpellingsMixin


def _identity(row: dict[str, Any]) -> Identity:
    return Identity(
        row["id"], row["customer_id"], row["kind"], row["value"], row["display"] or row["value"],
        row["followers"],
    )


class CustomerMixin(SpellingsMixin):
    def get_customer(self, customer_id: int) -> Customer:
        row = self._row(
            "SELECT id, name, created_at, value, influence, message_count, merged_into"
            " FROM customers WHERE id = ?",
            (customer_id,),
        )
        if row is None:
            raise NotFound(f"There is no customer {customer_id}.")
        if row["merged_into"] is not None:
            return self.get_customer(row["merged_into"])
        identities = tuple(
            _identity(r)
            for r in self._rows(
                "SELECT * FROM identities WHERE customer_id = ? ORDER BY kind, value",
                (customer_id,),
            )
        )
        tags = tuple(
            r["tag"]
            for r in self._rows(
                "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag", (customer_id,)
            )
        )
        return Customer(
            row["id"], row["name"], row["created_at"], row["value"], row["influence"],
            row["message_count"], identities, tags,
        )

    def find_customer(self, reference: str) -> Customer:
        """A customer by id, by any identity (email, phone, handle) or by exact name."""
        text = str(reference).strip()
        if text.isdigit() and self._row("SELECT id FROM customers WHERE id = ?", (int(text),)):
            return self.get_customer(int(text))
        candidates: list[tuple[str | None, str]] = []
        for normalize in (normalize_email, normalize_handle):
            with contextlib.suppress(IdentityError):
                candidates.append((None, normalize(text)))
        with contextlib.suppress(IdentityError):
            candidates.append(("phone", normalize_phone(text, self.phone_region())))
        for kind, value in candidates:
            sql = "SELECT customer_id FROM identities WHERE value = ?"
            params: list[Any] = [value]
            if kind:
                sql += " AND kind = ?"
                params.append(kind)
            row = self._row(sql + " ORDER BY id LIMIT 1", params)
            if row:
                return self.get_customer(row["customer_id"])
        sql, params = self._casefold_match("name", text)
        rows = [row for row in self._rows(
            f"SELECT id, name FROM customers WHERE merged_into IS NULL AND {sql}", params,
        ) if row["name"].casefold() == text.casefold()]
        if len(rows) == 1:
            return self.get_customer(rows[0]["id"])
        if len(rows) > 1:
            raise StoreError(
                f"{len(rows)} customers are called {text}; use the customer's number instead."
            )
        raise NotFound(f"No customer matches {text!r}.")

    def list_customers(
        self, *, tag: str | None = None, search: str | None = None, limit: int = 500,
        offset: int = 0,
    ) -> list[Customer]:
        where, params = ["merged_into IS NULL"], []
        if tag:
            spellings = self.tag_spellings(tag) or [tag]
            where.append("id IN (SELECT customer_id FROM customer_tags"
                         f" WHERE tag IN ({placeholders(len(spellings))}))")
            params.extend(spellings)
        if search:
            # By name, or by the address, handle or number they wrote from (as the queue's
            # search finds their conversations): the word index holds only names.
            sql, extra = self.fts_match("customers", search)
            identities_sql, identities_params = self._identities_match(search)
            where.append(f"(id IN ({sql})" + (f" OR id IN ({identities_sql}))"
                                               if identities_sql else ")"))
            params.extend([*extra, *identities_params])
        rows = self._rows(
            f"SELECT id FROM customers WHERE {' AND '.join(where)}"
            " ORDER BY message_count DESC, name LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [self.get_customer(row["id"]) for row in rows]

    def customer_conversations(self, customer_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT id, kind, status, subject, preview, last_at FROM conversations"
            " WHERE customer_id = ? AND merged_into IS NULL ORDER BY last_at DESC",
            (customer_id,),
        )

    def all_tags(self) -> list[str]:
        return [r["tag"] for r in self._rows("SELECT DISTINCT tag FROM customer_tags ORDER BY tag")]

    def _tags_of(self, customer_id: int) -> list[str]:
        return [row["tag"] for row in self._rows(
            "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag", (customer_id,))]

    def tag_customer(self, customer_id: int, tag: str, *, staff: str | None = None) -> str:
        """Tags the customer unless it has the tag in some case; returns the tag as the
        customer has it, spelled as the store spells it ("VIP" for "vip")."""
        tag = tag.strip()
        if not tag:
            raise StoreError("A tag cannot be empty.")
        self.get_customer(customer_id)
        with self.transaction():
            having = self._tags_of(customer_id)
            had = next((have for have in having if have.casefold() == tag.casefold()), None)
            if had is not None:
                return had
            tag = self._spelling(tag, TAGS)
            self._add_tag(customer_id, tag, staff, now(), {have.casefold() for have in having})
        return tag

    def _add_tag(self, customer_id: int, tag: str, staff: str | None, at: int,
                 having: set[str] | None = None) -> bool:
        """Tags the customer with `tag` as spelled (recorded as an event) unless it has the
        tag in some case; True if it did. `having`: the customer's tags casefolded, when the
        caller has them at hand (kept up to date here)."""
        if having is None:
            having = {have.casefold() for have in self._tags_of(customer_id)}
        if tag.casefold() in having:
            return False
        having.add(tag.casefold())
        self._exec("INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, ?, ?)",
                   (customer_id, tag, at))
        self._event("customer.tagged", staff=staff, customer_id=customer_id, data={"tag": tag})
        return True

    def untag_customer(self, customer_id: int, tag: str, *,
                       staff: str | None = None) -> str | None:
        """Takes the tag away, in whatever case the customer has it; returns it as it was
        spelled, or None when the customer did not have it."""
        wanted = tag.strip().casefold()
        self.get_customer(customer_id)
        with self.transaction():
            removed = [have for have in self._tags_of(customer_id) if have.casefold() == wanted]
            for spelling in removed:
                self._exec("DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?",
                           (customer_id, spelling))
                self._event("customer.untagged", staff=staff, customer_id=customer_id,
                            data={"tag": spelling})
        return removed[0] if removed else None

    def set_customer_value(
        self, customer_id: int, value: float | None, *, staff: str | None = None
    ) -> None:
        with self.transaction():
            if not self._set_value(customer_id, value, staff):
                raise NotFound(f"There is no customer {customer_id}.")

    def _set_value(self, customer_id: int, value: float | None, staff: str | None) -> bool:
        """Sets the value (recorded as an event); False when there is no such customer."""
        if not self._exec("UPDATE customers SET value = ? WHERE id = ?", (value, customer_id)):
            return False
        self._event("customer.value", staff=staff, customer_id=customer_id,
                    data={"value": value})
        return True

    def save_customer_records(
        self, records: Sequence[CustomerRecord], *, tags: Sequence[str] = (),
        staff: str | None = None,
    ) -> list[RecordOutcome]:
        """Matches each record to the customer its identities name (adding a customer when
        none does) in one transaction: its value replaces the customer's, its tags and
        `tags` are added (spelled as the store spells them), its note kept once, identities
        it adds join the customer; when its identities name several customers they are
        merged, as a message naming them would merge them. Saving the same records again
        changes nothing."""
        spelled: dict[str, str] = {}
        with self.transaction():
            return [self._save_customer_record(record, tuple(tags), staff, spelled)
                    for record in records]

    def identity_owners(self, refs: Sequence[IdentityRef]) -> dict[tuple[str, str], int]:
        """(kind, value) → the customer each of these identities belongs to, if known."""
        owners: dict[tuple[str, str], int] = {}
        for ref in refs:
            row = self._row("SELECT customer_id FROM identities WHERE kind = ? AND value = ?",
                            (ref.kind, ref.value))
            if row is not None:
                owners[(ref.kind, ref.value)] = row["customer_id"]
        return owners

    def _save_customer_record(
        self, record: CustomerRecord, extra_tags: tuple[str, ...], staff: str | None,
        spelled: dict[str, str],
    ) -> RecordOutcome:
        owners = self.identity_owners(record.identities)
        known = list(dict.fromkeys(owners.values()))
        for other in known[1:]:
            if self._separated(known[0], other):
                return RecordOutcome(record.row, "skipped", None,
                                     "its identities belong to two customers that were split"
                                     " apart; import them on separate rows")
        stamp = now()
        if not known:
            first = record.identities[0]
            customer_id = self._insert(
                "INSERT INTO customers (name, created_at, message_count, value)"
                " VALUES (?, ?, 0, ?) RETURNING id",
                (record.name or first.display or first.value, stamp, record.value),
            )
            self.index_customers([customer_id])
            self._event("customer.imported", staff=staff, customer_id=customer_id,
                        data={"row": record.row, "new": True})
            outcome = "new"
        else:
            customer_id = known[0]
            outcome = "unchanged"
            for other in known[1:]:
                self.merge_customers(customer_id, other, staff=staff, automatic=True)
                outcome = "updated"
        added = [ref for ref in record.identities if (ref.kind, ref.value) not in owners]
        for ref in added:
            self._exec(
                "INSERT INTO identities (customer_id, kind, value, display, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (customer_id, ref.kind, ref.value, ref.display or ref.value, stamp),
            )
        if known and added:
            outcome = "updated"
            self._event("customer.imported", staff=staff, customer_id=customer_id,
                        data={"row": record.row, "identities": [r.value for r in added]})
        current = self._row("SELECT name, value FROM customers WHERE id = ?", (customer_id,))
        if known and record.value is not None and current["value"] != record.value:
            self._set_value(customer_id, record.value, staff)
            outcome = "updated"
        if known and record.name and current["name"] != record.name and \
                self._named_after_identity(customer_id, current["name"]):
            self._exec("UPDATE customers SET name = ? WHERE id = ?", (record.name, customer_id))
            outcome = "updated"
        having = {tag.casefold() for tag in self._tags_of(customer_id)} if known else set()
        for tag in dict.fromkeys((*record.tags, *extra_tags)):
            if tag.casefold() not in spelled:  # a list tags its rows alike: look it up once
                spelled[tag.casefold()] = self._spelling(tag, TAGS)
            if self._add_tag(customer_id, spelled[tag.casefold()], staff, stamp, having) and \
                    outcome == "unchanged":
                outcome = "updated"
        note = clean_text(record.note).strip()
        if note and not self._row(
            "SELECT id FROM notes WHERE customer_id = ? AND conversation_id IS NULL"
            " AND text = ?", (customer_id, note),
        ):
            self._insert(
                "INSERT INTO notes (conversation_id, customer_id, staff, text, at)"
                " VALUES (NULL, ?, ?, ?, ?) RETURNING id",
                (customer_id, staff, note, stamp),
            )
            outcome = "updated" if outcome == "unchanged" else outcome
        return RecordOutcome(record.row, outcome, customer_id)

    def _named_after_identity(self, customer_id: int, name: str) -> bool:
        """True for a name the app gave (an address, a number, "Unknown"), not a person."""
        wanted = name.strip().casefold()
        if wanted in ("", "unknown"):
            return True
        return any(
            wanted in (row["value"].casefold(), (row["display"] or "").casefold())
            for row in self._rows("SELECT value, display FROM identities WHERE customer_id = ?",
                                  (customer_id,))
        )

    def rename_customer(self, customer_id: int, name: str, *, staff: str | None = None) -> None:
        if not name.strip():
            raise StoreError("A customer needs a name.")
        with self.transaction():
            if not self._exec(
                "UPDATE customers SET name = ? WHERE id = ?", (name.strip(), customer_id)
            ):
                raise NotFound(f"There is no customer {customer_id}.")
            self._event("customer.renamed", staff=staff, customer_id=customer_id,
                        data={"name": name.strip()})

    # Merge and split

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
