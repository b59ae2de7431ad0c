"""Why an edit was refused, in words: the latest change to the conversation since it was
read, from its history, and who made it — "was closed by Theo Brandt 2 minutes ago" —
so two people on one store can talk instead of guessing ("changed by someone else")."""

from __future__ import annotations

import json
from typing import Any

from inbox_app.core.timeutil import ago, spoken
from inbox_app.store.base import Engine
from inbox_app.store.errors import StaleEdit

SNOOZE_ENDED = "the snooze ended"
# Events that do not change a conversation's version, so cannot be what made an edit stale.
UNVERSIONED_ACTIONS = ("marked_unread",)


def what_was_done(event: dict[str, Any]) -> tuple[str, str, bool]:
    """What an event of a conversation's history did to it, said of the conversation
    ("was closed"); a date it set, said after who and when (", until Tue 1 Jan 2030, 09:00":
    "snoozed until 09:00 a moment ago" reads as one time); and whether the person recorded
    with it did it: the end of a snooze, or conversations handed back when someone left,
    are not that person's own doing."""
    action, data = event["action"], event["data"]
    if action == "closed":
        return "was closed", "", True
    if action == "archived":
        return "was closed as history", "", False
    if action == "reopened":
        if data.get("reason") == SNOOZE_ENDED:
            return "came back from its snooze", "", False
        if data.get("reason"):
            return f"was reopened because {data['reason']}", "", False
        return "was reopened", "", True
    if action == "snoozed":
        return "was snoozed", f", until {spoken(data['until'])}" if data.get("until") else "", True
    if action == "assigned":
        assignee = data.get("assignee")
        if data.get("left"):
            return f"went back to the queue as {data['left']} left the staff list", "", False
        if assignee is None:
            return "was handed back to the queue", "", True
        if data.get("claimed") or assignee == event["staff"]:
            return "was taken", "", True
        return f"was assigned to {assignee}", "", True
    if action == "due.set":
        if data.get("due_at"):
            return "had its follow-up date set", f", to {spoken(data['due_at'])}", True
        return "had its follow-up date taken off", "", True
    if action == "labelled":
        return f"was labelled {data.get('label', '')}".rstrip(), "", True
    if action == "unlabelled":
        return f"had the label {data.get('label', '')} taken off", "", True
    if action == "noted":
        return "had a note added", "", True
    if action == "replied":
        return "was replied to", "", True
    if action.startswith("reply."):
        return f"had a reply {action.removeprefix('reply.')}", "", True
    if action == "conversation.merged":
        return f"had conversation {data.get('other')} merged into it", "", True
    if action == "conversation.unmerged":
        return f"had conversation {data.get('other')} taken out of it again", "", True
    return "was changed", "", True


class StaleEditMixin(Engine):
    def _stale_edit(self, conversation_id: int, expected_version: int | None,
                    current: dict[str, Any], staff: str | None) -> StaleEdit:
        """The refusal of an edit made on `expected_version`, saying from the history what
        changed the conversation since, and who: "someone else" leaves a person to guess
        whether to call a colleague over, or to simply look again."""
        version = current["version"]
        changes = version - (expected_version or 0)
        said = self._last_change(conversation_id, current, staff) if changes > 0 else None
        then = ("look at it again before changing it." if current["status"] != "merged"
                else f"make it in conversation {current['merged_into']} instead.")
        tail = f"(it is at version {version} now): your change was not made; {then}"
        if said is None:
            return StaleEdit(f"Conversation {conversation_id} was changed after you read it"
                             f" {tail}", conversation_id=conversation_id)
        change, by = said
        if changes > 1:
            change += f", the latest of {changes} changes since you read it"
            return StaleEdit(f"Conversation {conversation_id} {change} {tail}",
                             conversation_id=conversation_id, change=change, by=by)
        return StaleEdit(f"Conversation {conversation_id} {change}, after you read it {tail}",
                         conversation_id=conversation_id, change=change, by=by)

    def _last_change(self, conversation_id: int, current: dict[str, Any],
                     staff: str | None) -> tuple[str, str | None] | None:
        """The latest change to the conversation — "was closed by Theo Brandt 2 minutes
        ago" — and the colleague who made it (None: a rule, a poll, the clock, yourself
        elsewhere, or someone the history does not name); None when the history is silent."""
        if current["status"] == "merged":
            merge = next((event for event in self.history(current["merged_into"])[::-1]
                          if event["action"] == "conversation.merged"
                          and event["data"].get("other") == conversation_id), None)
            if merge is None:
                return None
            event = {**merge, "action": "merged", "data": {}}
            done, then, personal = (f"was merged into conversation {current['merged_into']}",
                                    "", True)
        else:
            event = self._row(
                "SELECT at, staff, action, data FROM events WHERE conversation_id = ?"
                f" AND action NOT IN ({', '.join('?' * len(UNVERSIONED_ACTIONS))})"
                " ORDER BY id DESC LIMIT 1", (conversation_id, *UNVERSIONED_ACTIONS))
            if event is None:
                return None
            event["data"] = json.loads(event["data"] or "{}")
            if event["action"] in ("closed", "archived", "snoozed") and current["status"] == "open":
                # Reopened by a customer's message: that records no event of its own.
                wrote = self._row("SELECT MAX(created_at) AS at FROM messages"
                                  " WHERE conversation_id = ? AND direction = 'in'",
                                  (conversation_id,))
                moment = wrote["at"] if wrote and wrote["at"] else event["at"]
                return f"was reopened when the customer wrote again {ago(moment)}", None
            done, then, personal = what_was_done(event)
        rule, person, when = event["data"].get("rule"), event["staff"], ago(event["at"])
        if rule:
            return f"{done} by the rule {rule} {when}{then}", None
        if not personal or not person:
            return f"{done} {when}{then}", None
        if staff and person.casefold() == staff.casefold():
            return f"{done} by you, elsewhere, {when}{then}", None
        return f"{done} by {person} {when}{then}", person
