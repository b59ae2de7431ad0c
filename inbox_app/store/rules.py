"""Rules (core/rules.py), kept in the store's settings, and applied as messages are stored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from inbox_app.core.timeutil import ago, now
from inbox_app.store.base import Engine, chunked, placeholders
from inbox_app.store.bulk import EVENT_INSERT
from inbox_app.store.errors import NotFound, StaleEdit, StoreError
from inbox_app.store.spellings import LABELS

if TYPE_CHECKING:
    from inbox_app.core.rules import Arrival, Outcome, Rule


@dataclass(frozen=True)
class RuleRun:
    """What running a rule over conversations already in the store did."""

    rule: str
    matched: int    # open conversations with a customer message the rule matches
    assigned: int   # of those, given to the rule's person (they had nobody)
    labelled: int   # of those, given a label they did not have

RULES_KEY = "rules"
RUN_DAYS = 30  # how far back `run_rule` looks unless told
NO_FACTS: tuple[frozenset[str], float | None] = (frozenset(), None)
PREVIEW_MOST = 20_000  # messages a rule's preview reads, newest first
RULE_HISTORY_LOOK = 200  # saves and removals looked through to say who changed a rule
RELOADED = ("while you were editing it; it has been reloaded, please make your change"
            " again.")


class RulesMixin(Engine):
    def list_rules(self) -> list[Rule]:
        """Every rule, in the order they are tried. (Rules are read on first use: the
        window starts without them.)"""
        raw = self.get_setting(RULES_KEY, [])
        if not raw:
            return []
        from inbox_app.core.rules import rule_from_json

        return [rule_from_json(data) for data in raw]

    def save_rule(self, rule: Rule, *, replacing: str | None = None,
                  expected: Rule | None = None, staff: str | None = None) -> Rule:
        """Adds the rule (at the end), or puts it in the place of the rule named
        `replacing`; returns it as stored. Refuses, in one sentence, a rule that cannot
        work: no action, an unknown channel, someone not on the staff list.

        `expected`: the rule `replacing` as the person started from; if a colleague has
        changed it since (switching it on or off aside), the save is a StaleEdit, so two
        people editing one rule never silently undo each other's change."""
        from inbox_app.core.rules import RuleError, checked

        try:
            rule = checked(rule)
        except RuleError as error:
            raise StoreError(str(error)) from None
        if rule.assign:
            rule = replace(rule, assign=self.working_staff(rule.assign).name)
        with self.transaction():
            self._lock_rules()
            rules = self.list_rules()
            names = [existing.name.casefold() for existing in rules]
            if replacing is not None and replacing.casefold() not in names:
                if expected is not None:
                    self._refuse_edit_of_gone_rule(replacing, staff)
                raise NotFound(f"There is no rule called {replacing!r}.")
            clash = rule.name.casefold() in names and rule.name.casefold() != (
                replacing or "").casefold()
            if clash:
                taken = rules[names.index(rule.name.casefold())].name  # as it is listed
                raise StoreError(f"There is already a rule called {taken}.")
            was = None  # the name the rule had, when this save renames it
            if replacing is None:
                rules.append(rule)
            else:
                place = names.index(replacing.casefold())
                if expected is not None and replace(rules[place], enabled=True) != replace(
                        expected, enabled=True):
                    raise StaleEdit(self._who_changed_rule(rules[place].name, staff))
                if rules[place].name != rule.name:
                    was = rules[place].name
                rules[place] = rule
            self._write_rules(rules, staff, "rule.saved", rule.name, renamed_from=was)
        return rule

    def _last_rule_event(self, name: str, *, renamed: bool = False) -> dict[str, Any] | None:
        """The latest save or removal of the rule called `name` (with `renamed`: the save
        that gave it another name), from the history; None when it says nothing of it."""
        wanted = name.strip().casefold()
        for event in self._rows(
                "SELECT id, at, staff, action, data FROM events"
                " WHERE action IN ('rule.saved', 'rule.removed') ORDER BY id DESC LIMIT ?",
                (RULE_HISTORY_LOOK,)):
            data = json.loads(event["data"] or "{}")
            named = data.get("renamed_from" if renamed else "rule") or ""
            if named.casefold() == wanted and (not renamed or event["action"] == "rule.saved"):
                return {**event, "data": data}
        return None

    @staticmethod
    def _who(event: dict[str, Any], staff: str | None) -> str:
        """Who made a rule's change, as the start of a sentence."""
        if not event["staff"]:
            return "Someone else"
        if staff and event["staff"].casefold() == staff.casefold():
            return "You, elsewhere,"
        return event["staff"]

    def _who_changed_rule(self, name: str, staff: str | None) -> str:
        """The refusal of a save made on a rule a colleague changed since it was opened,
        naming them when the history does: two people editing one rule can then talk."""
        event = self._last_rule_event(name)
        if event is None or event["action"] != "rule.saved":
            return f"Someone else changed the rule {name} {RELOADED}"
        return f"{self._who(event, staff)} changed the rule {name} {ago(event['at'])}, {RELOADED}"

    def _refuse_edit_of_gone_rule(self, name: str, staff: str | None) -> None:
        """The rule being edited is no longer called `name`: a colleague renamed it (a stale
        edit: the form reloads it) or removed it. Returns when the history does not say."""
        renamed = self._last_rule_event(name, renamed=True)
        removed = self._last_rule_event(name)
        if removed is not None and removed["action"] == "rule.removed" and (
                renamed is None or removed["id"] > renamed["id"]):
            raise NotFound(f"{self._who(removed, staff)} removed the rule {name}"
                           f" {ago(removed['at'])}, while you were editing it: your change was"
                           " not saved; add it as a new rule if it is still wanted.")
        if renamed is not None:
            raise StaleEdit(f"{self._who(renamed, staff)} renamed the rule {name} to"
                            f" {renamed['data']['rule']} {ago(renamed['at'])}, {RELOADED}")

    def _lock_rules(self) -> None:
        """The rules are one list in one row: each change rewrites all of it. SQLite's one
        writer at a time keeps two changes apart; PostgreSQL locks (store/pg_locks.py)."""

    def remove_rule(self, name: str, *, staff: str | None = None) -> Rule:
        """Removes the rule called `name` in any case; returns it, named as it was listed."""
        with self.transaction():
            self._lock_rules()
            rules = self.list_rules()
            gone = [rule for rule in rules if rule.name.casefold() == name.strip().casefold()]
            if not gone:
                raise NotFound(f"There is no rule called {name!r}.")
            self._write_rules([rule for rule in rules if rule not in gone], staff,
                              "rule.removed", gone[0].name)
            return gone[0]

    def enable_rule(self, name: str, enabled: bool, *, staff: str | None = None) -> Rule:
        """Switches a rule on or off, keeping its place; returns it."""
        with self.transaction():
            self._lock_rules()
            rules = self.list_rules()
            for index, rule in enumerate(rules):
                if rule.name.casefold() == name.strip().casefold():
                    rules[index] = replace(rule, enabled=enabled)
                    self._write_rules(rules, staff, "rule.enabled" if enabled
                                      else "rule.disabled", rule.name)
                    return rules[index]
            raise NotFound(f"There is no rule called {name!r}.")

    def move_rule(self, name: str, steps: int, *, staff: str | None = None) -> int:
        """Moves a rule up (negative) or down the list — the first rule that assigns wins —
        and returns its new place (0 first)."""
        with self.transaction():
            self._lock_rules()
            rules = self.list_rules()
            names = [rule.name.casefold() for rule in rules]
            if name.strip().casefold() not in names:
                raise NotFound(f"There is no rule called {name!r}.")
            place = names.index(name.strip().casefold())
            rule = rules.pop(place)
            target = max(0, min(len(rules), place + steps))
            rules.insert(target, rule)
            if target != place:
                self._write_rules(rules, staff, "rule.moved", rule.name)
            return target

    def _write_rules(self, rules: list[Rule], staff: str | None, action: str,
                     name: str, *, renamed_from: str | None = None) -> None:
        """Stores the list and records the change; a save that renamed the rule keeps its
        former name, so whoever was editing it under that name can be told."""
        from inbox_app.core.rules import rule_json

        self.set_setting(RULES_KEY, [rule_json(rule) for rule in rules], staff=staff)
        data = {"rule": name, **({"renamed_from": renamed_from} if renamed_from else {})}
        self._event(action, staff=staff, data=data)

    def active_rules(self) -> list[Rule]:
        return [rule for rule in self.list_rules() if rule.enabled]

    def apply_rules(self, rules: Sequence[Rule], arrivals: Sequence[tuple[Any, ...]]) -> None:
        """Runs the rules over messages just stored — (conversation, customer, kind,
        account, title, text, compound) — in the caller's transaction: assigns
        conversations nobody has yet, labels them, and records each as done by the rule."""
        if not rules or not arrivals:
            return
        from inbox_app.core.rules import Arrival, outcome

        facts = self._customer_facts({arrival[1] for arrival in arrivals if arrival[1]})
        by_conversation: dict[int, list[Arrival]] = {}
        for conversation_id, customer_id, kind, account, title, text, compound in arrivals:
            tags, value = facts.get(customer_id, NO_FACTS) if customer_id else NO_FACTS
            by_conversation.setdefault(conversation_id, []).append(
                Arrival(kind, account, f"{title}\n{text}" if title else text, compound, tags,
                        value))
        staffed = self._staffed(rules)
        results = {conversation_id: outcome(staffed, arrived)
                   for conversation_id, arrived in by_conversation.items()}
        self._label_by_rules(results)
        self._assign_by_rules(results)

    def _staffed(self, rules: Sequence[Rule]) -> list[Rule]:
        """The rules as they can act now: one whose person has left the staff list since
        it was saved assigns nobody (a conversation given to them would show in no one's
        Mine, nor in Unassigned, nor for Take next), so the next rule that assigns, if any,
        gets the conversation; its labels still apply."""
        working = {member.name for member in self.list_staff()}
        return [rule if rule.assign is None or rule.assign in working
                else replace(rule, assign=None) for rule in rules]

    def _label_by_rules(self, results: dict[int, Outcome]) -> int:
        """Returns how many conversations got a label they did not have."""
        wanted = [(conversation_id, label, rule) for conversation_id, result in results.items()
                  for label, rule in result.labels]
        if not wanted:
            return 0
        # As a person's label does: the shop's spelling of it ("Refund" for "refund"), and a
        # conversation with the label in any case has it.
        spelled = {label: self._spelling(label, LABELS) for _, label, _ in wanted}
        wanted = [(conversation_id, spelled[label], rule)
                  for conversation_id, label, rule in wanted]
        conversation_ids = sorted({conversation_id for conversation_id, _, _ in wanted})
        present = {(row["conversation_id"], row["label"].casefold()) for row in self._rows_in(
            "SELECT conversation_id, label FROM conversation_labels WHERE conversation_id IN (…)",
            conversation_ids)}
        left_off = present | self._labels_taken_off(conversation_ids)
        fresh = [entry for entry in wanted if (entry[0], entry[1].casefold()) not in left_off]
        if not fresh:
            return 0
        stamp = now()
        self._exec_many(
            "INSERT INTO conversation_labels (conversation_id, label, created_at)"
            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(conversation_id, label, stamp) for conversation_id, label, _ in fresh])
        self._bump_versions({conversation_id for conversation_id, _, _ in fresh})
        self._exec_many(EVENT_INSERT, [
            (stamp, None, "labelled", conversation_id, None,
             json.dumps({"label": label, "rule": rule}, ensure_ascii=False))
            for conversation_id, label, rule in fresh])
        return len({conversation_id for conversation_id, _, _ in fresh})

    def _labels_taken_off(self, conversation_ids: Sequence[int]) -> set[tuple[int, str]]:
        """(conversation, label in lower case) for each label someone took off the
        conversation, or off one merged into it: a rule does not put back what a person
        judged wrong there (rules only ever add labels, so every removal is a person's)."""
        into = {conversation_id: conversation_id for conversation_id in conversation_ids}
        joining = list(conversation_ids)
        while joining:  # merged into one merged into it, and so on
            rows = list(self._rows_in("SELECT id, merged_into FROM conversations"
                                      " WHERE status = 'merged' AND merged_into IN (…)",
                                      joining))
            joining = [row["id"] for row in rows if row["id"] not in into]
            for row in rows:
                into.setdefault(row["id"], into[row["merged_into"]])
        taken: set[tuple[int, str]] = set()
        for row in self._rows_in("SELECT conversation_id, data FROM events"
                                 " WHERE action = 'unlabelled' AND conversation_id IN (…)",
                                 sorted(into)):
            label = json.loads(row["data"] or "{}").get("label")
            if label:
                taken.add((into[row["conversation_id"]], label.casefold()))
        return taken

    def _assign_by_rules(self, results: dict[int, Outcome]) -> int:
        """Returns how many conversations it gave to someone."""
        wanted = {conversation_id: result.assign_choices or (result.assign,)
                  for conversation_id, result in results.items() if result.assign}
        free = {row["id"] for row in self._rows_in(
            "SELECT id FROM conversations WHERE assignee IS NULL AND status = 'open'"
            " AND id IN (…)", sorted(wanted))}
        if not free:
            return 0
        taken_from = self._people_taken_off(sorted(free))
        chosen = []
        for conversation_id in sorted(free):
            choice = next((choice for choice in wanted[conversation_id]
                           if (conversation_id, choice[0].casefold()) not in taken_from), None)
            if choice is not None:
                chosen.append((conversation_id, *choice))
        if not chosen:
            return 0
        stamp = now()
        self._exec_many(
            "UPDATE conversations SET assignee = ?, version = version + 1"
            " WHERE id = ? AND assignee IS NULL",
            [(staff, conversation_id) for conversation_id, staff, _ in chosen])
        self._exec_many(EVENT_INSERT, [
            (stamp, None, "assigned", conversation_id, None,
             json.dumps({"assignee": staff, "due_at": None, "rule": rule}, ensure_ascii=False))
            for conversation_id, staff, rule in chosen])
        return len(chosen)

    def _people_taken_off(self, conversation_ids: Sequence[int]) -> set[tuple[int, str]]:
        """(conversation, staff name in lower case) for each person someone took the
        conversation from — handed back to the queue or given to another — by hand: a rule
        does not give it back to them. One handed back because its person left the staff
        is not that: it may go to them again once they are back."""
        history: dict[int, list[dict[str, Any]]] = {}
        for row in self._rows_in("SELECT conversation_id, data FROM events"
                                 " WHERE action = 'assigned' AND conversation_id IN (…)"
                                 " ORDER BY id", conversation_ids):
            history.setdefault(row["conversation_id"], []).append(json.loads(row["data"] or "{}"))
        taken: set[tuple[int, str]] = set()
        for conversation_id, changes in history.items():
            holder = None
            for change in changes:
                assignee = change.get("assignee")
                by_hand = "rule" not in change and "left" not in change
                if by_hand and holder and (assignee or "").casefold() != holder.casefold():
                    taken.add((conversation_id, holder.casefold()))
                if by_hand and assignee:  # given back to them by hand since
                    taken.discard((conversation_id, assignee.casefold()))
                holder = assignee
        return taken

    def _bump_versions(self, conversation_ids: set[int]) -> None:
        self._exec_in("UPDATE conversations SET version = version + 1 WHERE id IN (…)",
                      sorted(conversation_ids))

    def rule_matches_since(self, rule: Rule, since: int,
                           most: int = PREVIEW_MOST) -> tuple[int, int]:
        """How many customer messages from `since` on the rule's conditions would have
        matched, and in how many conversations — what it would have done, before it is
        saved. The newest `most` messages are looked at."""
        from inbox_app.core.rules import matches

        testing = replace(rule, enabled=True)
        found = [conversation_id for conversation_id, arrival
                 in self._arrivals_since(since, most=most) if matches(testing, arrival)]
        return len(found), len(set(found))

    def run_rule(self, name: str, *, since: int, staff: str | None = None) -> RuleRun:
        """Does what the stored rule `name` would have done to the open conversations
        whose customers wrote from `since` on — for a rule written after the messages it
        is meant for. As on arrival: nobody's choice is overridden, labels already there
        are not added twice, a label a person took off is not put back, nor a conversation
        given back to whom a person took it from, and each change is recorded as done by
        the rule. It runs
        even when switched off (that is how to try a rule once)."""
        from inbox_app.core.rules import outcome

        with self.transaction():
            self._lock_rules()
            wanted = name.strip().casefold()
            rule = next((rule for rule in self.list_rules() if rule.name.casefold() == wanted),
                        None)
            if rule is None:
                raise NotFound(f"There is no rule called {name!r}.")
            rule = replace(rule, enabled=True)
            staffed = self._staffed([rule])
            by_conversation: dict[int, list[Arrival]] = {}
            for conversation_id, arrival in self._arrivals_since(since, open_only=True):
                by_conversation.setdefault(conversation_id, []).append(arrival)
            results = {conversation_id: result
                       for conversation_id, arrived in by_conversation.items()
                       if (result := outcome(staffed, arrived)).assign or result.labels}
            labelled = self._label_by_rules(results)
            assigned = self._assign_by_rules(results)
            self._event("rule.run", staff=staff, data={
                "rule": rule.name, "matched": len(results), "assigned": assigned,
                "labelled": labelled})
        return RuleRun(rule.name, len(results), assigned, labelled)

    def _arrivals_since(self, since: int, *, most: int | None = None,
                        open_only: bool = False) -> list[tuple[int, Arrival]]:
        """(conversation, what a rule sees) for each customer message from `since` on,
        newest first, as the rules saw them arrive."""
        from inbox_app.core.rules import Arrival

        rows = self._rows(
            "SELECT m.conversation_id, m.customer_id, m.kind, m.account, m.title, m.text,"
            " m.compound FROM messages m"
            + (" JOIN conversations c ON c.id = m.conversation_id AND c.status = 'open'"
               if open_only else "")
            + " WHERE m.direction = 'in' AND m.quiet = 0 AND m.at >= ? ORDER BY m.at DESC"
            + (" LIMIT ?" if most is not None else ""),
            (since, most) if most is not None else (since,))
        facts = self._customer_facts({row["customer_id"] for row in rows if row["customer_id"]})
        return [(row["conversation_id"], Arrival(
                    row["kind"], row["account"] or "",
                    f"{row['title']}\n{row['text']}" if row["title"] else row["text"],
                    row["compound"], *facts.get(row["customer_id"], NO_FACTS)))
                for row in rows]

    def _customer_facts(
        self, customer_ids: set[int],
    ) -> dict[int, tuple[frozenset[str], float | None]]:
        """Each customer's tags and value, as rules see them. A customer merged while the
        batch was stored has them on the one it joined."""
        found: dict[int, tuple[frozenset[str], float | None]] = {}
        for part in chunked(sorted(customer_ids)):
            marks = placeholders(len(part))
            values = {row["id"]: row["value"] for row in self._rows(
                "SELECT c.id, k.value FROM customers c"
                " JOIN customers k ON k.id = COALESCE(c.merged_into, c.id)"
                f" WHERE c.id IN ({marks})", part)}
            tags: dict[int, set[str]] = {}
            for row in self._rows(
                "SELECT c.id, t.tag FROM customers c JOIN customer_tags t"
                " ON t.customer_id = COALESCE(c.merged_into, c.id)"
                f" WHERE c.id IN ({marks})", part,
            ):
                tags.setdefault(row["id"], set()).add(row["tag"])
            for customer_id in part:
                value = values.get(customer_id)
                found[customer_id] = (frozenset(tags.get(customer_id, ())),
                                      None if value is None else float(value))
        return found
