"""`check --json` is for a cron job that parses what it prints: a store that is not there
(a disk not mounted, a file moved away), a file that is no store and a folder given as the
store are its answer too — `"sound": false` with the sentence, and the newest backup beside
the path when there is one — besides the sentence on stderr and exit 2, as for a damaged
store. Without --json nothing changes."""

from __future__ import annotations

import json

import pytest

from inbox_app.backup import backup_now
from inbox_app.cli import main
from inbox_app.store import open_store


def check_json(location) -> int:
    return main(["--db", str(location), "check", "--json"])


def test_a_store_that_is_not_there_is_reported_as_json_with_its_newest_backup(tmp_path,
                                                                              capsys):
    db = tmp_path / "shop.db"
    assert main(["--db", str(db), "staff", "add", "Maya"]) == 0
    store = open_store(db)
    try:
        made = backup_now(store)
    finally:
        store.close()
    for companion in ("", "-wal", "-shm"):
        db.with_name(db.name + companion).unlink(missing_ok=True)
    capsys.readouterr()

    assert check_json(db) == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report == {"location": str(db), "sound": False,
                      "problem": f"There is no store at {db}.", "check": "quick",
                      "seconds": report["seconds"], "newest_backup": str(made)}
    assert captured.err == f"inbox-app: There is no store at {db}.\n"
    assert not db.exists()  # checking made no empty store in its place


@pytest.mark.parametrize("what", ["missing", "text file", "folder"])
def test_every_store_that_cannot_be_opened_answers_in_json(tmp_path, capsys, what):
    location = tmp_path / "shop.db"
    if what == "text file":
        location.write_text("a shopping list, not a store\n", encoding="utf-8")
    elif what == "folder":
        location.mkdir()
    assert check_json(location) == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["sound"] is False and report["newest_backup"] is None
    assert report["location"] == str(location)
    assert f"inbox-app: {report['problem']}\n" == captured.err


def test_without_json_a_missing_store_is_one_sentence_only(tmp_path, capsys):
    missing = tmp_path / "shop.db"
    assert main(["--db", str(missing), "check"]) == 2
    assert capsys.readouterr() == ("", f"inbox-app: There is no store at {missing}.\n")
