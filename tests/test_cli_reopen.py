"""`inbox-app reopen` says when there was nothing to reopen, as `close` does."""

from __future__ import annotations

import json


def test_reopen_says_an_open_conversation_was_open_already(run_cli, tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"kind": "email", "id": "m1", "text": "Where is my order?",
                                 "at": "2026-03-02T09:00:00Z", "email": "ann@example.com"})
                     + "\n")
    run_cli("import", str(lines))
    assert run_cli("reopen", "1") == (0, "#1 was open already\n", "")
    assert run_cli("close", "1")[1] == "#1 closed\n"
    assert run_cli("reopen", "1") == (0, "#1 reopened\n", "")
    code, out, _ = run_cli("show", "1", "--json")
    assert code == 0
