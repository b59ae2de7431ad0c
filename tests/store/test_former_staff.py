"""Someone removed from the staff list stays on it for the history, but works no more:
nothing can be given to them and they can take nothing, as rules already refuse."""

from __future__ import annotations

import pytest

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
    # Back to the queue, and the history of what Theo had, both still work.
    team.assign(first, None, staff="Maya Okafor")
    assert team.get_conversation(first).assignee is None
    assert [entry["data"]["assignee"] for entry in team.history(first)
            if entry["action"] == "assigned"] == ["Theo Brandt", None]
    assert team.bulk_assign([second], "Maya") == 1


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
