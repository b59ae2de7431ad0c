"""Call logs as shops get them beyond the usual columns: the zone their times are written
in (a `Time Zone` column, or the time column's header), a missed call in the export's
own language, and the total line a report ends with."""

from __future__ import annotations

import pytest

from tests.sources.call_logs import CALLS, stored_calls, utc


def test_a_time_zone_column_says_where_each_rows_time_was_written(cli, local_zone):
    """The shop is in London; its provider writes each call in the zone of the line that
    took it. The zone column was ignored: a call at 9:15 in Los Angeles was stored at
    9:15 London time, eight hours early."""
    local_zone("Europe/London")
    cli("settings", "phone_region", "US")
    path = CALLS / "calls_with_time_zone_column.csv"
    code, out, err = cli("import", str(path))
    assert (code, out.strip()) == (1, "imported 3, duplicates 0, errors 1")
    assert err == (f"{path}: row 5: the time zone 'Mars/Olympus' is not known (write it as"
                   " America/New_York, UTC-05:00 or UTC)\n")
    assert stored_calls(cli.db) == [
        (utc("2026-03-02T10:00:00"), "out", "answered", 125, "+12075550177", ""),  # local
        (utc("2026-03-02T14:15:00"), "in", "missed", 0, "+14155550199", ""),      # EST
        (utc("2026-03-02T17:15:00"), "in", "answered", 125, "+12075550142", "Ann Lee"),
    ]


def test_a_zone_named_in_the_time_columns_header_is_the_zone_of_its_times(cli, local_zone):
    """`Start Time (America/New_York)` was no time column at all (the import refused the
    file); its times are New York's, summer time from 8 March included."""
    local_zone("Europe/London")
    cli("settings", "phone_region", "US")
    code, out, err = cli("import", str(CALLS / "calls_start_time_in_named_zone.csv"))
    assert (code, out.strip(), err) == (0, "imported 2, duplicates 0, errors 0", "")
    assert [call[:4] for call in stored_calls(cli.db)] == [
        (utc("2026-03-06T14:15:00"), "in", "answered", 125),   # EST, UTC-5
        (utc("2026-03-09T13:15:00"), "out", "answered", 125),  # EDT, UTC-4
    ]


@pytest.mark.parametrize("header", ["Start Time (UTC-05:00)", "Start Time [EST]",
                                    "Call Time (GMT-5)"])
def test_a_zone_as_an_offset_or_an_abbreviation_in_the_header(cli, local_zone, tmp_path,
                                                               header):
    local_zone("Europe/London")
    path = tmp_path / "calls.csv"
    path.write_text(f"{header},Phone Number,Direction,Duration\n"
                    "2026-03-02 09:15:07,+12075550142,inbound,125\n", encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert (code, out.strip(), err) == (0, "imported 1, duplicates 0, errors 0", "")
    assert stored_calls(cli.db)[0][0] == utc("2026-03-02T14:15:07")


def test_a_time_with_its_own_offset_keeps_it_whatever_the_zone_column_says(
        cli, local_zone, tmp_path):
    local_zone("Europe/London")
    path = tmp_path / "calls.csv"
    path.write_text("Start Time,Time Zone,Phone Number,Direction\n"
                    "2026-03-02T09:15:07+01:00,America/New_York,+12075550142,inbound\n",
                    encoding="utf-8")
    assert cli("import", str(path))[0] == 0
    assert stored_calls(cli.db)[0][0] == utc("2026-03-02T08:15:07")


def test_a_german_call_list_says_missed_and_voicemail_in_german(cli, local_zone):
    """`verpasst`, `Anruf in Abwesenheit` and `Anrufbeantworter` were each a failed row
    ("the direction 'verpasst' is not in or out") or a call shown as answered."""
    local_zone("Europe/Berlin")
    cli("settings", "phone_region", "DE")
    path = CALLS / "anrufliste_verpasste_anrufe.csv"
    code, out, err = cli("import", str(path), "--map", "time=Datum+Uhrzeit",
                         "--map", "number=Rufnummer", "--map", "direction=Richtung",
                         "--map", "duration=Dauer")
    assert (code, out.strip(), err) == (0, "imported 4, duplicates 0, errors 0", "")
    assert stored_calls(cli.db) == [
        (utc("2026-03-06T13:20:00"), "in", "answered", 125, "+49301234567", "Jörg Müller"),
        (utc("2026-03-06T14:02:00"), "in", "missed", 0, "+491709876543", ""),
        (utc("2026-03-06T14:30:00"), "in", "missed", None, "+491709876543", ""),
        (utc("2026-03-06T15:00:00"), "in", "voicemail", 31, "+491709876543", ""),
    ]


def test_a_french_call_log_says_missed_and_voicemail_in_french(cli, local_zone):
    local_zone("Europe/Paris")
    cli("settings", "phone_region", "FR")
    path = CALLS / "journal_appels.csv"
    code, out, err = cli("import", str(path), "--map", "time=Date+Heure",
                         "--map", "number=Numéro", "--map", "direction=Sens",
                         "--map", "duration=Durée", "--map", "name=Nom")
    assert (code, out.strip(), err) == (0, "imported 4, duplicates 0, errors 0", "")
    assert [call[1:4] for call in stored_calls(cli.db)] == [
        ("in", "answered", 125), ("out", "answered", 125), ("in", "missed", None),
        ("in", "voicemail", 40)]


def test_a_direction_no_language_has_is_still_refused_as_written(cli, tmp_path):
    """`besetzt` (busy) is an outcome, not a direction: refused, named as written."""
    path = tmp_path / "calls.csv"
    path.write_text("Date,Phone,Direction\n2026-03-02 09:15,+12075550142,besetzt\n",
                    encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert (code, out.strip()) == (1, "imported 0, duplicates 0, errors 1")
    assert err == (f"{path}: row 2: the direction 'besetzt' is not in or out"
                   " (inbound/outbound and incoming/outgoing work too)\n")


def test_the_total_line_a_report_ends_with_is_no_failed_row(cli, local_zone):
    """RingCentral's report ends with its totals; that line was a failed row ("the
    direction is missing") and the import exited 1 as though a call were lost."""
    local_zone("America/New_York")
    cli("settings", "phone_region", "US")
    path = CALLS / "ringcentral_call_log_with_total.csv"
    code, out, err = cli("import", str(path))
    assert (code, out.strip()) == (0, "imported 3, duplicates 0, errors 0")
    assert err == f"{path}: row 5: left out, it is the file's total line, not a call\n"
    code, out, _err = cli("import", str(path))  # the same file again
    assert (code, out.strip()) == (0, "imported 0, duplicates 3, errors 0")
    assert len(stored_calls(cli.db)) == 3


def test_a_call_whose_first_cell_says_total_is_still_a_call(cli, tmp_path):
    """Only a line that is no call is taken for the total: a customer named Total is
    imported, and a broken row that is not a total line still fails."""
    path = tmp_path / "calls.csv"
    path.write_text("Name,Date,Phone,Direction\n"
                    "Total Fitness,2026-03-02 09:15,+12075550142,in\n"
                    "Ann Lee,not a date,+12075550143,in\n", encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert (code, out.strip()) == (1, "imported 1, duplicates 0, errors 1")
    assert err.startswith(f"{path}: row 3: the time 'not a date' cannot be read")
    assert stored_calls(cli.db)[0][5] == "Total Fitness"


@pytest.mark.parametrize("name", ["IST", "AST"])
def test_an_abbreviation_naming_several_zones_is_refused_not_guessed(name):
    """IST is India's, Ireland's and Israel's time, AST the Atlantic's and Arabia's: a guess
    would put an Indian call centre's calls five hours off, without a word."""
    from inbox_app.sources.call_log_cells import named_zone
    from inbox_app.sources.phone import CallError

    with pytest.raises(CallError, match="is not known"):
        named_zone(name)
