"""`rule add --tag VIP` for customers tagged `vip`: a tag is the same in any case, so the
rule catches them, and `rule list` keeps the tag as it was typed. And a condition a script
left empty (`--tag "$TAG"`, `--account "$LINE"` with the variable unset) was dropped
without a word, so the rule acted on every customer message — assigning all of them to
one person; it is refused as an empty `--words` is (exit 2, no rule saved)."""

from __future__ import annotations

import json

import pytest

FIRST = {"kind": "email", "id": "a1", "text": "Do you have the Kenya beans?",
         "at": "2026-03-01T10:00:00Z", "email": "ann@example.com", "author_name": "Ann Lee"}


def lines(*messages: dict) -> str:
    return "".join(json.dumps(message) + "\n" for message in messages)


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "first.jsonl"
    source.write_text(lines(FIRST), encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    assert run_cli("staff", "add", "Maya Okafor")[0] == 0
    return run_cli


def test_a_rule_for_VIP_catches_a_customer_tagged_vip_and_lists_it_as_typed(shop, tmp_path):
    assert shop("tag", "ann@example.com", "vip")[0] == 0
    assert shop("rule", "add", "VIP mail", "--tag", "VIP", "--assign", "Maya",
                "--label", "vip-mail")[0] == 0
    assert json.loads(shop("rule", "list", "--json")[1])[0]["tags"] == ["VIP"]
    later = tmp_path / "later.jsonl"
    later.write_text(lines({**FIRST, "id": "a2", "text": "And the Colombian?",
                            "at": "2026-03-05T10:00:00Z"}), encoding="utf-8")
    assert shop("import", str(later))[0] == 0
    rows = json.loads(shop("queue", "--json")[1])
    assert {row["preview"]: row["assignee"] for row in rows}["And the Colombian?"] == (
        "Maya Okafor")


@pytest.mark.parametrize("empty", [["--tag", ""], ["--tag", "  "], ["--account", ""],
                                   ["--assign", ""]])
def test_a_condition_or_person_left_empty_is_refused(shop, empty):
    code, out, err = shop("rule", "add", "VIP mail", *empty, "--label", "vip-mail")
    assert (code, out) == (2, "")
    assert err == f"inbox-app: {empty[0]} is empty: name {WHAT[empty[0]]}.\n"
    assert json.loads(shop("rule", "list", "--json")[1]) == []


WHAT = {"--tag": "a customer tag (e.g. VIP)", "--account": "an account (see account list)",
        "--assign": "someone on the staff list, or leave --assign out"}
