"""Every command's happy path and a user mistake, through `main()` as a script calls it."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from inbox_app.cli import main
from inbox_app.store import open_store


@pytest.fixture
def run(db_path, capsys):
    def run(*args, as_staff=None):
        argv = ["--db", str(db_path)]
        if as_staff:
            argv += ["--as", as_staff]
        code = main([*argv, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.jsonl"
    lines = [
        {"kind": "email", "id": "e1", "text": "My order never arrived, this is awful",
         "at": "2026-03-01T10:00:00Z", "email": "ann@x.org", "author_name": "Ann Lee",
         "thread": "order-1"},
        {"kind": "email", "id": "e2", "text": "So sorry Ann, a new one is on its way",
         "at": "2026-03-01T11:00:00Z", "direction": "out", "thread": "order-1",
         "author_name": "Maya"},
        {"kind": "phone", "id": "p1", "text": "Asked about opening hours",
         "at": "2026-03-02T09:00:00Z", "phone": "+1 207 555 0100", "author_name": "Bo"},
        {"kind": "mastodon", "id": "m1", "text": "Love the new beans!", "at": "2026-03-03T09:00:00Z",
         "handle": "@cat@mastodon.social", "followers": 1200},
    ]
    text = "\n".join(json.dumps(line) for line in lines)
    text += '\n{"kind": "email", "id": "bad"}\nnot json at all\n'
    text += json.dumps({"kind": "pigeon", "id": "x", "text": "coo", "at": "2026-03-01T00:00:00Z"})
    text += "\n" + json.dumps({"kind": "phone", "id": "p9", "text": "x", "at": "yesterday"}) + "\n"
    path.write_text(text)
    return path


def test_import_reports_counts_and_bad_lines_by_number(run, sample):
    code, out, err = run("import", str(sample))
    assert code == 1
    assert out.strip() == "imported 4, duplicates 0, errors 4"
    assert "line 5: missing required field 'text', 'at'" in err
    assert "line 6: not valid JSON" in err
    assert "line 7: unknown kind 'pigeon'" in err
    assert "line 8:" in err and "ISO 8601" in err
    code, out, _ = run("import", str(sample))
    assert out.strip() == "imported 0, duplicates 4, errors 4"


def test_import_of_a_clean_file_exits_0_and_a_missing_file_2(run, tmp_path):
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"kind": "feed", "id": "1", "text": "hi",
                                 "at": "2026-01-01T00:00:00Z"}) + "\n")
    assert run("import", str(clean))[0] == 0
    code, out, err = run("import", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "cannot read" in err and out == ""


def test_stats_json_has_exactly_the_contract_keys(run, sample):
    run("import", str(sample))
    code, out, _ = run("stats", "--json")
    stats = json.loads(out)
    assert code == 0
    assert stats == {
        "messages": 4, "conversations": 3, "customers": 3,
        "by_family": {"email": 2, "social": 1, "phone": 1},
        "by_kind": {"email": 2, "mastodon": 1, "bluesky": 0, "telegram": 0, "feed": 0, "phone": 1},
    }


def test_a_command_runs_with_the_garbage_collector_back_on(run, sample):
    """`inbox-app` starts with the collector off (inbox_app/__main__.py); a command that
    then imported 100,000 lines must not run without it."""
    gc.disable()
    try:
        code, _, _ = run("import", str(sample))
        assert code == 1 and gc.isenabled()  # (the sample has a bad line)
    finally:
        gc.enable()


def test_queue_json_and_filters(run, sample):
    run("import", str(sample))
    code, out, _ = run("queue", "--json")
    rows = json.loads(out)
    assert code == 0
    assert {"conversation", "customer", "kind", "status", "assignee", "last_at", "preview",
            "sentiment"} <= set(rows[0])
    assert [r["customer"] for r in rows] == ["Bo", "@cat@mastodon.social", "Ann Lee"]
    _, out, _ = run("queue", "--search", "beans", "--json")
    assert [r["kind"] for r in json.loads(out)] == ["mastodon"]
    _, out, _ = run("queue", "--kind", "phone")
    assert "Bo" in out and "Ann" not in out
    code, _, err = run("queue", "--filter", "mine")
    assert code == 2 and err.startswith("inbox-app: ") and "--as" in err


def test_staff_assign_due_mine_close_reopen_note_tag_label(run, sample):
    run("import", str(sample))
    assert run("staff", "add", "Maya")[0] == 0
    assert run("staff", "add", "Theo")[0] == 0
    code, out, _ = run("staff", "list", "--json")
    assert json.loads(out) == [{"name": "Maya", "active": True}, {"name": "Theo", "active": True}]
    _, out, _ = run("queue", "--json")
    first = json.loads(out)[0]["conversation"]
    code, out, _ = run("assign", str(first), "theo", "--due", "2026-03-05", as_staff="Maya")
    assert code == 0 and "assigned to Theo" in out
    _, out, _ = run("queue", "--filter", "mine", "--json", as_staff="Theo")
    assert [r["conversation"] for r in json.loads(out)] == [first]
    _, out, _ = run("queue", "--filter", "due", "--json")
    assert [r["conversation"] for r in json.loads(out)] == [first]
    assert run("note", str(first), "Rang back, no answer", as_staff="Theo")[0] == 0
    assert run("label", str(first), "callback")[0] == 0
    assert run("tag", "+12075550100", "VIP", as_staff="Maya")[0] == 0
    _, out, _ = run("queue", "--tag", "VIP", "--json")
    assert [r["conversation"] for r in json.loads(out)] == [first]
    assert run("close", str(first), as_staff="Theo")[0] == 0
    _, out, _ = run("queue", "--filter", "closed", "--json")
    assert [r["conversation"] for r in json.loads(out)] == [first]
    assert run("reopen", str(first))[0] == 0
    code, out, _ = run("show", str(first), "--json")
    shown = json.loads(out)
    assert shown["status"] == "open" and shown["labels"] == ["callback"]
    assert [e["type"] for e in shown["thread"]] == ["message", "note"]


@pytest.mark.parametrize(
    "args,message",
    [
        (("assign", "12345", "Maya"), "There is no conversation 12345."),
        (("assign", "abc", "Maya"), "'abc' is not a conversation number."),
        (("close", "999"), "There is no conversation 999."),
        (("tag", "nobody@x.org", "VIP"), "No customer matches 'nobody@x.org'."),
        (("snooze", "1", "someday"), "is not a date or time"),
        (("staff", "add", "Maya"), "There is already a staff member called Maya."),
        (("watch", "remove", "brand", "Nope"), "'Nope' is not a brand term."),
        (("settings", "phone_region", "XX"), "is not a region code"),
        (("settings", "nosuchkey"), "'nosuchkey' is not a setting (try business_name,"),
    ],
)
def test_user_mistakes_are_one_sentence_and_exit_2(run, sample, args, message):
    run("import", str(sample))
    run("staff", "add", "Maya")
    code, out, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_unknown_staff_in_as_is_a_mistake(run, sample):
    run("import", str(sample))
    code, _, err = run("close", "1", as_staff="Nobody")
    assert code == 2 and "no staff member called 'Nobody'" in err


def test_customer_show_merge_split(run, sample):
    run("import", str(sample))
    code, out, _ = run("customer", "show", "ann@x.org", "--json")
    ann = json.loads(out)
    assert ann["name"] == "Ann Lee" and ann["identities"][0]["value"] == "ann@x.org"
    assert run("customer", "merge", "ann@x.org", "+12075550100")[0] == 0
    _, out, _ = run("customer", "show", "ann@x.org", "--json")
    merged = json.loads(out)
    assert len(merged["identities"]) == 2
    phone = next(i for i in merged["identities"] if i["kind"] == "phone")
    assert run("customer", "split", str(phone["id"]))[0] == 0
    _, out, _ = run("customer", "show", "+12075550100", "--json")
    assert json.loads(out)["customer"] != merged["customer"]


def test_watch_terms_and_settings(run):
    assert run("watch", "add", "brand", "Harbour Lane")[0] == 0
    assert run("watch", "add", "competitor", "Bean Barons")[0] == 0
    _, out, _ = run("watch", "list", "--json")
    assert json.loads(out) == {"brand": ["Harbour Lane"], "competitor": ["Bean Barons"]}
    assert run("settings", "phone_region", " gb ")[0] == 0
    _, out, _ = run("settings", "phone_region")
    assert out.strip() == '"GB"'
    assert run("settings", "business_name", "  Harbour\n Lane  ")[0] == 0
    _, out, _ = run("settings", "business_name")
    assert out.strip() == '"Harbour Lane"'  # one line: it is the From name of emails
    assert run("settings", "poll_interval", "600")[0] == 0
    for wrong in ("-5", "0", "10", "100000"):
        code, _, err = run("settings", "poll_interval", wrong)
        assert code == 2 and "from 30 to 86,400" in err
    _, out, _ = run("settings", "poll_interval")
    assert out.strip() == "600"  # a refused value changes nothing
    assert run("settings", "email_signature", "{staff_name}\n{business}\n")[0] == 0
    _, out, _ = run("settings")
    assert 'email_signature = "{staff_name}\\n{business}"' in out.splitlines()
    code, _, err = run("settings", "email_signature", "{staf} at {business}")
    assert code == 2 and "In the email signature, {staf} is not a placeholder" in err
    _, out, _ = run("settings", "email_signature")
    assert json.loads(out) == "{staff_name}\n{business}"


def test_demo_is_deterministic_for_a_seed(tmp_path, capsys):
    stats = []
    for name in ("a.db", "b.db"):
        assert main(["--db", str(tmp_path / name), "demo", "--seed", "5",
                     "--now", "2026-11-20T12:00:00Z"]) == 0
        main(["--db", str(tmp_path / name), "stats", "--json"])
        stats.append(capsys.readouterr().out.splitlines()[-1])
    assert main(["--db", str(tmp_path / "a.db"), "queue", "--json", "--limit", "500"]) == 0
    first = capsys.readouterr().out
    main(["--db", str(tmp_path / "b.db"), "queue", "--json", "--limit", "500"])
    assert capsys.readouterr().out == first
    main(["--db", str(tmp_path / "a.db"), "stats", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert result["customers"] >= 200
    assert all(result["by_kind"][kind] > 0 for kind in result["by_kind"])
    assert result["conversations"] > 500


def test_the_installed_command_shows_no_traceback_for_a_mistake(tmp_path):
    open_store(tmp_path / "x.db").close()
    result = subprocess.run(
        [sys.executable, "-m", "inbox_app", "--db", str(tmp_path / "x.db"), "close", "42"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "inbox-app: There is no conversation 42."


def test_db_comes_from_the_environment(tmp_path, monkeypatch, capsys):
    target = tmp_path / "env.db"
    monkeypatch.setenv("INBOX_APP_DB", str(target))
    assert main(["staff", "add", "Env"]) == 0
    assert target.exists()


def test_the_demo_shops_reviews_carry_their_ratings_as_review_feeds_do(run, tmp_path):
    """The thread shows a review's stars from its rating; the demo's reviews had none, so
    the shop a new user first sees never showed them."""
    run("demo", "--seed", "3")
    code, out, _ = run("queue", "--filter", "all", "--kind", "feed", "--json", "--limit", "200")
    reviews = [row for row in json.loads(out) if row["subject"].endswith("★ review")]
    assert reviews
    for row in reviews:
        shown = json.loads(run("show", str(row["conversation"]), "--json")[1])
        stars = int(row["subject"].split("★")[0])
        assert shown["thread"][0]["rating"] == {"value": stars, "best": 5}


def test_the_demo_shop_has_reply_templates_that_fill_in(tmp_path):
    from inbox_app.core.templates import TemplateValues
    from inbox_app.core.templates import fill as fill_template
    from inbox_app.demo import fill
    from inbox_app.store import open_store

    store = open_store(tmp_path / "demo.db")
    try:
        fill(store, seed=3, customers=20)
        fill(store, seed=4, customers=20)  # a second fill keeps the shop's own templates once
        templates = store.list_templates()
        assert len(templates) >= 3 and len({t["name"] for t in templates}) == len(templates)
        values = TemplateValues(customer_name="Ann Lee", business="Harbour Lane Coffee",
                                staff="Maya")
        for template in templates:
            text = fill_template(template["body"], values)
            assert "{" not in text and "Maya at Harbour Lane Coffee" in text
    finally:
        store.close()


def test_the_currency_setting(run, db_path):
    from inbox_app.store import open_store

    open_store(db_path).close()  # a shop's store (reading settings makes none)
    _, out, _ = run("settings", "currency")
    assert json.loads(out) == ""  # none until the shop says
    assert run("settings", "currency", " € ")[0] == 0
    _, out, _ = run("settings")
    assert 'currency = "€"' in out.splitlines()  # the sign as written, still JSON
    for wrong in ("12", "US dollars", "(€)"):
        code, _, err = run("settings", "currency", wrong)
        assert code == 2 and "is not a currency" in err
    _, out, _ = run("settings", "currency")
    assert json.loads(out) == "€"  # a refused value changes nothing
    assert run("settings", "currency", "")[0] == 0
    _, out, _ = run("settings", "currency")
    assert json.loads(out) == ""


def test_who_is_acting_and_the_store_may_follow_the_command(run_cli, tmp_path, capsys):
    """`queue --filter mentions --as NAME`, as the README writes it; given after the
    command, they win over the ones before it."""
    from inbox_app.cli import main

    run_cli("staff", "add", "Maya Okafor")
    code, out, err = run_cli("queue", "--filter", "mentions", "--as", "Maya Okafor")
    assert (code, err) == (0, "")
    code, _, err = run_cli("--as", "Maya Okafor", "queue", "--filter", "mine", "--as", "Nobody")
    assert code == 2 and "Nobody" in err
    other = tmp_path / "other.db"
    assert main(["--db", str(tmp_path / "unused.db"), "staff", "add", "Theo",
                 "--db", str(other)]) == 0
    capsys.readouterr()
    assert main(["staff", "list", "--db", str(other)]) == 0
    assert "Theo" in capsys.readouterr().out
    assert not (tmp_path / "unused.db").exists()
    code, _, err = run_cli("queue", "--limit", "0")
    assert (code, err) == (2, "inbox-app: --limit is a number of conversations from 1 up.\n")


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    import subprocess
    import sys

    store = tmp_path / "s.db"
    command = [sys.executable, "-m", "inbox_app", "--db", str(store)]
    subprocess.run([*command, "demo"], check=True, capture_output=True)
    listing = subprocess.Popen([*command, "queue", "--filter", "all", "--limit", "500"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    listing.stdout.readline()
    listing.stdout.close()  # like `| head -1`
    assert listing.wait(timeout=60) == 141
    assert listing.stderr.read() == b""


def test_a_folder_given_for_a_file_is_called_a_folder(run_cli, tmp_path):
    for command in (("import",), ("customer", "import")):
        code, out, err = run_cli(*command, str(tmp_path))
        assert (code, out) == (2, "")
        assert err == f"inbox-app: cannot read {tmp_path}: it is a folder, not a file.\n"
    (tmp_path / "calls.csv").mkdir()
    code, _, err = run_cli("import", str(tmp_path / "calls.csv"))
    assert code == 2 and err.endswith("it is a folder, not a file.\n")


def test_demo_refuses_a_store_that_holds_messages_and_counts_what_it_wrote(run, tmp_path):
    code, out, _ = run("demo")
    assert code == 0
    stats = json.loads(run("stats", "--json")[1])
    assert out.strip().endswith(f"{stats['messages']} messages, {stats['conversations']}"
                                f" conversations, {stats['customers']} customers")
    code, out, err = run("demo", "--seed", "5")
    assert code == 2 and out == ""
    assert f"already holds {stats['messages']:,} messages" in err
    assert json.loads(run("stats", "--json")[1]) == stats


def test_a_queue_cut_at_its_limit_says_so_on_stderr_only(run):
    for number in ("0142", "0143", "0144"):
        run("call", "log", "--phone", f"+1 207 555 {number}")
    code, out, err = run("queue", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 2
    assert err == "inbox-app: the first 2 of 3; --limit 3 lists them all.\n"
    code, out, err = run("queue", "--limit", "3")
    assert len(out.splitlines()) == 3 and err == ""
    code, out, err = run("queue", "--limit", "2", "--json")
    assert len(json.loads(out)) == 2 and err == ""


@pytest.mark.parametrize("content, problem", [
    (b"SQLite format 3\x00" + bytes(4000),
     "it is not JSON Lines: its first line is not a JSON object (it holds binary data)"),
    (b"name,email\nAnn,ann@x.org\n",
     "it is not JSON Lines: none of its first 2 lines is a JSON object (it holds text)"),
    ('{"kind": "phone"}\n'.encode("utf-16"), "it is UTF-16 text; save it as UTF-8"),
])
def test_a_file_that_is_not_json_lines_is_one_sentence_not_a_line_each(run, tmp_path, content,
                                                                      problem):
    path = tmp_path / "messages.jsonl"
    path.write_bytes(content)
    code, out, err = run("import", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"inbox-app: cannot import {path}: {problem}")
    assert err.count("\n") == 1


def test_show_gives_labels_and_due_date_and_a_listing_keeps_a_row_to_a_line(run, tmp_path):
    source = tmp_path / "two.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in [
        {"kind": "email", "id": "in", "text": "Hello\nthere", "at": "2026-03-01T10:00:00Z",
         "email": "ann@x.org", "author_name": "Ann\nLee", "thread": "t"},
        {"kind": "email", "id": "out", "text": "Hi\nAnn", "at": "2026-03-01T11:00:00Z",
         "direction": "out", "thread": "t"},
    ]) + "\n")
    run("import", str(source))
    run("staff", "add", "Maya")
    run("label", "1", "wholesale", as_staff="Maya")
    run("assign", "1", "Maya", "--due", "2030-01-05", as_staff="Maya")
    _, out, _ = run("show", "1")
    lines = out.splitlines()
    assert lines[0].startswith("#1 Ann Lee · email · open · Maya, due ")
    assert lines[1] == "labels: wholesale"
    assert "→ 2026-03-01T11:00:00Z" in lines and not any(line.startswith("→ ,") for line in lines)
    _, out, _ = run("queue", "--filter", "all")
    assert len(out.splitlines()) == 1 and "Ann Lee" in out


def test_small_commands_say_what_there_is(run, tmp_path, db_path):
    open_store(db_path).close()
    assert run("staff", "list") == (0, "No staff yet: add someone with `inbox-app staff add NAME`.\n", "")
    code, _, err = run("restore", str(tmp_path))
    assert (code, err) == (2, f"inbox-app: Cannot read {tmp_path}: it is a folder, not a file.\n")
    run("account", "add", "phone", "--name", "Shop line")
    _, out, _ = run("account", "list")
    assert "calls are logged, not read" in out


def test_empty_fields_say_empty_and_html_can_stand_for_an_empty_text(run, tmp_path):
    source = tmp_path / "empty.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in [
        {"kind": "email", "id": "1", "text": "", "at": "2026-03-01T10:00:00Z"},
        {"kind": "email", "id": "2", "text": "", "html": "<p>Hello <b>there</b></p>",
         "at": "2026-03-01T10:00:00Z"},
        {"kind": "email", "id": "3", "text": "", "html": "<img src=x>", "at": "2026-03-01T10:00:00Z"},
        {"kind": "email", "id": "", "text": "hi", "at": ""},
    ]) + "\n")
    code, out, err = run("import", str(source))
    assert out.strip() == "imported 1, duplicates 0, errors 3"
    assert "line 1: required field 'text' is empty" in err
    assert "line 3: required field 'text' is empty (and the html holds no text)" in err
    assert "line 4: required field 'id', 'at' is empty" in err
    _, out, _ = run("show", "1", "--json")
    assert json.loads(out)["thread"][0]["text"] == "Hello there"


def test_out_dash_is_stdout_for_a_report_and_refused_for_an_export(run, tmp_path, monkeypatch,
                                                                 db_path):
    open_store(db_path).close()
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("report", "--month", "2026-03", "--out", "-")
    assert code == 0 and json.loads(out)["month"] == "2026-03" and not (tmp_path / "-").exists()
    code, _, err = run("export", "customers", "--out", "-")
    assert code == 2 and "An export is a file" in err and not (tmp_path / "-").exists()
    code, _, err = run("export", "customers", "--out", "c.csv", "--filter", "closed")
    assert code == 2 and "the customer export lists every customer" in err


def test_tags_and_labels_in_any_case_and_removing_what_is_not_there(run, sample):
    run("import", str(sample))
    assert run("tag", "ann@x.org", "VIP")[1] == "Ann Lee: tagged VIP\n"
    assert run("tag", "+12075550100", "vip")[1] == "Bo: tagged VIP\n"  # the shop's spelling
    _, out, _ = run("queue", "--tag", "vip", "--json", "--filter", "all")
    assert len(json.loads(out)) == 2
    code, _, err = run("tag", "ann@x.org", "wholesale", "--remove")
    assert (code, err) == (2, "inbox-app: Ann Lee has no tag wholesale.\n")
    assert run("tag", "ann@x.org", "vip", "--remove")[1] == "Ann Lee: removed tag VIP\n"
    code, _, err = run("label", "1", "nothere", "--remove")
    assert (code, err) == (2, "inbox-app: #1 has no label nothere.\n")


@pytest.mark.parametrize("command", [
    ["stats"], ["queue"], ["show", "1"], ["tag", "1", "vip"], ["account", "list"],
    ["staff", "list"], ["poll", "--once"], ["backup", "--out", "copy.db"],
    ["report", "--month", "2026-03", "--out", "-"], ["settings"], ["settings", "currency"],
])
def test_a_named_store_that_is_not_there_is_not_created_by_a_command_that_reads(
        run, db_path, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*command)
    assert (code, out, err) == (2, "", f"inbox-app: There is no store at {db_path}.\n")
    assert list(tmp_path.iterdir()) == []


def test_commands_that_put_something_in_create_the_named_store(run, db_path, tmp_path,
                                                                monkeypatch, capsys):
    assert run("settings", "currency", "€")[0] == 0 and db_path.exists()  # a change
    db_path.unlink()
    assert run("staff", "add", "Maya")[0] == 0 and db_path.exists()
    elsewhere = tmp_path / "from-env.db"
    monkeypatch.setenv("INBOX_APP_DB", str(elsewhere))
    assert main(["stats"]) == 2 and not elsewhere.exists()
    assert main(["call", "log", "--phone", "+1 207 555 0100"]) == 0 and elsewhere.exists()
    capsys.readouterr()


def test_close_says_when_a_conversation_was_closed_already(run, sample):
    run("import", str(sample))
    assert run("close", "1") == (0, "#1 closed\n", "")
    assert run("close", "1") == (0, "#1 was closed already\n", "")


def test_import_reads_stdin_and_pipes_whole_lines_past_the_first_look(tmp_path):
    """`… | inbox-app import -`: the first 64 KiB tell JSON Lines from anything else, and
    the line they end in must still be imported whole (a pipe is read only once)."""
    lines = "".join(json.dumps({"kind": "email", "id": f"m{i}", "email": f"c{i}@example.com",
                                "text": f"Message number {i} " + "x" * 90,
                                "at": "2026-03-01T10:00:00Z"}) + "\n" for i in range(2000))
    assert len(lines) > 3 * 65536
    db = str(tmp_path / "shop.db")
    result = subprocess.run([sys.executable, "-m", "inbox_app", "--db", db, "import", "-"],
                            input=lines, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "imported 2000, duplicates 0, errors 0"
    empty = subprocess.run([sys.executable, "-m", "inbox_app", "--db", db, "import",
                            "/dev/null"], capture_output=True, text=True, timeout=60)
    assert (empty.returncode, empty.stdout.strip()) == (0, "imported 0, duplicates 0, errors 0")


@pytest.mark.parametrize("flag", ["--version", "-V", "--app-version"])
def test_the_program_says_its_version_and_commands_keep_their_own_version_option(
        flag, run, sample, capsys):
    from inbox_app import __version__

    with pytest.raises(SystemExit) as done:
        main([flag])
    assert done.value.code == 0 and capsys.readouterr().out == f"inbox-app {__version__}\n"
    run("import", str(sample))
    assert run("close", "1", "--version", "1") == (0, "#1 closed\n", "")
