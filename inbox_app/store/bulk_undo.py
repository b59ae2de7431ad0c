"""Taking back a bulk action: 200 conversations closed, snoozed or assigned by mistake.

A bulk action given an `undo` list appends what it changed and how each conversation
was before (`BulkUndo`). `undo_bulk` puts back those nobody has changed since (their
version is still the one the action left) and leaves the others as they are: undoing
must not overwrite a colleague's reply-and-close any more than the action itself did.
A label or tag the action added is taken off the conversations or customers that got it;
a label the action took off goes back on those that have not got it again since.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine
from inbox_app.store.errors import UndoNotPossible

# What a bulk assign, close, reopen or snooze may change, in the order `BulkUndo.states`
# holds it after the conversation's id; the version last.
STATE_COLUMNS = ("status", "snoozed_until", "snoozed_at", "closed_at", "assignee", "due_at",
                 "unread")
EVENT_INSERT = (
    "INSERT INTO events (at, staff, action, conversation_id, customer_id, message_id, data)"
    " VALUES (?, ?, ?, ?, ?, NULL, ?)"
)


@dataclass(frozen=True)
class BulkUndo:
    """What one bulk action changed: conversations' states before it (id, STATE_COLUMNS…,
    version), or the conversations labelled / customers tagged and the word; for a label
    taken off ("unlabelled"), `states` holds (id, the label as it spelled it)."""

    action: str
    states: tuple[tuple, ...] = ()
    label: str | None = None
    tag: str | None = None
    ids: tuple[int, ...] = ()


class BulkUndoMixin(Engine):
    def _states_before(self, ids: Sequence[int]) -> tuple[tuple, ...]:
        columns = ", ".join(STATE_COLUMNS)
        return tuple(
            (row["id"], *(row[column] for column in STATE_COLUMNS), row["version"])
            for row in self._rows_in(
                f"SELECT id, {columns}, version FROM conversations WHERE id IN (…) ORDER BY id",
                list(ids)))

    def _bulk_events(self, action: str, ids: Sequence[int], staff: str | None,
                     data: dict[str, Any] | None, at: int, *, customers: bool = False) -> None:
        payload = json.dumps(data or {}, ensure_ascii=False)
        self._exec_many(
            EVENT_INSERT,
            [(at, staff, action, None if customers else item, item if customers else None,
              payload) for item in ids],
        )

    def undo_bulk(self, undo: BulkUndo, *, staff: str | None = None) -> tuple[int, int]:
        """Puts back what `undo` records; returns (put back, left as they are because someone
        changed them since). UndoNotPossible when none could be."""
        with self.transaction():
            if undo.action == "unlabelled":
                return self._put_labels_back(undo, staff)
            if undo.label is not None:
                return self._take_off(undo, "SELECT conversation_id AS id FROM"
                                      " conversation_labels WHERE conversation_id IN (…)"
                                      " AND label = ?", "DELETE FROM conversation_labels"
                                      " WHERE conversation_id IN (…) AND label = ?",
                                      "unlabelled", {"label": undo.label}, staff)
            if undo.tag is not None:
                return self._take_off(undo, "SELECT customer_id AS id FROM customer_tags"
                                      " WHERE customer_id IN (…) AND tag = ?",
                                      "DELETE FROM customer_tags WHERE customer_id IN (…)"
                                      " AND tag = ?", "customer.untagged", {"tag": undo.tag},
                                      staff)
            return self._put_back(undo.states, staff)

    def _take_off(self, undo: BulkUndo, holding: str, delete: str, action: str,
                  data: dict[str, Any], staff: str | None) -> tuple[int, int]:
        """The label or tag off those that still have it as the action spelled it."""
        word = undo.label if undo.label is not None else undo.tag
        ids = sorted(row["id"] for row in self._rows_in(holding, list(undo.ids), after=(word,)))
        if undo.ids and not ids:
            raise UndoNotPossible(f"{word} was taken off since; nothing was undone.")
        self._exec_in(delete, ids, after=(word,))
        if undo.label is not None:  # a new version: other windows show the label gone
            self._exec_in("UPDATE conversations SET version = version + 1 WHERE id IN (…)",
                          ids)
        self._bulk_events(action, ids, staff, data, now(), customers=undo.tag is not None)
        return len(ids), len(undo.ids) - len(ids)

    def _put_labels_back(self, undo: BulkUndo, staff: str | None) -> tuple[int, int]:
        """The label back, as each spelled it, on those that have not got it again since in
        any case (a colleague put it back, or merged the conversation away)."""
        ids = sorted({conversation_id for conversation_id, _ in undo.states})
        live = {row["id"] for row in self._rows_in(
            "SELECT id FROM conversations WHERE id IN (…) AND status != 'merged'", ids)}
        having = {(row["conversation_id"], row["label"].casefold()) for row in self._rows_in(
            "SELECT conversation_id, label FROM conversation_labels WHERE conversation_id IN (…)",
            ids)}
        back: dict[tuple[int, str], str] = {}
        for conversation_id, spelling in undo.states:
            key = (conversation_id, spelling.casefold())
            if conversation_id in live and key not in having:
                back.setdefault(key, spelling)
        if ids and not back:
            raise UndoNotPossible(f"{undo.label} was put back on {'it' if len(ids) == 1 else 'them'}"
                                  " since; nothing was undone.")
        moment = now()
        rows = [(conversation_id, spelling) for (conversation_id, _), spelling in back.items()]
        self._exec_many("INSERT INTO conversation_labels (conversation_id, label, created_at)"
                        " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        [(conversation_id, spelling, moment) for conversation_id, spelling in rows])
        put_back = sorted({conversation_id for conversation_id, _ in rows})
        self._exec_in("UPDATE conversations SET version = version + 1 WHERE id IN (…)", put_back)
        self._exec_many(EVENT_INSERT, [
            (moment, staff, "labelled", conversation_id, None,
             json.dumps({"label": spelling}, ensure_ascii=False))
            for conversation_id, spelling in rows])
        return len(put_back), len(ids) - len(put_back)

    def _put_back(self, states: tuple[tuple, ...], staff: str | None) -> tuple[int, int]:
        ids = [state[0] for state in states]
        current = {row["id"]: row for row in self._rows_in(
            f"SELECT id, {', '.join(STATE_COLUMNS)}, version FROM conversations"
            " WHERE id IN (…) AND status != 'merged'", ids)}
        # The action added one to each version it changed; anything since is someone's.
        kept = [state for state in states
                if state[0] in current and current[state[0]]["version"] == state[-1] + 1]
        if states and not kept:
            raise UndoNotPossible(
                f"{'It was' if len(states) == 1 else f'All {len(states):,} were'} changed"
                " since, here or on another computer; nothing was undone.")
        assignments = ", ".join(f"{column} = ?" for column in STATE_COLUMNS)
        self._exec_many(
            f"UPDATE conversations SET {assignments}, version = version + 1 WHERE id = ?",
            [(*state[1:-1], state[0]) for state in kept])
        moment = now()
        events = []
        for state in kept:
            before = dict(zip(STATE_COLUMNS, state[1:-1], strict=True))
            after = current[state[0]]
            if before["status"] != after["status"]:
                action = {"open": "reopened", "closed": "closed"}.get(before["status"], "snoozed")
                data = {"until": before["snoozed_until"]} if action == "snoozed" else {}
                events.append((moment, staff, action, state[0], None, json.dumps(data)))
            if (before["assignee"], before["due_at"]) != (after["assignee"], after["due_at"]):
                events.append((moment, staff, "assigned", state[0], None, json.dumps(
                    {"assignee": before["assignee"], "due_at": before["due_at"]})))
        self._exec_many(EVENT_INSERT, events)
        self._refresh_priority([state[0] for state in kept])  # type: ignore[attr-defined]
        return len(kept), len(states) - len(kept)
