"""A call whose customer would be the shop's own phone line is no customer's call.

With the line named (`account add phone --number`), an export's row where the shop's line
called itself or another of its lines (a test call, a call forwarded between the shop's
numbers), or a call logged by hand with the shop's number typed for the caller's, made
the shop a customer of its own, with a conversation in the queue.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def shop_line(run_cli):
    run_cli("settings", "phone_region", "US")
    assert run_cli("account", "add", "phone", "--name", "Shop line",
                   "--number", "(207) 555-0100")[0] == 0


def test_an_exported_call_with_the_shops_own_number_is_left_out(run_cli, shop_line,
                                                                  tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("Time,Number,Direction,Duration\n"
                    "2026-03-02 09:15,(207) 555-0142,in,60\n"
                    "2026-03-02 09:20,+1 207 555 0100,in,5\n", encoding="utf-8")

    code, out, err = run_cli("import", str(path))

    assert (code, out.strip()) == (0, "imported 1, duplicates 0, errors 0")
    assert err == (f"{path}: row 3: left out, (207) 555-0100 is the shop's own line"
                   " (Shop line), not a customer's number\n")
    assert '"customers": 1' in run_cli("stats", "--json")[1]


def test_a_call_logged_with_the_shops_own_number_is_refused(run_cli, shop_line):
    code, out, err = run_cli("call", "log", "--phone", "207.555.0100", "--at", "-5m")

    assert (code, out) == (2, "")
    assert err == ("inbox-app: (207) 555-0100 is the shop's own line (Shop line), not a"
                   " customer's number.\n")
    assert '"messages": 0' in run_cli("stats", "--json")[1]
