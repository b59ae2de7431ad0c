"""What call-log exports write beside the call itself, read for call_log.py: the time zone
their times are written in (a `Time Zone` column, or the time column's header: `Start
Time (America/New_York)`, `Date (UTC-05:00)`), a phone's or a provider's words for a
missed call in its own language (`verpasst`, `Appel manqué`), and the total line a
report ends with (`Total: 5 calls`), which is no call; and a number an export wrote
without its plus (`447700900123`).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inbox_app.core.csv_table import column_name
from inbox_app.sources.phone import (
    CallError,
    NotWithACustomer,
    parse_call_time,
    parse_direction,
)

# A column naming the zone each row's time is written in.
ZONE_COLUMNS = ("time zone", "timezone", "tz", "zeitzone", "fuseau horaire")
# The time column's header naming its zone at its end: "Start Time (America/New_York)".
HEADER_ZONE = re.compile(r"\s*[(\[]\s*([^()\[\]]+?)\s*[)\]]\s*$")
# "UTC-05:00", "GMT+1", "-0500", "+01:00".
OFFSET = re.compile(r"(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", re.I)
# The abbreviations exports write for a zone; each says standard or summer time, so each
# is one offset (ZoneInfo knows few of them, and "PST" not at all). IST (India, Ireland,
# Israel) and AST (Atlantic, Arabia) name several: such a row is refused, saying why.
ABBREVIATIONS = {"est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
                 "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10,
                 "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2, "mez": 1,
                 "mesz": 2, "eet": 2, "eest": 3, "aest": 10, "aedt": 11, "nzst": 12,
                 "nzdt": 13}
# E.164 without its plus, as some providers export every number (Vonage, Plivo:
# "447700900123"): a country code and a national number, ten digits or more.
BARE_INTERNATIONAL = re.compile(r"[1-9]\d{9,14}")
DIGITS_IN_GROUPS = re.compile(r"\d+(?:[\s.-]\d+)*")
# A time with its own zone (Z, UTC, an offset) or in Unix time: no zone said elsewhere
# changes it.
OWN_ZONE = re.compile(r"(?:z|utc|gmt|[+-]\d{2}:?\d{2})$|^\d{10}(?:\d{3})?$", re.I)

# How phones and providers in other languages write a call's outcome or direction, in
# the words parse_direction and parse_status read (accents dropped, lower case).
IN_OTHER_WORDS = {
    # German
    "verpasst": "missed", "verpasster anruf": "missed", "anruf in abwesenheit": "missed",
    "entgangen": "missed", "entgangener anruf": "missed", "nicht angenommen": "missed",
    "unbeantwortet": "missed", "abgewiesen": "rejected", "abgelehnt": "rejected",
    "besetzt": "busy", "angenommen": "answered", "beantwortet": "answered",
    "verbunden": "connected", "anrufbeantworter": "voicemail", "mailbox": "voicemail",
    "sprachnachricht": "voicemail", "ankommend": "incoming", "abgehend": "outgoing",
    "gewahlt": "dialed",
    # French
    "manque": "missed", "appel manque": "missed", "en absence": "missed",
    "appel en absence": "missed", "sans reponse": "missed", "non repondu": "missed",
    "rejete": "rejected", "refuse": "rejected", "occupe": "busy", "repondu": "answered",
    "decroche": "answered", "messagerie": "voicemail", "messagerie vocale": "voicemail",
    "message vocal": "voicemail", "recu": "incoming", "appel recu": "incoming",
    "appel entrant": "incoming", "emis": "outgoing", "appel emis": "outgoing",
    "appel sortant": "outgoing",
    # Spanish, Italian, Dutch
    "perdida": "missed", "llamada perdida": "missed", "buzon de voz": "voicemail",
    "no contestada": "missed", "contestada": "answered", "atendida": "answered",
    "respondida": "answered", "ocupado": "busy", "rechazada": "rejected",
    "persa": "missed", "chiamata persa": "missed", "segreteria": "voicemail",
    "non risposta": "missed", "risposta": "answered", "occupato": "busy",
    "rifiutata": "rejected",
    "gemist": "missed", "gemiste oproep": "missed", "niet beantwoord": "missed",
    "beantwoord": "answered", "aangenomen": "answered", "bezet": "busy",
    "geweigerd": "rejected",
}

# The line a report ends with: "Total", "Totals: 12 calls", "Summe", "Gesamt", "Total général".
TOTAL_LINE = re.compile(r"(?:grand\s+|sub\s*)?(?:totals?|sum|summe|gesamt|insgesamt|"
                        r"gesamtsumme|totaux|totale)\b", re.I)


def without_accents(text: str) -> str:
    """"Appel manqué" → "Appel manque": as the synonym lists spell a word."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def in_english(text: str) -> str:
    """The English word for an export's own one (`verpasst` → `missed`), else the text."""
    said = " ".join(without_accents(text).lower().replace("-", " ").split())
    return IN_OTHER_WORDS.get(said, text)


def read_direction(text: str) -> tuple[str, str | None]:
    """parse_direction, which also reads a missed call in the export's own language
    (`verpasst`, `Appel manqué`); its error names the cell as written."""
    try:
        return parse_direction(text)
    except NotWithACustomer:
        raise
    except CallError:
        if (english := in_english(text)) == text:
            raise
        try:
            return parse_direction(english)
        except CallError:
            pass
        raise


def named_zone(name: str) -> tzinfo:
    """The zone an export names: `America/New_York`, `UTC`, `UTC-05:00`, `-0500`, `EST`;
    CallError when it is none of them."""
    text = name.strip()
    lowered = text.lower()
    if lowered in ("utc", "gmt", "z"):
        return UTC
    if lowered in ABBREVIATIONS:
        return timezone(timedelta(hours=ABBREVIATIONS[lowered]), text.upper())
    if offset := OFFSET.fullmatch(text):
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta <= timedelta(hours=14):
            return timezone(-delta if sign == "-" else delta)
    if "/" in text or text.isalpha():
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise CallError(f"the time zone {text!r} is not known (write it as America/New_York,"
                    " UTC-05:00 or UTC)")


def header_zone(cell: str) -> tzinfo | None:
    """The zone a time column's header names at its end, or None."""
    if found := HEADER_ZONE.search(cell):
        try:
            return named_zone(found[1])
        except CallError:
            return None
    return None


def without_header_zone(cell: str) -> str:
    """"Start Time (America/New_York)" → "Start Time": the header's name for its field."""
    return HEADER_ZONE.sub("", cell) if header_zone(cell) is not None else cell


def zone_column(names: list[str]) -> int | None:
    """The column naming each row's zone, by its header's name (column_name spelling)."""
    return next((names.index(name) for name in ZONE_COLUMNS if name in names), None)


def time_in_zone(text: str, order: str, zone: tzinfo) -> int:
    """Epoch seconds of a time written in `zone`, unless it says its own zone."""
    if OWN_ZONE.search(text.strip()):
        return parse_call_time(text, order)
    wall = datetime.fromtimestamp(parse_call_time(text, order, utc=True), UTC)
    return int(wall.replace(tzinfo=zone).timestamp())


def is_total_line(cells: list[str]) -> bool:
    """Whether the row is the report's total line: its first cell says so."""
    first = next((cell.strip() for cell in cells if cell.strip()), "")
    return bool(TOTAL_LINE.match(without_accents(first)))


def header_names(header: list[str]) -> list[str]:
    """The header's names as the synonym lists spell them, a zone at the end left out."""
    return [column_name(without_header_zone(cell)) for cell in header]


def with_its_plus(number: str, region: str) -> str:
    """"+447700900123" for an export's "447700900123" when those digits are no number of
    the shop's region but are one with a plus: else a caller from another country was a
    customer of bare digits beside the one their "+44 7700 900123" is. A number of the
    region stays as it is (2079460958 in a British shop). Digits in groups ("44 7700
    900123", "44-7700-900123") are read alike."""
    if not DIGITS_IN_GROUPS.fullmatch(number.strip()):
        return number
    digits = re.sub(r"[\s.-]", "", number)
    if not BARE_INTERNATIONAL.fullmatch(digits):
        return number
    import phonenumbers

    try:
        at_home = phonenumbers.parse(digits, region or "US")
        abroad = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return number
    if phonenumbers.is_valid_number(at_home):
        return number
    if phonenumbers.is_valid_number(abroad) or (
            phonenumbers.is_possible_number(abroad)
            and not phonenumbers.is_possible_number(at_home)):
        return "+" + digits
    return number
