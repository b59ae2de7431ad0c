"""A command that may make a named store (`--db new.db rule add …`, `staff add`, `watch
add`…) and is refused made the store all the same: an empty `new.db` was left behind, and
the next command (or the window) took it for the shop's. A store the refused command made
goes again; one that was there before, or one that holds messages, stays."""

from __future__ import annotations

import json

from inbox_app.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_refused_rule_makes_no_store(tmp_path, capsys):
    new = tmp_path / "new.db"
    code, _, err = run(capsys, "--db", str(new), "rule", "add", "Refunds", "--words", "refund",
                       "--assign", "Nobody")
    assert code == 2 and "Nobody" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_refused_watch_term_makes_no_store(tmp_path, capsys):
    new = tmp_path / "new.db"
    assert run(capsys, "--db", str(new), "watch", "add", "brand", "!!!")[0] == 2
    assert not new.exists()


def test_a_store_that_was_there_stays(tmp_path, capsys):
    there = tmp_path / "shop.db"
    assert run(capsys, "--db", str(there), "staff", "add", "Maya Okafor")[0] == 0
    assert run(capsys, "--db", str(there), "rule", "add", "R", "--assign", "Nobody")[0] == 2
    assert there.exists()
    assert json.loads(run(capsys, "--db", str(there), "staff", "list", "--json")[1])


def test_a_store_made_and_filled_stays_though_the_end_was_refused(tmp_path, capsys):
    """An import into a new store stores what it can; a refusal at the end leaves it."""
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"kind": "email", "id": "a1", "text": "Hi",
                                 "at": "2026-03-01T10:00:00Z", "email": "a@example.com"})
                     + "\n", encoding="utf-8")
    new = tmp_path / "new.db"
    assert run(capsys, "--db", str(new), "import", str(lines))[0] == 0
    assert new.exists()
