"""`move-store --to typo/dir/shop.db` made the mistyped folders without a word and copied
the store into them, as `--db` and `backup --out` did before they were refused: the
copy nobody opens is refused in one sentence, and nothing is made."""

from __future__ import annotations

import json


def test_a_target_in_a_missing_folder_is_refused_and_nothing_made(run_cli, tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"kind": "email", "id": "a1", "text": "Hi",
                                  "at": "2026-03-01T10:00:00Z",
                                  "email": "ann@example.com"}) + "\n", encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    target = tmp_path / "tpyo" / "dir" / "shop.db"
    code, out, err = run_cli("move-store", "--to", str(target))
    assert (code, out) == (2, "")
    assert err == (f"inbox-app: There is no store at {target}, nor a folder {target.parent}"
                   " to make it in: check the path, or make the folder first.\n")
    assert not (tmp_path / "tpyo").exists()


def test_a_target_in_a_folder_that_is_there_is_made(run_cli, tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"kind": "email", "id": "a1", "text": "Hi",
                                  "at": "2026-03-01T10:00:00Z",
                                  "email": "ann@example.com"}) + "\n", encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    (tmp_path / "moved").mkdir()
    code, out, _ = run_cli("move-store", "--to", str(tmp_path / "moved" / "shop.db"))
    assert code == 0 and "copied" in out
