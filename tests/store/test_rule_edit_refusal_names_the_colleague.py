"""Two people editing one rule: the one who saves second is told who changed it, renamed
it or removed it meanwhile, rather than "someone else" or "there is no rule called …"."""

from __future__ import annotations

from dataclasses import replace

import pytest

from inbox_app.core.rules import Rule
from inbox_app.store import NotFound, StaleEdit

MAYA, THEO, PRIYA = "Maya Okafor", "Theo Brandt", "Priya Raman"


@pytest.fixture
def refunds(store):
    for name in (MAYA, THEO, PRIYA):
        store.add_staff(name)
    return store.save_rule(Rule("Refunds", words=("refund",), assign=PRIYA), staff=MAYA)


def mayas_edit(store, opened: Rule):
    return store.save_rule(replace(opened, labels=("refund",)), replacing=opened.name,
                           expected=opened, staff=MAYA)


def test_a_colleagues_change_to_the_rule_is_named(store, refunds):
    store.save_rule(replace(refunds, assign=THEO), replacing="Refunds", expected=refunds,
                    staff=THEO)
    with pytest.raises(StaleEdit) as caught:
        mayas_edit(store, refunds)
    assert str(caught.value) == (
        "Theo Brandt changed the rule Refunds a moment ago, while you were editing it; it has"
        " been reloaded, please make your change again.")
    assert store.list_rules()[0].assign == THEO


def test_a_colleague_renaming_the_rule_is_a_stale_edit_that_gives_the_new_name(store, refunds):
    store.save_rule(replace(refunds, name="Refunds to Theo", assign=THEO), replacing="refunds",
                    expected=refunds, staff=THEO)
    with pytest.raises(StaleEdit) as caught:
        mayas_edit(store, refunds)
    assert str(caught.value) == (
        "Theo Brandt renamed the rule Refunds to Refunds to Theo a moment ago, while you were"
        " editing it; it has been reloaded, please make your change again.")
    assert [rule.name for rule in store.list_rules()] == ["Refunds to Theo"]


def test_a_colleague_removing_the_rule_is_named(store, refunds):
    store.remove_rule("Refunds", staff=THEO)
    with pytest.raises(NotFound) as caught:
        mayas_edit(store, refunds)
    assert str(caught.value) == (
        "Theo Brandt removed the rule Refunds a moment ago, while you were editing it: your"
        " change was not saved; add it as a new rule if it is still wanted.")
    assert store.list_rules() == []


def test_a_change_by_no_one_named_still_says_someone_else(store, refunds):
    store.save_rule(replace(refunds, assign=THEO), replacing="Refunds", expected=refunds)
    with pytest.raises(StaleEdit, match="^Someone else changed the rule Refunds a moment ago,"):
        mayas_edit(store, refunds)
