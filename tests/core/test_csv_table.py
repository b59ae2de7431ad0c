"""Reading other programs' CSV files: which delimiter a file uses."""

from __future__ import annotations

import pytest

from inbox_app.core.csv_table import csv_rows

GERMAN_CALLS = ('Datum;Telefon;Richtung;Notizen\n'
                '02.03.2026 10:15;0151 2345670;in;Möchte Preisliste, "bitte"\n'
                '02.03.2026 10:16;0151 2345671;in;ok\n')


def cells(text: str) -> list[list[str]]:
    return [row for _, row in csv_rows(text, "file.csv")]


def test_a_semicolon_file_whose_cell_holds_a_comma_and_quotes():
    """csv.Sniffer took the comma in `Preisliste, "bitte"` for the delimiter."""
    assert cells(GERMAN_CALLS) == [
        ["Datum", "Telefon", "Richtung", "Notizen"],
        ["02.03.2026 10:15", "0151 2345670", "in", 'Möchte Preisliste, "bitte"'],
        ["02.03.2026 10:16", "0151 2345671", "in", "ok"],
    ]


def test_a_semicolon_file_with_quoted_cells_holding_both_delimiters():
    text = 'Name;Notizen\n"Müller, Jörg";"ruft an; sagt ""ja"", dann nein"\nAnn;ok\n'
    assert cells(text) == [["Name", "Notizen"],
                           ["Müller, Jörg", 'ruft an; sagt "ja", dann nein'], ["Ann", "ok"]]


@pytest.mark.parametrize("text, expected", [
    # our own customer export: tags and social handles are joined with "; ", unquoted
    ("customer,name,phones,social,tags\n"
     "7,Ann Chen,(207) 555-0101,mastodon:@ann@social.example; bluesky:ann.bsky.social,"
     "VIP; wholesale\n"
     "8,Ben,,,north\n",
     [["customer", "name", "phones", "social", "tags"],
      ["7", "Ann Chen", "(207) 555-0101", "mastodon:@ann@social.example; bluesky:ann.bsky.social",
       "VIP; wholesale"],
      ["8", "Ben", "", "", "north"]]),
    ("time,number,direction,notes\n"
     "2026-03-02 10:15,+1 207 555 0142,in,wants beans; the dark roast\n"
     "2026-03-02 10:16,+1 207 555 0143,out,called back; ok; done\n",
     [["time", "number", "direction", "notes"],
      ["2026-03-02 10:15", "+1 207 555 0142", "in", "wants beans; the dark roast"],
      ["2026-03-02 10:16", "+1 207 555 0143", "out", "called back; ok; done"]]),
    ('Email,Tags\nann@example.com,"VIP; wholesale, north"\n',
     [["Email", "Tags"], ["ann@example.com", "VIP; wholesale, north"]]),
])
def test_a_comma_file_whose_cells_hold_semicolons(text, expected):
    assert cells(text) == expected


@pytest.mark.parametrize("delimiter", ["\t", "|", ";", ","])
def test_each_delimiter_is_found(delimiter):
    text = delimiter.join(["time", "number", "direction"]) + "\n" + \
        delimiter.join(["2026-03-02 10:15", "+1 207 555 0142", "in"]) + "\n"
    assert cells(text)[1] == ["2026-03-02 10:15", "+1 207 555 0142", "in"]


def test_a_one_column_file_keeps_each_line_whole():
    text = "Email\nann@example.com, ann@work.example\nben@example.com\n"
    assert cells(text) == [["Email"], ["ann@example.com, ann@work.example"],
                           ["ben@example.com"]]


def test_a_one_column_file_without_other_delimiters_reads():
    assert cells("Email\nann@example.com\n\nben@example.com\n") == [
        ["Email"], ["ann@example.com"], ["ben@example.com"]]


def test_rows_of_uneven_width_do_not_change_the_delimiter():
    text = "time,number,direction,duration,notes\n2026-03-02 10:15,+12075550142,in\n" \
           "2026-03-02 10:16,+12075550143,in,30\n2026-03-02 10:17,+12075550144,out,5,ok\n"
    assert [len(row) for row in cells(text)] == [5, 3, 4, 5]


def test_a_title_line_above_the_header_does_not_hide_the_delimiter():
    text = "Call log March\ntime,number,direction\n2026-03-02 10:15,+12075550142,in\n" \
           "2026-03-02 10:16,+12075550143,out\n"
    assert cells(text)[2] == ["2026-03-02 10:15", "+12075550142", "in"]


def test_a_long_file_is_judged_by_its_first_rows():
    rows = "".join(f"2026-03-02 10:{n % 60:02d};0151 23456{n % 100:02d};in;ja, gern\n"
                   for n in range(5000))
    read = cells("Datum;Telefon;Richtung;Notizen\n" + rows)
    assert len(read) == 5001 and {len(row) for row in read} == {4}


def test_excels_separator_line_names_the_delimiter_and_is_no_row():
    text = 'sep=;\nDatum;Telefon;Notizen\n02.03.2026 10:15;0151 2345670;"ja, gern"\n'
    rows = csv_rows(text, "calls.csv")
    assert rows == [(2, ["Datum", "Telefon", "Notizen"]),
                    (3, ["02.03.2026 10:15", "0151 2345670", "ja, gern"])]
