"""A call logged by hand on the shop's line and then imported from a call list without a
line was stored twice ("imported 1"): a call is its number, time and direction, whichever
line it was logged on (the README: a call already logged by hand at the same second
stores once)."""

from __future__ import annotations

import json

CSV = "Date,Number,Direction,Duration\n2026-03-02 09:30:00,(207) 555-0142,Inbound,2:05\n"


def test_a_call_logged_on_a_line_and_imported_without_one_is_stored_once(
        run_cli, tmp_path, local_zone):
    local_zone("America/New_York")
    assert run_cli("account", "add", "phone", "--name", "Shop line")[0] == 0
    assert run_cli("call", "log", "--account", "Shop line", "--phone", "207 555 0142",
                   "--at", "2026-03-02T09:30", "--duration", "2:05")[0] == 0
    calls = tmp_path / "calls.csv"
    calls.write_text(CSV, encoding="utf-8")
    code, out, _ = run_cli("import", str(calls))
    assert (code, out) == (0, "imported 0, duplicates 1, errors 0\n")
    assert json.loads(run_cli("stats", "--json")[1])["messages"] == 1


def test_one_call_list_imported_on_two_lines_is_stored_once(run_cli, tmp_path,
                                                          local_zone):
    local_zone("America/New_York")
    for line in ("Front desk", "Back office"):
        assert run_cli("account", "add", "phone", "--name", line)[0] == 0
    calls = tmp_path / "calls.csv"
    calls.write_text(CSV, encoding="utf-8")
    assert run_cli("import", str(calls), "--account", "Front desk")[1] == (
        "imported 1, duplicates 0, errors 0\n")
    assert run_cli("import", str(calls), "--account", "Back office")[1] == (
        "imported 0, duplicates 1, errors 0\n")
