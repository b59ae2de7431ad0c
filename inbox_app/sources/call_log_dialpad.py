"""Dialpad's call records (Analytics or the Stats API, `export_type` records) are known by
their header: the customer is `external_number` whichever way the call went, `name` is
the Dialpad user, department or call centre on the shop's side (a user is the staff
member who made or took the call, never the customer), `categories` says answered,
missed, voicemail or cancelled, `talk_duration` is in minutes and the times are UTC, or
in the zone a `timezone` column names. An operator's row for a call that came in through
a department or call centre (`entry_point_call_id`) is counted as a duplicate of that
call's own row, whose staff member it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inbox_app.core.csv_table import column_name
from inbox_app.sources.phone import Call, CallError, parse_call_time, parse_duration

# Dialpad's call records: external_number and internal_number (the customer's and the
# shop's own line, as Dialpad's call-log fields define them) beside date_started.
DIALPAD_MARKS = ("date started", "external number", "internal number", "direction")
DIALPAD_COLUMNS = {"date started": "time", "external number": "number",
                   "direction": "direction", "talk duration": "duration",
                   "categories": "status", "call id": "id"}
DIALPAD_MINUTES = "talk duration"
# The shop's side of the call: never the customer's name or number.
DIALPAD_OWN = ("name", "email", "internal number", "target id", "target type",
               "target kind", "target name")
DIALPAD_STAFF = ("name", "target name")        # the target's name
DIALPAD_TARGET = ("target type", "target kind")
DIALPAD_USER = "user"  # a target that is a person (not a department, call centre, office…)
DIALPAD_MISSED = {"missed", "unanswered", "abandoned", "cancelled", "canceled",
                  "rejected", "declined", "busy", "failed", "no_answer"}
DIALPAD_ANSWERED = {"answered", "connected", "completed"}
# A time with its own zone (Z, UTC, an offset) or in Unix time: no zone column changes it.
_ZONED = re.compile(r"(?:z|utc|gmt|[+-]\d{2}:?\d{2})$|^\d{10}(?:\d{3})?$", re.I)


@dataclass(frozen=True)


class Dialpad:
    """Where a Dialpad export says what the fields do not: column indexes (None: not in
    the file) and which of its rows are operator legs of another row's call."""

    staff: int | None          # `name`: the user, department or call centre called or calling
    target_type: int | None    # user, department, callcenter, office…
    zone: int | None           # `timezone`: the zone its times are written in (else UTC)
    connected: int | None      # `date_connected`: empty when the call never connected
    call_id: int | None
    categories: bool = False   # the status column is `categories` ("inbound,missed")
    minutes: bool = False      # the duration column is `talk_duration`, in minutes
    legs: frozenset[str] = frozenset()  # call ids of operator legs of another row's call
    answered_by: dict[str, str] = field(default_factory=dict)  # call id → who answered it

    def cell(self, cells: list[str], index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def is_leg(self, cells: list[str]) -> bool:
        return bool(self.legs) and self.cell(cells, self.call_id) in self.legs

    def user(self, cells: list[str]) -> str:
        """The staff member the row names: its target when that is a person."""
        kind = re.sub(r"[^a-z]", "", self.cell(cells, self.target_type).lower())
        return self.cell(cells, self.staff) if kind == DIALPAD_USER else ""

    def status(self, cells: list[str], said: str) -> str | None:
        """What the categories say, else whether the call connected; None: neither tells."""
        found = dialpad_status(said) if self.categories else None
        if found or self.connected is None:
            return found
        return "answered" if self.cell(cells, self.connected) else "missed"

    def staff_of(self, cells: list[str], call: Call) -> str:
        """Who made the call, or took it; nobody for a call nobody took."""
        if call.direction == "in" and call.status != "answered":
            return ""
        return self.user(cells) or self.answered_by.get(self.cell(cells, self.call_id), "")

    def at(self, cells: list[str], text: str, order: str) -> int:
        """The row's time: UTC (the Stats API's default zone) unless the row names its own."""
        at = parse_call_time(text, order, utc=True)
        name = self.cell(cells, self.zone)
        if not name or _ZONED.search(text.strip()):
            return at
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise CallError(f"the time zone {name!r} is not known") from None
        return int(datetime.fromtimestamp(at, UTC).replace(tzinfo=zone).timestamp())


def dialpad_status(categories: str) -> str | None:
    """The outcome Dialpad's categories give ("inbound,missed,voicemail" is a voicemail).
    Missed wins over answered when a row says both: a call shown as missed gets a call
    back, one wrongly shown as answered would not."""
    said = set(re.split(r"[^a-z_]+", categories.lower()))
    if "voicemail" in said:
        return "voicemail"
    if said & DIALPAD_MISSED:
        return "missed"
    if said & DIALPAD_ANSWERED:
        return "answered"
    return None


def is_dialpad(header: list[str] | None) -> bool:
    """Whether the header is a Dialpad call-records export's."""
    names = {column_name(cell) for cell in header or ()}
    return set(DIALPAD_MARKS) <= names


def read_dialpad(names: list[str], columns: dict[str, list[int]],
             rows: list[tuple[int, list[str]]]) -> Dialpad:
    def index(*wanted: str) -> int | None:
        return next((names.index(name) for name in wanted if name in names), None)

    staff = index(*DIALPAD_STAFF)
    if staff is not None and any(staff in found for found in columns.values()):
        staff = None  # a person said the column holds one of the call's fields
    dialpad = Dialpad(
        staff=staff, target_type=index(*DIALPAD_TARGET), zone=index("timezone"),
        connected=index("date connected"), call_id=index("call id"),
        categories=columns.get("status") == [index("categories")],
        minutes=columns.get("duration") == [index(DIALPAD_MINUTES)])
    entry_point = index("entry point call id")
    if dialpad.call_id is None or entry_point is None:
        return dialpad
    ids = {dialpad.cell(cells, dialpad.call_id) for _, cells in rows}
    legs: set[str] = set()
    answered_by: dict[str, str] = {}
    for _, cells in rows:
        own, entry = dialpad.cell(cells, dialpad.call_id), dialpad.cell(cells, entry_point)
        if not own or not entry or entry == own or entry not in ids:
            continue
        legs.add(own)
        said = " ".join(cells[i] for i in columns.get("status", ()) if i < len(cells))
        if dialpad.status(cells, said) == "answered" and dialpad.user(cells):
            answered_by.setdefault(entry, dialpad.user(cells))
    return replace(dialpad, legs=frozenset(legs), answered_by=answered_by)


def minutes_to_seconds(text: str) -> int | None:
    """Seconds from Dialpad's minutes ("2.0833333333" is 125 s); a clock as written."""
    raw = text.strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", raw):
        return parse_duration(f"{float(raw.replace(',', '.')) * 60:.3f}")
    return parse_duration(raw)
