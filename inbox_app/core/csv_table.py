"""CSV files that other programs export (phone systems, shop systems): their text
encoding and delimiter are their own, their header's wording varies, and a person may
have to say which column holds what (`--map FIELD=COLUMN`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from inbox_app.core.importing import LineError

DELIMITERS = ",;\t|"  # in order of preference when the first rows do not tell
SAMPLE_CHARS = 65536
SAMPLE_ROWS = 50
_SEPARATOR_LINE = re.compile(r'"?sep=([,;\t|])"?\r?\n', re.IGNORECASE)  # Excel's own


class CsvFileError(Exception):
    """The file as a whole cannot be read; one sentence."""


@dataclass(frozen=True, slots=True)
class RowError(LineError):
    """A row that was not imported, named by its row number as a spreadsheet shows it."""

    def __str__(self) -> str:
        return f"row {self.line}: {self.reason}"


def column_name(name: str) -> str:
    """A header cell as the synonym lists spell it: "Total_Spent " → "total spent",
    "Numéro" → "numero", "Straße" → "strasse" (accents folded first: dropped, the letter
    was a separator and "Numéro" was "num ro"). Letters of other scripts still drop out."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold())
                     if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def decode_csv(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvFileError(f"cannot read {path}: its text encoding is broken.") from None
    if b"\x00" in data:
        raise CsvFileError(f"cannot read {path}: it is not a CSV file (it holds binary data).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def csv_delimiter(text: str) -> str:
    """The delimiter the file uses, of comma, semicolon, tab and bar. Read with each (as
    CSV, quotes respected), the first rows have a usual width; the delimiter chosen splits
    them at all, gives the header row the usual width, gives it to the most rows, and then
    the most cells. A file of one column keeps its lines whole. (csv.Sniffer guessed from
    where quotes stand, and took the comma in `…;in;Möchte Preisliste, "bitte"`.)"""
    sample = text[:SAMPLE_CHARS]

    def fit(delimiter: str) -> tuple[bool, bool, float, int]:
        widths = _row_widths(sample, delimiter, cut=len(text) > len(sample))
        if not widths:
            return False, False, 0.0, 0
        usual, rows = Counter(widths).most_common(1)[0]
        return usual > 1, widths[0] == usual, rows / len(widths), usual

    return max(DELIMITERS, key=fit)


def _row_widths(sample: str, delimiter: str, cut: bool) -> list[int]:
    """The number of cells in each of the sample's first rows that hold anything; a last
    row the sample `cut` short is left out."""
    widths: list[int] = []
    reader = csv.reader(io.StringIO(sample, newline=""), csv.excel, delimiter=delimiter)
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                widths.append(len(cells))
                if len(widths) == SAMPLE_ROWS:
                    return widths
    except csv.Error:
        return widths
    return widths[:-1] if cut and len(widths) > 1 else widths


def csv_rows(text: str, path: str) -> list[tuple[int, list[str]]]:
    """The rows that hold anything, numbered as a spreadsheet shows them, cells stripped;
    the delimiter is the one the file names in an Excel `sep=;` first line, else the one
    it uses (see csv_delimiter), the quote '"'."""
    first = 1
    if said := _SEPARATOR_LINE.match(text):
        delimiter = said.group(1)
        text = text[said.end():]
        first = 2
    else:
        delimiter = csv_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), csv.excel,
                                  delimiter=delimiter))
    except csv.Error as error:
        raise CsvFileError(f"cannot read {path} as CSV ({error}).") from None
    numbered = [(number, [cell.strip() for cell in cells])
                for number, cells in enumerate(records, start=first)
                if any(c.strip() for c in cells)]
    if not numbered:
        raise CsvFileError(f"cannot read {path}: it has no rows.")
    return numbered


def find_columns(column: str, names: list[str], width: int, header: list[str] | None,
                 path: str) -> list[int]:
    """The 0-based columns a `--map` names: a header's name, a 1-based number, or several
    joined with `+` (a date and a time column read as one)."""
    wanted = column_name(column)
    if wanted in names:
        return [names.index(wanted)]
    if "+" in column:
        return [find_columns(part.strip(), names, width, header, path)[0]
                for part in column.split("+")]
    if column.isdigit() and 1 <= int(column) <= width:
        return [int(column) - 1]
    known = ", ".join(repr(h) for h in header) if header else f"numbers 1 to {width}"
    raise CsvFileError(f"{path} has no column {column!r} (its columns are {known}).")


def mapped_columns(mapping: Sequence[str], fields: Sequence[str], header: list[str] | None,
                   width: int, path: str) -> dict[str, list[int]]:
    """The columns `--map FIELD=COLUMN` items name, field by field; `FIELD=` (no column)
    says the file does not hold it, though its header may seem to: an empty list."""
    columns: dict[str, list[int]] = {}
    names = [column_name(cell) for cell in header] if header else []
    for item in mapping:
        field_name, sep, column = item.partition("=")
        field_name = field_name.strip().lower()
        if not sep or field_name not in fields:
            raise CsvFileError(f"--map {item!r} is not FIELD=COLUMN with a field from "
                               f"{', '.join(fields)}.")
        columns[field_name] = (find_columns(column.strip(), names, width, header, path)
                               if column.strip() else [])
    return columns
