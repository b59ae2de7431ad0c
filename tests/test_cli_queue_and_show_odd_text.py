"""`queue` and `show` on what customers and feeds really send: names and subjects with
line breaks, and searches a script passes on as they came (blank ones too)."""

from __future__ import annotations

import json


def import_lines(run_cli, tmp_path, *lines: dict) -> None:
    source = tmp_path / "messages.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    code, _, err = run_cli("import", str(source))
    assert (code, err) == (0, "")


def test_show_writes_each_message_s_heading_on_one_line(run_cli, tmp_path):
    """A feed's author "Ann⏎Lee" split the heading of her message over two lines, and a
    subject of three lines took three, where a script reads one line each."""
    import_lines(run_cli, tmp_path, {
        "kind": "feed", "id": "r1", "text": "Lovely beans", "at": "2026-03-01T10:00:00Z",
        "author_name": "Ann\nLee", "title": "5★ review\nfrom\nAnn",
    })
    code, out, _ = run_cli("show", "1")
    assert code == 0
    assert out.splitlines() == [
        "#1 Ann Lee · feed · open",
        "5★ review from Ann",
        "",
        "← Ann Lee, 2026-03-01T10:00:00Z",
        "Lovely beans",
    ]


def test_a_blank_search_lists_the_open_queue_as_no_search_does(run_cli, tmp_path):
    """`queue --search "$WORDS"` with WORDS a space listed every conversation, closed ones
    included, where an empty WORDS listed the open queue: a blank search is no search."""
    import_lines(run_cli, tmp_path,
                 {"kind": "email", "id": "1", "text": "Still open", "at": "2026-03-01T10:00:00Z",
                  "email": "ann@x.org"},
                 {"kind": "email", "id": "2", "text": "All done", "at": "2026-03-01T11:00:00Z",
                  "email": "bo@x.org"})
    assert run_cli("close", "2")[0] == 0
    unsearched = run_cli("queue", "--json")
    assert [row["conversation"] for row in json.loads(unsearched[1])] == [1]
    for blank in ("", " ", "\t \n"):
        assert run_cli("queue", "--search", blank, "--json") == unsearched


def test_names_and_subjects_cannot_turn_their_text_around(run_cli, tmp_path):
    """A right-to-left override in a sender's name made what followed it read backwards —
    "\u202emoc.knab@" shows as a bank's address — in the queue, `show` and the customer's
    name; the name keeps its letters, right-to-left ones included, without the controls."""
    import_lines(run_cli, tmp_path, {
        "kind": "email", "id": "m1", "text": "Please confirm", "at": "2026-03-01T10:00:00Z",
        "email": "ann@x.org", "author_name": "Support \u202emoc.knab\u202c \u2067אנה\u2069",
        "title": "\u202dInvoice\u202c overdue",
    })
    code, out, _ = run_cli("queue", "--json")
    (row,) = json.loads(out)
    assert (row["customer"], row["subject"]) == ("Support moc.knab אנה", "Invoice overdue")
    code, out, _ = run_cli("show", "1")
    assert out.splitlines()[:2] == ["#1 Support moc.knab אנה · email · open",
                                    "Invoice overdue"]
    code, out, _ = run_cli("customer", "show", "1", "--json")
    assert json.loads(out)["name"] == "Support moc.knab אנה"
