"""`inbox-app watch scan`: the owner adds a competitor today and sees the mentions of the
last months too — said in one line, or as JSON keys for a script."""

from __future__ import annotations

import json

from inbox_app.core.timeutil import iso, now

DAY = 86400


def import_lines(run_cli, tmp_path, *items: dict) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    assert run_cli("import", str(lines))[0] == 0


def message(ref: str, text: str, days_ago: int, **more) -> dict:
    return {"kind": "email", "id": ref, "text": text, "at": iso(now() - days_ago * DAY),
            "email": f"{ref}@example.com", **more}


def test_a_competitor_added_today_is_found_in_the_last_months(run_cli, tmp_path):
    import_lines(run_cli, tmp_path,
                 message("ann", "Bean Barons do it for less", 10),
                 message("bo", "Love Harbour Lane, better than Bean Barons", 40),
                 message("cy", "Just a question about opening hours", 50),
                 message("dee", "Bean Barons again, from last year", 200),
                 message("eve", "ok", 5, title="Re: Bean Barons price match?"))
    run_cli("staff", "add", "Maya")
    run_cli("watch", "add", "brand", "Harbour Lane")
    run_cli("watch", "add", "competitor", "Bean Barons")

    code, out, err = run_cli("watch", "scan", as_staff="Maya")
    assert (code, err) == (0, "")
    assert out == ("watch scan: 4 messages of the last 90 days; 1 mentions the brand,"
                   " 2 a competitor; labelled 2 conversations\n")
    code, out, _ = run_cli("queue", "--filter", "all", "--tag", "mention:competitor:bean barons",
                           "--json")
    assert sorted(row["customer"] for row in json.loads(out)) == ["ann@example.com", "bo@example.com"]

    code, out, err = run_cli("watch", "scan", "--days", "365", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"days": 365, "messages": 5, "brand": 1, "competitor": 3,
                               "recorded": 1, "labelled": 1}


def test_days_that_are_no_days_and_a_scan_with_nothing_watched_are_refused(run_cli, tmp_path):
    import_lines(run_cli, tmp_path, message("ann", "Bean Barons", 0))
    code, out, err = run_cli("watch", "scan")
    assert (code, out) == (2, "")
    assert err == ("inbox-app: No brand or competitor term is watched, so there is nothing to"
                   " look for: add one first (inbox-app watch add brand|competitor TERM).\n")
    run_cli("watch", "add", "competitor", "Bean Barons")
    code, out, err = run_cli("watch", "scan", "--days", "0")
    assert (code, out, err) == (2, "", "inbox-app: --days is a number of days from 1 up.\n")
    code, out, err = run_cli("watch", "scan", "--days", "1")
    assert (code, err) == (0, "")
    assert out == ("watch scan: 1 message of the last day; 0 mention the brand, 1 a competitor;"
                   " labelled 1 conversation\n")
    code, out, err = run_cli("watch", "scan", "--days", "1000000000000000", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["labelled"] == 0  # done already
