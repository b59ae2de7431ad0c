"""A rule does not put back what a person took off a conversation (both engines).

A rule labelled Sam's conversation "wholesale-lead"; Theo took the label off because
Sam only wanted a tasting. When the owner runs the rules again (after adding another
rule), or Sam writes again, the wrong label must not come back — while a new rule's
first run still does everything else it should, to that conversation and to others.
"""

from __future__ import annotations

from inbox_app.core.rules import Rule

from .helpers import msg


def conversation_of(store, external_id: str) -> int:
    return store._row("SELECT conversation_id FROM messages WHERE external_id = ?",
                      (external_id,))["conversation_id"]


def test_running_rules_again_leaves_a_removed_label_off(store):
    store.add_staff("Theo Brandt")
    store.save_rule(Rule("Wholesale leads", words=("wholesale",), labels=("wholesale-lead",)))
    store.save_messages([
        msg("s1", "Could we talk about wholesale terms and a tasting?", email="sam@example.com",
            thread="sam"),
        msg("a1", "Your wholesale price list, please", email="ann@example.com"),
    ])
    sam, ann = conversation_of(store, "s1"), conversation_of(store, "a1")
    assert store.get_conversation(sam).labels == ("wholesale-lead",)
    store.unlabel(sam, "Wholesale-Lead", staff="Theo Brandt")
    store.unlabel(ann, "wholesale-lead", staff="Theo Brandt")
    store.label(ann, "wholesale-lead", staff="Theo Brandt")  # put back: his last word

    store.save_rule(Rule("Tastings", words=("tasting",), labels=("tasting",)))
    again = store.run_rule("Wholesale leads", since=0)
    first = store.run_rule("Tastings", since=0)

    assert store.get_conversation(sam).labels == ("tasting",)
    assert (again.matched, again.labelled) == (2, 0)
    assert (first.matched, first.labelled) == (1, 1)
    # Sam writes again: the rules look at the new message, and still leave it off.
    store.save_messages([msg("s2", "So, wholesale then?", email="sam@example.com", thread="sam",
                             at="2026-03-02T10:00:00Z")])
    assert conversation_of(store, "s2") == sam
    assert store.get_conversation(sam).labels == ("tasting",)
    assert [event["data"] for event in store.history(sam)
            if event["action"] == "labelled"] == [
        {"label": "wholesale-lead", "rule": "Wholesale leads"},
        {"label": "tasting", "rule": "Tastings"}]


def test_a_new_rule_does_not_give_back_a_label_taken_off_by_hand(store):
    store.save_messages([msg("s1", "A wholesale order?", email="sam@example.com")])
    sam = conversation_of(store, "s1")
    store.label(sam, "wholesale-lead")
    store.unlabel(sam, "wholesale-lead")
    store.save_rule(Rule("Wholesale leads", words=("wholesale",), labels=("Wholesale-Lead",)))
    run = store.run_rule("Wholesale leads", since=0)
    assert (run.matched, run.labelled) == (1, 0)
    assert store.get_conversation(sam).labels == ()


def test_a_label_taken_off_a_conversation_merged_in_stays_off(store):
    store.save_rule(Rule("Wholesale leads", words=("wholesale",), labels=("wholesale-lead",)))
    store.save_messages([msg("s1", "wholesale terms?", email="sam@example.com", thread="t1"),
                         msg("s2", "About my visit", email="sam@example.com", thread="t2")])
    first, second = conversation_of(store, "s1"), conversation_of(store, "s2")
    store.unlabel(first, "wholesale-lead")
    store.merge_conversations(second, first)
    run = store.run_rule("Wholesale leads", since=0)
    assert (run.matched, run.labelled) == (1, 0)
    assert store.get_conversation(second).labels == ()


def test_a_conversation_handed_back_does_not_go_back_to_the_same_person(store):
    for name in ("Priya Raman", "Theo Brandt"):
        store.add_staff(name)
    store.save_rule(Rule("Refunds to Priya", words=("refund",), assign="Priya Raman"))
    store.save_rule(Rule("Refunds to Theo", words=("refund",), assign="Theo Brandt"))
    store.save_messages([
        msg("j1", "Refund for the broken grinder?", email="jonas@example.com", thread="jonas"),
        msg("k1", "A refund, please", email="kim@example.com", thread="kim"),
    ])
    jonas, kim = conversation_of(store, "j1"), conversation_of(store, "k1")
    assert store.get_conversation(jonas).assignee == "Priya Raman"
    store.assign(jonas, None, staff="Priya Raman")  # not hers to answer: back to the queue
    store.assign(kim, None)
    store.assign(kim, "Priya Raman")  # a person gives it back to her: hers again

    run = store.run_rule("Refunds to Priya", since=0)
    assert (run.matched, run.assigned) == (2, 0)
    assert store.get_conversation(jonas).assignee is None
    # Jonas writes again: the next rule that assigns gets it, not Priya.
    store.save_messages([msg("j2", "Still waiting for my refund", email="jonas@example.com",
                             thread="jonas", at="2026-03-02T10:00:00Z")])
    assert store.get_conversation(jonas).assignee == "Theo Brandt"
    assert store.get_conversation(kim).assignee == "Priya Raman"


def test_a_conversation_handed_back_when_its_person_left_goes_to_them_on_return(store):
    store.add_staff("Priya Raman")
    store.save_rule(Rule("Refunds to Priya", words=("refund",), assign="Priya Raman"))
    store.save_messages([msg("j1", "refund?", email="jonas@example.com", thread="jonas")])
    jonas = conversation_of(store, "j1")
    store.set_staff_active("Priya Raman", False)
    store.set_staff_active("Priya Raman", True)
    assert store.run_rule("Refunds to Priya", since=0).assigned == 1
    assert store.get_conversation(jonas).assignee == "Priya Raman"


def test_a_person_who_gave_it_back_by_hand_lets_the_rule_give_it_again(store):
    store.add_staff("Priya Raman")
    store.save_rule(Rule("Refunds to Priya", words=("refund",), assign="Priya Raman"))
    store.save_messages([msg("j1", "refund?", email="jonas@example.com", thread="jonas")])
    jonas = conversation_of(store, "j1")
    store.assign(jonas, None)
    store.assign(jonas, "Priya Raman")  # on second thought, hers after all
    store.set_staff_active("Priya Raman", False)  # she leaves for a while, and is back
    store.set_staff_active("Priya Raman", True)
    assert store.run_rule("Refunds to Priya", since=0).assigned == 1
    assert store.get_conversation(jonas).assignee == "Priya Raman"
