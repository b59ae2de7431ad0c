"""Someone removed from the staff list stays on it for the history, but works no more:
nothing can be given to them and they can take nothing, as rules already refuse."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery, StoreError

from .helpers import msg


@pytest.fixture
def team(store):
    for name in ("Maya Okafor", "Theo Brandt"):
        store.add_staff(name)
    store.save_messages([msg(f"m{i}", f"Question {i}", email=f"c{i}@x.org") for i in range(3)])
    return store


def conversations(store) -> list[int]:
    return [row.conversation_id for row in store.queue(QueueQuery(filter="all"))]


def test_a_conversation_given_to_someone_who_left_is_refused_as_rules_refuse_it(team):
    first, second, _ = conversations(team)
    team.assign(first, "Theo", staff="Maya Okafor")  # while Theo still works here
    team.set_staff_active("Theo Brandt", False)
    with pytest.raises(StoreError, match="^Theo Brandt no longer works the queue; assign to"
                                         " someone who does.$"):
        team.assign(second, "Theo")
    with pytest.raises(StoreError, match="Theo Brandt no longer works the queue"):
        team.bulk_assign([second], "theo brandt")
    assert team.get_conversation(second).assignee is None
    # What Theo had went back to the queue when he left; the history keeps both.
    assert team.get_conversation(first).assignee is None
    assert [(entry["data"]["assignee"], entry["data"].get("left")) for entry in team.history(first)
            if entry["action"] == "assigned"] == [("Theo Brandt", None), (None, "Theo Brandt")]
    assert team.bulk_assign([second], "Maya") == 1


def test_someone_who_leaves_hands_their_open_conversations_back_to_the_queue(team):
    """Left with them, Theo's conversations were in nobody's Mine, not in Unassigned, and
    Take next passed them by. Closed ones stay his (the figures credit him)."""
    first, second, third = conversations(team)
    due = now() + 86400
    team.assign(first, "Theo", due_at=due, staff="Maya Okafor")
    team.assign(second, "Theo", staff="Maya Okafor")
    team.snooze(second, due, staff="Theo Brandt")
    team.assign(third, "Theo", staff="Maya Okafor")
    team.close_conversation(third, staff="Theo Brandt")
    assert team.set_staff_active("Theo Brandt", False, staff="Maya Okafor") == 2
    assert [team.get_conversation(c).assignee for c in (first, second, third)] == [
        None, None, "Theo Brandt"]
    assert team.get_conversation(first).due_at == due  # the follow-up date stays
    assert first in [row.conversation_id for row in team.queue(QueueQuery(filter="unassigned"))]
    assert team.set_staff_active("Theo Brandt", False) == 0  # nothing left to hand back


def test_someone_who_left_cannot_claim(team):
    first, *_ = conversations(team)
    team.set_staff_active("Theo Brandt", False)
    with pytest.raises(StoreError, match="^Theo Brandt no longer works the queue"):
        team.claim_next("Theo")
    with pytest.raises(StoreError, match="^Theo Brandt no longer works the queue"):
        team.claim(first, "Theo Brandt")
    assert all(team.get_conversation(c).assignee is None for c in conversations(team))
    team.set_staff_active("Theo Brandt", True)  # back at work
    assert team.claim(first, "Theo").assignee == "Theo Brandt"
