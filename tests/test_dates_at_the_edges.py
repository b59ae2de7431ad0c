"""Times at the edges of the calendar: refused where typed, never able to break a listing."""

from __future__ import annotations

import json

import pytest

from inbox_app.core.timeutil import TimeError, parse_iso
from tests.store.helpers import msg


@pytest.mark.parametrize("typed", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59-12:00",
                                   "1969-12-31T00:00:00Z", "2100-01-01T00:00:00Z"])
def test_a_time_outside_1970_to_2099_is_one_sentence(typed):
    with pytest.raises(TimeError, match="outside the years 1970 to 2099"):
        parse_iso(typed)


def test_an_import_line_at_the_edge_of_time_is_refused_and_the_rest_lists(run_cli, tmp_path):
    source = tmp_path / "edges.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in [
        {"kind": "email", "id": "old", "text": "ancient", "at": "0001-01-01T00:00:00Z",
         "email": "old@example.com"},
        {"kind": "email", "id": "far", "text": "far", "at": "9999-12-31T23:59:59-12:00",
         "email": "far@example.com"},
        {"kind": "email", "id": "ok", "text": "fine", "at": "2026-03-01T10:00:00Z",
         "email": "ok@example.com"},
    ]) + "\n")
    code, out, err = run_cli("import", str(source))
    assert (code, out.strip()) == (1, "imported 1, duplicates 0, errors 2")
    assert "line 1: '0001-01-01T00:00:00Z' is outside the years 1970 to 2099" in err
    assert "line 2:" in err
    for command in (["queue", "--filter", "all"], ["queue", "--json"],
                    ["export", "conversations", "--out", str(tmp_path / "c.csv")],
                    ["export", "customers", "--out", str(tmp_path / "u.csv")]):
        assert run_cli(*command)[0] == 0, command


def test_a_channels_date_no_calendar_shows_is_stored_as_its_arrival(store):
    store.save_messages([msg("year-1", at=-62_135_596_800, email="a@x.org"),
                         msg("year-9999", at=253_402_300_799 + 86_400, email="b@x.org")])
    stamps = [row["at"] for row in store._rows("SELECT at FROM messages")]
    created = [row["created_at"] for row in store._rows("SELECT created_at FROM messages")]
    assert stamps == created


@pytest.mark.parametrize("period", [["--month", "9999-12"], ["--month", "2100-01"],
                                    ["--from", "2026-11-01", "--to", "9999-12-31"]])
def test_a_report_beyond_2099_is_one_sentence(run_cli, period):
    code, out, err = run_cli("report", *period)
    assert code == 2 and out == "" and "too far ahead" in err
