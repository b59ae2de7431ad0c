"""Customers: lookup, tags, value and customer lists (merging and splitting them:
store/customer_merge.py)."""

from __future__ import annotations

import contextlib
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
from inbox_app.core.text import TAG_LIMIT, clean_text
from inbox_app.core.timeutil import now
from inbox_app.store.base import placeholders
from inbox_app.store.errors import NotFound, StoreError
from inbox_app.store.spellings import TAGS, SpellingsMixin, reading_order


def _identity(row: dict[str, Any]) -> Identity:
    return Identity(
        row["id"], row["customer_id"], row["kind"], row["value"], row["display"] or row["value"],
        row["followers"],
    )


def checked_tag(tag: str) -> str:
    """A tag as typed, or StoreError: the customer list (CSV) separates tags with ";" and
    line breaks and keeps TAG_LIMIT characters of each, so a tag holding one of them, or
    longer, would come back from an export as other tags."""
    tag = tag.strip()
    if not tag:
        raise StoreError("A tag cannot be empty.")
    if any(mark in tag for mark in ";\r\n"):
        raise StoreError("A tag cannot hold “;” or a line break: the customer list separates"
                         " tags with them.")
    if len(tag) > TAG_LIMIT:
        raise StoreError(f"A tag can be at most {TAG_LIMIT} characters; this one has {len(tag)}.")
    return tag


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
        tags = tuple(self._tags_of(customer_id))
        return Customer(
            row["id"], row["name"], row["created_at"], row["value"], row["influence"],
            row["message_count"], identities, tags,
        )

    def find_customer(self, reference: str) -> Customer:
        """A customer by id, by any identity (email, phone, handle) or by exact name (in any
        case; a customer merged away is found by its name as the one it joined, unless a
        customer of its own goes by that name)."""
        text = str(reference).strip()
        if text.isdecimal() and int(text) < 2**63 and self._row(  # more is no id: a name
                "SELECT id FROM customers WHERE id = ?", (int(text),)):
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
        if not rows:
            # A customer merged into another goes on being named as it was: as the one
            # it joined (as its number leads there too).
            joined = {row["merged_into"] for row in self._rows(
                f"SELECT name, merged_into FROM customers WHERE merged_into IS NOT NULL"
                f" AND {sql}", params,
            ) if row["name"].casefold() == text.casefold()}
            rows = [{"id": customer_id} for customer_id in sorted(joined)]
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
            # A customer merged into another is found by its old name, as the one it joined.
            where.append(f"(id IN (SELECT COALESCE(merged_into, id) FROM customers"
                         f" WHERE id IN ({sql}))"
                         + (f" OR id IN ({identities_sql}))" if identities_sql else ")"))
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
        return reading_order(r["tag"] for r in self._rows("SELECT DISTINCT tag FROM customer_tags"))

    def _tags_of(self, customer_id: int) -> list[str]:
        return reading_order(row["tag"] for row in self._rows(
            "SELECT tag FROM customer_tags WHERE customer_id = ?", (customer_id,)))

    def tag_customer(self, customer_id: int, tag: str, *, staff: str | None = None) -> str:
        """Tags the customer unless it has the tag in some case; returns the tag as the
        customer has it, spelled as the store spells it ("VIP" for "vip")."""
        tag = checked_tag(tag)
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
        if note and not (known and self._note_kept(customer_id, note)):
            self._insert(
                "INSERT INTO notes (conversation_id, customer_id, staff, text, at)"
                " VALUES (NULL, ?, ?, ?, ?) RETURNING id",
                (customer_id, staff, note, stamp),
            )
            outcome = "updated" if outcome == "unchanged" else outcome
        return RecordOutcome(record.row, outcome, customer_id)

    def _note_kept(self, customer_id: int, note: str) -> bool:
        """Whether the customer has this note already: as one of their notes, or as all of
        them in the one cell the export writes (cut as the import cuts a note) — importing
        the export back must not add a customer's notes again as one."""
        from inbox_app.core.customer_list import NOTE_LIMIT, NOTES_APART

        kept = [row["text"] for row in self._rows(
            "SELECT text FROM notes WHERE customer_id = ? AND conversation_id IS NULL"
            " ORDER BY at, id", (customer_id,))]
        if note in kept:
            return True
        together = NOTES_APART.join(kept)
        return note == together or (
            len(together) > NOTE_LIMIT and clean_text(together[:NOTE_LIMIT]).strip() == note)

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
        """Names the customer, on one line with single spaces (as a name is looked up)."""
        name = " ".join(name.split())
        if not name:
            raise StoreError("A customer needs a name.")
        with self.transaction():
            if not self._exec("UPDATE customers SET name = ? WHERE id = ?", (name, customer_id)):
                raise NotFound(f"There is no customer {customer_id}.")
            self._event("customer.renamed", staff=staff, customer_id=customer_id,
                        data={"name": name})

    # Merge and split
