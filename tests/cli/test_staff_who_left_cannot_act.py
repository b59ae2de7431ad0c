"""`--as NAME` (or INBOX_APP_STAFF) for someone removed from the staff list: the command
line let them assign, close, reply and write notes in the queue they no longer work —
a script or a shared login still set to a colleague who left went on acting in their
name. They are refused in one sentence, exit 2, as an unknown name is; their name stays
in the history, and bringing them back (`staff add`) lets them act again."""

from __future__ import annotations

import json

import pytest

LINES = "\n".join(json.dumps(line) for line in (
    {"kind": "email", "id": "a1", "text": "Where is my order?", "at": "2026-03-01T10:00:00Z",
     "email": "ann@example.com", "author_name": "Ann Lee"},
)) + "\n"
LEFT = ("inbox-app: Theo Brandt no longer works the queue, so cannot act in it: use --as"
        " with someone who does (or bring them back with: inbox-app staff add 'Theo"
        " Brandt').\n")


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(LINES, encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    for name in ("Maya Okafor", "Theo Brandt"):
        assert run_cli("staff", "add", name)[0] == 0
    assert run_cli("staff", "remove", "Theo Brandt")[0] == 0
    return run_cli


@pytest.mark.parametrize("command", [
    ("assign", "1", "Maya"), ("close", "1"), ("snooze", "1", "tomorrow"),
    ("note", "1", "I'll call her"), ("label", "1", "urgent"), ("tag", "ann@example.com", "VIP"),
    ("queue", "--filter", "mine"), ("claim", "1"),
])
def test_someone_who_left_is_refused_and_nothing_changes(shop, command):
    before = shop("show", "1", "--json")[1]
    assert shop(*command, as_staff="Theo") == (2, "", LEFT)
    assert shop("show", "1", "--json")[1] == before


def test_a_reply_in_the_name_of_someone_who_left_is_not_sent(shop):
    assert shop("reply", "1", "--text-file", "-", stdin="On its way!",
                as_staff="theo brandt") == (2, "", LEFT)
    assert [entry["direction"] for entry in json.loads(shop("show", "1", "--json")[1])["thread"]
            ] == ["in"]


def test_the_staff_variable_is_checked_as_as_is(shop, monkeypatch):
    monkeypatch.setenv("INBOX_APP_STAFF", "Theo Brandt")
    assert shop("close", "1") == (2, "", LEFT)


def test_brought_back_they_act_again(shop):
    assert shop("staff", "add", "Theo Brandt", as_staff="Maya")[0] == 0
    assert shop("close", "1", as_staff="Theo") == (0, "#1 closed\n", "")


def test_reading_needs_no_one_and_an_unknown_name_is_refused_as_before(shop):
    assert shop("show", "1", as_staff="Theo")[0] == 0
    assert shop("close", "1", as_staff="Nobody") == (
        2, "", "inbox-app: There is no staff member called 'Nobody'.\n")
