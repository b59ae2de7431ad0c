"""A quote opened in a cell and never closed makes a CSV reader take the lines after it
into that cell, as spreadsheets do: the rows there were never imported, and the import
said "errors 0". The row is now reported with the number of lines it took in, and
skipped; a note whose own lines hold commas is still one note."""

from __future__ import annotations

from inbox_app.core.csv_table import RowError
from inbox_app.core.customer_list import parse_customer_list, read_customer_list


def read(text: str):
    return list(parse_customer_list(read_customer_list(text.encode("utf-8"), "list.csv")))


def test_a_row_that_swallows_the_rows_after_it_is_reported():
    lines = ["Name,Email,Note", "Ann,ann@example.com,\"She said \"hi\" today",
             "Bo,bo@example.com,fine", "Cy,cy@example.com,\"open quote never closed",
             *(f"P{n},p{n}@example.com,ok" for n in range(1, 51))]
    ann, bo, cy = read("\r\n".join(lines) + "\r\n")
    assert ann.note == 'She said hi" today'
    assert bo.note == "fine"
    assert cy == RowError(4, "a quote opened in this row is never closed, so the 50 lines"
                             " after it were read into it; close the quote and import again")


def test_a_note_of_several_lines_with_commas_is_read_whole():
    (ann,) = read('Name,Email,Note\r\n'
                  'Ann,ann@example.com,"Likes dark roast, no sugar\r\nCall first, then, visit"\r\n')
    assert ann.note.splitlines() == ["Likes dark roast, no sugar", "Call first, then, visit"]
