"""`inbox-app rule`: add, list, switch off and on, remove; refusals; a rule at work."""

from __future__ import annotations

import json


def test_rules_from_the_command_line_and_one_at_work(run_cli, tmp_path):
    run_cli("staff", "add", "Priya Raman")
    code, out, err = run_cli("rule", "add", "Refunds to Priya", "--words", "refund, money back",
                             "--assign", "priya raman", "--label", "refund", "--kind", "email")
    assert (code, err) == (0, "")
    assert out == ('added rule Refunds to Priya: When a customer writes (Email mentioning'
                   ' "refund" or "money back"): assign to Priya Raman; label refund.\n')
    run_cli("rule", "add", "VIP", "--tag", "VIP", "--negative", "--label", "vip")
    code, out, _ = run_cli("rule", "list")
    assert out.splitlines()[1] == ("2. VIP: When a customer writes (from a customer tagged VIP"
                                   " that sounds negative): label vip.")
    assert run_cli("rule", "disable", "vip")[1] == "rule VIP is off\n"
    assert run_cli("rule", "move", "VIP", "up")[1] == "rule VIP is now number 1\n"
    assert run_cli("rule", "move", "VIP", "down")[1] == "rule VIP is now number 2\n"
    code, out, _ = run_cli("rule", "list", "--json")
    listed = json.loads(out)
    assert [(r["name"], r["enabled"]) for r in listed] == [("Refunds to Priya", True),
                                                          ("VIP", False)]
    assert listed[0]["words"] == ["refund", "money back"]

    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"kind": "email", "id": "m1", "text": "I want my money back",
                                 "at": "2026-03-02T09:00:00Z", "email": "ann@example.com"})
                     + "\n")
    assert run_cli("import", str(lines))[0] == 0
    code, out, _ = run_cli("--as", "Priya Raman", "queue", "--filter", "mine", "--json")
    (mine,) = json.loads(out)
    assert (mine["assignee"], mine["preview"]) == ("Priya Raman", "I want my money back")


def test_a_rule_for_customers_who_spent_enough(run_cli):
    run_cli("staff", "add", "Maya Okafor")
    code, out, err = run_cli("rule", "add", "Big spenders", "--spent-at-least", "$1,000",
                             "--assign", "Maya Okafor")
    assert (code, err) == (0, "")
    assert out == ("added rule Big spenders: When a customer writes (from a customer who has"
                   " spent at least 1,000): assign to Maya Okafor.\n")
    code, _, err = run_cli("rule", "add", "Odd", "--spent-at-least", "lots", "--label", "x")
    assert (code, err) == (2, "inbox-app: --spent-at-least: 'lots' is not an amount of"
                              " money.\n")


def test_rule_mistakes_are_one_sentence_and_exit_2(run_cli):
    assert run_cli("settings", "business_name", "Harbour Lane")[0] == 0  # the shop's store
    code, _, err = run_cli("rule", "add", "Nothing", "--words", "x")
    assert (code, err) == (2, "inbox-app: The rule Nothing does nothing: give it someone to"
                              " assign to or a label.\n")
    code, _, err = run_cli("rule", "add", "To nobody", "--assign", "Nobody")
    assert code == 2 and "no staff member called 'Nobody'" in err
    code, _, err = run_cli("rule", "remove", "nope")
    assert (code, err) == (2, "inbox-app: There is no rule called 'nope'.\n")
    code, _, err = run_cli("rule", "add", "Empty words", "--words", ",,,", "--label", "x")
    assert (code, err) == (2, "inbox-app: --words ',,,' holds no words (write them as"
                              " 'refund, broken').\n")
    assert run_cli("rule", "list") == (0, "No rules yet (inbox-app rule add --help).\n", "")


def test_a_rule_runs_over_the_open_conversations_customers_wrote_to_lately(run_cli, tmp_path):
    from datetime import UTC, datetime, timedelta

    def day(ago: int) -> str:
        return (datetime.now(UTC) - timedelta(days=ago)).strftime("%Y-%m-%dT%H:%M:%SZ")

    lines = tmp_path / "in.jsonl"
    lines.write_text("".join(json.dumps(
        {"kind": "email", "id": key, "text": text, "at": day(ago), "email": f"{key}@example.com"}
    ) + "\n" for key, text, ago in (("m1", "Refund please", 3), ("m2", "my refund?", 10),
                                    ("m3", "refund from long ago", 60), ("m4", "Hello", 2))))
    assert run_cli("import", str(lines))[0] == 0
    run_cli("staff", "add", "Priya Raman")
    run_cli("rule", "add", "Refunds", "--words", "refund", "--assign", "Priya Raman")
    assert run_cli("rule", "run", "refunds") == (
        0, "rule Refunds: matched 2 open conversations of the last 30 days; assigned 2,"
           " labelled 0\n", "")
    code, out, _ = run_cli("rule", "run", "Refunds", "--days", "90", "--json")
    assert json.loads(out) == {"rule": "Refunds", "days": 90, "matched": 3, "assigned": 1,
                               "labelled": 0}
    code, out, _ = run_cli("--as", "Priya Raman", "queue", "--filter", "mine", "--json")
    assert sorted(row["preview"] for row in json.loads(out)) == [
        "Refund please", "my refund?", "refund from long ago"]
    assert run_cli("rule", "run", "Nope")[0:2] == (2, "")
    assert run_cli("rule", "run", "Refunds", "--days", "0")[2] == (
        "inbox-app: --days is a number of days from 1 up.\n")


def test_moving_or_removing_a_rule_names_it_as_listed_whatever_case_was_typed(run_cli):
    run_cli("rule", "add", "Refunds", "--words", "refund", "--label", "refund")
    run_cli("rule", "add", "VIP", "--tag", "VIP", "--label", "vip")
    assert run_cli("rule", "move", "vip", "up")[1] == "rule VIP is now number 1\n"
    assert run_cli("rule", "remove", "  REFUNDS ")[1] == "removed rule Refunds\n"
