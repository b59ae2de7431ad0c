"""Dialpad's call records, imported as Dialpad exports them: the customer is the external
number, `name` is the Dialpad user (the staff member), talk time is in minutes, the
categories say missed, voicemail or cancelled, and the times are UTC."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from inbox_app.sources.call_log import parse_call_log, read_call_log
from inbox_app.sources.call_log_dialpad import dialpad_status
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "calls" / "dialpad_calls_records.csv"
HEADER = ("call_id,date_started,date_connected,direction,external_number,internal_number,"
          "target_type,name,categories,talk_duration,timezone\n")


def utc(iso: str) -> int:
    return int(datetime.fromisoformat(iso + "+00:00").timestamp())


def stored_calls(db: str) -> list[tuple]:
    """(time, direction, status, seconds, number, customer's name, staff, taken by, call id)."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT at, direction, author_name, staff, meta FROM messages ORDER BY at, id"
        ).fetchall()
    calls = []
    for at, direction, name, staff, meta in rows:
        meta = json.loads(meta)
        call = meta["call"]
        calls.append((at, direction, call["status"], call["duration"], call["number"], name,
                      staff, meta.get("taken_by"), call.get("provider_id")))
    return calls


def test_a_dialpad_export_is_read_as_dialpad_writes_it(run_cli, db_path, local_zone):
    """It was refused as "a customer list" (no time column: `date_started`); named with
    --map, the staff member in `name` became the customer's name, 2.08 minutes became 2
    seconds, "inbound,missed" was stored as the status and the operator's leg of a call
    through a department was a second call. The shop is in New York: Dialpad's times are
    UTC all the same."""
    local_zone("America/New_York")
    code, out, err = run_cli("import", str(EXPORT))
    assert code == 1  # the row without an external number is reported, the rest imported
    assert out == "imported 6, duplicates 1, errors 1\n"
    assert err == f"{EXPORT}: row 6: the phone number is missing\n"
    assert stored_calls(db_path) == [
        (utc("2026-03-02T14:15:07"), "in", "answered", 125, "+12075550142", "", None,
         "Maya Ortiz", "5123456789012480"),
        (utc("2026-03-02T15:02:31"), "out", "answered", 70, "+12075550142", "", "Maya Ortiz",
         None, "5123456789012481"),
        (utc("2026-03-02T16:40:03"), "in", "missed", 0, "+14155550199", "", None, None,
         "5123456789012482"),
        (utc("2026-03-02T17:00:00"), "in", "voicemail", 0, "+14155550188", "", None, None,
         "5123456789012483"),
        # through the Main Line department; Priya's operator leg is this call, taken by her
        (utc("2026-03-02T18:05:44"), "in", "answered", 192, "+12075550177", "", None,
         "Priya Shah", "5123456789012485"),
        (utc("2026-03-02T19:12:09"), "out", "missed", 0, "+12075550166", "", "Priya Shah",
         None, "5123456789012487"),
    ]
    customers = {"+12075550142", "+14155550199", "+14155550188", "+12075550177",
                 "+12075550166"}  # known by their numbers: no staff, department or own line
    with sqlite3.connect(db_path) as connection:
        assert {name for (name,) in connection.execute("SELECT name FROM customers")} == \
            customers
        assert {value for (value,) in connection.execute("SELECT value FROM identities")} == \
            customers

    again = run_cli("import", str(EXPORT))
    assert again[:2] == (1, "imported 0, duplicates 7, errors 1\n")
    assert len(stored_calls(db_path)) == 6


def test_a_dialpad_row_in_its_own_time_zone(tmp_path):
    """A `timezone` column names the zone a row's times are written in; without one (or
    with UTC) they are UTC. A zone that does not exist is the row's error, not a guess."""
    path = tmp_path / "dialpad.csv"
    path.write_text(
        HEADER
        + "1,2026-03-02 09:15:07,2026-03-02 09:15:12,inbound,+12075550142,+12075550100,"
          "user,Maya Ortiz,answered,0.5,America/New_York\n"
        + "2,2026-07-02 09:15:07,2026-07-02 09:15:12,inbound,+12075550142,+12075550100,"
          "user,Maya Ortiz,answered,0.5,America/New_York\n"
        + "3,2026-03-02 09:15:07,,inbound,+12075550142,+12075550100,user,Maya Ortiz,missed,"
          "0,UTC\n"
        + "4,2026-03-02 10:00:00,,outbound,+12075550142,+12075550100,user,Maya Ortiz,"
          "cancelled,0,Mars/Olympus_Mons\n", encoding="utf-8")
    log = read_call_log(path.read_bytes(), str(path))
    parsed = list(parse_call_log(log, region="US", order=None))
    assert [(p.at, p.meta["call"]["duration"]) for p in parsed[:3]] == [
        (utc("2026-03-02T14:15:07"), 30), (utc("2026-07-02T13:15:07"), 30),
        (utc("2026-03-02T09:15:07"), 0)]
    assert str(parsed[3]) == "row 5: the time zone 'Mars/Olympus_Mons' is not known"


def test_without_categories_a_dialpad_call_connected_or_not(tmp_path):
    """An export without `categories` still tells a missed call by its empty
    `date_connected`; a department is nobody's staff name."""
    path = tmp_path / "dialpad.csv"
    path.write_text(
        "call_id,date_started,date_connected,direction,external_number,internal_number,"
        "target_type,name,talk_duration\n"
        "1,2026-03-02 09:15:07,2026-03-02 09:15:12,inbound,+12075550142,+12075550100,"
        "department,Main Line,1.5\n"
        "2,2026-03-02 09:30:00,,inbound,+12075550142,+12075550100,user,Maya Ortiz,\n",
        encoding="utf-8")
    log = read_call_log(path.read_bytes(), str(path))
    parsed = list(parse_call_log(log, region="US", order=None))
    assert [(p.meta["call"]["status"], p.meta["call"]["duration"], p.meta.get("taken_by"),
             p.author_name) for p in parsed] == [("answered", 90, None, ""),
                                                 ("missed", None, None, "")]


def test_the_import_dialogs_full_mapping_reads_dialpad_the_same(tmp_path):
    """The window passes every field as `--map` items (`name=` for "not in this file"):
    the minutes, the categories and the staff member are still Dialpad's."""
    mapping = ["time=2", "number=8", "direction=7", "duration=19", "name=", "notes=",
               "status=15", "from=", "to=", "id=1"]
    by_cli = list(parse_call_log(read_call_log(EXPORT.read_bytes(), str(EXPORT)),
                                 region="US", order=None))
    mapped = list(parse_call_log(read_call_log(EXPORT.read_bytes(), str(EXPORT), mapping),
                                 region="US", order=None))
    assert [(m.at, m.meta, m.staff) for m in mapped if hasattr(m, "meta")] == [
        (m.at, m.meta, m.staff) for m in by_cli if hasattr(m, "meta")]


@pytest.mark.parametrize("categories, status", [
    ("inbound,answered", "answered"), ("outbound, answered", "answered"),
    ("inbound,missed", "missed"), ("inbound,unanswered", "missed"),
    ("inbound,abandoned", "missed"), ("outbound,cancelled", "missed"),
    ("inbound,missed,voicemail", "voicemail"), ("inbound,answered,missed", "missed"),
    ("inbound", None), ("", None)])
def test_dialpad_categories(categories, status):
    assert dialpad_status(categories) == status
