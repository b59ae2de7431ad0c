"""`--db typo/dir/shop.db import calls.csv` (or INBOX_APP_DB with a mistyped folder) made
the folders and a new store there without a word: the calls went into a store nobody
opens, and the shop's own store never got them. A command that would create a named
store in a folder that is not there refuses in one sentence, exit 2, nothing made; the
store in the data folder is still made with its folders on first use, and a named store
in a folder that is there is still created by the commands that put something in."""

from __future__ import annotations

import json

import pytest

from inbox_app.cli import main
from inbox_app.store import DB_ENV

LINE = json.dumps({"kind": "email", "id": "a1", "text": "Where is my order?",
                   "at": "2026-03-01T10:00:00Z", "email": "ann@example.com"}) + "\n"


@pytest.fixture
def messages(tmp_path):
    path = tmp_path / "messages.jsonl"
    path.write_text(LINE, encoding="utf-8")
    return path


def refusal(store_path) -> str:
    return (f"inbox-app: There is no store at {store_path}, nor a folder {store_path.parent}"
            " to make it in: check the path, or make the folder first.\n")


@pytest.mark.parametrize("command", [
    ("import", "MESSAGES"), ("demo",), ("staff", "add", "Maya"), ("settings", "currency", "€"),
    ("rule", "add", "Refunds", "--words", "refund", "--label", "refund"),
    ("watch", "add", "brand", "Harbour Lane"), ("call", "log", "--phone", "+12075550142"),
])
def test_a_creating_command_refuses_a_folder_that_is_not_there(tmp_path, messages, capsys,
                                                                 command):
    store_path = tmp_path / "typo" / "dir" / "shop.db"
    args = [str(messages) if word == "MESSAGES" else word for word in command]
    assert main(["--db", str(store_path), *args]) == 2
    assert capsys.readouterr() == ("", refusal(store_path))
    assert not (tmp_path / "typo").exists()


def test_inbox_app_db_in_a_folder_that_is_not_there_is_refused_too(tmp_path, messages,
                                                                    monkeypatch, capsys):
    store_path = tmp_path / "Shop" / "inbox.db"
    monkeypatch.setenv(DB_ENV, str(store_path))
    assert main(["import", str(messages)]) == 2
    assert capsys.readouterr() == ("", refusal(store_path))
    assert not (tmp_path / "Shop").exists()


def test_restore_into_a_folder_that_is_not_there_is_refused(tmp_path, messages, capsys):
    made = tmp_path / "shop.db"
    assert main(["--db", str(made), "import", str(messages)]) == 0
    assert main(["--db", str(made), "backup", "--out", str(tmp_path / "copy.db")]) == 0
    capsys.readouterr()
    store_path = tmp_path / "typo" / "shop.db"
    assert main(["--db", str(store_path), "restore", str(tmp_path / "copy.db")]) == 2
    assert capsys.readouterr() == ("", refusal(store_path))
    assert not (tmp_path / "typo").exists()


def test_a_command_that_only_reads_still_says_there_is_no_store(tmp_path, capsys):
    store_path = tmp_path / "typo" / "shop.db"
    assert main(["--db", str(store_path), "stats"]) == 2
    assert capsys.readouterr() == ("", f"inbox-app: There is no store at {store_path}.\n")


def test_a_named_store_in_a_folder_that_is_there_is_created(tmp_path, messages, capsys):
    store_path = tmp_path / "shop.db"
    assert main(["--db", str(store_path), "import", str(messages)]) == 0
    assert capsys.readouterr().out == "imported 1, duplicates 0, errors 0\n"
    assert store_path.is_file()


def test_the_data_folders_store_is_made_with_its_folders(tmp_path, messages, capsys):
    data_home = tmp_path / "xdg-data"  # the isolated_data fixture's, not made yet
    assert not data_home.exists()
    assert main(["import", str(messages)]) == 0
    assert capsys.readouterr().out == "imported 1, duplicates 0, errors 0\n"
    assert (data_home / "inbox-app" / "inbox.db").is_file()
