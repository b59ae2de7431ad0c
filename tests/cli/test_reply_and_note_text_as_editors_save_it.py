"""A reply's or a note's text from a file or a pipe as editors save it: Notepad's UTF-8
with a byte order mark put an invisible U+FEFF before the customer's reply; "Unicode"
(UTF-16) is read as what it says; a file in another encoding (Windows-1252's `café`)
stopped `reply` with a traceback, and the same bytes piped in were sent as `caf�`. Text
that is not UTF-8 is refused in one sentence (exit 2) and nothing is sent or noted: a
guessed encoding would go to the customer."""

from __future__ import annotations

import io
import json
import sys

import pytest

from inbox_app.cli import main

CALL = {"kind": "phone", "id": "c1", "text": "Wants a wholesale price list",
        "at": "2026-03-01T10:00:00Z", "phone": "+12075550142", "author_name": "Ann Lee"}
NOT_UTF8 = "Caf\u00e9 au lait is back on Monday.".encode("cp1252")


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "call.jsonl"
    source.write_text(json.dumps(CALL) + "\n", encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    assert run_cli("staff", "add", "Maya Okafor")[0] == 0
    return run_cli


def thread(run_cli) -> list[dict]:
    return json.loads(run_cli("show", "1", "--json")[1])["thread"]


@pytest.mark.parametrize("encoded", [
    "\ufeffCalled Ann back: list sent.".encode(),
    "Called Ann back: list sent.".encode("utf-16"),  # with its byte order mark
])
def test_a_reply_file_with_a_byte_order_mark_is_read_as_its_text(shop, tmp_path, encoded):
    reply = tmp_path / "reply.txt"
    reply.write_bytes(encoded)
    code, _, err = shop("reply", "1", "--text-file", str(reply), as_staff="Maya")
    assert (code, err) == (0, "")
    assert thread(shop)[-1]["text"] == "Called Ann back: list sent."


def test_a_reply_file_that_is_not_utf8_is_refused_and_nothing_is_sent(shop, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_bytes(NOT_UTF8)
    assert shop("reply", "1", "--text-file", str(reply), as_staff="Maya") == (
        2, "", f"inbox-app: {reply} is not UTF-8 text (save it as UTF-8); nothing was"
               " sent.\n")
    assert [entry["direction"] for entry in thread(shop)] == ["in"]


@pytest.mark.parametrize("command, done", [
    (("reply", "1", "--text-file", "-"), "sent"), (("note", "1", "-"), "noted")])
def test_text_piped_in_that_is_not_utf8_is_refused(shop, db_path, monkeypatch, capsys,
                                                   command, done):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOT_UTF8), encoding="utf-8",
                                                       errors="surrogateescape"))
    assert main(["--db", str(db_path), "--as", "Maya", *command]) == 2
    assert capsys.readouterr().err == (
        f"inbox-app: the text piped in is not UTF-8 text; nothing was {done}.\n")
    assert len(thread(shop)) == 1


def test_a_note_piped_in_with_a_byte_order_mark_is_its_text(shop, db_path, monkeypatch,
                                                            capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(
        io.BytesIO("\ufeffAnn prefers calls after 3pm.\n".encode()), encoding="utf-8"))
    assert main(["--db", str(db_path), "--as", "Maya", "note", "1", "-"]) == 0
    assert capsys.readouterr().out == "note added to #1\n"
    assert thread(shop)[-1]["text"] == "Ann prefers calls after 3pm."
