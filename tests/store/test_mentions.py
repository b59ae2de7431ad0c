"""@mentions in internal notes (both engines): who is asked in, the Mentions view, and
the count of mentions still waiting for an answer from the person asked."""

from __future__ import annotations

import pytest

from inbox_app.store import QueueQuery, StoreError

from .helpers import msg


@pytest.fixture
def team(store):
    for name in ("Maya Okafor", "Priya Raman", "Theo Brandt"):
        store.add_staff(name)
    result = store.save_messages([
        msg("a", "Where is my refund?", email="ann@example.com", at="2026-03-01T09:00:00Z"),
        msg("b", "Grinder broken", email="ben@example.com", at="2026-03-01T10:00:00Z"),
        msg("c", "Hello", email="cy@example.com", at="2026-03-01T11:00:00Z"),
    ])
    store.ids = sorted(result.conversation_ids)
    return store


def mentions_of(store, name: str) -> list[int]:
    return sorted(row.conversation_id for row in store.queue(
        QueueQuery(filter="mentions", staff=name)))


def test_a_note_asks_colleagues_in_and_they_find_it_under_mentions(team):
    refund, grinder, hello = team.ids
    team.add_note("@Priya can you check the refund? cc @theo brandt", conversation_id=refund,
                  staff="Maya Okafor")
    team.add_note("Asked @Maya Okafor already; mail maya@harbourlane.example", staff="Theo Brandt",
                  conversation_id=grinder)
    team.add_note("@Priya Raman note to self", conversation_id=hello, staff="Priya Raman")
    assert mentions_of(team, "Priya Raman") == [refund]  # not her own note
    assert mentions_of(team, "Theo Brandt") == [refund]
    assert mentions_of(team, "Maya Okafor") == [grinder]
    rows = team._rows("SELECT staff FROM note_mentions ORDER BY staff")
    assert [row["staff"] for row in rows] == ["Maya Okafor", "Priya Raman", "Theo Brandt"]
    with pytest.raises(StoreError, match="'Mentions' needs to know who you are"):
        team.queue(QueueQuery(filter="mentions"))


def test_a_mention_waits_until_the_person_asked_writes_a_note_or_replies(team):
    refund, grinder, _ = team.ids
    team.add_note("@Priya over to you", conversation_id=refund, staff="Maya Okafor")
    team.add_note("@Priya and this one", conversation_id=grinder, staff="Maya Okafor")
    assert team.waiting_mentions("Priya Raman") == 2
    assert team.view_counts(staff="Priya Raman")["mentions"] == 2
    team.add_note("On it", conversation_id=refund, staff="Priya Raman")
    assert team.waiting_mentions("Priya Raman") == 1
    team.add_outbound(grinder, "A new one is on its way", staff="Priya Raman", delivery="sent")
    assert team.waiting_mentions("Priya Raman") == 0
    team.add_note("@priya one more thing", conversation_id=refund, staff="Theo Brandt")
    assert team.waiting_mentions("Priya Raman") == 1
    team.close_conversation(refund, staff="Theo Brandt")
    assert team.waiting_mentions("Priya Raman") == 0  # closed: nothing to answer
    assert mentions_of(team, "Priya Raman") == [refund, grinder]  # the view keeps them
    assert team.view_counts(staff=None)["mentions"] == 0


def test_mentions_follow_a_merged_conversation_and_left_staff_are_not_asked(team):
    refund, grinder, _ = team.ids
    team.add_note("@Theo please look", conversation_id=grinder, staff="Maya Okafor")
    team.merge_conversations(refund, grinder, staff="Maya Okafor")
    assert mentions_of(team, "Theo Brandt") == [refund]
    team.set_staff_active("Theo Brandt", False)
    team.add_note("@Theo again", conversation_id=refund, staff="Maya Okafor")
    assert team._scalar("SELECT COUNT(*) AS n FROM note_mentions") == 1


def test_a_mention_seen_leaves_the_count_and_the_notices_but_not_the_view(team):
    refund, grinder, _ = team.ids
    team.add_note("@Priya over to you", conversation_id=refund, staff="Maya Okafor")
    team.add_note("@Priya and @Theo this one", conversation_id=grinder, staff="Maya Okafor")
    assert team.waiting_mentions("Priya Raman") == 2
    before = team._scalar("SELECT COUNT(*) AS n FROM events")
    assert team.see_mentions(refund, "Priya Raman") == 1
    assert team.see_mentions(refund, "Priya Raman") == 0  # nothing left to see: no write
    assert team.waiting_mentions("Priya Raman") == 1
    assert team.waiting_mentions("Theo Brandt") == 1  # Priya's seeing is hers alone
    assert [row["conversation_id"] for row in team.mentions_since("Priya Raman", 0)] == [grinder]
    assert mentions_of(team, "Priya Raman") == [refund, grinder]
    assert team._scalar("SELECT COUNT(*) AS n FROM events") == before
    team.add_note("@priya one more thing", conversation_id=refund, staff="Theo Brandt")
    assert team.waiting_mentions("Priya Raman") == 2  # a new mention waits again
    assert team.see_mentions(grinder, "Maya Okafor") == 0  # she was not asked there
