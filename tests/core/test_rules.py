"""Rules on their own: conditions, actions, tidying and refusals (no store)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from inbox_app.core.rules import (
    Arrival,
    Rule,
    RuleError,
    checked,
    matches,
    outcome,
    rule_from_json,
    rule_json,
    split_list,
)


def arrival(text="Hello", kind="email", account="Shop mail", compound=0.0, tags=()):
    return Arrival(kind, account, text, compound, frozenset(tags))


@pytest.mark.parametrize(("words", "text", "expected"), [
    (("refund",), "Can I get a REFUND please?", True),
    (("refund",), "refunds are slow", False),  # whole words only
    (("refund",), "prefund", False),
    (("broken grinder",), "my broken\n grinder again", True),  # any spaces in a phrase
    (("broken grinder",), "broken, grinder", False),
    (("c++",), "I code in C++ too", True),  # punctuation is taken literally
    (("café",), "Le CAFÉ était froid", True),
    (("注文",), "注文 が届きません", True),
    (("late", "cancel"), "I want to cancel", True),
])
def test_words_match_whole_words_and_phrases_in_any_case(words, text, expected):
    assert matches(Rule("r", words=words, labels=("x",)), arrival(text)) is expected


def test_every_condition_must_hold():
    rule = Rule("VIP complaints", kinds=("email", "phone"), accounts=("Shop mail",),
                tags=("VIP",), negative=True, words=("refund",), labels=("urgent",))
    good = arrival("I want a refund", compound=-0.6, tags=("vip", "wholesale"))
    assert matches(rule, good)
    for spoiled in (arrival("I want a refund", kind="mastodon", compound=-0.6, tags=("VIP",)),
                    arrival("I want a refund", account="Other", compound=-0.6, tags=("VIP",)),
                    arrival("I want a refund", compound=-0.6, tags=("wholesale",)),
                    arrival("I want a refund", compound=0.4, tags=("VIP",)),
                    arrival("I want a refund", compound=None, tags=("VIP",)),
                    arrival("Thanks!", compound=-0.6, tags=("VIP",))):
        assert not matches(rule, spoiled), spoiled
    assert not matches(replace(rule, enabled=False), good)


def test_a_rule_without_conditions_matches_every_customer_message():
    assert matches(Rule("all", labels=("seen",)), arrival("anything", kind="feed"))


def test_the_first_rule_that_assigns_wins_and_labels_add_up():
    rules = [Rule("refunds", words=("refund",), assign="Priya", labels=("refund",)),
             Rule("email", kinds=("email",), assign="Maya", labels=("email",)),
             Rule("off", labels=("never",), enabled=False)]
    result = outcome(rules, [arrival("Thanks"), arrival("About my refund")])
    assert result.assign == ("Maya", "email")  # the first message already matched "email"
    assert result.labels == (("email", "email"), ("refund", "refunds"))
    assert outcome(rules, [arrival("A refund?")]).assign == ("Priya", "refunds")
    assert outcome(rules, [arrival("hi", kind="phone")]) == outcome([], [])


def test_checked_tidies_what_was_typed():
    rule = checked(Rule("  Refunds   to  Priya ", kinds=("EMAIL", "email", " "),
                        words=(" refund ", "Refund", "money  back", ""), tags=("VIP", "vip"),
                        assign="  Priya  Raman ", labels=("refund", " refund")))
    assert rule == Rule("Refunds to Priya", kinds=("email",), words=("refund", "money back"),
                        tags=("VIP",), assign="Priya Raman", labels=("refund",))


@pytest.mark.parametrize(("rule", "message"), [
    (Rule("  ", labels=("x",)), "A rule needs a name."),
    (Rule("x" * 81, labels=("x",)), "A rule's name is at most 80 characters."),
    (Rule("r", kinds=("fax",), labels=("x",)), "'fax' is not a channel"),
    (Rule("r", words=("a",)), "The rule r does nothing"),
    (Rule("r", words=tuple(f"w{n}" for n in range(51)), labels=("x",)), "at most 50 words"),
    (Rule("r", words=("w" * 101,), labels=("x",)), "at most 100 characters"),
])
def test_a_rule_that_cannot_work_is_refused_in_one_sentence(rule, message):
    with pytest.raises(RuleError, match=message.replace("(", r"\(")):
        checked(rule)


def test_json_round_trip_and_a_sentence_for_people():
    rule = Rule("VIP refunds", kinds=("email",), tags=("VIP",), words=("refund",),
                negative=True, assign="Priya", labels=("refund", "vip"))
    assert rule_from_json(rule_json(rule)) == rule
    assert rule_from_json({"name": "old", "labels": ["x"]}) == Rule("old", labels=("x",))
    assert rule.describe() == ('When a customer writes (Email from a customer tagged VIP that'
                               ' sounds negative mentioning "refund"): assign to Priya; label'
                               ' refund, vip.')
    assert Rule("all", labels=("seen",)).describe() == \
        "When a customer writes (any): label seen."


def test_split_list_takes_commas_semicolons_and_lines():
    assert split_list("refund, money back;late\nrefund,, ") == ("refund", "money back", "late")


def test_a_customers_value_can_be_a_condition():
    rule = checked(Rule("Big spenders", min_value=1000.0, assign="Maya"))
    assert matches(rule, replace(arrival(), customer_value=1000.0))
    assert not matches(rule, replace(arrival(), customer_value=999.99))
    assert not matches(rule, arrival())  # value not known
    assert rule.describe() == ("When a customer writes (from a customer who has spent at least"
                               " 1,000): assign to Maya.")
    assert rule_from_json(rule_json(rule)) == rule
    assert "1,250.50" in replace(rule, min_value=1250.5).describe()
    with pytest.raises(RuleError, match="amount from 0 up"):
        checked(replace(rule, min_value=-5.0))
