"""`inbox-app rule run` at its edges: a --days reaching before any message, and a rule
whose person has left, which can run but assign nobody — said, rather than a bare 0."""

from __future__ import annotations

import json


def test_days_back_before_any_calendar_is_every_open_conversation(run_cli, tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"kind": "email", "id": "m1", "text": "refund please",
                                 "at": "2001-03-02T09:00:00Z", "email": "ann@example.com"})
                     + "\n")
    assert run_cli("import", str(lines))[0] == 0
    run_cli("rule", "add", "Refunds", "--words", "refund", "--label", "refund")
    code, out, err = run_cli("rule", "run", "Refunds", "--days", "1000000000000000", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["matched"] == 1


def test_running_a_rule_whose_person_left_says_it_assigns_nobody(run_cli, tmp_path):
    run_cli("staff", "add", "Priya Raman")
    run_cli("rule", "add", "Refunds", "--words", "refund", "--assign", "Priya Raman")
    run_cli("staff", "remove", "Priya Raman")
    code, out, err = run_cli("rule", "run", "Refunds")
    assert (code, err) == (0, "")
    assert out == ("rule Refunds: matched 0 open conversations of the last 30 days; assigned"
                   " 0, labelled 0 (Priya Raman no longer works the queue: it assigns"
                   " nobody)\n")
