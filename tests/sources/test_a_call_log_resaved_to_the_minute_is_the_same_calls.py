"""The same calls, once with their seconds and once without, are stored once.

A provider exports `2026-03-02 09:15:07`; the same list opened and saved by a
spreadsheet (or another of the provider's reports) says `3/2/2026 9:15`. A call's
identity is its number, time and direction, so the second import stored every call of
the first again, an hour's worth of overlap between two monthly exports a second time.
A time written to the minute is the call of that number and direction in that minute.
"""

from __future__ import annotations

import pytest

WITH_SECONDS = """Start Time,From,To,Direction,Duration,Status
2026-03-02 09:15:07,+12075550142,+12075550100,inbound,125,completed
2026-03-02 10:00:41,+12075550100,+12075550142,outbound-api,60,completed
2026-03-02 11:30:59,+12075550199,+12075550100,inbound,0,no-answer
"""
TO_THE_MINUTE = """Start Time,From,To,Direction,Duration,Status
3/2/2026 9:15,+12075550142,+12075550100,inbound,125,completed
3/2/2026 10:00,+12075550100,+12075550142,outbound-api,60,completed
3/2/2026 11:30,+12075550199,+12075550100,inbound,0,no-answer
3/2/2026 11:31,+12075550199,+12075550100,inbound,0,no-answer
"""


@pytest.fixture
def write(tmp_path):
    def write_file(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write_file


@pytest.mark.parametrize("first, second", [(WITH_SECONDS, TO_THE_MINUTE),
                                           (TO_THE_MINUTE, WITH_SECONDS)])
def test_one_export_with_seconds_and_one_without_are_the_same_calls(run_cli, write,
                                                                     first, second):
    run_cli("settings", "phone_region", "US")
    code, out, _ = run_cli("import", write("first.csv", first))
    assert code == 0
    imported_first = int(out.split(",")[0].split()[1])

    code, out, err = run_cli("import", write("second.csv", second))

    stored = 4  # the 11:31 call is in the list to the minute only
    assert (code, err) == (0, "")
    assert out.strip() == (f"imported {stored - imported_first}, duplicates "
                           f"{len(second.splitlines()) - 1 - (stored - imported_first)}, errors 0")
    assert '"messages": 4' in run_cli("stats", "--json")[1]


def test_two_calls_in_one_minute_stay_two(run_cli, write):
    run_cli("settings", "phone_region", "US")
    calls = write("calls.csv", "Start Time,From,To,Direction,Duration\n"
                               "2026-03-02 09:15:07,+12075550142,+12075550100,inbound,5\n"
                               "2026-03-02 09:15:48,+12075550142,+12075550100,inbound,300\n")
    assert run_cli("import", calls)[1].strip() == "imported 2, duplicates 0, errors 0"
    assert run_cli("import", calls)[1].strip() == "imported 0, duplicates 2, errors 0"
    again = write("again.csv", "Start Time,From,To,Direction,Duration\n"
                               "3/2/2026 9:15,+12075550142,+12075550100,inbound,5\n")
    assert run_cli("import", again)[1].strip() == "imported 0, duplicates 1, errors 0"
