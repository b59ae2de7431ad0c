"""Call-log CSV: what phone systems and providers export, read into calls.

The header's names find the columns (many providers' names are known, in English and in
the languages of call_log_languages.py; `--map` names the rest), the delimiter and text
encoding are the file's own, and the day/month order is the one the file shows, else day
first for a header in one of those languages, else the region's for slashed dates
(03/02/2026) and day first for dotted ones (03.02.2026: so they are written wherever
they are used). A row
that cannot be read is skipped and reported by its row number; the rest are imported. A
Twilio row with a parent call is a leg of that call (forwarded to a staff member's phone)
and is counted as a duplicate of it, never stored as a call to the staff member.
The Dialpad export's own readings are in sources/call_log_dialpad.py.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import tzinfo
from itertools import islice
from pathlib import Path

from inbox_app.core.csv_table import (
    CsvFileError,
    RowError,
    column_name,
    csv_rows,
    decode_csv,
    mapped_columns,
)
from inbox_app.core.customer_list import header_columns as customer_columns
from inbox_app.core.models import IncomingMessage
from inbox_app.core.text import capitalized
from inbox_app.sources.call_log_cells import (
    header_names,
    header_zone,
    in_english,
    is_total_line,
    named_zone,
    read_direction,
    time_in_zone,
    with_its_plus,
    zone_column,
)
from inbox_app.sources.call_log_dialpad import (
    DIALPAD_COLUMNS,
    DIALPAD_OWN,
    Dialpad,
    is_dialpad,
    minutes_to_seconds,
    read_dialpad,
)
from inbox_app.sources.call_log_languages import (
    OTHER_CALLER_NUMBER,
    date_and_time,
    with_other_languages,
    writes_day_first,
)
from inbox_app.sources.call_logging import stored_in_their_minute
from inbox_app.sources.phone import (
    DOTTED_DATE,
    EXIT_OK,
    EXIT_PARTIAL,
    Call,
    CallError,
    NotWithACustomer,
    call_message,
    date_order_shown,
    default_date_order,
    own_lines,
    parse_call_time,
    parse_duration,
    parse_status,
    phone_line,
    usage_error,
)
from inbox_app.store import Store

FIELDS = ("time", "number", "direction", "duration", "name", "notes", "status", "from", "to",
          "id", "from_name", "to_name")
POSITIONAL = ("time", "number", "direction", "duration", "name", "notes")
SYNONYMS: dict[str, tuple[str, ...]] = with_other_languages({
    "time": ("time", "date time", "datetime", "start time", "started at", "call time",
             "call start", "start", "timestamp", "date created", "call date", "when",
             "date time start", "start date time", "call start time", "date and time",
             "date"),
    "number": ("raw digits", "phone number", "number", "phone", "caller number", "caller id",
               "customer number", "contact number", "external number", "other party",
               "telephone", "tel", "mobile"),
    "from": ("from", "from number", "calling number"),
    "to": ("to", "to number", "called number", "dialed number", "callee number",
           "destination number"),
    "direction": ("direction", "call direction", "in out", "inbound outbound", "type",
                  "call type"),
    "duration": ("duration", "duration seconds", "duration s", "duration total",
                 "duration in call", "call duration", "length", "call length", "talk time",
                 "talking", "duration sec", "duration secs", "seconds"),
    "name": ("name", "caller name", "contact name", "contact", "customer name", "customer",
             "caller", "from name", "who"),
    "notes": ("notes", "note", "summary", "comments", "comment", "description", "memo",
              "subject", "reason"),
    "status": ("status", "call status", "result", "action result", "outcome", "disposition"),
    "id": ("id", "call id", "call sid", "sid", "uuid", "call uuid"),
    "from_name": ("from name", "caller name"),
    "to_name": ("to name", "callee name"),
})  # and the names German, French, Spanish, Italian and Dutch exports write
# A caller's number and name are the customer's on incoming calls only: beside a callee's
# column (Zoom Phone: Caller Number, Callee Number) they are each call's `from`, and the
# callee's its `to`. Alone, a caller column is the customer's (`number`, `name`).
CALLER_NUMBER = ("caller number", "caller id", *OTHER_CALLER_NUMBER)
CALLER_NAME = ("caller name", "from name")
# A number with the name it belongs to, as PBXs write a party: "Ann Lee (+12075550142)".
LABELLED_NUMBER = re.compile(r"(?P<name>[^()<>]*[^\W\d_][^()<>]*?)\s*[(<]"
                             r"(?P<number>\+?\d[\d\s./-]{3,}\d)[)>]")
# The time column's header says its times are UTC: "Start Time (UTC)", "started_at_utc".
ZONE_WORDS = ("utc", "gmt")
# AVM FRITZ!Box's call list (German or English firmware): `Typ` is a code, `Dauer` is
# hours and minutes ("0:04" is four minutes), the number is `Rufnummer`.
FRITZBOX_HEADERS = (
    {"typ": "direction", "datum": "time", "name": "name", "rufnummer": "number",
     "dauer": "duration"},
    {"type": "direction", "date": "time", "name": "name", "number": "number",
     "duration": "duration"},
)
FRITZBOX_MARKS = ("nebenstelle", "eigene rufnummer", "extension", "outgoing caller id",
                  "telephone number", "own number")
# A time written with hours and minutes but no seconds ("3/2/2026 9:15", as a spreadsheet
# saves an export it opened) is the call of that number and direction in that minute.
TO_THE_MINUTE = re.compile(r"\d:\d{2}")
WITH_SECONDS = re.compile(r"\d:\d{2}:\d{2}")
# A cell as exports made for spreadsheets write text: ="02079460958".
SPREADSHEET_TEXT = re.compile(r'="((?:[^"]|"")*)"')
# Calls looked up together for one stored with its time written otherwise.
SAME_MINUTE_BATCH = 2000
FRITZBOX_TYPES = {"1": ("in", "answered"), "2": ("in", "missed"), "3": ("out", "answered"),
                  "4": ("in", "missed"), "9": ("in", "answered"), "10": ("in", "missed"),
                  "11": ("out", "answered")}


class RowLeftOut(RowError):
    """A row that is no customer's call, left out: said, but not a failed row."""

    def __str__(self) -> str:
        return f"row {self.line}: left out, {self.reason}"


class TotalLine(RowLeftOut):
    """The report's total line ("Total: 5 calls"): no call, so no failed row either."""


# The file as a whole cannot be read as a call log; one sentence.
CallLogError = CsvFileError


@dataclass
class CallLog:
    rows: list[tuple[int, list[str]]]  # (row number, cells), data rows only
    columns: dict[str, list[int]]      # field → column indexes (several are joined)
    header: list[str] | None
    fritzbox: bool = False             # a FRITZ!Box call list: type codes, h:mm durations
    utc: bool = False                  # the time column's header says UTC
    parent: int | None = None          # Twilio's "Parent Call Sid" column: a row with one is
    #                                    a leg of that call (forwarded to a staff phone)
    dialpad: Dialpad | None = None     # a Dialpad export: its own columns and legs
    zone: tzinfo | None = None         # the zone the time column's header names
    zone_column: int | None = None     # a `Time Zone` column: the zone of each row's time
    day_first: bool = False            # the header's language writes the day first (06/03)

    def zone_of(self, cells: list[str]) -> tzinfo | None:
        """The zone the row's time is written in: its zone column's, else the header's."""
        if self.zone_column is not None and self.zone_column < len(cells) and (
                said := cells[self.zone_column].strip()):
            return named_zone(said)
        return self.zone

    def is_leg(self, cells: list[str]) -> bool:
        if self.dialpad is not None and self.dialpad.is_leg(cells):
            return True
        return self.parent is not None and self.parent < len(cells) and bool(
            cells[self.parent].strip())


def read_call_log(data: bytes, path: str, mapping: Sequence[str] = ()) -> CallLog:
    """Rows and the column of each field; CallLogError when the file is not a usable call log."""
    numbered = csv_rows(decode_csv(data, path), path)
    header = numbered[0][1] if is_header(numbered[0][1]) else None
    rows = numbered[1:] if header is not None else numbered
    columns = _columns(header, max(len(cells) for _, cells in numbered), mapping, path)
    utc = bool(header) and any(
        word in ZONE_WORDS for i in columns["time"] if i < len(header or ())
        for word in column_name(header[i]).split())
    names = [column_name(cell) for cell in header or ()]
    parent = names.index("parent call sid") if "parent call sid" in names else None
    dialpad = read_dialpad(names, columns, rows) if is_dialpad(header) else None
    zones = [zone for i in columns["time"] if i < len(header or ())
             if (zone := header_zone((header or [])[i])) is not None]
    return CallLog(rows, columns, header, fritzbox=is_fritzbox(header),
                   utc=utc or dialpad is not None, parent=parent, dialpad=dialpad,
                   zone=zones[0] if zones and dialpad is None else None,
                   zone_column=zone_column(names) if dialpad is None else None,
                   day_first=writes_day_first(header_names(header or [])))


def is_fritzbox(header: list[str] | None) -> bool:
    """Whether the header is a FRITZ!Box call list's."""
    names = {column_name(cell) for cell in header or ()}
    return any(set(layout) <= names for layout in FRITZBOX_HEADERS) and any(
        mark in names for mark in FRITZBOX_MARKS)


def is_header(cells: list[str]) -> bool:
    names = {column_name(cell) for cell in cells}
    if any(name in synonyms for name in names for synonyms in SYNONYMS.values()):
        return True
    for cell in cells:
        if sum(ch.isdigit() for ch in cell) >= 4:
            return False  # a date, a phone number or a duration: data, not names
    return all(cell and not cell.replace(".", "").isdigit() for cell in cells)


def _columns(header: list[str] | None, width: int, mapping: Sequence[str],
             path: str) -> dict[str, list[int]]:
    columns = mapped_columns(mapping, FIELDS, header, width, path)
    if header:
        columns = header_columns(header, columns)
    elif not mapping:
        for index, field_name in enumerate(POSITIONAL[:width]):
            columns[field_name] = [index]
    columns = {name: found for name, found in columns.items() if found}
    _require(columns, header, path)
    return columns


def header_columns(header: list[str], chosen: dict[str, list[int]] | None = None
                   ) -> dict[str, list[int]]:
    """The columns the header's names suggest for the fields not already `chosen`."""
    columns = dict(chosen or {})
    names = [_without_zone(name) for name in header_names(header)]
    taken = {index for indexes in columns.values() for index in indexes}

    def claim(field_name: str, synonyms: Sequence[str]) -> None:
        if field_name in columns:
            return
        for synonym in synonyms:
            if synonym in names and names.index(synonym) not in taken:
                columns[field_name] = [names.index(synonym)]
                taken.add(names.index(synonym))
                return

    if is_fritzbox(header):
        layout = next(layout for layout in FRITZBOX_HEADERS if set(layout) <= set(names))
        for name, field_name in layout.items():
            claim(field_name, (name,))
    if is_dialpad(header):
        for name, field_name in DIALPAD_COLUMNS.items():
            claim(field_name, (name,))
        columns.setdefault("duration", [])  # no other column holds talk time in seconds
        taken.update(names.index(name) for name in DIALPAD_OWN if name in names)
    if "time" not in columns and (joined := date_and_time(names, taken)):
        columns["time"] = joined  # Date + Time, Datum + Uhrzeit, Date + Heure…
        taken.update(joined)
    if any(synonym in names for synonym in SYNONYMS["to"]) and "number" not in columns:
        claim("from", CALLER_NUMBER)
    if any(synonym in names for synonym in SYNONYMS["to_name"]) and "name" not in columns:
        claim("from_name", CALLER_NAME)
    for field_name in FIELDS:
        claim(field_name, SYNONYMS[field_name])
    return columns


def _without_zone(name: str) -> str:
    """"start time utc" → "start time": the header's name without its time zone."""
    return " ".join(word for word in name.split() if word not in ZONE_WORDS) or name


def _require(columns: dict[str, list[int]], header: list[str] | None, path: str) -> None:
    if "time" not in columns:
        if header and customer_columns(header).get("email"):
            raise CallLogError(f"{path} has no time column and looks like a customer list"
                               " (those import with `inbox-app customer import`); if it is a"
                               " call log, name it with --map time=COLUMN.")
        raise CallLogError(f"{path} has no time column; name it with --map time=COLUMN.")
    if "number" not in columns and "from" not in columns:
        raise CallLogError(f"{path} has no column for the phone number; name it with "
                           "--map number=COLUMN.")
    if "direction" not in columns:
        raise CallLogError(f"{path} has no direction column; name it with "
                           "--map direction=COLUMN.")


def shown_date_order(log: CallLog) -> str:
    """The day/month order the file's rows show (dmy or mdy), from every row, else dmy
    when its header is German, French, Spanish, Italian or Dutch; "" when neither shows
    it. A preview of the first rows reads them in this order too."""
    return date_order_shown((" ".join(as_text(cells[i]) for i in log.columns["time"]
                                      if i < len(cells))
                             for _, cells in log.rows), "dmy" if log.day_first else "")


def row_call(cells: list[str], columns: dict[str, list[int]], order: str,
             dotted_order: str = "dmy", *, fritzbox: bool = False, utc: bool = False,
             dialpad: Dialpad | None = None, zone: tzinfo | None = None) -> Call:
    """The row's call; `dotted_order` is how to read a dotted date (02.03.2026), `order`
    the other numeric dates; `fritzbox`: the row is a FRITZ!Box call list's; `utc`: times
    without a zone are UTC; `dialpad`: the row is a Dialpad export's; `zone`: the zone
    its time is written in, when the file names one."""
    def value(name: str) -> str:
        return " ".join(as_text(cells[i]) for i in columns.get(name, ()) if i < len(cells)
                        ).strip()

    if fritzbox and value("direction") in FRITZBOX_TYPES:
        direction, status = FRITZBOX_TYPES[value("direction")]
    elif value("direction"):
        direction, status = read_direction(value("direction"))
    else:
        direction, status = None, None
    if direction is None:
        raise CallError("the direction is missing (in or out)")
    number = (value("number") or value("from" if direction == "in" else "to")).removeprefix("'")
    if not number:
        raise CallError("the phone number is missing")
    name = value("name") or value("from_name" if direction == "in" else "to_name")
    if labelled := LABELLED_NUMBER.fullmatch(number):  # 3CX: "Ann Lee (+12075550142)"
        number, name = labelled["number"], name or labelled["name"]
    if dialpad is not None and dialpad.categories:
        status = dialpad.status(cells, value("status")) or status
    elif value("status"):
        said = parse_status(in_english(value("status")))
        if status is None or said != "answered":
            status = said
    if status is None and dialpad is not None:
        status = dialpad.status(cells, "")
    if fritzbox:
        duration = _fritzbox_duration(value("duration"))
    elif dialpad is not None and dialpad.minutes:
        duration = minutes_to_seconds(value("duration"))
    else:
        duration = parse_duration(value("duration"))
    if status is None:
        status = "missed" if direction == "in" and duration == 0 else "answered"
    time = value("time")
    time_order = dotted_order if DOTTED_DATE.match(time) else order
    return Call(
        number=number,
        at=dialpad.at(cells, time, time_order) if dialpad is not None else
        time_in_zone(time, time_order, zone) if zone is not None else
        parse_call_time(time, time_order, utc),
        direction=direction,
        duration=duration,
        name=name,
        notes=value("notes"),
        status=status,
        provider_id=value("id") or None,
        to_the_minute=bool(TO_THE_MINUTE.search(time)) and not WITH_SECONDS.search(time),
    )


def as_text(cell: str) -> str:
    """A cell's text: `="02079460958"`, as exports made for spreadsheets write a number
    whose leading zero must stay, is 02079460958."""
    if formula := SPREADSHEET_TEXT.fullmatch(cell.strip()):
        return formula[1].replace('""', '"')
    return cell


def _fritzbox_duration(text: str) -> int | None:
    """A FRITZ!Box duration: "0:04" is four minutes, "1:12" an hour and twelve."""
    if clock := re.fullmatch(r"(\d+):(\d{2})", text.strip()):
        return parse_duration(f"{clock[1]}:{clock[2]}:00")
    return parse_duration(text)


def parse_call_log(log: CallLog, *, region: str, order: str | None, account: str = "",
                   lines: Mapping[str, str] | None = None
                   ) -> Iterator[IncomingMessage | RowError]:
    """The rows as call messages, or why each could not be read; `order` (dmy or mdy) is
    the day/month order a person said, else the file shows it, else the region's (day
    first for dotted dates in every region). A call with one of the shop's own `lines`
    (phone.own_lines) is left out."""
    for parsed, _call in _read_rows(log, region=region, order=order, account=account,
                                    lines=lines):
        yield parsed


def _read_rows(log: CallLog, *, region: str, order: str | None, account: str = "",
               lines: Mapping[str, str] | None = None
               ) -> Iterator[tuple[IncomingMessage | RowError, Call | None]]:
    """parse_call_log's rows, each with the call it was read as (None for a row error)."""
    known = order or shown_date_order(log)
    for number, cells in log.rows:
        if log.is_leg(cells):
            continue  # the call it belongs to is its own row
        try:
            call = row_call(cells, log.columns, known or default_date_order(region),
                            known or "dmy", fritzbox=log.fritzbox, utc=log.utc,
                            dialpad=log.dialpad, zone=log.zone_of(cells))
            call = replace(call, number=with_its_plus(call.number, region))
            staff = log.dialpad.staff_of(cells, call) if log.dialpad else ""
            message = call_message(call, region=region, account=account, staff=staff or None,
                                   lines=lines)
            if staff and call.direction == "in":
                message.meta["taken_by"] = staff  # as `call log --as` records who took it
            yield message, call
        except NotWithACustomer as error:
            yield RowLeftOut(number, str(error)), None
        except CallError as error:
            if is_total_line(cells):
                yield TotalLine(number, "it is the file's total line, not a call"), None
            else:
                yield RowError(number, str(error)), None


def import_call_csv(store: Store, path: str | Path, *, mapping: Sequence[str] = (),
                    order: str | None = None, account: str = "", on_error=None,
                    staff: str | None = None):
    """Imports a call-log CSV; raises CallLogError or OSError when it cannot be read at all."""
    from inbox_app.pipeline import ImportSummary, ingest

    data = Path(path).read_bytes()
    log = read_call_log(data, str(path), mapping)
    summary = ImportSummary()
    region = store.phone_region()

    stored_otherwise = 0

    def calls() -> Iterator[IncomingMessage]:
        nonlocal stored_otherwise
        read = _read_rows(log, region=region, order=order, account=account,
                          lines=own_lines(store))
        while batch := list(islice(read, SAME_MINUTE_BATCH)):
            found = [(parsed, call) for parsed, call in batch
                     if isinstance(parsed, IncomingMessage) and call is not None]
            known = stored_in_their_minute(store, found)
            stored_otherwise += len(known)
            yield from (message for index, (message, _call) in enumerate(found)
                        if index not in known)
            for parsed, _call in batch:
                if isinstance(parsed, RowError):
                    (summary.left_out if isinstance(parsed, RowLeftOut) else summary.errors
                     ).append(parsed)
                    if on_error:
                        on_error(parsed)

    result = ingest(store, calls(), staff=staff)
    legs = sum(log.is_leg(cells) for _, cells in log.rows)  # counted with their calls
    summary.imported = result.imported
    summary.duplicates = result.duplicates + legs + stored_otherwise
    summary.conversation_ids = result.conversation_ids
    return summary


def import_call_csv_command(ctx, path: str) -> int:
    """`inbox-app import calls.csv`: same output line and exit codes as the JSON Lines import."""
    from inbox_app.cli_common import file_problem

    args = ctx.args
    if problem := file_problem(path):
        return usage_error(problem)
    try:
        account = phone_line(ctx.store, getattr(args, "account", None))
        summary = import_call_csv(
            ctx.store, path, mapping=getattr(args, "map", None) or (),
            order=getattr(args, "dates", None), account=account, staff=ctx.staff,
            on_error=lambda error: print(f"{path}: {error}", file=sys.stderr),
        )
    except CallLogError as error:
        return usage_error(str(error))
    except CallError as error:
        return usage_error(f"{capitalized(str(error))}.")
    except OSError as error:
        return usage_error(f"cannot read {path}: {error.strerror or error}.")
    print(summary.line())
    return EXIT_PARTIAL if summary.errors else EXIT_OK
