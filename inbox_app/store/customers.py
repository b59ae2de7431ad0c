"""Customers: lookup, tags, value, merge and split (each an event that can be undone)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from functools import lru_cache
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
from inbox_app.store.base import Engine, placeholders
from inbox_app.store.errors import NotFound, StoreError

# Where tags and conversation labels are kept: one vocabulary, a word in any case.
TAGS = ("customer_tags", "tag")
LABELS = ("conversation_labels", "label")
# The different values of an indexed column, each found from the one before it.
DISTINCT_VALUES = (
    "WITH RECURSIVE v(value) AS (SELECT MIN({column}) FROM {table}"
    " UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > v.value)"
    " FROM v WHERE v.value IS NOT NULL) SELECT value FROM v WHERE value IS NOT NULL"
)
# Every letter with a case lies in Unicode's first two planes; the others hold ideographs,
# tags, variation selectors and private use.
CASED_BELOW = 0x20000


def _identity(row: dict[str, Any]) -> Identity:
    return Identity(
        row["id"], row["customer_id"], row["kind"], row["value"], row["display"] or row["value"],
        row["followers"],
    )


@lru_cache(maxsize=1)
def _folding_into() -> dict[str, str]:
    """Casefolded text → the other characters that casefold to it ("k" → "K" and the
    Kelvin sign, "ss" → "ß" and "ẞ")."""
    found: dict[str, str] = {}
    for code in range(CASED_BELOW):
        char = chr(code)
        folded = char.casefold()
        if folded != char:
            found[folded] = found.get(folded, "") + char
    return found


def _spelling_places(folded: str) -> list[tuple[str, bool]]:
    """For each character of a casefolded text, the characters that may stand there in a
    text casefolding to it, and whether it may be missing there: folded out of the
    character before it, as the second s of ß is. Every such text fits, and a few more."""
    into = _folding_into()
    places = [folded[i] + into.get(folded[i], "") for i in range(len(folded))]
    optional = [False] * len(folded)
    for start in range(len(folded)):
        for length in (2, 3):  # what one character casefolds into: at most three
            piece = folded[start:start + length]
            if len(piece) == length and piece in into:
                places[start] += into[piece]
                optional[start + 1:start + length] = [True] * (length - 1)
    return list(zip(places, optional, strict=True))


def glob_pattern(folded: str) -> str:
    """SQLite GLOB (case-sensitive, no escape character) for the spellings of `folded`."""
    parts = []
    for chars, optional in _spelling_places(folded):
        if optional:
            parts.append("*")
        elif len(chars) > 1:
            parts.append(f"[{chars}]")  # cased letters: never ] ^ - or a GLOB character
        else:
            parts.append(f"[{chars}]" if chars in "*?[" else chars)
    return "".join(parts)


def like_pattern(folded: str) -> str:
    """A LIKE pattern (escape `\\`) for the spellings of `folded` with A-Z lowered: a
    place another character may take (Ü for ü, the Kelvin sign for k) is any one."""
    parts = []
    for chars, optional in _spelling_places(folded):
        if optional:
            parts.append("%")
        elif not chars.isascii():
            parts.append("_")
        else:
            lowered = chars.lower()[0]
            parts.append(f"\\{lowered}" if lowered in "%_\\" else lowered)
    return "".join(parts)


def regex_pattern(folded: str) -> str:
    """A PostgreSQL regular expression (`~`, case-sensitive) for the spellings of `folded`."""
    parts = []
    for chars, optional in _spelling_places(folded):
        if len(chars) > 1:
            part = f"[{chars}]"  # cased letters: never ] ^ - [ or a backslash
        else:
            part = f"\\{chars}" if chars.isascii() and not chars.isalnum() else chars
        parts.append(part + "?" if optional else part)
    return "^" + "".join(parts) + "$"


class CustomerMixin(Engine):
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

    def _casefold_match(self, column: str, text: str) -> tuple[str, list[Any]]:
        """SQL keeping the rows whose `column` may be `text` in another case — a pattern of
        its spellings, which lets a few more through: check them with str.casefold. The
        engines' own lower(), LIKE and NOCASE fold A-Z only. One pass over the rows, as
        `lower(column) = lower(?)` was, with no Python called per row."""
        folded = text.casefold()
        if self.engine == "postgres":
            # A regular expression costs several times what LIKE does, yet the planner would
            # try it first: CASE keeps LIKE first, for the few rows it lets through.
            return (f"CASE WHEN lower({column}) LIKE ? THEN {column} ~ ? ELSE FALSE END",
                    [like_pattern(folded), regex_pattern(folded)])
        return f"{column} GLOB ?", [glob_pattern(folded)]

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
            sql, extra = self.fts_match("customers", search)
            where.append(f"id IN ({sql})")
            params.extend(extra)
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

    # Tags and labels: one word in any case, spelled as the store already spells it

    def tag_spellings(self, tag: str) -> list[str]:
        """Every spelling of a tag or label the store holds (the same but for case, as
        str.casefold compares), tags' first: a filter by `vip` is a filter by VIP. Stores
        from before tags ignored case may hold several."""
        return self._spellings(tag, TAGS)

    def _spellings(self, word: str, first: tuple[str, str]) -> list[str]:
        wanted = word.strip().casefold()
        found: list[str] = []
        for table, column in (first, LABELS if first == TAGS else TAGS):
            for value in self._distinct_values(table, column):
                if value.casefold() == wanted and value not in found:
                    found.append(value)
        return found

    def _distinct_values(self, table: str, column: str) -> list[str]:
        """The different values of an indexed column, one index probe each: a shop has a
        few dozen tags on 100,000 customers, and reading them all to find those would cost
        a pass over the whole index."""
        return [row["value"] for row in self._rows(
            DISTINCT_VALUES.format(table=table, column=column))]

    def _spelling(self, word: str, first: tuple[str, str]) -> str:
        """How to store a tag or label: as the store already spells it in any case
        ("VIP" for "vip"; from the same kind first), else as written."""
        table, column = first
        if self._row(f"SELECT {column} FROM {table} WHERE {column} = ? LIMIT 1", (word,)):
            return word
        return next(iter(self._spellings(word, first)), word)

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
        """Moves everything of `other` onto `keep`; returns the event id that undoes it."""
        if keep == other:
            raise StoreError("A customer cannot be merged with itself.")
        self.get_customer(keep)
        self.get_customer(other)
        with self.transaction():
            moved = {
                "other": other,
                "identities": self._ids("SELECT id FROM identities WHERE customer_id = ?", other),
                "messages": self._ids("SELECT id FROM messages WHERE customer_id = ?", other),
                "conversations": self._ids(
                    "SELECT id FROM conversations WHERE customer_id = ?", other
                ),
                "notes": self._ids("SELECT id FROM notes WHERE customer_id = ?", other),
                "tags": self._tags_moving(other, keep),
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
            for table in ("identities", "messages", "conversations", "notes"):
                self._exec_in(f"UPDATE {table} SET customer_id = ? WHERE id IN (…)",
                              data[table], before=(other,))
            for tag in data["tags"]:
                self._exec(
                    "INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING", (other, tag, now()),
                )
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
