"""What a script passes when a variable is empty or a number ran away: a conversation or
identity number past what the store can hold, a digit that is no decimal digit, an empty
`--db`, `--out` or snooze time. Each is one sentence and exit 2 (or, where the meaning is
clear, the answer), never a traceback, and nothing is written where nobody asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HUGE = "99999999999999999999"  # past SQLite's INTEGER and PostgreSQL's BIGINT
LINES = "\n".join(json.dumps(line) for line in (
    {"kind": "email", "id": "a1", "text": "Where is my order?", "at": "2026-03-01T10:00:00Z",
     "email": "ann@example.com", "author_name": "Ann Lee"},
    {"kind": "email", "id": "b1", "text": "Love the beans", "at": "2026-03-02T10:00:00Z",
     "email": "bo@example.com", "author_name": "Bo Kim"},
)) + "\n"


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "two.jsonl"
    source.write_text(LINES, encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    return run_cli


def parse_refusal(run_cli, *args: str) -> tuple[int, str]:
    """A refusal argparse makes itself (a value it cannot take) ends the program."""
    with pytest.raises(SystemExit) as ended:
        run_cli(*args)
    return ended.value.code, ""


@pytest.mark.parametrize("command", [
    ("show", HUGE), ("close", HUGE), ("reopen", HUGE), ("snooze", HUGE, "tomorrow"),
    ("assign", HUGE, "nobody"), ("label", HUGE, "urgent"), ("note", HUGE, "hi"),
    ("attachment", "list", HUGE),
])
def test_a_conversation_number_too_large_for_the_store_is_no_conversation(shop, command):
    code, out, err = shop(*command)
    assert (code, out) == (2, "")
    assert err == f"inbox-app: There is no conversation {HUGE}.\n"


@pytest.mark.parametrize("written", ["²", "1²", "⑦"])
def test_a_digit_that_is_no_decimal_digit_is_not_a_conversation_number(shop, written):
    code, out, err = shop("show", written)
    assert (code, out) == (2, "")
    assert err == f"inbox-app: {written!r} is not a conversation number.\n"


def test_digits_of_another_script_still_name_a_conversation(shop):
    assert shop("show", "١")[0] == 0  # Arabic-Indic one


def test_a_queue_limit_past_what_the_store_counts_lists_everything(shop):
    code, out, err = shop("queue", "--limit", HUGE, "--json")
    assert (code, err) == (0, "")
    assert len(json.loads(out)) == 2


@pytest.mark.parametrize("command", [
    ("close", "1", "--version", HUGE), ("customer", "split", HUGE),
])
def test_a_number_option_past_what_the_store_holds_is_refused_before_it_runs(shop, command,
                                                                             capsys):
    assert parse_refusal(shop, *command)[0] == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "larger than any number the store keeps" in err


def test_a_poll_interval_past_a_day_is_refused_as_the_setting_is(shop):
    code, out, err = shop("account", "add", "feed", "--name", "Reviews", "--url",
                          "http://127.0.0.1:9/feed", "--no-check", "--interval", HUGE)
    assert (code, out) == (2, "")
    assert err == ("inbox-app: The poll interval is a number of seconds from 30 to 86,400"
                   f" (a day), not {HUGE}.\n")
    assert shop("account", "list", "--json")[1] == "[]\n"


def test_an_empty_snooze_time_is_a_mistake_not_a_traceback(shop):
    code, out, err = shop("snooze", "1", "")
    assert (code, out) == (2, "")
    assert err.startswith("inbox-app: '' is not a date or time")
    assert json.loads(shop("show", "1", "--json")[1])["status"] == "open"


def test_an_empty_due_date_is_a_mistake_as_a_blank_one_is(shop):
    code, out, err = shop("assign", "1", "nobody", "--due", "")
    assert (code, out) == (2, "")
    assert err.startswith("inbox-app: '' is not a date or time")


@pytest.mark.parametrize("command", [("staff", "add", "Maya"), ("check",),
                                     ("restore", "shop-copy.db")])
def test_an_empty_db_names_no_store_not_even_the_one_in_the_data_folder(
        command, tmp_path, monkeypatch, capsys):
    from inbox_app.cli import main
    from inbox_app.store import default_location

    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["--db", str(here / "shop-copy.db"), "staff", "add", "Theo"]) == 0
    made = sorted(here.iterdir())
    capsys.readouterr()
    assert main(["--db", "", *command]) == 2
    assert capsys.readouterr().err == (
        "inbox-app: --db is empty: name the store's file (or leave --db out for the store"
        " in your data folder).\n")
    assert sorted(here.iterdir()) == made
    assert not Path(default_location()).exists()


@pytest.mark.parametrize("command", [
    ("backup", "--out", ""), ("export", "customers", "--out", ""),
    ("export", "conversations", "--out", " "), ("report", "--month", "2026-03", "--out", ""),
])
def test_an_empty_out_writes_nothing_in_the_current_folder(shop, command, tmp_path,
                                                            monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    code, out, err = shop(*command)
    assert (code, out) == (2, "")
    assert err.startswith("inbox-app: --out is empty: name ")
    assert list(here.iterdir()) == []


@pytest.mark.parametrize("command", [("import", ""), ("restore", ""),
                                     ("customer", "import", "")])
def test_an_empty_file_name_is_said_as_such(shop, command):
    code, out, err = shop(*command)
    assert (code, out) == (2, "")
    assert err.lower() == "inbox-app: cannot read '': no file was named.\n"


def test_merging_a_customer_merged_already_says_they_are_one(shop):
    assert shop("customer", "merge", "ann@example.com", "bo@example.com")[0] == 0
    code, out, err = shop("customer", "merge", "ann@example.com", "bo@example.com")
    assert (code, err) == (0, "")
    assert out == "ann@example.com and bo@example.com are one customer already (Ann Lee)\n"


def test_merging_a_customer_with_itself_is_still_a_mistake(shop):
    code, out, err = shop("customer", "merge", "ann@example.com", "ANN@example.com")
    assert (code, out) == (2, "")
    assert err == "inbox-app: A customer cannot be merged with itself.\n"
