"""Settings the core needs (business name, watch terms, phone region, currency), staff,
templates, drafts."""

from __future__ import annotations

import json
from typing import Any

from inbox_app.core.amounts import AmountError, checked_currency
from inbox_app.core.identity import DEFAULT_REGION, locale_region
from inbox_app.core.models import Staff
from inbox_app.core.templates import TemplateError, check_signature, check_template
from inbox_app.core.text import one_line
from inbox_app.core.timeutil import now
from inbox_app.store.accounts import MAX_INTERVAL, MIN_INTERVAL
from inbox_app.store.base import Engine
from inbox_app.store.errors import NotFound, StoreError
from inbox_app.store.spellings import reading_key, staff_reading_key


def _same_name(one: str, other: str) -> bool:
    """The same name in any case and spacing ("ZOË  Kim" is Zoë Kim)."""
    return one_line(one).casefold() == one_line(other).casefold()


DEFAULTS: dict[str, Any] = {
    "business_name": "",
    "phone_region": DEFAULT_REGION,
    "brand_terms": [],
    "competitor_terms": [],
    "poll_interval": 300,
    "email_signature": "",
    "currency": "",
}


def _checked_signature(value: Any) -> str:
    if not isinstance(value, str):
        raise StoreError("The email signature is text.")
    value = value.strip()
    try:
        check_signature(value)
    except TemplateError as error:
        raise StoreError(str(error)) from None
    return value


class SettingsMixin(Engine):
    def get_setting(self, key: str, default: Any = None) -> Any:
        raw = self._scalar("SELECT value FROM settings WHERE key = ?", (key,))
        if raw is None:
            return DEFAULTS.get(key) if default is None else default
        return json.loads(raw)

    def set_setting(self, key: str, value: Any, *, staff: str | None = None) -> None:
        if key == "poll_interval" and (not isinstance(value, int) or isinstance(value, bool)
                                       or not MIN_INTERVAL <= value <= MAX_INTERVAL):
            raise StoreError(f"The poll interval is a number of seconds from {MIN_INTERVAL} "
                             f"to {MAX_INTERVAL:,} (a day), not {value!r}.")
        if key == "business_name" and isinstance(value, str):
            # It signs emails and is the sender's name in their From line: one line.
            value = " ".join(value.split())
        if key == "email_signature":
            value = _checked_signature(value)
        if key == "currency":
            try:
                value = checked_currency(value)
            except AmountError as error:
                raise StoreError(f"{error}.") from None
        with self.transaction():
            self._exec(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )
            self._event("setting.changed", staff=staff, data={"key": key})

    def phone_region(self, *, keep: bool = True) -> str:
        """How the shop writes phone numbers without a country code (`phone_region`).

        Unset, it is US; but a store that holds no phone number yet takes this computer's
        region (a German locale: DE) and keeps it, so a shop that only ever uses the
        command line does not get +1 before its local numbers. A store with numbers keeps
        reading them as they were read. `keep=False` only looks (`inbox-app settings`)."""
        chosen = self.get_setting("phone_region", "")  # "" when never set
        if chosen:
            return chosen
        here = locale_region()
        if here is None or here == DEFAULT_REGION or self._row(
                "SELECT 1 AS x FROM identities WHERE kind = 'phone' LIMIT 1"):
            return DEFAULT_REGION
        if keep:
            self.set_setting("phone_region", here)
        return here

    # Staff

    def add_staff(self, name: str, *, staff: str | None = None) -> Staff:
        # One line, single spaces: `staff list` shows one person a line, and a name is
        # typed (`--as`, an @mention) with one space between its words.
        name = one_line(name)
        if not name:
            raise StoreError("A staff member needs a name.")
        taken = next((member.name for member in self.list_staff(include_inactive=True)
                      if _same_name(member.name, name)), None)
        if taken is not None:  # named as the list has them ("Ana Diaz", not "ana diaz")
            raise StoreError(f"There is already a staff member called {taken}.")
        with self.transaction():
            staff_id = self._insert(
                "INSERT INTO staff (name, active, created_at) VALUES (?, 1, ?) RETURNING id",
                (name, now()),
            )
            self._event("staff.added", staff=staff, data={"name": name})
        return Staff(staff_id, name, True)

    def list_staff(self, *, include_inactive: bool = False) -> list[Staff]:
        """The staff list in reading order (staff_reading_key), as every list of them
        shows it: the window's menus, `staff list`, the summary's team."""
        where = "" if include_inactive else " WHERE active = 1"
        members = [Staff(row["id"], row["name"], bool(row["active"]))
                   for row in self._rows(f"SELECT id, name, active FROM staff{where}")]
        return sorted(members, key=lambda member: staff_reading_key(member.name))

    def staff_named(self, name: str) -> Staff:
        """The staff member with this name in any case (str.casefold: "ZOË" is Zoë) — or
        with this first name, when only one has it (`--as Maya`, `assign 42 Priya`, as an
        @mention reads it) — or NotFound. Someone who left is found too (their name is in
        the history); `working_staff` is for giving them work."""
        wanted = one_line(name)
        members = self.list_staff(include_inactive=True)  # a handful: compared here, not in SQL
        whole = [member for member in members if _same_name(member.name, wanted)]
        if whole:
            return next((member for member in whole if member.name == wanted), whole[0])
        if wanted and " " not in wanted:
            first = wanted.casefold()
            sharing = [member for member in members if member.name.split()[0].casefold() == first]
            if len(sharing) == 1:
                return sharing[0]
            if sharing:
                raise NotFound(f"{len(sharing)} staff members are called {wanted}: "
                               f"{', '.join(m.name for m in sharing)}; write the whole name.")
        raise NotFound(f"There is no staff member called {name!r}.")

    def working_staff(self, name: str, *, instead: str = "assign to someone who does") -> Staff:
        """The staff member `staff_named` finds, refused (StoreError, as rules refuse them)
        when they no longer work the queue: removed staff stay on the list only so that
        the history keeps their names. `instead` ends the sentence: what to do instead."""
        member = self.staff_named(name)
        if not member.active:
            raise StoreError(f"{member.name} no longer works the queue; {instead}.")
        return member

    def set_staff_active(self, name: str, active: bool, *, staff: str | None = None) -> int:
        """Someone who leaves hands their open and snoozed conversations back to the queue,
        follow-up dates kept: left with them, those were in nobody's Mine and not in
        Unassigned, and Take next passed them by. Returns how many went back."""
        member = self.staff_named(name)
        with self.transaction():
            self._exec("UPDATE staff SET active = ? WHERE id = ?", (int(active), member.id))
            self._event(
                "staff.activated" if active else "staff.deactivated",
                staff=staff,
                data={"name": member.name},
            )
            if active:
                return 0
            held = self._rows("SELECT id, due_at FROM conversations WHERE assignee = ?"
                              " AND status IN ('open', 'snoozed')", (member.name,))
            ids = [row["id"] for row in held]
            self._exec_in("UPDATE conversations SET assignee = NULL, version = version + 1"
                          " WHERE id IN (…)", ids)
            for row in held:
                self._event("assigned", staff=staff, conversation_id=row["id"],
                            data={"assignee": None, "due_at": row["due_at"],
                                  "left": member.name})
            self._refresh_priority(ids)
        return len(ids)

    # Templates (canned replies)

    def save_template(self, name: str, body: str, *, template_id: int | None = None) -> int:
        name, body = name.strip(), body.strip()
        try:
            check_template(name, body)
        except TemplateError as error:
            raise StoreError(str(error)) from None
        with self.transaction():
            # In the transaction, and in any case as Python folds it: SQL's lower() folds
            # A-Z only, so "Café hours" and "CAFÉ HOURS" both went in.
            clash = next((row["name"] for row in self._rows(
                "SELECT id, name FROM templates WHERE id != ?", (template_id or -1,))
                if row["name"].casefold() == name.casefold()), None)
            if clash is not None:
                raise StoreError(f"There is already a template called {clash}.")
            if template_id is None:
                return self._insert(
                    "INSERT INTO templates (name, body, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?) RETURNING id",
                    (name, body, now(), now()),
                )
            if not self._exec(
                "UPDATE templates SET name = ?, body = ?, updated_at = ? WHERE id = ?",
                (name, body, now(), template_id),
            ):
                raise NotFound(f"There is no template {template_id}.")
            return template_id

    def list_templates(self) -> list[dict[str, Any]]:
        return sorted(self._rows("SELECT id, name, body, updated_at FROM templates"),
                      key=lambda row: reading_key(row["name"]))

    def delete_template(self, template_id: int) -> None:
        with self.transaction():
            self._exec("DELETE FROM templates WHERE id = ?", (template_id,))

    # Drafts (the composer's autosave)

    def save_draft(self, conversation_id: int, staff: str | None, text: str) -> None:
        with self.transaction():
            if text.strip():
                self._exec(
                    "INSERT INTO drafts (conversation_id, staff, text, updated_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id, staff)"
                    " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    (conversation_id, staff or "", text, now()),
                )
            else:
                self._exec(
                    "DELETE FROM drafts WHERE conversation_id = ? AND staff = ?",
                    (conversation_id, staff or ""),
                )

    def drafts_by_others(self, conversation_id: int, staff: str | None) -> list[tuple[str, int]]:
        """Who else has an unsent draft (a reply or a note) in the conversation, newest
        first: (staff, saved at)."""
        rows = self._rows(
            "SELECT staff, updated_at FROM drafts WHERE conversation_id = ? AND staff <> ?"
            " AND staff <> '' ORDER BY updated_at DESC, staff",
            (conversation_id, staff or ""),
        )
        return [(row["staff"], int(row["updated_at"])) for row in rows]

    def draft(self, conversation_id: int, staff: str | None) -> str:
        return (
            self._scalar(
                "SELECT text FROM drafts WHERE conversation_id = ? AND staff = ?",
                (conversation_id, staff or ""),
            )
            or ""
        )
