"""The command line when someone leaves the staff list, and when they come back."""

from __future__ import annotations

import json


def test_someone_removed_is_brought_back_by_adding_them_again(run_cli):
    run_cli("staff", "add", "Priya Raman")
    run_cli("staff", "remove", "priya")
    assert run_cli("staff", "list")[1] == "No staff yet: add someone with `inbox-app staff add NAME`.\n"
    code, out, err = run_cli("staff", "add", "priya raman")
    assert (code, out, err) == (0, "Priya Raman works the queue again\n", "")
    assert json.loads(run_cli("staff", "list", "--all", "--json")[1]) == [
        {"name": "Priya Raman", "active": True}]
    code, _, err = run_cli("staff", "add", "Priya Raman")
    assert (code, err) == (2, "inbox-app: There is already a staff member called Priya Raman.\n")


def test_a_rule_whose_person_left_says_it_assigns_nobody(run_cli):
    run_cli("staff", "add", "Priya Raman")
    run_cli("rule", "add", "Refunds", "--words", "refund", "--assign", "Priya",
            "--label", "refund")
    run_cli("staff", "remove", "Priya Raman")
    assert run_cli("rule", "list")[1] == (
        '1. Refunds: When a customer writes (mentioning "refund"): assign to Priya Raman;'
        ' label refund. (Priya Raman no longer works the queue: it assigns nobody)\n')


def test_removing_someone_says_how_many_of_their_conversations_went_back(run_cli, tmp_path):
    lines = tmp_path / "two.jsonl"
    lines.write_text("".join(
        f'{{"kind": "email", "id": "{n}", "text": "Question {n}", "at": "2026-03-0{n}T10:00:00Z",'
        f' "email": "c{n}@x.org"}}\n' for n in (1, 2)), encoding="utf-8")
    run_cli("import", str(lines))
    run_cli("staff", "add", "Priya Raman")
    run_cli("assign", "1", "Priya")
    run_cli("assign", "2", "Priya")
    code, out, _ = run_cli("staff", "remove", "priya")
    assert (code, out) == (0, "Priya Raman no longer works the queue; 2 open conversations of"
                              " theirs went back to Unassigned\n")
    listed = json.loads(run_cli("queue", "--filter", "unassigned", "--json")[1])
    assert sorted(row["conversation"] for row in listed) == [1, 2]


def test_someone_removed_is_brought_back_however_their_name_is_spaced(run_cli):
    run_cli("staff", "add", "Ann Lee")
    run_cli("staff", "remove", "Ann Lee")
    code, out, err = run_cli("staff", "add", "ann  lee")
    assert (code, out, err) == (0, "Ann Lee works the queue again\n", "")
