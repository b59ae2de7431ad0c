"""The write path every message takes: dedupe, customer, conversation, insert, aggregates.

One call stores one batch in one transaction, so a killed process leaves either
the whole batch or none of it, and storing the same batch again changes nothing.

Bulk imports are the hot path, so a batch is written in bulk: identities and
thread keys are read up front, messages and new conversations get ids reserved
for the batch and are inserted together at the end (conversations first, with
their final summary, so each row and its indexes are written once).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from inbox_app.core import watch
from inbox_app.core.identity import display_name
from inbox_app.core.models import QUIET_AUTOMATIC, IncomingMessage, IngestResult
from inbox_app.core.sentiment import score
from inbox_app.core.text import clean_text
from inbox_app.core.timeutil import now, within_calendar
from inbox_app.store.aggregates import BatchMessage, is_response, summarize_new
from inbox_app.store.base import chunked, placeholders
from inbox_app.store.errors import NotFound
from inbox_app.store.ingest_batch import Batch, NewConversation
from inbox_app.store.ingest_identities import IdentityResolution
from inbox_app.store.spellings import distinct_values_sql

__all__ = ["IngestMixin", "is_response"]

SENT = "sent"
PHONE = "phone"
MESSAGE_COLUMNS = (
    "id, conversation_id, customer_id, identity_id, kind, account, external_id, direction, at,"
    " text, author_name, staff, title, html, url, full_text, compound, pos, neu, neg, delivery,"
    " error, meta, created_at, quiet"
)
# json.dumps with options builds an encoder per call; a message's meta reuses this one.
_meta_json = json.JSONEncoder(ensure_ascii=False, default=str).encode
IMPORTED_REPLY = json.dumps({"imported": True})


def is_quiet(item: IncomingMessage) -> bool:
    """Machine-written mail that wakes nothing: a customer's out-of-office, read receipt or
    newsletter; and any automatic mail of the shop's own (its autoresponder's "we got your
    message", read back from the Sent folder), which answers nobody. A mark that is no word
    (an import's `"auto": ["auto-reply"]`) marks nothing."""
    auto = (item.meta or {}).get("auto")
    if not isinstance(auto, str):
        return False
    return auto != "" if item.direction == "out" else auto in QUIET_AUTOMATIC


class IngestMixin(IdentityResolution):
    _batch: Batch | None = None

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
        rules = self.active_rules()
        with self.transaction():
            self._accounts_as_listed(items)
            existing = self.existing_keys(items)
            fresh: list[IncomingMessage] = []
            seen: set[tuple[str, str, str]] = set()
            stamp = now()
            for item in items:
                key = (item.kind, item.account, item.external_id)
                once = (item.kind, "", item.external_id) if item.kind == PHONE else key
                if key in existing or once in seen:
                    result.duplicates += 1
                    continue
                seen.add(once)
                if not within_calendar(item.at):
                    item.at = stamp  # a channel's date no calendar shows: when it arrived
                fresh.append(item)
            if not fresh:
                return result
            self._staff_as_listed(fresh)
            followers: dict[int, int | None] = {}
            batch = Batch(
                stamp=stamp,
                identities=self._prefetch_identities(fresh, followers),
                followers=followers,
                threads=self._prefetch_threads(fresh),
                next_message_id=self._reserve_ids("messages", len(fresh)),
                next_conversation_id=self._reserve_ids("conversations", len(fresh)),
                next_customer_id=self._reserve_ids("customers", len(fresh)),
                next_identity_id=self._reserve_ids(
                    "identities", sum(len(item.identities) for item in fresh)),
                rules=rules,
            )
            self._batch = batch
            woken: set[int] = set()
            try:
                watch_terms = (brand_terms, competitor_terms) if (
                    brand_terms or competitor_terms) else None
                new_message_ids = result.new_message_ids
                conversation_ids = result.conversation_ids
                for item in fresh:
                    message_id, conversation_id, wakes = self._store_one(
                        item, batch, watch_terms, staff
                    )
                    new_message_ids.append(message_id)
                    conversation_ids.add(conversation_id)
                    if wakes:
                        woken.add(conversation_id)
                self._leave_mention_labels_taken_off(batch)
                self._flush(batch)
            finally:
                self._batch = None
            result.imported = len(result.new_message_ids)
            # Conversations that existed before this batch (or were written early, before a
            # customer merge) are recomputed from their messages.
            stale = sorted(batch.existing)
            self._mark_unread(sorted(woken & batch.existing))
            self.refresh_conversations(stale)
            self.refresh_customers(sorted(batch.touched_customers))
            self.apply_rules(batch.rules, batch.arrivals)
        return result

    def _leave_mention_labels_taken_off(self, batch: Batch) -> None:
        """A mention label a person took off a conversation was their judgement: the
        customer naming the brand again does not put it back (nor does a rule)."""
        again = sorted({conversation_id for conversation_id, label, _at in batch.labels
                        if conversation_id in batch.existing and label.startswith("mention:")})
        if not again:
            return
        taken = self._labels_taken_off(again)  # type: ignore[attr-defined]  # RulesMixin
        batch.labels[:] = [entry for entry in batch.labels
                           if (entry[0], entry[1].casefold()) not in taken]

    def _staff_as_listed(self, items: Sequence[IncomingMessage]) -> None:
        """Replies written by "maya" are Maya Okafor's when she is on the staff list (as
        `--as maya` is): an import names staff as its source wrote them, and the staff
        figures must not count one person twice. Names on no list stay as written."""
        written = {item.staff for item in items if item.direction == "out" and item.staff}
        listed: dict[str, str] = {}
        for name in written:
            try:
                listed[name] = self.staff_named(name).name
            except NotFound:
                continue
        for item in items:
            if item.staff in listed:
                item.staff = listed[item.staff]

    def _accounts_as_listed(self, items: Sequence[IncomingMessage]) -> None:
        """An import names accounts as its source wrote them: "reviews" is the shop's account
        "Reviews", or, with no such account, the spelling this channel's messages were filed
        under before, so the same item polled and imported is one message, not two. An exact
        name stays, and one that could be either of two is left as written."""
        written = {(item.kind, item.account) for item in items if item.account}
        if not written:
            return
        accounts = [row["name"] for row in self._rows("SELECT name FROM accounts")]
        stored: dict[str, list[str]] = {}
        spelled: dict[tuple[str, str], str] = {}
        for kind, name in written:
            if name in accounts:
                continue
            folded = name.casefold()
            same = {other for other in accounts if other.casefold() == folded}
            if not same:
                if kind not in stored:
                    stored[kind] = [row["value"] for row in self._rows(
                        distinct_values_sql("messages", "account", "kind = ?"), (kind, kind))]
                if name in stored[kind]:
                    continue
                same = {other for other in stored[kind] if other.casefold() == folded}
            if len(same) == 1:
                spelled[(kind, name)] = same.pop()
        if spelled:
            for item in items:
                item.account = spelled.get((item.kind, item.account), item.account)

    def existing_keys(self, items: Sequence[IncomingMessage]) -> set[tuple[str, str, str]]:
        """The items' (kind, account, id) already stored. A call is the same call whichever
        phone line it was logged on (its id is its number, time and direction): logged by
        hand on the shop's line, then imported from a call list without one, it was two."""
        by_source: dict[tuple[str, str], list[str]] = {}
        calls: dict[str, set[str]] = {}
        for item in items:
            if item.kind == PHONE:
                calls.setdefault(item.external_id, set()).add(item.account)
            else:
                by_source.setdefault((item.kind, item.account), []).append(item.external_id)
        existing: set[tuple[str, str, str]] = set()
        for (kind, account), ids in by_source.items():
            existing.update((kind, account, row["external_id"]) for row in self._rows_in(
                "SELECT external_id FROM messages WHERE kind = ? AND account = ?"
                " AND external_id IN (…)", ids, before=(kind, account)))
        if calls:  # line by line: the index is (kind, account, id); a shop has a few lines
            # The lines calls were stored on, one index step each (a skip scan): DISTINCT
            # read every call's index entry, 12 ms a batch in a store of 1,000,000 calls.
            lines = [row["value"] for row in self._rows(
                distinct_values_sql("messages", "account", "kind = ?"), (PHONE, PHONE))]
            for line in lines:
                for row in self._rows_in(
                        "SELECT external_id FROM messages WHERE kind = ? AND account = ?"
                        " AND external_id IN (…)", sorted(calls), before=(PHONE, line)):
                    existing.update((PHONE, account, row["external_id"])
                                    for account in calls[row["external_id"]])
        return existing

    def calls_in_minutes(self, minutes: Sequence[tuple[str, int]]) -> set[str]:
        """The ids of the calls stored in these minutes, each given as (direction, its
        first second), whatever phone line they were logged on: what a call written to the
        minute, or one with seconds stored to the minute, is looked up in. One range of the
        (direction, at) index per minute, a statement for many; by the time, not the id's
        text, whose order the shared database's collation may not keep."""
        ranges = sorted(set(minutes))
        found: set[str] = set()
        for part in chunked(ranges, 300):
            spans = " OR ".join(["(direction = ? AND at >= ? AND at < ?)"] * len(part))
            found.update(row["external_id"] for row in self._rows(
                f"SELECT external_id FROM messages WHERE kind = ? AND ({spans})",
                (PHONE, *(value for direction, first in part
                          for value in (direction, first, first + 60)))))
        return found

    def _prefetch_threads(self, items: Sequence[IncomingMessage]) -> dict[str, int]:
        """Existing conversations of the batch's thread keys (merges already followed)."""
        keys = sorted({self._thread_key(item) for item in items})
        found: dict[str, int] = {}
        for row in self._rows_in(
                "SELECT thread_key, id, merged_into FROM conversations WHERE thread_key IN (…)",
                keys):
            found[row["thread_key"]] = (
                row["id"] if row["merged_into"] is None else self.conversation_now(row["id"])
            )
        return found

    @staticmethod
    def _thread_key(item: IncomingMessage) -> str:
        return item.thread or f"{item.kind}:{item.account}:{item.external_id}"

    def _store_one(
        self,
        item: IncomingMessage,
        batch: Batch,
        watch_terms: tuple[list[str], list[str]] | None,
        staff: str | None,
    ) -> tuple[int, int, bool]:
        """Adds one message to the batch; returns (message id, conversation id, whether it
        marks the conversation unread)."""
        text = clean_text(item.text)
        sentiment = item.sentiment
        if sentiment is None or text != item.text:
            sentiment = score(text)
        customer_id, identity_id = self._resolve_customer(item, batch, staff)
        conversation_id = self._resolve_conversation(item, customer_id, batch)
        outbound = item.direction == "out"
        quiet = is_quiet(item)
        delivery = (item.delivery or SENT) if outbound else None
        message_id = batch.next_message_id
        batch.next_message_id += 1
        batch.messages.append((
            message_id,
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
            delivery,
            None,
            _meta_json(item.meta) if item.meta else "{}",
            batch.stamp,
            int(quiet),
        ))
        batch.message_conversations[(item.kind, item.account, item.external_id)] = conversation_id
        self._count_for_customer(batch, customer_id, item)
        born = batch.born.get(conversation_id)
        if born is not None:
            born.messages.append(
                BatchMessage(item.at, item.direction, delivery, sentiment.compound, text, quiet)
            )
        # An out-of-office's signature naming a competitor is no customer mentioning it.
        found = [] if outbound or quiet or watch_terms is None else watch.mentions(
            watch.words_said(item.kind, item.title, text), *watch_terms
        )
        for label in item.labels:
            if label == "mention:brand":
                found.append((watch.BRAND, ""))
            elif label.startswith("mention:competitor:"):
                found.append((watch.COMPETITOR, label.split(":", 2)[2]))
        if found or item.labels:
            # As its label names it: "Grind  House" and "Grind House" are one competitor.
            batch.mentions.extend((message_id, which, " ".join(term.split()).lower())
                                  for which, term in found)
            labels = set(item.labels) | {watch.label_for(which, term) for which, term in found}
            batch.labels.extend((conversation_id, label, batch.stamp) for label in sorted(labels))
        if batch.rules and not outbound and not quiet:
            batch.arrivals.append((conversation_id, customer_id, item.kind, item.account,
                                   item.title, text, sentiment.compound))
        if outbound and item.staff and not quiet:  # an autoresponder is nobody's reply
            batch.events.append((
                item.at, item.staff, "replied", conversation_id, customer_id, message_id,
                IMPORTED_REPLY,
            ))
        return message_id, conversation_id, item.direction == "in" and not quiet

    def _flush(self, batch: Batch) -> None:
        """Writes what the batch holds: customers and identities, new conversations (with
        their final summary), then messages — each table in one go, parents first."""
        if batch.customers:
            influence: dict[int, int] = {}
            for row in batch.new_identities.values():
                if row[5] is not None and row[1] in batch.customers:
                    influence[row[1]] = max(influence.get(row[1], 0), row[5])
            self._exec_many(
                "INSERT INTO customers (id, name, created_at, message_count, first_inbound_at,"
                " last_inbound_at, influence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(customer_id, name, batch.stamp, count, first, last, influence.get(customer_id))
                 for customer_id, (name, count, first, last) in batch.customers.items()],
            )
            self.index_customers(list(batch.customers))
            batch.customers.clear()
        if batch.new_identities:
            self._exec_many(
                "INSERT INTO identities (id, customer_id, kind, value, display, followers,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                list(batch.new_identities.values()),
            )
            batch.new_identities.clear()
        if batch.born:
            influence = self._influence({c.customer_id for c in batch.born.values()
                                         if c.customer_id is not None})
            rows = []
            for conversation_id, new in batch.born.items():
                summary = summarize_new(
                    new.messages, influence.get(new.customer_id) if new.customer_id else None
                )
                rows.append((
                    conversation_id, new.thread_key, new.kind, new.account, new.customer_id,
                    new.contact, new.subject, batch.stamp, *summary,
                ))
            self._exec_many(
                "INSERT INTO conversations (id, thread_key, kind, account, customer_id, contact,"
                " subject, created_at, status, version, unread, first_at, last_at,"
                " last_inbound_at, last_outbound_at, awaiting_since, message_count,"
                " last_compound, preview, priority)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            batch.born.clear()
        if batch.messages:
            self._exec_many(
                f"INSERT INTO messages ({MESSAGE_COLUMNS}) VALUES"
                f" ({placeholders(MESSAGE_COLUMNS.count(',') + 1)})",
                batch.messages,
            )
            # Indexed at once: a customer merge later in the batch updates these rows, and
            # SQLite's update trigger takes their words out of the index.
            self.index_messages([row[0] for row in batch.messages])
            batch.messages.clear()
        if batch.mentions:
            self._exec_many(
                "INSERT INTO message_mentions (message_id, watch, term) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                batch.mentions,
            )
            batch.mentions.clear()
        if batch.labels:
            self._exec_many(
                "INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                batch.labels,
            )
            batch.labels.clear()
        if batch.events:
            self._exec_many(
                "INSERT INTO events (at, staff, action, conversation_id, customer_id, message_id,"
                " data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                batch.events,
            )
            batch.events.clear()

    # Conversations

    def _resolve_conversation(
        self, item: IncomingMessage, customer_id: int | None, batch: Batch
    ) -> int:
        conversation_id = None
        if item.refs:
            for ref in item.refs:
                conversation_id = batch.message_conversations.get((item.kind, item.account, ref))
                if conversation_id is not None:
                    break
            if conversation_id is None:
                refs = list(item.refs)
                row = self._row(
                    "SELECT conversation_id FROM messages WHERE kind = ? AND account = ?"
                    f" AND external_id IN ({placeholders(len(refs))}) ORDER BY at LIMIT 1",
                    (item.kind, item.account, *refs),
                )
                if row:
                    conversation_id = self.conversation_now(row["conversation_id"])
        thread_key = self._thread_key(item)
        if conversation_id is None:
            conversation_id = batch.threads.get(thread_key)
        contact = clean_text(display_name(item.author_name, item.identities), 300) \
            if item.direction == "in" else ""
        subject = clean_text(item.title, 500)
        if conversation_id is None:
            conversation_id = batch.next_conversation_id
            batch.next_conversation_id += 1
            batch.born[conversation_id] = NewConversation(
                thread_key=thread_key,
                kind=item.kind,
                account=item.account,
                customer_id=customer_id,
                contact=contact,
                subject=subject,
            )
            batch.threads[thread_key] = conversation_id
            return conversation_id
        # A thread read newest first (an export, a mailbox) began with the shop's reply:
        # the customer's name and the subject come with the first message that has them.
        new = batch.born.get(conversation_id)
        if new is not None:
            if new.customer_id is None:
                new.customer_id = customer_id
            new.contact = new.contact or contact
            new.subject = new.subject or subject
            return conversation_id
        batch.existing.add(conversation_id)
        if customer_id is not None:
            self._exec(
                "UPDATE conversations SET customer_id = ? WHERE id = ? AND customer_id IS NULL",
                (customer_id, conversation_id),
            )
        for column, value in (("contact", contact), ("subject", subject)):
            if value:
                self._exec(f"UPDATE conversations SET {column} = ? WHERE id = ?"
                           f" AND ({column} IS NULL OR {column} = '')", (value, conversation_id))
        return conversation_id

    def _mark_unread(self, conversation_ids: list[int]) -> None:
        self._exec_in("UPDATE conversations SET unread = 1 WHERE id IN (…)", conversation_ids)
