"""A rule saved while its person worked here, once they have left the staff list (both
engines): it must not go on giving them conversations nobody would see — not in anyone's
Mine, not Unassigned, not for Take next."""

from __future__ import annotations

import pytest

from inbox_app.core.rules import Rule
from inbox_app.store import QueueQuery

from .helpers import msg


@pytest.fixture
def team(store):
    for name in ("Maya Okafor", "Priya Raman"):
        store.add_staff(name)
    store.save_rule(Rule("Refunds to Priya", words=("refund",), assign="Priya Raman",
                         labels=("refund",)))
    store.save_rule(Rule("Everything else to Maya", assign="Maya Okafor"))
    return store


def conversation_of(store, external_id: str):
    row = store._row("SELECT conversation_id FROM messages WHERE external_id = ?",
                     (external_id,))
    return store.get_conversation(row["conversation_id"])


def test_a_new_message_goes_to_the_next_rule_that_assigns_and_keeps_its_label(team):
    team.set_staff_active("Priya Raman", False)
    team.save_messages([msg("r1", "I want a refund", email="ann@x.org")])
    conversation = conversation_of(team, "r1")
    assert conversation.assignee == "Maya Okafor"
    assert conversation.labels == ("refund",)


def test_with_no_other_rule_it_stays_in_the_queue_for_anyone_to_take(team):
    team.remove_rule("Everything else to Maya")
    team.set_staff_active("Priya Raman", False)
    team.save_messages([msg("r1", "I want a refund", email="ann@x.org")])
    assert conversation_of(team, "r1").assignee is None
    assert team.claim_next("Maya Okafor").id == conversation_of(team, "r1").id


def test_running_the_rule_over_open_conversations_assigns_nobody_who_left(team):
    team.remove_rule("Everything else to Maya")
    team.save_messages([msg("r1", "Is a refund possible?", email="ann@x.org")])
    team.assign(conversation_of(team, "r1").id, None)  # Priya handed it back, then left
    team.set_staff_active("Priya Raman", False)
    run = team.run_rule("Refunds to Priya", since=0)
    assert (run.assigned, run.labelled) == (0, 0)  # labelled on arrival already
    assert team.queue_count(QueueQuery(filter="unassigned")) == 1
