"""The team-mode commands: `claim` (both engines) and `move-store` (SQLite ⇄ PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from inbox_app.cli import EXIT_OK, EXIT_TAKEN, EXIT_USAGE, main
from inbox_app.core.timeutil import parse_when
from inbox_app.store import QueueQuery, open_store
from tests.store.helpers import msg

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli(capsys):
    def run(location, *args, as_staff=None):
        argv = ["--db", str(location)]
        if as_staff:
            argv += ["--as", as_staff]
        code = main([*argv, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def shop(location, conversations: int = 3, staff=("Maya", "Theo")) -> list[int]:
    store = open_store(location)
    try:
        for name in staff:
            store.add_staff(name)
        store.save_messages([
            msg(f"m{i}", f"Question {i}: where is my order?", email=f"c{i}@x.org",
                author=f"Customer {i}", at=f"2026-03-{1 + i % 9:02d}T{i % 24:02d}:00:00Z")
            for i in range(conversations)
        ])
        return [r.conversation_id for r in store.queue(QueueQuery(filter="unassigned",
                                                                   limit=1000))]
    finally:
        store.close()


@pytest.mark.both_engines
def test_claim_prints_the_conversation_and_exit_3_when_taken(cli, store_location):
    top, second, third = shop(store_location)
    code, out, err = cli(store_location, "claim", "--next", "--json", as_staff="maya")
    assert (code, err) == (EXIT_OK, "")
    claimed = json.loads(out)
    assert claimed["conversation"] == top
    assert claimed["assignee"] == "Maya"
    assert claimed["customer"].startswith("Customer")
    assert {"kind", "status", "preview", "version", "waiting_since"} <= set(claimed)

    code, out, err = cli(store_location, "claim", str(top), as_staff="Theo")
    assert code == EXIT_TAKEN
    assert out == "" and err == f"inbox-app: Conversation {top} is already taken by Maya.\n"

    code, out, _ = cli(store_location, "claim", f"#{third}", as_staff="Theo")
    assert code == EXIT_OK
    assert out.startswith(f"#{third} is yours, Theo: Customer")

    code, _, _ = cli(store_location, "claim", "--next", as_staff="Theo")
    assert code == EXIT_OK
    code, out, err = cli(store_location, "claim", "--next", as_staff="Theo")
    assert (code, out) == (EXIT_TAKEN, "")
    assert "Nothing is left" in err


@pytest.mark.both_engines
def test_claim_mistakes_are_one_sentence(cli, store_location):
    shop(store_location, 1)
    assert cli(store_location, "claim", "--next")[0] == EXIT_USAGE
    code, _, err = cli(store_location, "claim", "--next")
    assert "use --as NAME" in err
    code, _, err = cli(store_location, "claim", "1", "--next", as_staff="Maya")
    assert code == EXIT_USAGE and "one conversation" in err
    code, _, err = cli(store_location, "claim", "42", as_staff="Maya")
    assert code == EXIT_USAGE and err == "inbox-app: There is no conversation 42.\n"
    code, _, err = cli(store_location, "claim", "1", as_staff="Nobody")
    assert code == EXIT_USAGE and "no staff member called 'Nobody'" in err


@pytest.mark.slow
@pytest.mark.postgres
def test_twenty_claim_next_processes_at_once_get_twenty_different_conversations(pg_url):
    """Twenty `inbox-app claim --next` processes, as twenty computers would run them."""
    names = [f"Desk{i:02d}" for i in range(20)]
    shop(pg_url, 24, staff=names)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def claim(name: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "inbox_app", "--db", pg_url, "--as", name, "claim",
             "--next", "--json"],
            capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
        )

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(claim, names))
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results]
    claimed = {name: json.loads(r.stdout)["conversation"] for name, r in zip(names, results,
                                                                               strict=True)}
    assert len(set(claimed.values())) == 20
    store = open_store(pg_url)
    try:
        for name, conversation in claimed.items():
            assert store.get_conversation(conversation).assignee == name
        assert store.queue_count(QueueQuery(filter="unassigned")) == 4
    finally:
        store.close()


def demo_store(path: Path) -> dict:
    from inbox_app import demo

    store = open_store(path)
    try:
        demo.fill(store, seed=3)
        store.add_note("Call back on Monday", conversation_id=1, staff=None)
        with store.account_lock("leftover"):
            pass
        return store.stats()
    finally:
        store.close()


@pytest.mark.postgres
def test_move_store_to_postgresql_and_back_keeps_everything(cli, tmp_path, pg_empty_url):
    solo = tmp_path / "solo.db"
    stats = demo_store(solo)
    code, out, err = cli(solo, "move-store", "--to", pg_empty_url)
    assert (code, err) == (EXIT_OK, "")
    assert "every table's count matches" in out
    assert "INBOX_APP_DB=" in out
    lines = dict(line.split() for line in out.splitlines() if line.startswith("  "))
    assert int(lines["messages"]) == stats["messages"] > 0
    team = open_store(pg_empty_url)
    try:
        assert team.stats() == stats
        before = team.queue(QueueQuery(filter="all", limit=1000))
        searched = team.queue(QueueQuery(filter="all", search="refund", limit=1000))
        assert searched  # the index works
        # New rows continue after the copied ids.
        highest = team._scalar("SELECT MAX(id) AS n FROM notes")
        new = team.add_note("First note in team mode", conversation_id=before[0].conversation_id)
        assert new == highest + 1
    finally:
        team.close()

    back = tmp_path / "back.db"
    code, out, err = cli(pg_empty_url, "move-store", "--to", str(back))
    assert (code, err) == (EXIT_OK, "")
    again = open_store(back)
    try:
        stats_back = again.stats()
        assert stats_back == stats
        assert [r.conversation_id for r in again.queue(QueueQuery(filter="all", limit=1000))] \
            == [r.conversation_id for r in before]
        assert again.queue(QueueQuery(filter="all", search="first note"))
        # Copied messages are searchable again (SQLite indexes them per batch, not by trigger).
        assert len(again.queue(QueueQuery(filter="all", search="refund", limit=1000))) == len(
            searched)
    finally:
        again.close()


@pytest.mark.postgres
def test_move_store_refuses_a_target_that_holds_data(cli, tmp_path, pg_url):
    solo = tmp_path / "solo.db"
    demo_store(solo)
    busy = open_store(pg_url)
    busy.add_staff("Someone")
    busy.close()
    code, out, err = cli(solo, "move-store", "--to", pg_url)
    assert code == EXIT_USAGE
    assert "already holds data (1 events, 1 staff)" in err and "nothing was copied" in err
    code, _, err = cli(solo, "move-store", "--to", str(solo))
    assert code == EXIT_USAGE and "onto itself" in err
    code, _, err = cli(tmp_path / "missing.db", "move-store", "--to", pg_url)
    assert code == EXIT_USAGE and "There is no store" in err


def test_a_note_asks_a_colleague_in_and_they_find_it_under_mentions(run_cli, tmp_path):
    import json as json_lib

    lines = tmp_path / "in.jsonl"
    lines.write_text(json_lib.dumps({"kind": "email", "id": "m1", "text": "Where is my order?",
                                     "at": "2026-03-02T09:00:00Z", "email": "ann@example.com"})
                     + "\n")
    assert run_cli("import", str(lines))[0] == 0
    for name in ("Maya Okafor", "Priya Raman"):
        run_cli("staff", "add", name)
    (row,) = json_lib.loads(run_cli("queue", "--json")[1])
    conversation = str(row["conversation"])
    assert run_cli("--as", "Maya Okafor", "note", conversation,
                   "@Priya can you check the courier?") == (
        0, f"note added to #{conversation}\n", "")
    code, out, _ = run_cli("--as", "Priya Raman", "queue", "--filter", "mentions", "--json")
    assert [r["conversation"] for r in json_lib.loads(out)] == [int(conversation)]
    assert json_lib.loads(run_cli("--as", "Maya Okafor", "queue", "--filter", "mentions",
                                  "--json")[1]) == []
    code, _, err = run_cli("queue", "--filter", "mentions")
    assert (code, err) == (2, "inbox-app: 'Mentions' needs to know who you are (use --as"
                              " NAME).\n")


def test_assign_and_snooze_confirm_in_local_time_and_the_queue_says_overdue(run_cli):
    from inbox_app.core.timeutil import spoken

    run_cli("staff", "add", "Maya")
    run_cli("call", "log", "--phone", "+1 207 555 0142")
    code, out, _ = run_cli("assign", "1", "Maya", "--due", "2030-01-05")
    assert code == 0
    due = spoken(parse_when("2030-01-05"))
    assert out.strip() == f"#1 assigned to Maya, due {due}" and "Z" not in out
    code, _, err = run_cli("assign", "1", "nobody", "--due", "tomorrow")
    assert code == 2 and "nobody has no follow-up" in err
    code, out, _ = run_cli("assign", "1", "Maya", "--due", "2026-01-05")
    assert out.strip() == "#1 assigned to Maya, due Mon 5 Jan 2026, 23:59 (already overdue)"
    code, out, _ = run_cli("queue", "--filter", "all")
    assert " overdue " in out and " due " not in out
    code, out, _ = run_cli("snooze", "1", "2030-03-04")
    assert out.strip() == "#1 snoozed until Mon 4 Mar 2030, 09:00"


def test_a_note_or_reply_says_who_once_the_shop_has_staff(run_cli, monkeypatch):
    monkeypatch.delenv("INBOX_APP_STAFF", raising=False)
    run_cli("call", "log", "--phone", "+1 207 555 0142")
    assert run_cli("note", "1", "a shop of one writes as no one")[0] == 0
    run_cli("staff", "add", "Maya")
    for command in (["note", "1", "who wrote this?"], ["reply", "1", "--text-file", "-"]):
        code, out, err = run_cli(*command)
        assert code == 2 and out == ""
        assert "needs to know who you are: use --as NAME (or set INBOX_APP_STAFF)." in err
    assert run_cli("note", "1", "Maya's", "--as", "Maya")[0] == 0
    thread = json.loads(run_cli("show", "1", "--json")[1])["thread"]
    assert [entry.get("staff") for entry in thread if entry["type"] == "note"] == [None, "Maya"]


def test_a_change_from_a_version_read_before_someone_elses_is_refused(run_cli):
    run_cli("call", "log", "--phone", "+1 207 555 0142")
    version = json.loads(run_cli("show", "1", "--json")[1])["version"]
    assert run_cli("snooze", "1", "2030-01-01", "--version", str(version))[0] == 0
    code, out, err = run_cli("close", "1", "--version", str(version))
    assert (code, out) == (2, "")
    assert err.startswith("inbox-app: Conversation 1 was snoozed a moment ago, until ")
    assert err.endswith(f", after you read it (it is at version {version + 1} now): your"
                        " change was not made; look at it again before changing it.\n")
    assert run_cli("close", "1", "--version", str(version + 1))[0] == 0
