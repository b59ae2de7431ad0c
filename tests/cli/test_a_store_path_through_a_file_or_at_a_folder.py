"""`--db` naming a place no store can be: a path through a file (`--db notes.txt/shop.db`,
a variable joined to the wrong one) ended a command that creates the store with a
FileExistsError traceback; a folder (`--db ~/Shop/`) was "cannot be opened … is its folder
there?", though the folder is there. Each is one sentence, exit 2, and nothing is made;
`check --json` answers with it too."""

from __future__ import annotations

import json

import pytest

from inbox_app.cli import main


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("a shopping list\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [("staff", "add", "Maya"), ("stats",), ("demo",)])
def test_a_store_under_a_file_is_refused_naming_the_file(document, capsys, command):
    db = document / "shop" / "inbox.db"
    assert main(["--db", str(db), *command]) == 2
    assert capsys.readouterr() == (
        "", f"inbox-app: There is no store at {db}: {document} is a file, not a folder.\n")
    assert document.read_text(encoding="utf-8") == "a shopping list\n"


@pytest.mark.parametrize("command", [("staff", "add", "Maya"), ("stats",)])
def test_a_folder_is_no_store_file(tmp_path, capsys, command):
    folder = tmp_path / "Shop"
    folder.mkdir()
    assert main(["--db", f"{folder}/", *command]) == 2
    assert capsys.readouterr() == (
        "", f"inbox-app: {folder} is a folder, not a store file: name the store's file"
            f" (such as {folder / 'inbox.db'}).\n")
    assert list(folder.iterdir()) == []


def test_check_json_says_so_too(document, capsys):
    db = document / "inbox.db"
    assert main(["--db", str(db), "check", "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["sound"] is False
    assert report["problem"] == f"There is no store at {db}: {document} is a file, not a folder."
