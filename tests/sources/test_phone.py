"""Phone calls: reading what people and provider exports write, and storing calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inbox_app.replies import reply
from inbox_app.sources import phone
from inbox_app.sources.call_log import CallLogError, import_call_csv, read_call_log
from inbox_app.sources.phone import (
    Call,
    CallError,
    call_message,
    parse_call_time,
    parse_direction,
    parse_duration,
)

CALLS = Path(__file__).resolve().parent.parent / "fixtures" / "calls"


@pytest.mark.parametrize("text, seconds", [
    ("125", 125), ("125.4", 125), ("2:05", 125), ("0:02:05", 125), ("1:02:05", 3725),
    ("2m 5s", 125), ("3 min", 180), ("1h 2m", 3720), ("45s", 45), ("1,5 min", 90), ("", None),
    ("00:00:38.000", 38),
])
def test_durations_as_people_and_exports_write_them(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "2 parsecs", "-5", "1:2", "72h"])
def test_unreadable_durations_say_so(text):
    with pytest.raises(CallError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize("text, order, iso", [
    ("2026-03-02 09:15:07", "dmy", "2026-03-02T09:15:07"),
    ("2026-03-02T09:15:07Z", "dmy", "2026-03-02T09:15:07"),
    ("2026-03-02 09:15:07 UTC", "dmy", "2026-03-02T09:15:07"),
    ("2026-03-02T10:15:07+01:00", "dmy", "2026-03-02T09:15:07"),
    ("Mon, 02 Mar 2026 09:15:07 +0000", "dmy", "2026-03-02T09:15:07"),
    ("Wed 03/04/2026 9:15 AM", "mdy", "2026-03-04T09:15:00"),
    ("03/04/2026 9:15 PM", "dmy", "2026-04-03T21:15:00"),
    ("13/03/2026 10:05", "mdy", "2026-03-13T10:05:00"),  # a 13th month cannot be: day first
    ("06.03.2026 14:20", "dmy", "2026-03-06T14:20:00"),
    ("Mar 2, 2026 12:05 AM", "dmy", "2026-03-02T00:05:00"),
    ("2 March 2026 14:20", "dmy", "2026-03-02T14:20:00"),
    ("2026-03-02", "dmy", "2026-03-02T00:00:00"),
])
def test_call_times_from_exports(text, order, iso):
    from datetime import datetime

    expected = int(datetime.fromisoformat(iso + "+00:00").timestamp())  # TZ=UTC in tests
    assert parse_call_time(text, order) == expected


@pytest.mark.parametrize("text, message", [
    ("", "the time is missing"),
    ("yesterday-ish", "cannot be read"),
    ("31/02/2026 10:00", "is not a real date"),
    ("03/05/2026 25:10 PM", "impossible hour"),
])
def test_bad_call_times_say_why(text, message):
    with pytest.raises(CallError, match=message):
        parse_call_time(text, "dmy")


def test_directions_and_the_status_a_direction_word_carries():
    assert parse_direction("Inbound") == ("in", None)
    assert parse_direction("outbound-api") == ("out", None)
    assert parse_direction("Missed") == ("in", "missed")
    assert parse_direction("Ausgehend") == ("out", None)
    with pytest.raises(CallError, match="not in or out"):
        parse_direction("sideways")


def test_a_call_is_a_phone_message_threaded_by_number(store):
    store.set_setting("phone_region", "US")
    taken = call_message(Call("(207) 555-0142", 1_772_500_000, "in", 125, "Ann Lee",
                              "Asked about wholesale"), region="US")
    back = call_message(Call("+1 207-555-0142", 1_772_503_600, "out", 60), region="US",
                        staff="Maya")
    assert taken.external_id == "call:+12075550142:1772500000:in"
    assert taken.thread == back.thread == "phone:+12075550142"
    assert taken.text == "Asked about wholesale" and taken.title == "Incoming call, 2 min 5 s"
    assert back.text == "Outgoing call, 1 min" and back.staff == "Maya"
    store.add_staff("Maya")
    result = store.save_messages([taken, back])
    assert result.imported == 2 and len(result.conversation_ids) == 1
    (conversation,) = store._rows("SELECT * FROM conversations")
    assert conversation["awaiting_since"] is None  # the call-back answered the call
    customer = store.find_customer("207.555.0142")
    assert customer.name == "Ann Lee" and customer.messages == 1
    assert store.save_messages([taken]).duplicates == 1


def test_a_reply_in_a_phone_conversation_is_a_call_back_note_marked_sent(store):
    store.add_staff("Maya")
    store.save_messages([call_message(Call("+12075550142", 1_772_500_000, "in", 30),
                                      region="US")])
    conversation_id = store._scalar("SELECT id FROM conversations")
    result = reply(store, conversation_id, "Called back: order ships Friday.", "Maya")
    assert result.delivery == "sent"
    note = store.get_message(result.message_id)
    assert note.kind == "phone" and note.direction == "out" and note.staff == "Maya"
    assert note.meta["call_note"] is True


def imported(store, path, **kwargs):
    errors = []
    summary = import_call_csv(store, path, on_error=errors.append, **kwargs)
    rows = store._rows("SELECT * FROM messages ORDER BY at, id")
    return summary, [str(error) for error in errors], rows


def test_a_twilio_export_imports_with_from_and_to_by_direction(store):
    store.set_setting("phone_region", "US")
    summary, errors, rows = imported(store, CALLS / "twilio_call_log.csv")
    assert summary.line() == "imported 4, duplicates 0, errors 0"  # a withheld caller: left out
    assert errors == ["row 6: left out, the caller's number was withheld ('anonymous'), so"
                      " there is no customer to keep the call with"]
    assert [(r["direction"], json.loads(r["meta"])["call"]["number"], r["title"]) for r in rows] == [
        ("in", "+12075550142", "Incoming call, 2 min 5 s"),
        ("in", "+14155550199", "Missed call"),
        ("out", "+12075550142", "Outgoing call, 4 min 10 s"),  # the customer is "To"
        ("in", "+447700900123", "Incoming call, 50 s"),
    ]
    assert json.loads(rows[0]["meta"])["call"]["provider_id"] == \
        "CA5f8e2b1c9d0a4e7f8b6c3d2e1f0a9b8c"
    assert rows[0]["at"] == 1772442907  # Mon, 02 Mar 2026 09:15:07 +0000 (the start time)
    assert rows[0]["conversation_id"] == rows[2]["conversation_id"]
    again, errors, _ = imported(store, CALLS / "twilio_call_log.csv")
    assert again.line() == "imported 0, duplicates 4, errors 0"


def test_a_ringcentral_export_joins_date_and_time_columns(store):
    store.set_setting("phone_region", "US")
    summary, errors, rows = imported(store, CALLS / "ringcentral_call_log.csv")
    assert summary.line() == "imported 4, duplicates 0, errors 1"
    assert errors == ["row 6: the time 'Thu 03/05/2026 25:10 PM' has an impossible hour"]
    first = rows[0]
    assert first["at"] == 1772615700  # 2026-03-04 09:15 (US month/day order)
    assert first["title"] == "Incoming call, 3 min 12 s" and first["author_name"] == "Ann Lee"
    assert [json.loads(r["meta"])["call"]["status"] for r in rows] == [
        "answered", "missed", "answered", "voicemail"]
    assert rows[3]["title"] == "Voicemail left"


def test_an_aircall_export_takes_the_external_number_and_comments(store):
    summary, errors, rows = imported(store, CALLS / "aircall_calls.csv")
    assert summary.line() == "imported 3, duplicates 0, errors 1"
    assert errors == ["row 5: the time 'not a date' cannot be read (try 2026-03-02 09:30)"]
    assert rows[0]["text"].startswith("Ann wants 10 kg of the house blend")
    assert json.loads(rows[0]["meta"])["call"]["number"] == "+12075550142"  # not the shop line
    assert json.loads(rows[1]["meta"])["call"]["status"] == "missed"
    assert rows[1]["conversation_id"] == rows[2]["conversation_id"]


def test_a_spreadsheet_in_day_month_order_with_loose_durations(store):
    store.set_setting("phone_region", "GB")
    summary, errors, rows = imported(store, CALLS / "spreadsheet_calls.csv")
    assert (summary.line(), errors) == ("imported 3, duplicates 0, errors 0", [])
    assert [json.loads(r["meta"])["call"]["duration"] for r in rows] == [120, 45, None]
    assert rows[0]["at"] == 1773396300  # 13 March 2026 10:05
    assert rows[2]["text"] == "Incoming call"
    customer = store.find_customer("+44 7700 900456")
    assert customer.name == "Priya Shah"


def test_a_german_spreadsheet_imports_as_it_is_and_maps_still_override(store, tmp_path):
    """Its German header (Datum, Anrufer, Telefon, Richtung, Dauer, Notizen) was refused
    whole ("has no time column") until every column was named with --map."""
    store.set_setting("phone_region", "DE")
    path = CALLS / "spreadsheet_calls_de.csv"
    assert read_call_log(path.read_bytes(), str(path)).columns == {
        "time": [0], "name": [1], "number": [2], "direction": [3], "duration": [4],
        "notes": [5]}
    summary, errors, rows = imported(store, path)
    assert (summary.line(), errors) == ("imported 2, duplicates 0, errors 0", [])
    assert rows[0]["author_name"] == "Jörg Müller"  # cp1252, as Excel saves it
    assert rows[0]["text"] == "Fragt nach Bohnen für Siebträger"
    assert json.loads(rows[0]["meta"])["call"]["number"] == "+49301234567"
    assert json.loads(rows[0]["meta"])["call"]["duration"] == 270
    assert rows[1]["direction"] == "out"
    mapped = tmp_path / "anrufe.csv"  # a map still works, and wins over the header
    mapped.write_bytes(path.read_bytes().replace(b"Datum;", b"Wann;"))
    with pytest.raises(CallLogError, match="has no time column; name it with --map time=COLUMN"):
        imported(store, mapped)
    assert read_call_log(mapped.read_bytes(), str(mapped), ["time=Wann", "notes="]).columns == {
        "time": [0], "name": [1], "number": [2], "direction": [3], "duration": [4]}


def test_a_file_without_a_header_uses_the_documented_column_order(store):
    summary, errors, rows = imported(store, CALLS / "headerless_calls.csv")
    assert (summary.line(), errors) == ("imported 2, duplicates 0, errors 0", [])
    assert [r["direction"] for r in rows] == ["in", "out"]
    assert rows[0]["text"] == "Order arrived damaged"


def test_columns_can_be_named_by_number_and_joined(store, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("2026-03-09,10:00,+1 207 555 0142,in\n2026-03-09,11:00,+1 207 555 0142,out\n")
    summary, errors, rows = imported(store, path, mapping=["time=1+2", "number=3",
                                                           "direction=4"])
    assert (summary.line(), errors) == ("imported 2, duplicates 0, errors 0", [])
    assert rows[0]["at"] == 1773050400


@pytest.mark.parametrize("content, mapping, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (), "it is not a CSV file (it holds binary data)"),
    (b"", (), "it has no rows"),
    (b"When,Who\n2026-03-01,Ann\n", (), "has no column for the phone number"),
    (b"time,number,direction\n", ["colour=time"], "--map 'colour=time' is not FIELD=COLUMN"),
    (b"time,number,direction\n", ["number=Phone"],
     "has no column 'Phone' (its columns are 'time', 'number', 'direction')"),
])
def test_a_file_that_is_no_call_log_is_refused_whole(content, mapping, message, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_bytes(content)
    with pytest.raises(CallLogError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_call_log(content, str(path), mapping)


def test_phone_lines_are_accounts_that_are_never_polled(store):
    from inbox_app.sources.poller import poll_once, pollable

    account = store.add_account("Shop line", "phone", {"number": "+1 207 555 0100"})
    assert not pollable(account)
    assert poll_once(store) == []
    assert phone.NEEDS_SECRET is False


def test_when_a_call_logged_by_hand_happened():
    from inbox_app.core.timeutil import TimeError
    from inbox_app.sources.call_logging import logged_time

    now = 1_772_617_200  # 2026-03-04 09:40 UTC (TZ=UTC in tests)
    assert logged_time(None, now) == logged_time("now", now) == now
    assert logged_time("-20m", now) == now - 1200
    assert logged_time("-2h", now) == now - 7200
    assert logged_time("09:30", now) == now - 600
    assert logged_time("20 min ago", now) == logged_time("20 minutes ago", now) == now - 1200
    assert logged_time("1 day ago", now) == now - 86400
    # A time of day is the last time the clock said so: today's, or yesterday's
    assert logged_time("9am", now) == logged_time("at 9:00", now) == now - 2400
    assert logged_time("3pm", now) == now - 67200  # 15:00 yesterday
    assert logged_time("at 23:59", now) == now - 34860  # 9 h 41 min before 09:40
    assert logged_time("2026-03-02T09:30:00Z", now) == 1772443800
    assert logged_time("02.03.2026 09:30", now) == logged_time("2.3.26 9:30", now) == 1772443800
    with pytest.raises(TimeError, match="in the future"):
        logged_time("+3h", now)
    with pytest.raises(TimeError, match="not a time of day"):
        logged_time("25:00", now)
    with pytest.raises(TimeError):
        logged_time("-20m ago", now)
