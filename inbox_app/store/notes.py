"""Internal notes, on a conversation or a customer, and the colleagues a note asks in
with an @mention (core/mentions.py): the Mentions view's count and the window's notices."""

from __future__ import annotations

from typing import Any

from inbox_app.core.models import Note
from inbox_app.core.text import clean_text, preview
from inbox_app.core.timeutil import now
from inbox_app.store.base import Engine
from inbox_app.store.errors import StoreError


class NotesMixin(Engine):
    def notes(
        self, *, conversation_id: int | None = None, customer_id: int | None = None
    ) -> list[Note]:
        if conversation_id is not None:
            rows = self._rows(
                "SELECT * FROM notes WHERE conversation_id = ? ORDER BY at, id", (conversation_id,)
            )
        else:
            rows = self._rows(
                "SELECT * FROM notes WHERE customer_id = ? AND conversation_id IS NULL"
                " ORDER BY at, id",
                (customer_id,),
            )
        return [
            Note(r["id"], r["conversation_id"], r["customer_id"], r["staff"], r["text"], r["at"])
            for r in rows
        ]

    def add_note(
        self, text: str, *, conversation_id: int | None = None, customer_id: int | None = None,
        staff: str | None = None,
    ) -> int:
        """An internal note on a conversation or a customer; never sent to anyone."""
        text = clean_text(text).strip()
        if not text:
            raise StoreError("A note cannot be empty.")
        if conversation_id is None and customer_id is None:
            raise StoreError("A note belongs to a conversation or a customer.")
        if conversation_id is not None:
            conversation = self.get_conversation(conversation_id)
            customer_id = conversation.customer_id
        with self.transaction():
            note_id = self._insert(
                "INSERT INTO notes (conversation_id, customer_id, staff, text, at)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (conversation_id, customer_id, staff, text, now()),
            )
            if conversation_id is not None:
                self._touch(conversation_id, None, "unread = unread", ())
                self._record_mentions(note_id, text, staff)
            self._event("noted", staff=staff, conversation_id=conversation_id,
                        customer_id=customer_id, data={"note": note_id})
        return note_id

    def _record_mentions(self, note_id: int, text: str, author: str | None) -> None:
        """The colleagues the note asks in with @ (core/mentions.py), not its author."""
        if "@" not in text:
            return
        from inbox_app.core.mentions import mentioned

        working = [member.name for member in self.list_staff()]
        asked = [name for name in mentioned(text, working)
                 if name.casefold() != (author or "").casefold()]
        if asked:
            self._exec_many("INSERT INTO note_mentions (note_id, staff, at) VALUES (?, ?, ?)",
                            [(note_id, name, now()) for name in asked])

    def waiting_mentions(self, staff: str) -> int:
        """Open (or snoozed) conversations where a colleague asked `staff` in with an
        @mention that `staff` has not seen (`see_mentions`) nor answered since, with a
        note or a reply there."""
        return self._scalar(
            "SELECT COUNT(DISTINCT n.conversation_id) AS n FROM note_mentions m"
            " JOIN notes n ON n.id = m.note_id"
            " JOIN conversations c ON c.id = n.conversation_id"
            " WHERE m.staff = ? AND m.seen_at IS NULL AND c.status IN ('open', 'snoozed')"
            " AND m.note_id > COALESCE((SELECT MAX(o.id) FROM notes o"
            "   WHERE o.conversation_id = n.conversation_id AND o.staff = ?), 0)"
            " AND m.at > COALESCE((SELECT MAX(e.at) FROM events e"
            "   WHERE e.conversation_id = n.conversation_id AND e.staff = ?"
            "   AND e.action = 'replied'), -1)",
            (staff, staff, staff))

    def see_mentions(self, conversation_id: int, staff: str) -> int:
        """`staff` opened the conversation from their Mentions view: the notes there that
        ask them in are seen. Returns how many were not yet (nothing is written when
        none), so the window knows whether the count changed."""
        unseen = ("staff = ? AND seen_at IS NULL"
                  " AND note_id IN (SELECT id FROM notes WHERE conversation_id = ?)")
        if not self._scalar(f"SELECT COUNT(*) AS n FROM note_mentions WHERE {unseen}",
                            (staff, conversation_id)):
            return 0
        with self.transaction():
            return self._exec(f"UPDATE note_mentions SET seen_at = ? WHERE {unseen}",
                              (now(), staff, conversation_id))

    def latest_note_id(self) -> int:
        return self._scalar("SELECT COALESCE(MAX(id), 0) AS n FROM notes")

    def mentions_since(self, staff: str, after_note_id: int,
                       limit: int = 20) -> list[dict[str, Any]]:
        """Notes after a note id that mention `staff` and that they have not seen yet,
        newest first: who asked, where."""
        rows = self._rows(
            "SELECT n.id, n.conversation_id, n.staff AS author, n.text,"
            " COALESCE(u.name, c.contact) AS customer_name FROM note_mentions m"
            " JOIN notes n ON n.id = m.note_id"
            " JOIN conversations c ON c.id = n.conversation_id"
            " LEFT JOIN customers u ON u.id = c.customer_id"
            " WHERE m.staff = ? AND m.note_id > ? AND m.seen_at IS NULL"
            " ORDER BY m.note_id DESC LIMIT ?",
            (staff, after_note_id, limit),
        )
        for row in rows:
            row["preview"] = preview(row["text"] or "")
        return rows
