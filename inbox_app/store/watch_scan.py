"""`watch scan`: the mentions of watched terms in customer messages already stored.

A term added today labels what arrives from then on (store/ingest.py); a scan finds the
same mentions in the messages of the last days, as ingest would have found them — the
same matcher, a mail's "Re:"/"Fwd:" subject left out — and records them the same way:
`message_mentions` rows and `mention:…` conversation labels. As with `rule run`, nothing
is done twice and a label a person took off a conversation is not put back.

The messages are read a page at a time, in the order of the (direction, at) index, and
each page's findings are written in a transaction of their own. One transaction over a
200,000-message scan would hold SQLite's single write lock for as long as the matching
takes, stopping the poller and every edit in the window meanwhile; a page's transaction
is a few milliseconds. Nothing is lost by stopping between pages: each page is written
whole or not at all, and a scan run again adds only what is still missing. Memory holds
one page of messages (and the ids of the conversations labelled, to count them once).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from inbox_app.core import watch
from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine, chunked
from inbox_app.store.bulk import EVENT_INSERT

SCAN_DAYS = 90  # how far back `watch scan` looks unless told
# Messages read and written at a time: a round trip per query is what a shared database
# costs, and a page's texts are ~100 KB as customers write (100 MB at the very most).
SCAN_PAGE = 1000


@dataclass(frozen=True)
class WatchScan:
    """What a scan of the stored messages found and did."""

    messages: int     # customer messages looked through
    brand: int        # of those, naming the brand
    competitor: int   # of those, naming a competitor
    recorded: int     # mentions (message, term) not recorded before
    labelled: int     # conversations given a mention label they did not have


class WatchScanMixin(Engine):
    def scan_watches(self, *, since: int, staff: str | None = None,
                     page: int = SCAN_PAGE) -> WatchScan:
        """Finds the mentions of every term watched now in the customer messages (inbound,
        not automatic) from `since` on, and records those not recorded yet: the mention
        rows, and each conversation's labels, unless a person took that label off it."""
        terms = (self.get_setting("brand_terms") or [], self.get_setting("competitor_terms")
                 or [])
        looked = brand = competitor = recorded = 0
        labelled: set[int] = set()
        after = (since, None)  # the (at, id) of the last message read
        while terms[0] or terms[1]:
            rows = self._scan_page_after(since, after, page)
            if not rows:
                break
            after = (rows[-1]["at"], rows[-1]["id"])
            looked += len(rows)
            found: dict[int, list[tuple[str, str]]] = {}
            for row in rows:
                named = watch.mentions(watch.words_said(row["kind"], row["title"], row["text"]),
                                       *terms)
                if named:
                    found[row["id"]] = named
                    brand += any(which == watch.BRAND for which, _ in named)
                    competitor += any(which == watch.COMPETITOR for which, _ in named)
            if found:
                with self.transaction():
                    added, conversations = self._record_scanned_mentions(found)
                    recorded += added
                    labelled |= self._label_scanned_mentions(conversations)
            if len(rows) < page:
                break
        with self.transaction():
            self._event("watch.scan", staff=staff, data={
                "since": since, "messages": looked, "brand": brand, "competitor": competitor,
                "recorded": recorded, "labelled": len(labelled)})
        return WatchScan(looked, brand, competitor, recorded, len(labelled))

    def _scan_page_after(self, since: int, after: tuple[int, int | None],
                         page: int) -> list[dict]:
        """The next `page` customer messages from `since` on, after the (at, id) of the last
        one read, in the (direction, at) index's order: each page starts where the last
        ended, however many messages share a second."""
        at, last_id = after
        return self._rows(
            "SELECT id, kind, title, text, at FROM messages"
            " WHERE direction = 'in' AND quiet = 0 AND at >= ? AND (at > ? OR id > ?)"
            " ORDER BY at, id LIMIT ?",
            (max(at, since), at, -1 if last_id is None else last_id, page))

    def _record_scanned_mentions(
        self, found: dict[int, list[tuple[str, str]]],
    ) -> tuple[int, dict[int, set[str]]]:
        """Adds the mention rows not there yet, named as ingest names them. Returns how many
        it added, and the mention labels each conversation is due — the conversations as
        they are now, in the write's transaction: a merge since the page was read moved
        the messages."""
        present: set[tuple[int, str, str]] = set()
        conversation_of: dict[int, int] = {}
        for row in self._rows_in(
                "SELECT m.id, m.conversation_id, mm.watch, mm.term FROM messages m"
                " LEFT JOIN message_mentions mm ON mm.message_id = m.id WHERE m.id IN (…)",
                sorted(found)):
            conversation_of[row["id"]] = row["conversation_id"]
            present.add((row["id"], row["watch"], row["term"]))
        wanted = {(message_id, which, " ".join(term.split()).lower())
                  for message_id, named in found.items() for which, term in named}
        fresh = sorted(wanted - present)
        if fresh:
            self._exec_many("INSERT INTO message_mentions (message_id, watch, term)"
                            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", fresh)
        due: dict[int, set[str]] = {}
        for message_id, named in found.items():
            if message_id in conversation_of:
                due.setdefault(conversation_of[message_id], set()).update(
                    watch.label_for(which, term) for which, term in named)
        return len(fresh), due

    def _label_scanned_mentions(self, due: dict[int, set[str]]) -> set[int]:
        """Gives each conversation the mention labels it is due that it has in no case and
        that no person took off it (RulesMixin._labels_taken_off), records each as an event
        and returns the conversations labelled."""
        wanted = {(conversation_id, label) for conversation_id, labels in due.items()
                  for label in labels}
        conversation_ids = sorted(due)
        present = {(row["conversation_id"], row["label"].casefold()) for row in self._rows_in(
            "SELECT conversation_id, label FROM conversation_labels WHERE conversation_id IN (…)",
            conversation_ids)}
        left_off = present | self._labels_taken_off(conversation_ids)
        fresh = sorted(entry for entry in wanted
                       if (entry[0], entry[1].casefold()) not in left_off)
        stamp = now()
        added = []
        for part in chunked(fresh, 300):
            # What was inserted, as RETURNING says: on a shared database a colleague's scan
            # may have added a label a moment ago, and then it is theirs to record.
            added += [(row["conversation_id"], row["label"]) for row in self._rows(
                "INSERT INTO conversation_labels (conversation_id, label, created_at) VALUES "
                + ", ".join(["(?, ?, ?)"] * len(part))
                + " ON CONFLICT DO NOTHING RETURNING conversation_id, label",
                [value for conversation_id, label in part
                 for value in (conversation_id, label, stamp)])]
        if not added:
            return set()
        labelled = {conversation_id for conversation_id, _ in added}
        self._exec_in("UPDATE conversations SET version = version + 1 WHERE id IN (…)",
                      sorted(labelled))
        self._exec_many(EVENT_INSERT, [
            (stamp, None, "labelled", conversation_id, None,
             json.dumps({"label": label, "watch": "scan"}, ensure_ascii=False))
            for conversation_id, label in added])
        return labelled

