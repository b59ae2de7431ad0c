"""`rule add "REFUNDS" …` beside a rule "Refunds" answered "There is already a rule called
REFUNDS.", naming a rule that `rule list` does not show; `staff add` and the templates
name the one already there. The refusal names the rule as it is listed, whatever the
case and spacing typed, and nothing is added."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("typed", ["REFUNDS to  priya", "  refunds TO Priya ", "Refunds to Priya"])
def test_a_taken_name_is_refused_naming_the_rule_as_listed(run_cli, typed):
    assert run_cli("rule", "add", "Refunds to Priya", "--words", "refund",
                   "--label", "refund")[0] == 0
    assert run_cli("rule", "add", typed, "--label", "other") == (
        2, "", "inbox-app: There is already a rule called Refunds to Priya.\n")
    code, out, _ = run_cli("rule", "list", "--json")
    assert code == 0
    assert [(rule["name"], rule["labels"]) for rule in json.loads(out)] == [
        ("Refunds to Priya", ["refund"])]
