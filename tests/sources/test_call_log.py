"""Call-log CSV files: the delimiter, dotted dates and numbers as `call log` stores them."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from inbox_app.core.identity import normalize_phone
from inbox_app.sources.call_log import import_call_csv

GERMAN = ["time=Datum", "number=Telefon", "direction=Richtung", "notes=Notizen"]


def at(iso: str) -> int:
    return int(datetime.fromisoformat(iso + "+00:00").timestamp())  # TZ=UTC in tests


def calls(store, path, **kwargs):
    errors = []
    summary = import_call_csv(store, path, on_error=errors.append, **kwargs)
    assert errors == []
    return summary, store._rows("SELECT * FROM messages ORDER BY at, id")


@pytest.mark.parametrize("region", ["US", "DE"])
def test_a_semicolon_call_log_whose_notes_hold_a_comma_and_quotes(store, tmp_path, region):
    store.set_setting("phone_region", region)
    path = tmp_path / "anrufe5.csv"
    path.write_text('Datum;Telefon;Richtung;Notizen\n'
                    '02.03.2026 10:15;0151 2345670;in;Möchte Preisliste, "bitte"\n'
                    '02.03.2026 10:16;0151 2345671;in;ok\n', encoding="utf-8")
    summary, rows = calls(store, path, mapping=GERMAN)
    assert summary.line() == "imported 2, duplicates 0, errors 0"
    assert [(r["at"], r["text"]) for r in rows] == [
        (at("2026-03-02T10:15:00"), 'Möchte Preisliste, "bitte"'),
        (at("2026-03-02T10:16:00"), "ok")]


@pytest.mark.parametrize("region", ["US", "DE"])
def test_dotted_dates_are_day_first_in_every_region(store, tmp_path, region):
    """02.03.2026 is 2 March wherever it is written; only 03/02/2026 is the region's."""
    store.set_setting("phone_region", region)
    path = tmp_path / "anrufe.csv"
    path.write_text("Datum;Telefon;Richtung\n02.03.2026 10:15;0151 2345670;in\n"
                    "2.3.26 10:16;0151 2345671;in\n", encoding="utf-8")
    _, rows = calls(store, path, mapping=GERMAN[:3])
    assert [r["at"] for r in rows] == [at("2026-03-02T10:15:00"), at("2026-03-02T10:16:00")]


@pytest.mark.parametrize("region, iso", [("US", "2026-03-04T09:15:00"),
                                         ("GB", "2026-04-03T09:15:00")])
def test_slashed_dates_are_read_in_the_regions_order(store, tmp_path, region, iso):
    store.set_setting("phone_region", region)
    path = tmp_path / "calls.csv"
    path.write_text("time,number,direction\n03/04/2026 09:15,+1 207 555 0142,in\n")
    _, rows = calls(store, path)
    assert [r["at"] for r in rows] == [at(iso)]


def test_dotted_dates_follow_what_the_file_shows_or_a_person_says(store, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("time,number,direction\n03.13.2026 09:15,+1 207 555 0142,in\n"
                    "03.04.2026 09:15,+1 207 555 0142,in\n")
    _, rows = calls(store, path)  # month 13 cannot be: this file is month-first
    assert [r["at"] for r in rows] == [at("2026-03-04T09:15:00"), at("2026-03-13T09:15:00")]
    path.write_text("time,number,direction\n03.04.2026 10:15,+1 207 555 0142,in\n")
    _, rows = calls(store, path, order="mdy")
    assert at("2026-03-04T10:15:00") in [r["at"] for r in rows]


@pytest.mark.parametrize("region", ["US", "DE"])
def test_imported_numbers_are_stored_as_call_log_stores_them(run_cli, db_path, tmp_path,
                                                             region):
    """A call in the file and the call-back logged by hand are one conversation, however
    the number is written; a spreadsheet's leading ' is dropped, as from customer lists."""
    from inbox_app.store import open_store

    run_cli("settings", "phone_region", region)
    path = tmp_path / "calls.csv"
    path.write_text("time,number,direction\n2026-03-02 10:15,0151 2345678,in\n"
                    "2026-03-02 10:16,'+1 207 555 0142,in\n2026-03-02 10:17,'+123,in\n")
    code, out, err = run_cli("import", str(path))
    assert (code, out, err) == (0, "imported 3, duplicates 0, errors 0\n", "")
    logged = ["0151-2345678", "+1 (207) 555-0142", "+123"]
    for number in logged:
        assert run_cli("call", "log", "--phone", number, "--direction", "out")[0] == 0
    store = open_store(db_path)
    try:
        rows = store._rows("SELECT conversation_id, direction, meta FROM messages")
    finally:
        store.close()
    by_conversation: dict[int, set[str]] = {}
    for row in rows:
        by_conversation.setdefault(row["conversation_id"], set()).add(
            json.loads(row["meta"])["call"]["number"])
    assert sorted(by_conversation.values()) == sorted(
        {normalize_phone(number, region)} for number in logged)
    assert len(rows) == 6
