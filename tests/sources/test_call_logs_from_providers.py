"""Call logs as phone systems export them, imported through the command line: numbers,
directions, missed calls, durations, names and times as each product writes them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES
from tests.sources.call_logs import utc

CALLS = FIXTURES / "calls"


@pytest.fixture
def new_york(local_zone):
    """Local time is America/New_York for this test (EST until 8 March 2026)."""
    local_zone("America/New_York")


def stored_calls(db: str) -> list[tuple]:
    """(time, direction, status, seconds, number, name, provider id) of each call."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT at, direction, author_name, meta FROM messages ORDER BY at, id").fetchall()
    calls = []
    for at, direction, name, meta in rows:
        call = json.loads(meta)["call"]
        calls.append((at, direction, call["status"], call["duration"], call["number"], name,
                      call.get("provider_id")))
    return calls


@pytest.mark.parametrize("export", ["fritzbox_anrufliste.csv", "fritzbox_call_list_en.csv"])
def test_a_fritzbox_call_list_imports_as_it_is(cli, export):
    """FRITZ!Box writes `sep=;`, a type code (1 in, 2 missed, 3 out, 10 rejected) and
    durations in hours and minutes ("0:04" is four minutes); it was refused (no time
    column) in German and every row failed ("the direction '1'…") in English."""
    assert cli("settings", "phone_region", "DE")[0] == 0
    code, out, err = cli("import", str(CALLS / export))
    assert (code, err) == (0, "")
    german = export == "fritzbox_anrufliste.csv"
    assert out.strip() == f"imported {4 if german else 3}, duplicates 0, errors 0"
    expected = [
        (utc("2026-03-06T14:20:00"), "in", "answered", 240, "+49301234567",
         "Jürg Müller" if german else "Jorg Muller", None),
        (utc("2026-03-06T15:02:00"), "in", "missed", 0, "+491709876543", "", None),
        (utc("2026-03-07T09:05:00"), "out", "answered", 72 * 60, "+49891234567",
         "Café Sonne" if german else "", None),
    ]
    if german:
        expected.append((utc("2026-03-07T10:00:00"), "in", "missed", 0, "+491805123456", "",
                         None))
    assert stored_calls(cli.db) == expected
    assert cli("import", str(CALLS / export))[1].startswith("imported 0, duplicates")


def test_zoom_phone_caller_and_callee_columns_are_from_and_to(cli):
    """Zoom writes Caller Number/Name and Callee Number/Name: on an outgoing call the
    customer is the callee (the shop's own number and the staff member's name were
    stored as the customer's)."""
    code, out, err = cli("import", str(CALLS / "zoom_phone_call_logs.csv"))
    assert (code, err) == (0, "")
    assert stored_calls(cli.db) == [
        (utc("2026-03-02T09:15:07"), "in", "answered", 125, "+12075550142", "ANN LEE",
         "7213456789012345678"),
        (utc("2026-03-02T10:02:31"), "out", "answered", 70, "+12075550142", "Ann Lee",
         "7213456789012345679"),
        (utc("2026-03-02T11:40:03"), "in", "missed", 0, "+14155550199", "WIRELESS CALLER",
         "7213456789012345680"),
        (utc("2026-03-02T12:00:00"), "in", "voicemail", 31, "+14155550188", "",
         "7213456789012345681"),
    ]


def test_a_3cx_call_log_reads_its_talking_time_and_named_parties(cli):
    """3CX writes the talk time as `Talking` and a party as "Ann Lee (+12075550142)";
    an internal call between extensions is left out with that reason. It was counted as
    a failed row, so a nightly import of a 3CX export exited 1 every night."""
    code, out, err = cli("import", str(CALLS / "threecx_call_logs.csv"))
    assert code == 0
    assert out.strip() == "imported 3, duplicates 0, errors 0"
    assert err == (f"{CALLS / 'threecx_call_logs.csv'}: row 5: left out, 'Internal' is a"
                   " call between the shop's own extensions, not with a customer\n")
    assert stored_calls(cli.db) == [
        (utc("2026-03-02T09:15:07"), "in", "answered", 125, "+12075550142", "Ann Lee", None),
        (utc("2026-03-02T10:02:31"), "out", "answered", 70, "+12075550142", "", None),
        (utc("2026-03-02T11:40:03"), "in", "missed", 0, "+14155550199", "", None),
    ]


def test_an_android_call_log_with_rejected_calls(cli):
    """Phone backup apps write the call type as INCOMING, OUTGOING, MISSED, REJECTED,
    VOICEMAIL; REJECTED was an unreadable direction."""
    code, out, err = cli("import", str(CALLS / "android_call_log_backup.csv"))
    assert (code, err) == (0, "")
    assert [(c[1], c[2], c[4]) for c in stored_calls(cli.db)] == [
        ("in", "answered", "+12075550142"), ("in", "missed", "+14155550199"),
        ("out", "answered", "+12075550142"), ("in", "missed", "+14155550177"),
        ("in", "voicemail", "+14155550166")]


def test_times_under_a_utc_header_are_utc_wherever_the_shop_is(cli, new_york):
    """"Date/Time Start (UTC)" was not found, and named with --map its times were read
    as New York's: five hours late."""
    code, out, err = cli("import", str(CALLS / "vonage_calls_utc.csv"))
    assert (code, err) == (0, "")
    assert stored_calls(cli.db) == [
        (utc("2026-03-02T09:15:07"), "in", "answered", 125, "+12075550142", "",
         "aaaaaaaa-bbbb-cccc-dddd-000000000001"),
        (utc("2026-03-02T10:02:31"), "out", "answered", 70, "+12075550142", "",
         "aaaaaaaa-bbbb-cccc-dddd-000000000002"),
        (utc("2026-03-02T11:40:03"), "in", "missed", 0, "+14155550199", "",
         "aaaaaaaa-bbbb-cccc-dddd-000000000003"),
    ]
    again = cli("import", str(CALLS / "vonage_calls_utc.csv"), "--map",
                "time=Date/Time Start (UTC)")
    assert again[1].strip() == "imported 0, duplicates 3, errors 0"


def test_times_without_a_zone_stay_local(cli, new_york):
    code, _, err = cli("import", str(CALLS / "zoom_phone_call_logs.csv"))
    assert (code, err) == (0, "")
    assert stored_calls(cli.db)[0][0] == utc("2026-03-02T14:15:07")  # 9:15 EST


def test_a_phone_apps_export_with_unix_times_and_dashes_for_no_duration(cli):
    """Call-log backup apps write the time as Unix milliseconds and "-" for a missed
    call's length; both made the row unreadable."""
    code, out, err = cli("import", str(CALLS / "android_call_log_epoch.csv"))
    assert (code, err) == (0, "")
    assert stored_calls(cli.db) == [
        (utc("2026-03-02T09:15:07"), "in", "answered", 125, "+12075550142", "Ann Lee", None),
        (utc("2026-03-02T11:20:03"), "in", "missed", None, "+14155550199", "", None),
        (utc("2026-03-02T12:00:00"), "out", "answered", 70, "+12075550142", "Ann Lee", None),
    ]


@pytest.mark.parametrize("text, iso", [("02-Mar-2026 09:15", "2026-03-02T09:15:00"),
                                       ("1772442907", "2026-03-02T09:15:07")])
def test_more_ways_exports_write_a_call_time(text, iso):
    from inbox_app.sources.phone import parse_call_time

    assert parse_call_time(text, "mdy") == utc(iso)


def test_a_twilio_calls_forwarded_leg_is_not_a_call_to_the_staff_phone(cli):
    """A call forwarded to a staff member's mobile has a child leg (Parent Call Sid,
    outbound-dial, To: the mobile); it was stored as an outgoing call to a new
    'customer', the staff member's own phone."""
    path = str(CALLS / "twilio_forwarded_calls.csv")
    code, out, err = cli("import", path)
    assert (code, out, err) == (0, "imported 2, duplicates 1, errors 0\n", "")
    assert [(c[1], c[4], c[6]) for c in stored_calls(cli.db)] == [
        ("in", "+12075550142", "CA5f8e2b1c9d0a4e7f8b6c3d2e1f0a9b01"),
        ("out", "+12075550142", "CA1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d03")]
    assert cli("import", path)[1] == "imported 0, duplicates 3, errors 0\n"


def test_a_customer_list_given_to_import_says_where_it_belongs(cli):
    path = FIXTURES / "customers" / "shopify.csv"
    code, out, err = cli("import", str(path))
    assert (code, out) == (2, "")
    assert err == (f"inbox-app: {path} has no time column and looks like a customer list"
                   " (those import with `inbox-app customer import`); if it is a call log,"
                   " name it with --map time=COLUMN.\n")


def test_calls_from_withheld_numbers_are_left_out_not_failed_nor_one_customer(cli, tmp_path):
    """'Anonymous' was "not a phone number" (a failed row, exit 1 every night), and
    Twilio's +266696687 (ANONYMOUS on a keypad) made every withheld caller one customer."""
    path = tmp_path / "withheld.csv"
    path.write_text("Date,Number,Direction\n"
                    "2026-03-02 09:00,Anonymous,Inbound\n"
                    "2026-03-02 10:00,+266696687,Inbound\n"
                    "2026-03-02 11:00,Rufnummer unterdrückt,Inbound\n"
                    "2026-03-02 12:00,(207) 555-0142,Inbound\n", encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert (code, out) == (0, "imported 1, duplicates 0, errors 0\n")
    assert err.count("left out, the caller's number was withheld") == 3
    assert [call[4] for call in stored_calls(cli.db)] == ["+12075550142"]
