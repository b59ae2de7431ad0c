"""From a script: a shop imports its mail, the autoresponder's copies included (`"direction":
"out", "auto": "auto-reply"`). The month's first response read five seconds and the angry
customer's conversation was no longer waiting; both must wait for the person's answer."""

from __future__ import annotations

import json


def test_the_report_and_the_queue_wait_for_a_persons_answer(run_cli, tmp_path):
    lines = [
        {"kind": "email", "id": "<a1@mail>", "at": "2026-03-02T10:00:00+01:00",
         "text": "Third time I ask: where is my order?!", "email": "ann@example.com",
         "author_name": "Ann Lee", "thread": "order-1041"},
        {"kind": "email", "id": "<ack1@shop>", "at": "2026-03-02T10:00:05+01:00",
         "direction": "out", "auto": "auto-reply", "email": "ann@example.com",
         "text": "Thanks, we got your message — we answer within a day.",
         "thread": "order-1041"},
    ]
    messages = tmp_path / "march.jsonl"
    messages.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert run_cli("import", str(messages))[0] == 0

    code, out, _ = run_cli("report", "--month", "2026-03", "--format", "json")
    assert code == 0
    assert json.loads(out)["first_response_s"] == {
        "median": None, "p90": None, "count": 0, "unanswered": 1}
    code, out, _ = run_cli("queue", "--json")
    [row] = json.loads(out)
    assert row["waiting_since"] == "2026-03-02T09:00:00Z"
