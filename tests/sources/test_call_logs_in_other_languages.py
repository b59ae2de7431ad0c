"""Call logs whose header is German, French, Spanish, Italian or Dutch: read as the
English ones are, without --map. Each was refused whole ("has no time column; name it
with --map time=COLUMN"), so a German or French shop had to name every column by hand."""

from __future__ import annotations

import pytest

from inbox_app.core.csv_table import column_name
from inbox_app.sources.call_log import header_columns, read_call_log, shown_date_order
from inbox_app.sources.phone import CallError, parse_duration
from tests.sources.call_logs import CALLS, stored_calls, utc


def test_a_german_phone_systems_export_imports_as_it_is(cli, local_zone):
    """Datum and Uhrzeit joined, Rufnummer, Dauer as `2 Min. 5 Sek.` and `1 Std. 2 Min.`."""
    local_zone("Europe/Berlin")
    cli("settings", "phone_region", "DE")
    path = CALLS / "anrufliste_telefonanlage.csv"
    code, out, err = cli("import", str(path))
    assert (code, out.strip(), err) == (0, "imported 4, duplicates 0, errors 0", "")
    assert stored_calls(cli.db) == [
        (utc("2026-03-06T13:20:00"), "in", "answered", 125, "+49301234567", "Jörg Müller"),
        (utc("2026-03-06T14:02:00"), "in", "missed", 0, "+491709876543", ""),
        (utc("2026-03-07T08:05:00"), "out", "answered", 3720, "+49891234567", "Café Sonne"),
        (utc("2026-03-07T09:00:00"), "in", "voicemail", 31, "+491709876543", ""),
    ]


def test_a_french_export_is_read_day_first_whatever_the_phone_region(cli, local_zone):
    """06/03/2026 in a French export is 6 March: the shop's phone region (never set, so
    US) would have read it as 3 June."""
    local_zone("Europe/Paris")
    cli("settings", "phone_region", "US")
    path = CALLS / "journal_appels_standard.csv"
    code, out, err = cli("import", str(path))
    assert (code, out.strip(), err) == (0, "imported 4, duplicates 0, errors 0", "")
    assert stored_calls(cli.db) == [
        (utc("2026-03-06T13:20:00"), "in", "answered", 125, "+33123456789", "Jean Dupont"),
        (utc("2026-03-07T08:05:00"), "out", "answered", 60, "+33612345678", ""),
        (utc("2026-03-07T09:05:00"), "in", "missed", None, "+33612345678", ""),
        (utc("2026-03-12T09:30:00"), "in", "voicemail", 40, "+33612345678", ""),
    ]


def test_dates_still_go_by_what_a_person_says(cli, local_zone):
    """--dates mdy is followed, though the header is French."""
    local_zone("Europe/Paris")
    path = CALLS / "journal_appels_standard.csv"
    code, out, _ = cli("import", str(path), "--dates", "mdy")
    assert (code, out.strip()) == (0, "imported 4, duplicates 0, errors 0")
    assert stored_calls(cli.db)[0][0] == utc("2026-06-03T12:20:00")  # CEST


def test_a_file_showing_month_first_is_read_so_though_its_header_is_german(tmp_path):
    path = tmp_path / "anrufe.csv"
    path.write_text("Datum;Uhrzeit;Rufnummer;Richtung\n03/13/2026;09:15;+4930123456;eingehend\n"
                    "03/02/2026;10:00;+4930123456;eingehend\n", encoding="utf-8")
    assert shown_date_order(read_call_log(path.read_bytes(), str(path))) == "mdy"


@pytest.mark.parametrize("content, region, expected", [
    # Spanish: Fecha + Hora, Número, Duración with "min" and "seg"
    ("Fecha;Hora;Número;Nombre;Duración;Dirección;Estado\n"
     "06/03/2026;14:20;+34 912 345 678;María García;2 min 5 seg;Entrante;Contestada\n"
     "07/03/2026;09:05;+34 912 345 678;;;Saliente;\n", "US",
     [(utc("2026-03-06T14:20:00"), "in", "answered", 125, "+34912345678", "María García"),
      (utc("2026-03-07T09:05:00"), "out", "answered", None, "+34912345678", "")]),
    # Italian (a provider's detail of calls): data_inizio, durata in seconds, the caller's
    # and the called number, direzione in/out
    ("data_inizio;durata;numero_chiamante;numero_chiamato;direzione\n"
     "2026-03-06 14:20:00;125;+39 06 1234 5678;+39 02 9876 5432;in\n"
     "2026-03-07 09:05:00;60;+39 02 9876 5432;+39 06 1234 5678;out\n", "IT",
     [(utc("2026-03-06T14:20:00"), "in", "answered", 125, "+390612345678", ""),
      (utc("2026-03-07T09:05:00"), "out", "answered", 60, "+390612345678", "")]),
    # Dutch: Datum + Tijd with dashes, Nummer, Naam, Duur, Richting
    ("Datum;Tijd;Nummer;Naam;Duur;Richting;Status\n"
     "06-03-2026;14:20;+31 20 123 4567;Jan de Vries;0:02:05;Inkomend;Beantwoord\n"
     "07-03-2026;09:05;+31 20 123 4567;;2 min 5 sec;Uitgaand;\n", "US",
     [(utc("2026-03-06T14:20:00"), "in", "answered", 125, "+31201234567", "Jan de Vries"),
      (utc("2026-03-07T09:05:00"), "out", "answered", 125, "+31201234567", "")]),
], ids=["es", "it", "nl"])
def test_spanish_italian_and_dutch_headers(cli, tmp_path, content, region, expected):
    cli("settings", "phone_region", region)
    path = tmp_path / "calls.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert (code, out.strip(), err) == (0, f"imported {len(expected)}, duplicates 0, errors 0",
                                        "")
    assert stored_calls(cli.db) == expected


@pytest.mark.parametrize("header, columns", [
    # AVM FRITZ!Box's own list keeps its one Datum column (date and time in it)
    ("Typ;Datum;Name;Rufnummer;Nebenstelle;Eigene Rufnummer;Dauer",
     {"direction": [0], "time": [1], "name": [2], "number": [3], "duration": [6]}),
    # Auerswald's call data list, in German and in French
    ("Datum;Uhrzeit;Dauer;Externer Partner;Externer Name;Gesprächsrichtung",
     {"time": [0, 1], "duration": [2], "number": [3], "name": [4], "direction": [5]}),
    ("Date;Heure;Durée;Numéro externe;Nom externe;Sens",
     {"time": [0, 1], "duration": [2], "number": [3], "name": [4], "direction": [5]}),
    ("Datum/Uhrzeit;Telefonnummer;Anrufer;Anrufart;Gesprächsdauer;Notiz",
     {"time": [0], "number": [1], "name": [2], "direction": [3], "duration": [4],
      "notes": [5]}),
    # a PBX's list of a line's calls: the caller and the called, as Von and An
    ("Datum;Uhrzeit;Richtung;Von;An;Dauer",
     {"time": [0, 1], "direction": [2], "from": [3], "to": [4], "duration": [5]}),
    ("Date et heure;Numéro de téléphone;Type d'appel;Durée (s);Commentaire;Statut",
     {"time": [0], "number": [1], "direction": [2], "duration": [3], "notes": [4],
      "status": [5]}),
])
def test_header_names_in_other_languages_find_their_columns(header, columns):
    assert header_columns(header.split(";")) == columns


def test_an_english_header_beside_a_foreign_one_keeps_its_dates_to_the_region(tmp_path):
    """Only a header in one of those languages says day first: an English one (`Name`,
    `Status`, `Type`, which some German and Dutch exports also write) does not."""
    path = tmp_path / "calls.csv"
    path.write_text("Date,Time,Number,Name,Type,Status\n03/02/2026,09:15,+12075550142,Ann,"
                    "in,answered\n", encoding="utf-8")
    assert shown_date_order(read_call_log(path.read_bytes(), str(path))) == ""


@pytest.mark.parametrize("text, seconds", [
    ("2 Min. 5 Sek.", 125), ("2 Min., 5 Sek.", 125), ("1 Std. 2 Min.", 3720),
    ("45 Sekunden", 45), ("3 Minuten", 180), ("2 min 5 s", 125), ("1 h 2 mn", 3720),
    ("2 min 5 seg", 125), ("5 segundos", 5), ("2 minuti 5 secondi", 125), ("1 uur", 3600),
    ("2 min. 5 sec.", 125), ("0:02:05", 125), ("2m 5s", 125), ("3 min", 180),
])
def test_durations_as_exports_in_other_languages_write_them(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["2 Min. Sek.", "Min. 5", "2 Ziegen", "5 s.s."])
def test_durations_that_are_no_durations_are_still_refused(text):
    with pytest.raises(CallError, match="cannot be read"):
        parse_duration(text)


@pytest.mark.parametrize("cell, name", [
    ("Numéro", "numero"), ("Durée (s)", "duree s"), ("Gesprächsdauer", "gesprachsdauer"),
    ("Straße", "strasse"), ("Total_Spent ", "total spent"), ("Téléphone", "telephone"),
    ("E-Mail", "e mail"), ("Дата", ""),
])
def test_a_header_cell_is_named_with_its_accents_folded(cell, name):
    assert column_name(cell) == name
