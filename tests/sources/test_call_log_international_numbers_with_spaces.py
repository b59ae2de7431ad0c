"""An export's international number without its plus, written with spaces or dashes
(`44 7700 900123`, as a spreadsheet or a PBX formats it), is the caller's own.

Only bare digits (`447700900123`) were read with their plus; written in groups they were
stored as the digits `447700900123`, a second customer beside the caller's
`+44 7700 900123`, and one no reply or search by the number found.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("region", "exported"), [
    ("US", "44 7700 900123"),
    ("US", "44-7700-900123"),
    ("US", "44.7700.900123"),
    ("GB", "1 207-555-0142"),
])
def test_a_grouped_number_without_its_plus_is_the_callers_own(run_cli, tmp_path, region,
                                                               exported):
    typed = "+44 7700 900123" if exported.startswith("44") else "+1 207 555 0142"
    run_cli("settings", "phone_region", region)
    assert run_cli("call", "log", "--phone", typed, "--name", "Ann Lee", "--at", "-1h")[0] == 0
    path = tmp_path / "calls.csv"
    path.write_text(f"Time,Number,Direction\n2026-03-02 09:15,{exported},in\n",
                    encoding="utf-8")

    code, out, err = run_cli("import", str(path))

    assert (code, out.strip(), err) == (0, "imported 1, duplicates 0, errors 0", "")
    assert '"customers": 1' in run_cli("stats", "--json")[1]


@pytest.mark.parametrize(("region", "exported", "shown"), [
    ("US", "207 555 0142", "+1 207 555 0142"),
    ("GB", "020 7946 0958", "+44 20 7946 0958"),
    ("GB", "20 7946 0958", "+44 20 7946 0958"),
])
def test_a_number_of_the_shops_region_written_in_groups_stays_one_of_the_region(
        run_cli, tmp_path, region, exported, shown):
    """Read with a plus, "20 7946 0958" would be a number in Egypt."""
    run_cli("settings", "phone_region", region)
    path = tmp_path / "calls.csv"
    path.write_text(f"Time,Number,Direction\n2026-03-02 09:15,{exported},in\n",
                    encoding="utf-8")

    assert run_cli("import", str(path))[0] == 0
    assert run_cli("customer", "show", shown)[0] == 0
