"""Rules kept in the store and run as messages are stored (both engines)."""

from __future__ import annotations

import json

import pytest

from inbox_app.core.models import Sentiment
from inbox_app.core.rules import Rule
from inbox_app.pipeline import import_lines
from inbox_app.store import NotFound, QueueQuery, StaleEdit, StoreError

from .helpers import msg


@pytest.fixture
def team(store):
    for name in ("Maya Okafor", "Priya Raman", "Theo Brandt"):
        store.add_staff(name)
    return store


def conversation_of(store, external_id: str):
    row = store._row("SELECT conversation_id FROM messages WHERE external_id = ?",
                     (external_id,))
    return store.get_conversation(row["conversation_id"])


def labels_of(store, conversation_id: int) -> list[str]:
    return [r["label"] for r in store._rows(
        "SELECT label FROM conversation_labels WHERE conversation_id = ? ORDER BY label",
        (conversation_id,))]


def test_rules_are_kept_in_order_edited_and_removed(team):
    team.save_rule(Rule("Refunds", words=("refund",), assign="priya raman"))
    team.save_rule(Rule("Phones", kinds=("phone",), labels=("call",)))
    assert [(r.name, r.assign) for r in team.list_rules()] == [
        ("Refunds", "Priya Raman"), ("Phones", None)]  # the staff list's spelling
    team.save_rule(Rule("Refunds to Theo", words=("refund",), assign="Theo Brandt"),
                   replacing="refunds")
    assert [r.name for r in team.list_rules()] == ["Refunds to Theo", "Phones"]
    team.enable_rule("phones", False)
    assert [r.name for r in team.active_rules()] == ["Refunds to Theo"]
    assert team.remove_rule(" refunds TO theo").name == "Refunds to Theo"
    assert [r.name for r in team.list_rules()] == ["Phones"]
    events = [(e["action"], json.loads(e["data"])["rule"]) for e in team._rows(
        "SELECT action, data FROM events WHERE action LIKE 'rule.%' ORDER BY id")]
    assert [action for action, _ in events] == [
        "rule.saved", "rule.saved", "rule.saved", "rule.disabled", "rule.removed"]
    assert events[-1] == ("rule.removed", "Refunds to Theo")  # as listed, not as typed


def test_two_people_editing_one_rule_never_undo_each_other(team):
    first = team.save_rule(Rule("Refunds", words=("refund",), assign="Priya Raman"))
    # Maya and Theo both open "Refunds"; Theo saves first.
    theos = team.save_rule(Rule("Refunds", words=("refund", "money back"), assign="Priya Raman"),
                           replacing="Refunds", expected=first)
    with pytest.raises(StaleEdit, match="Someone else changed the rule Refunds"):
        team.save_rule(Rule("Refunds to Maya", words=("refund",), assign="Maya Okafor"),
                       replacing="Refunds", expected=first)
    assert team.list_rules() == [theos]
    # Switching a rule off is not a change to its content: an edit still goes through.
    team.enable_rule("Refunds", False)
    saved = team.save_rule(Rule("Refunds", words=("refund", "money back"), labels=("refund",),
                                assign="Priya Raman", enabled=False),
                           replacing="Refunds", expected=theos)
    assert team.list_rules() == [saved]


def test_a_rule_that_cannot_work_is_refused(team):
    team.save_rule(Rule("Refunds", words=("refund",), labels=("refund",)))
    with pytest.raises(StoreError, match="There is already a rule called Refunds"):
        team.save_rule(Rule("REFUNDS", labels=("x",)))
    with pytest.raises(StoreError, match="does nothing"):
        team.save_rule(Rule("Empty"))
    with pytest.raises(NotFound, match="no staff member called 'Nobody'"):
        team.save_rule(Rule("To nobody", assign="Nobody"))
    team.set_staff_active("Theo Brandt", False)
    with pytest.raises(StoreError, match="Theo Brandt no longer works the queue"):
        team.save_rule(Rule("To Theo", assign="Theo Brandt"))
    with pytest.raises(NotFound):
        team.remove_rule("Nope")
    with pytest.raises(NotFound):
        team.save_rule(Rule("X", labels=("x",)), replacing="Nope")
    assert [r.name for r in team.list_rules()] == ["Refunds"]


def test_new_customer_messages_are_assigned_and_labelled_by_the_rules(team):
    team.save_rule(Rule("VIP to Maya", tags=("VIP",), assign="Maya Okafor",
                        labels=("vip",)))
    team.save_rule(Rule("Refunds", words=("refund", "money back"), assign="Priya Raman",
                        labels=("refund",)))
    team.save_rule(Rule("Angry calls", kinds=("phone",), negative=True, labels=("call back",)))
    team.save_messages([msg("v0", "Hi", email="vip@example.com", at="2026-03-01T09:00:00Z")])
    team.tag_customer(team.find_customer("vip@example.com").id, "VIP")

    call = msg("p1", "Terrible, nobody called me back", kind="phone", phone="207 555 0101",
               at="2026-03-02T09:00:00Z")
    call.sentiment = Sentiment(-0.7, 0.0, 0.5, 0.5)
    team.save_messages([
        msg("v1", "I would like a refund", email="vip@example.com", at="2026-03-02T10:00:00Z"),
        msg("r1", "Can I have my money  back?", email="ann@example.com",
            at="2026-03-02T11:00:00Z"),
        call,
        msg("o1", "About your refund", direction="out", staff="Maya Okafor",
            thread="email::r1", at="2026-03-02T12:00:00Z"),
        msg("n1", "Lovely beans", email="ben@example.com", at="2026-03-02T13:00:00Z"),
    ])
    vip, refund, angry, quiet = (conversation_of(team, key) for key in ("v1", "r1", "p1", "n1"))
    # "vip" as the shop spells it: its customers' tag VIP (as a person's label would be)
    assert (vip.assignee, labels_of(team, vip.id)) == ("Maya Okafor", ["VIP", "refund"])
    assert (refund.assignee, labels_of(team, refund.id)) == ("Priya Raman", ["refund"])
    assert (angry.assignee, labels_of(team, angry.id)) == (None, ["call back"])
    assert (quiet.assignee, labels_of(team, quiet.id)) == (None, [])
    history = [(e["action"], e["staff"], e["data"]) for e in team.history(refund.id)]
    assert ("assigned", None, {"assignee": "Priya Raman", "due_at": None,
                               "rule": "Refunds"}) in history
    assert ("labelled", None, {"label": "refund", "rule": "Refunds"}) in history
    mine = team.queue(QueueQuery(filter="mine", staff="Priya Raman"))
    assert [row.conversation_id for row in mine] == [refund.id]


def test_a_persons_choice_stands_and_closed_conversations_are_left_alone(team):
    team.save_rule(Rule("Refunds", words=("refund",), assign="Priya Raman"))
    team.save_messages([msg("a1", "Hello", email="ann@example.com", thread="t1",
                            at="2026-03-01T09:00:00Z"),
                        msg("b1", "Hello", email="ben@example.com", thread="t2",
                            at="2026-03-01T09:00:00Z")])
    ann, ben = conversation_of(team, "a1"), conversation_of(team, "b1")
    team.assign(ann.id, "Theo Brandt")
    team.save_messages([msg("a2", "refund please", email="ann@example.com", thread="t1",
                            at="2026-03-01T10:00:00Z"),
                        msg("b2", "refund please", email="ben@example.com", thread="t2",
                            at="2026-03-01T10:00:00Z")])
    assert team.get_conversation(ann.id).assignee == "Theo Brandt"
    assert team.get_conversation(ben.id).assignee == "Priya Raman"


def test_imported_again_nothing_happens_twice_and_a_removed_rule_does_nothing(team, tmp_path):
    import json

    team.save_rule(Rule("Wholesale", words=("wholesale",), labels=("wholesale-lead",)))
    lines = [json.dumps({"kind": "email", "id": f"w{n}", "text": "Do you do wholesale?",
                         "at": f"2026-03-0{n + 1}T09:00:00Z", "email": f"c{n}@example.com"})
             for n in range(3)]
    import_lines(team, lines, workers=0)
    counted = team._scalar("SELECT COUNT(*) AS n FROM events WHERE action = 'labelled'")
    assert counted == 3
    import_lines(team, lines, workers=0)
    assert team._scalar("SELECT COUNT(*) AS n FROM events WHERE action = 'labelled'") == 3
    away = msg("w8", "Out of office: back Monday. Wholesale orders to Ann.",
               email="e@example.com")
    away.meta = {"auto": "auto-reply"}  # automatic answers wake nothing, rules included
    team.save_messages([away])
    assert labels_of(team, conversation_of(team, "w8").id) == []
    team.remove_rule("Wholesale")
    team.save_messages([msg("w9", "wholesale again", email="d@example.com")])
    assert labels_of(team, conversation_of(team, "w9").id) == []


def test_a_rule_moves_up_and_down_the_list(team):
    for name in ("A", "B", "C"):
        team.save_rule(Rule(name, labels=(name.lower(),)))
    assert team.move_rule("c", -1) == 1
    assert [r.name for r in team.list_rules()] == ["A", "C", "B"]
    assert team.move_rule("A", -5) == 0  # already first: stays
    assert team.move_rule("A", 9) == 2
    assert [r.name for r in team.list_rules()] == ["C", "B", "A"]
    with pytest.raises(NotFound):
        team.move_rule("Z", 1)


def test_a_rule_says_what_it_would_have_matched_before_it_is_saved(team):
    from inbox_app.core.timeutil import parse_iso

    team.save_messages([
        msg("a", "I want a refund", email="ann@example.com", at="2026-03-02T09:00:00Z"),
        msg("b", "Refund? Refund!", email="ann@example.com", thread="t",
            at="2026-03-03T09:00:00Z"),
        msg("c", "refund please", email="ann@example.com", thread="t",
            at="2026-03-04T09:00:00Z"),
        msg("d", "Old refund", email="ben@example.com", at="2026-01-01T09:00:00Z"),
        msg("e", "About your refund", direction="out", staff="Maya Okafor", thread="t",
            at="2026-03-04T10:00:00Z"),
        msg("f", "Nice beans", email="cy@example.com", at="2026-03-05T09:00:00Z"),
    ])
    since = parse_iso("2026-03-01T00:00:00Z")
    refunds = Rule("Refunds", words=("refund",), labels=("refund",), enabled=False)
    assert team.rule_matches_since(refunds, since) == (3, 2)  # replies are not looked at
    assert team.rule_matches_since(Rule("Phones", kinds=("phone",)), since) == (0, 0)
    assert team.rule_matches_since(refunds, since, most=2) == (1, 1)  # "f" and "c"
    assert team.list_rules() == []  # nothing saved by looking


def test_customers_who_spent_enough_go_to_someone(team):
    team.save_rule(Rule("Big spenders", min_value=1000.0, assign="Maya Okafor"))
    team.save_messages([msg("a0", "Hi", email="ann@example.com", at="2026-03-01T09:00:00Z"),
                        msg("b0", "Hi", email="ben@example.com", at="2026-03-01T09:00:00Z")])
    team.set_customer_value(team.find_customer("ann@example.com").id, 2500.0)
    team.set_customer_value(team.find_customer("ben@example.com").id, 40.0)
    team.save_messages([msg("a1", "Where is my order?", email="ann@example.com"),
                        msg("b1", "Where is my order?", email="ben@example.com"),
                        msg("c1", "Where is my order?", email="cy@example.com")])
    assigned = {key: conversation_of(team, key).assignee for key in ("a1", "b1", "c1")}
    assert assigned == {"a1": "Maya Okafor", "b1": None, "c1": None}
    from inbox_app.core.timeutil import parse_iso

    assert team.rule_matches_since(team.list_rules()[0],
                                   parse_iso("2026-01-01T00:00:00Z")) == (2, 2)


def test_a_rule_written_later_runs_over_the_open_conversations_it_was_meant_for(team):
    from inbox_app.core.timeutil import parse_iso

    team.save_messages([
        msg("a", "I want a refund", email="ann@example.com", at="2026-03-02T09:00:00Z"),
        msg("b", "Refund? Refund!", email="ben@example.com", thread="t",
            at="2026-03-03T09:00:00Z"),
        msg("b2", "refund please", email="ben@example.com", thread="t",
            at="2026-03-04T09:00:00Z"),
        msg("c", "refund, and Theo has it", email="cy@example.com", at="2026-03-04T09:00:00Z"),
        msg("d", "refund for the closed one", email="di@example.com",
            at="2026-03-04T09:00:00Z"),
        msg("o", "An old refund", email="old@example.com", at="2026-01-01T09:00:00Z"),
        msg("n", "Nice beans", email="ned@example.com", at="2026-03-05T09:00:00Z"),
    ])
    theirs = conversation_of(team, "c")
    team.assign(theirs.id, "Theo Brandt")
    team.label(theirs.id, "refund")
    team.close_conversation(conversation_of(team, "d").id)
    team.save_rule(Rule("Refunds", words=("refund",), assign="Priya Raman",
                        labels=("refund", "money")), staff="Maya Okafor")
    team.enable_rule("Refunds", False)  # a rule switched off can still be run once

    since = parse_iso("2026-03-01T00:00:00Z")
    run = team.run_rule("refunds", since=since, staff="Maya Okafor")
    assert (run.rule, run.matched, run.assigned, run.labelled) == ("Refunds", 3, 2, 3)
    assignees = {key: conversation_of(team, key).assignee for key in "abcdon"}
    assert assignees == {"a": "Priya Raman", "b": "Priya Raman", "c": "Theo Brandt",
                         "d": None, "o": None, "n": None}
    assert labels_of(team, conversation_of(team, "b").id) == ["money", "refund"]
    assert labels_of(team, theirs.id) == ["money", "refund"]  # "refund" is not added twice
    assert labels_of(team, conversation_of(team, "d").id) == []  # closed: left alone
    by_rule = team._rows("SELECT action, data FROM events WHERE data LIKE '%\"rule\": \"Refunds\"%'"
                         " AND action IN ('assigned', 'labelled')")
    assert len(by_rule) == 2 + 5
    ran = team._row("SELECT staff, data FROM events WHERE action = 'rule.run'")
    assert ran["staff"] == "Maya Okafor" and '"assigned": 2' in ran["data"]

    again = team.run_rule("Refunds", since=since)
    assert (again.matched, again.assigned, again.labelled) == (3, 0, 0)  # nothing twice
    with pytest.raises(NotFound, match="no rule called 'Nope'"):
        team.run_rule("Nope", since=since)


def test_a_rules_label_takes_the_shops_spelling_and_is_not_added_twice_in_another_case(team):
    team.save_messages([msg("a1", "Hello", email="ann@example.com", thread="t1",
                            at="2026-03-01T09:00:00Z"),
                        msg("b1", "refund please", email="ben@example.com", thread="t2",
                            at="2026-03-01T09:00:00Z")])
    ann, ben = conversation_of(team, "a1"), conversation_of(team, "b1")
    team.label(ann.id, "Refund")
    # A store from before labels ignored case may hold another spelling.
    team._exec("INSERT INTO conversation_labels (conversation_id, label, created_at)"
               " VALUES (?, 'REFUND', 0)", (ben.id,))
    team.save_rule(Rule("Refunds", words=("refund",), labels=("refund", "Money")))
    team.save_messages([msg("a2", "refund please", email="ann@example.com", thread="t1",
                            at="2026-03-01T10:00:00Z")])
    assert labels_of(team, ann.id) == ["Money", "Refund"]   # not "refund" beside "Refund"
    run = team.run_rule("Refunds", since=0)
    assert labels_of(team, ben.id) == ["Money", "REFUND"]
    assert run.labelled == 1  # ben's Money: ann's conversation had both


def test_a_rule_cannot_assign_to_someone_who_left(team):
    team.set_staff_active("Theo Brandt", False)
    with pytest.raises(StoreError, match="Theo Brandt no longer works the queue"):
        team.save_rule(Rule("Theo's", words=("beans",), assign="theo"))
