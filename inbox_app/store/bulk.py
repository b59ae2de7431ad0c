"""Bulk actions on a selection of conversations: each one transaction, whatever the count.

A person selects 500 conversations and closes them: one transaction, set-based
updates in chunks, one event per conversation (who and when, as a single action
records), so the metrics read the same as if each had been closed by hand.
Conversations merged away are skipped; the count changed is returned.

Given the `versions` the person saw, a conversation someone else changed since is
left as it is: the rest are changed, then StaleEdit says how many were left alone,
so a bulk assign never silently undoes a colleague's claim.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from inbox_app.core.timeutil import now
from inbox_app.store.base import placeholders
from inbox_app.store.bulk_undo import EVENT_INSERT, BulkUndo, BulkUndoMixin
from inbox_app.store.conversations import SNOOZE_SEEN_INBOUND, check_due, check_snooze
from inbox_app.store.customers import checked_tag
from inbox_app.store.errors import StaleEdit, StoreError
from inbox_app.store.queue import QueueQuery
from inbox_app.store.spellings import LABELS, TAGS, reading_order

__all__ = ["EVENT_INSERT", "BulkMixin", "BulkUndo"]


def _someone_changed(stale: Sequence[int]) -> str:
    return f"{len(stale):,} {'was' if len(stale) == 1 else 'were'} changed by someone else"


class BulkMixin(BulkUndoMixin):
    def queue_ids(self, query: QueueQuery) -> list[int]:
        """Every conversation id a queue view holds (not just the page shown), in its order."""
        where, params = self._queue_where(query)  # type: ignore[attr-defined]
        order = "c.last_at DESC, c.id DESC" if query.order == "newest" else "c.priority ASC, c.id ASC"
        return [
            row["id"]
            for row in self._rows(
                f"SELECT c.id FROM conversations c WHERE {' AND '.join(where)} ORDER BY {order}",
                params,
            )
        ]

    def _live_ids(self, conversation_ids: Sequence[int], extra: str = "") -> list[int]:
        """The given conversations that exist and were not merged away (plus `extra` SQL)."""
        # chunks of sorted ids, each in order: all of them in order
        return [row["id"] for row in self._rows_in(
            f"SELECT id FROM conversations WHERE id IN (…) AND status != 'merged'{extra}"
            " ORDER BY id", sorted(set(conversation_ids)))]

    def _without_stale(self, ids: list[int], versions: Mapping[int, int] | None,
                       stale: list[int]) -> list[int]:
        """`ids` less those whose version is no longer the one the person saw (into `stale`)."""
        if not versions or not ids:
            return ids
        current = {row["id"]: row["version"] for row in self._rows_in(
            "SELECT id, version FROM conversations WHERE id IN (…)", ids)}
        fresh = []
        for item in ids:
            if item in versions and versions[item] != current.get(item):
                stale.append(item)
            else:
                fresh.append(item)
        return fresh

    @contextmanager
    def _bulk_transaction(self, done: str) -> Iterator[tuple[list[int], list[int]]]:
        """A transaction that, once committed, reports the stale ones it skipped.

        Inside a caller's transaction the report would undo the caller's work and this
        one's alike while saying "Assigned 17": there, any stale row refuses the whole
        action instead, and the error says nothing was changed."""
        stale: list[int] = []
        changed: list[int] = []
        nested = self._depth > 0
        with self.transaction():
            yield stale, changed
            if stale and nested:
                raise StaleEdit(
                    f"Nothing was {done.lower()}: {_someone_changed(stale)} since you selected"
                    f" {'it' if len(stale) == 1 else 'them'}; the view has been reloaded.")
        if stale:
            left = "was" if len(stale) == 1 else "were"
            raise StaleEdit(
                f"{done} {len(changed):,}; {_someone_changed(stale)} since you selected"
                f" {'it' if len(stale) == 1 else 'them'} and {left} left as"
                f" {'it is' if len(stale) == 1 else 'they are'}: the view has been reloaded."
            )

    def _bulk_update(self, ids: Sequence[int], assignments: str, params: Sequence[Any]) -> None:
        self._exec_in(f"UPDATE conversations SET {assignments}, version = version + 1"
                      " WHERE id IN (…)", list(ids), before=params)

    def bulk_assign(self, conversation_ids: Sequence[int], assignee: str | None, *,
                    due_at: int | None = None, staff: str | None = None,
                    versions: Mapping[int, int] | None = None,
                    undo: list[BulkUndo] | None = None) -> int:
        """Assigns every conversation (None: back to the queue), with one follow-up date."""
        assignee = self._require_staff(assignee)  # type: ignore[attr-defined]
        check_due(due_at)
        moment = now()
        with self._bulk_transaction("Assigned") as (stale, changed):
            ids = self._without_stale(self._live_ids(conversation_ids), versions, stale)
            changed.extend(ids)
            if undo is not None:
                undo.append(BulkUndo("state", self._states_before(ids)))
            self._bulk_update(ids, "assignee = ?, due_at = ?", (assignee, due_at))
            self._bulk_events("assigned", ids, staff, {"assignee": assignee, "due_at": due_at},
                              moment)
            self._refresh_priority(ids)  # type: ignore[attr-defined]
        return len(ids)

    def bulk_close(self, conversation_ids: Sequence[int], *, staff: str | None = None,
                   at: int | None = None, versions: Mapping[int, int] | None = None,
                   undo: list[BulkUndo] | None = None) -> int:
        """Closes the open and snoozed ones; already closed ones keep their closing time."""
        moment = now() if at is None else at
        with self._bulk_transaction("Closed") as (stale, changed):
            ids = self._without_stale(
                self._live_ids(conversation_ids, " AND status != 'closed'"), versions, stale)
            changed.extend(ids)
            if undo is not None:
                undo.append(BulkUndo("state", self._states_before(ids)))
            self._bulk_update(
                ids, "status = 'closed', closed_at = ?, snoozed_until = NULL, unread = 0",
                (moment,))
            self._bulk_events("closed", ids, staff, None, moment)
            self._refresh_priority(ids)  # type: ignore[attr-defined]
        return len(ids)

    def bulk_reopen(self, conversation_ids: Sequence[int], *, staff: str | None = None,
                    versions: Mapping[int, int] | None = None,
                    undo: list[BulkUndo] | None = None) -> int:
        """Opens the closed and snoozed ones (the way back from a bulk close or snooze);
        open ones record nothing, as `reopen_conversation` does."""
        with self._bulk_transaction("Reopened") as (stale, changed):
            ids = self._without_stale(
                self._live_ids(conversation_ids, " AND status != 'open'"), versions, stale)
            changed.extend(ids)
            if undo is not None:
                undo.append(BulkUndo("state", self._states_before(ids)))
            self._bulk_update(ids, "status = 'open', snoozed_until = NULL", ())
            self._bulk_events("reopened", ids, staff, None, now())
            self._refresh_priority(ids)  # type: ignore[attr-defined]
        return len(ids)

    def bulk_snooze(self, conversation_ids: Sequence[int], until: int, *,
                    staff: str | None = None, versions: Mapping[int, int] | None = None,
                    undo: list[BulkUndo] | None = None) -> int:
        moment = now()
        check_snooze(until)
        with self._bulk_transaction("Snoozed") as (stale, changed):
            ids = self._without_stale(self._live_ids(conversation_ids), versions, stale)
            changed.extend(ids)
            if undo is not None:
                undo.append(BulkUndo("state", self._states_before(ids)))
            # Waking compares the customer's words with those seen now (see store.snooze).
            self._bulk_update(ids, "status = 'snoozed', snoozed_until = ?,"
                              f" snoozed_at = {SNOOZE_SEEN_INBOUND}", (until,))
            self._bulk_events("snoozed", ids, staff, {"until": until}, moment)
            self._refresh_priority(ids)  # type: ignore[attr-defined]  # some were closed
        return len(ids)

    def bulk_label(self, conversation_ids: Sequence[int], label: str, *,
                   staff: str | None = None, undo: list[BulkUndo] | None = None) -> int:
        """Labels every conversation, with the label as the store spells it ("Refund" for
        "refund"); those that already had it, in any case, are left as they were."""
        label = label.strip()
        if not label:
            raise StoreError("A label cannot be empty.")
        moment = now()
        with self.transaction():
            label = self._spelling(label, LABELS)  # type: ignore[attr-defined]
            ids = self._unlabelled(conversation_ids, label)
            if undo is not None:
                undo.append(BulkUndo("labelled", label=label, ids=tuple(ids)))
            self._exec_many(
                "INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(item, label, moment) for item in ids],
            )
            self._bulk_update(ids, "unread = unread", ())
            self._bulk_events("labelled", ids, staff, {"label": label}, moment)
        return len(ids)

    def bulk_unlabel(self, conversation_ids: Sequence[int], label: str, *,
                     staff: str | None = None, undo: list[BulkUndo] | None = None) -> int:
        """Takes the label off every conversation that has it, in whatever case each has it
        (as `unlabel` does); returns how many had it. Rules leave it off them from now on."""
        wanted = label.strip()
        if not wanted:
            raise StoreError("A label cannot be empty.")
        moment = now()
        with self.transaction():
            held = self._labels_held(conversation_ids, wanted)
            if undo is not None:
                undo.append(BulkUndo("unlabelled", states=tuple(held), label=wanted))
            self._exec_many("DELETE FROM conversation_labels WHERE conversation_id = ?"
                            " AND label = ?", held)
            ids = sorted({conversation_id for conversation_id, _ in held})
            self._bulk_update(ids, "unread = unread", ())  # a new version: others see it
            self._exec_many(EVENT_INSERT, [
                (moment, staff, "unlabelled", conversation_id, None,
                 json.dumps({"label": spelling}, ensure_ascii=False))
                for conversation_id, spelling in held])
        return len(ids)

    def _labels_held(self, conversation_ids: Sequence[int], label: str) -> list[tuple[int, str]]:
        """(conversation, label as it spells it) for those of `conversation_ids` having the
        label in any case, merged-away ones left out."""
        spellings = self._spellings_with(label, LABELS)  # type: ignore[attr-defined]
        return [(row["conversation_id"], row["label"]) for row in self._rows_in(
            "SELECT l.conversation_id, l.label FROM conversation_labels l"
            " JOIN conversations c ON c.id = l.conversation_id"
            " WHERE l.conversation_id IN (…) AND c.status != 'merged'"
            f" AND l.label IN ({placeholders(len(spellings))})"
            " ORDER BY l.conversation_id, l.label",
            sorted(set(conversation_ids)), after=spellings)]

    def labels_among(self, conversation_ids: Sequence[int]) -> list[str]:
        """The labels these conversations have between them, in reading order: what a
        "Remove label…" for a selection can offer."""
        found = {row["label"] for row in self._rows_in(
            "SELECT DISTINCT label FROM conversation_labels WHERE conversation_id IN (…)",
            sorted(set(conversation_ids)))}
        return reading_order(found)

    def _unlabelled(self, conversation_ids: Sequence[int], label: str) -> list[int]:
        spellings = self._spellings_with(label, LABELS)  # type: ignore[attr-defined]
        return [row["id"] for row in self._rows_in(
            "SELECT id FROM conversations WHERE id IN (…) AND status != 'merged' AND id NOT IN"
            " (SELECT conversation_id FROM conversation_labels"
            f" WHERE label IN ({placeholders(len(spellings))})) ORDER BY id",
            sorted(set(conversation_ids)), after=spellings)]

    def bulk_tag(self, conversation_ids: Sequence[int], tag: str, *,
                 staff: str | None = None, undo: list[BulkUndo] | None = None) -> int:
        """Tags the customers of these conversations, with the tag as the store spells it;
        returns how many customers got the tag (not those who had it, in any case)."""
        tag = checked_tag(tag)
        moment = now()
        with self.transaction():
            tag = self._spelling(tag, TAGS)  # type: ignore[attr-defined]
            spellings = self._spellings_with(tag, TAGS)  # type: ignore[attr-defined]
            fresh = sorted({row["customer_id"] for row in self._rows_in(
                "SELECT DISTINCT customer_id FROM conversations WHERE id IN (…)"
                " AND status != 'merged' AND customer_id IS NOT NULL AND customer_id NOT IN"
                " (SELECT customer_id FROM customer_tags"
                f" WHERE tag IN ({placeholders(len(spellings))}))",
                sorted(set(conversation_ids)), after=spellings)})
            if undo is not None:
                undo.append(BulkUndo("tagged", tag=tag, ids=tuple(fresh)))
            self._exec_many(
                "INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                [(customer, tag, moment) for customer in fresh],
            )
            self._bulk_events("customer.tagged", fresh, staff, {"tag": tag}, moment,
                              customers=True)
        return len(fresh)
