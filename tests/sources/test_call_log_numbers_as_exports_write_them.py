"""Numbers as call-log exports write them, read as the customers they are.

A spreadsheet that saved a call log (Excel, opening the provider's CSV) writes a long
number as `4.47701E+11`: its last digits are gone. Read as digits it was "44770111", one
made-up customer for every caller whose number rounds alike. Such a row is refused
with what happened and what to do.

Providers that write E.164 without its plus (Vonage, Plivo: `447700900123`) gave a
caller from another country than the shop's region a number of bare digits, a second
customer beside the one their `+44 7700 900123` belongs to.
"""

from __future__ import annotations

import pytest


def test_a_number_a_spreadsheet_shortened_is_refused_not_made_a_customer(run_cli, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("Time,Number,Direction,Duration\n"
                    "2026-03-02 09:15,4.47701E+11,in,60\n"
                    "2026-03-02 09:20,4.47701E+11,in,60\n"
                    "2026-03-02 09:30,+1 207 555 0142,in,60\n", encoding="utf-8")

    code, out, err = run_cli("import", str(path))

    assert (code, out.strip()) == (1, "imported 1, duplicates 0, errors 2")
    assert f"{path}: row 2: the number '4.47701E+11' was shortened by a spreadsheet" in err
    assert "format the column as text" in err
    code, out, _ = run_cli("stats", "--json")
    assert '"customers": 1' in out


@pytest.mark.parametrize(("region", "exported", "typed"), [
    ("GB", "12075550142", "+1 207 555 0142"),
    ("US", "447700900123", "+44 7700 900123"),
    ("DE", "12075550142", "001 207 555 0142"),
])
def test_a_number_written_without_its_plus_is_the_callers_own(run_cli, tmp_path, region,
                                                               exported, typed):
    run_cli("settings", "phone_region", region)
    assert run_cli("call", "log", "--phone", typed, "--name", "Ann Lee", "--at", "-1h")[0] == 0
    path = tmp_path / "vonage.csv"
    path.write_text("start_time,from,to,direction,duration\n"
                    f"2026-03-02T09:15:00Z,{exported},4930123456,inbound,60\n",
                    encoding="utf-8")

    code, out, err = run_cli("import", str(path))

    assert (code, out.strip(), err) == (0, "imported 1, duplicates 0, errors 0", "")
    assert '"customers": 1' in run_cli("stats", "--json")[1]


def test_a_national_number_of_the_shops_region_is_still_read_as_one(run_cli, tmp_path):
    run_cli("settings", "phone_region", "GB")
    path = tmp_path / "calls.csv"
    path.write_text("Time,Number,Direction\n2026-03-02 09:15,2079460958,in\n",
                    encoding="utf-8")
    assert run_cli("import", str(path))[0] == 0
    code, out, _ = run_cli("customer", "show", "+44 20 7946 0958")
    assert code == 0


def test_cells_written_as_spreadsheet_text_formulas_are_their_text(run_cli, tmp_path):
    """Exports made for spreadsheets write `="02079460958"` so the leading zero stays;
    the duration in such a cell could not be read and the name kept its `="…"`."""
    run_cli("settings", "phone_region", "GB")
    path = tmp_path / "calls.csv"
    path.write_text('Date,Number,Direction,Duration,Name\n'
                    '02/03/2026 09:15,="02079460958",Inbound,="0:02:05",="Zoë Hart"\n',
                    encoding="utf-8")

    code, out, err = run_cli("import", str(path))

    assert (code, out.strip(), err) == (0, "imported 1, duplicates 0, errors 0", "")
    code, out, _ = run_cli("customer", "show", "020 7946 0958", "--json")
    assert code == 0
    assert '"name": "Zoë Hart"' in out and "=" not in out.split('"identities"')[1][:200]
