"""A scheduled task on Windows writes `inbox-app queue > queue.txt` in the system's code
page (cp1252), as a Linux cron job in a Latin-1 locale does: a customer's emoji, or the
arrows `show` draws, stopped the command with a UnicodeEncodeError traceback, the rows
after it lost. What the code page cannot hold is written as `?` in text, and `--json`
escapes it (`\\ud83c…`), so the JSON a script reads back is the customer's name exactly."""

from __future__ import annotations

import io
import json
import sys

import pytest

from inbox_app.cli import main

NAME = "Kofi \U0001F336 Mensah"
LINES = json.dumps({"kind": "email", "id": "k1", "text": "Order #12 → still not here ☹",
                    "at": "2026-03-01T10:00:00Z", "email": "kofi@example.com",
                    "author_name": NAME}) + "\n"


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(LINES, encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    return run_cli


def run_into_cp1252(db_path, monkeypatch, *args: str) -> tuple[int, str]:
    written = io.BytesIO()
    stdout = io.TextIOWrapper(written, encoding="cp1252", newline="\n")
    monkeypatch.setattr(sys, "stdout", stdout)
    code = main(["--db", str(db_path), *args])
    stdout.flush()
    return code, written.getvalue().decode("cp1252")


@pytest.mark.parametrize("command", [("queue",), ("show", "1"), ("customer", "show", "1")])
def test_text_output_replaces_what_the_code_page_cannot_hold(shop, db_path, monkeypatch,
                                                            command):
    code, text = run_into_cp1252(db_path, monkeypatch, *command)
    assert code == 0
    assert "Kofi ? Mensah" in text


@pytest.mark.parametrize("command, name_of", [
    (("queue", "--json"), lambda value: value[0]["customer"]),
    (("show", "1", "--json"), lambda value: value["customer"]),
    (("customer", "show", "1", "--json"), lambda value: value["name"]),
])
def test_json_output_is_escaped_and_reads_back_exactly(shop, db_path, monkeypatch, command,
                                                       name_of):
    code, text = run_into_cp1252(db_path, monkeypatch, *command)
    assert code == 0
    assert name_of(json.loads(text)) == NAME
