"""A call log's times as a spreadsheet leaves them: a date column formatted as a number
saves Excel's serial day (`46083.385498`, days since 30 December 1899, in local time).
Such a file was refused row by row ("the time '46083.385498' cannot be read")."""

from __future__ import annotations

from datetime import datetime

import pytest

from inbox_app.sources.phone import CallError, parse_call_time


@pytest.mark.parametrize(("serial", "local"), [
    ("46083.385498", "2026-03-02T09:15:07"),
    ("46083,385498", "2026-03-02T09:15:07"),  # as a German Excel saves it
    ("46111.5", "2026-03-30T12:00:00"),        # after the clocks went forward
    ("46083", "2026-03-02T00:00:00"),
])
def test_an_excel_serial_day_is_local_time(local_zone, serial, local):
    local_zone("America/New_York")
    assert parse_call_time(serial, "mdy") == int(datetime.fromisoformat(local).timestamp())


def test_an_excel_serial_day_under_a_utc_header_is_utc():
    assert parse_call_time("46083.5", "dmy", utc=True) == int(
        datetime.fromisoformat("2026-03-02T12:00:00+00:00").timestamp())


@pytest.mark.parametrize("text", ["123.5", "99999.5", "4608"])
def test_other_plain_numbers_are_still_no_time(text):
    with pytest.raises(CallError, match="cannot be read"):
        parse_call_time(text, "dmy")


def test_a_call_log_saved_by_excel_with_serial_days_imports(run_cli, tmp_path, local_zone):
    local_zone("Europe/Berlin")
    path = tmp_path / "anrufe.csv"
    path.write_text("Time;Number;Direction;Duration\n"
                    "46083,385498;+49 30 1234567;in;60\n", encoding="cp1252")
    code, out, err = run_cli("import", str(path))
    assert (code, out.strip(), err) == (0, "imported 1, duplicates 0, errors 0", "")
    code, out, _ = run_cli("queue", "--json")
    assert '"last_at": "2026-03-02T08:15:07Z"' in out  # 09:15:07 in Berlin
