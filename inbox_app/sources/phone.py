"""Phone: calls logged by hand or imported from a call-log CSV; call-back notes as replies.

A call is a message of kind `phone`. Calls to and from one number form one
conversation (thread `phone:<E.164>`), so a call-back answers the call it
returns and the response time is measured. A call's external id is its
number, time and direction, so the same call imported twice — or imported
after it was logged by hand at the same second — is stored once; a time written
to the minute (as Log a call gives it, or a spreadsheet saves an export) is the
call of that number and direction in that minute, whichever was stored first.

Call-log CSV files are read by call_log.py; a call logged by hand is stored by
call_logging.py. A phone *line* account (`account add
phone`) only names the line; phone accounts are never polled. Replying in a phone
conversation records the call-back note as sent: there is no network to send it over.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from inbox_app.core.identity import (
    IdentityError,
    format_phone,
    identity_refs,
    normalize_phone,
)
from inbox_app.core.models import IncomingMessage, Sentiment
from inbox_app.core.text import capitalized, clean_text
from inbox_app.replies import Outgoing, Sent, register_sender
from inbox_app.sources import AccountSetup, SourceError
from inbox_app.store import Store

KIND = "phone"
NEEDS_SECRET = False

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
MAX_DURATION = 2 * 86400
# How far past the clock a call logged by hand may be (two clocks a little apart); later
# is a time mistyped, which would put the call ahead of the call-back that answered it.
FUTURE_GRACE = 300
MDY_REGIONS = frozenset({"US", "CA", "PH", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW"})


# A call without a summary is stored as the app's own words ("Missed call"), which say
# nothing of how the customer feels: VADER would read "missed" as negative and
# "outgoing" as positive, and put a missed call among the negative ones.
WORDS_OF_OUR_OWN = Sentiment(compound=0.0, pos=0.0, neu=1.0, neg=0.0)


class CallError(ValueError):
    """A call that cannot be recorded as given; the message says why in plain words."""


@dataclass(frozen=True)
class Call:
    number: str
    at: int
    direction: str = "in"  # in: the customer called; out: the shop called
    duration: int | None = None
    name: str = ""
    notes: str = ""
    status: str = "answered"  # answered, missed, voicemail, or what the export said
    provider_id: str | None = None
    to_the_minute: bool = False  # the time was written without its seconds (9:15)


def call_id(number: str, at: int, direction: str) -> str:
    """A call's external id: its number (E.164), time and direction."""
    return f"call:{number}:{at}:{direction}"


# Account setup: a phone line (optional; names the line in the window)


def add_arguments(parser) -> None:
    parser.add_argument("--number", default=None, help="the line's own number")


def account_config(args) -> AccountSetup:
    config: dict[str, Any] = {}
    if args.number:
        try:
            normalize_phone(args.number)
        except IdentityError as error:
            raise SourceError(f"{capitalized(str(error))}.") from None
        config["number"] = args.number.strip()
    return AccountSetup(config=config)


# Replies: a call-back note


def send_call_note(store: Store, outgoing: Outgoing) -> Sent:
    """A reply in a phone conversation is the note of a call made; nothing travels."""
    return Sent(external_id=f"note:{outgoing.message_id}", meta={"call_note": True})


register_sender(KIND, send_call_note)


# Calls → messages


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def call_line(call: Call) -> str:
    """The call in a few words: `Missed call`, `Incoming call, 2 min 5 s`…"""
    if call.status == "missed":
        return "Missed call" if call.direction == "in" else "Call not answered"
    if call.status == "voicemail":
        return "Voicemail left" if call.direction == "in" else "Left a voicemail"
    line = "Incoming call" if call.direction == "in" else "Outgoing call"
    return f"{line}, {format_duration(call.duration)}" if call.duration else line


def own_lines(store: Store) -> dict[str, str]:
    """The shop's own numbers (E.164), each with its phone line's name: the numbers given
    with `account add phone --number`."""
    region, lines = store.phone_region(), {}
    for account in store.list_accounts():
        if account.kind == KIND and account.config.get("number"):
            try:
                lines[normalize_phone(str(account.config["number"]), region)] = account.name
            except IdentityError:
                continue
    return lines


def call_message(call: Call, *, region: str, account: str = "",
                 staff: str | None = None, lines: Mapping[str, str] | None = None
                 ) -> IncomingMessage:
    """One call as a message; raises CallError when the number cannot be read, and
    NotWithACustomer when the caller withheld it (there is nobody to keep it with) or it
    is one of the shop's own `lines` (own_lines: the shop is no customer of its own)."""
    if is_withheld(call.number):
        raise NotWithACustomer(f"the caller's number was withheld ({call.number.strip()!r}),"
                               " so there is no customer to keep the call with")
    if SHORTENED_BY_A_SPREADSHEET.fullmatch(call.number.strip()):
        raise CallError(f"the number {call.number.strip()!r} was shortened by a spreadsheet"
                        " (its last digits are lost); export the call log again, or format"
                        " the column as text before saving it")
    try:
        number = normalize_phone(call.number, region)
        identities = identity_refs(KIND, phone=call.number, region=region)
    except IdentityError:
        raise CallError(f"{call.number!r} is not a phone number") from None
    if lines and number in lines:
        raise NotWithACustomer(f"{format_phone(number, region)} is the shop's own line"
                               f" ({lines[number]}), not a customer's number")
    line = call_line(call)
    notes = clean_text(call.notes.strip())
    meta: dict[str, Any] = {"call": {
        "direction": call.direction, "duration": call.duration, "status": call.status,
        "number": number,
    }}
    if call.provider_id:
        meta["call"]["provider_id"] = call.provider_id
    outbound = call.direction == "out"
    return IncomingMessage(
        kind=KIND,
        external_id=call_id(number, call.at, call.direction),
        text=notes or line,
        at=call.at,
        account=account,
        direction=call.direction,
        thread=f"phone:{number}",
        author_name=clean_text(call.name.strip(), 300),
        identities=identities,
        title=line,
        staff=staff if outbound else None,
        delivery="sent" if outbound else None,
        meta=meta,
        sentiment=None if notes else WORDS_OF_OUR_OWN,
    )


# Reading what people and exports write


_DURATION_UNITS = {"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
                   "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
                   "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1}
# As German, French, Spanish, Italian and Dutch exports write them: "2 Min. 5 Sek.",
# "1 Std. 2 Min.", "2 mn 5 s", "2 min 5 seg", "2 minuti 5 secondi", "1 uur".
_DURATION_UNITS |= dict.fromkeys(("std", "stunde", "stunden", "heure", "heures", "hora",
                                  "horas", "ora", "ore", "uur"), 3600)
_DURATION_UNITS |= dict.fromkeys(("minuten", "mn", "minuto", "minutos", "minuti", "minuut"),
                                 60)
_DURATION_UNITS |= dict.fromkeys(("sek", "sekunde", "sekunden", "seconde", "secondes", "seg",
                                  "segundo", "segundos", "secondo", "secondi", "seconden"), 1)
_NO_DURATION = {"", "-", "–", "—", "n/a", "na"}  # as exports write "not known"
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?")  # a unit may be cut: "Min."


def parse_duration(text: str | None) -> int | None:
    """Seconds from `125`, `2:05`, `0:02:05`, `2m 5s`, `3 min`; None when empty."""
    raw = (text or "").strip().lower()
    if raw in _NO_DURATION:
        return None
    seconds: float | None = None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", raw):
        seconds = float(raw.replace(",", "."))
    elif clock := re.fullmatch(r"(?:(\d+):)?(\d{1,3}):(\d{2})(?:[.,]\d+)?", raw):
        hours, minutes, secs = clock.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    else:
        parts = _DURATION_PART.findall(raw)
        leftover = _DURATION_PART.sub("", raw).strip(" ,")
        if parts and not leftover and all(unit in _DURATION_UNITS for _, unit in parts):
            seconds = sum(float(v.replace(",", ".")) * _DURATION_UNITS[u] for v, u in parts)
    if seconds is None:
        raise CallError(f"the duration {text!r} cannot be read (use seconds, or 2:05, or 3 min)")
    if seconds > MAX_DURATION:
        raise CallError(f"the duration {text!r} is longer than two days")
    return round(seconds)


_IN = {"in", "inbound", "incoming", "received", "inbound call", "incoming call", "answered",
       "missed", "voicemail", "i", "rejected", "declined", "blocked", "refused",
       "eingehend", "entrant", "entrante", "entrada", "inkomend", "in arrivo"}
_OUT = {"out", "outbound", "outgoing", "outbound-api", "outbound-dial", "outbound call",
        "outgoing call", "dialed", "dialled", "placed", "made", "o", "callback", "call back",
        "ausgehend", "sortant", "saliente", "salida", "uitgaand", "in uscita"}
_MISSED = {"missed", "no-answer", "no answer", "unanswered", "not answered", "abandoned", "busy",
           "failed", "canceled", "cancelled", "rejected", "declined", "missed call", "blocked",
           "refused"}
_VOICEMAIL = {"voicemail", "voice mail", "vm", "voicemail left"}
_INTERNAL = {"internal", "intern"}
_ANSWERED = {"", "answered", "completed", "accepted", "connected", "call connected", "ok",
             "done", "in-progress", "answered call"}


# What phone systems write for a caller who withheld the number: words, in the languages
# of their exports, and the numbers some providers use, the words spelled on a keypad
# (+266696687 is ANONYMOUS; +7378742833 RESTRICTED, +86282452253 UNAVAILABLE, +2562533
# BLOCKED) — read as numbers they are real ones, every such caller one customer.
WITHHELD_WORDS = {"anonymous", "withheld", "restricted", "private", "private number",
                  "unknown", "unavailable", "blocked", "no caller id", "caller id withheld",
                  "number withheld", "anonym", "unterdrückt", "unbekannt", "privat",
                  "nicht übermittelt", "rufnummer unterdrückt", "anonyme", "masqué", "privé",
                  "inconnu", "privado", "oculto", "desconocido", "sconosciuto", "privato"}
WITHHELD_NUMBERS = {"266696687", "7378742833", "86282452253", "2562533"}


def is_withheld(number: str) -> bool:
    said = " ".join(number.strip().lower().split())
    return said in WITHHELD_WORDS or said.lstrip("+") in WITHHELD_NUMBERS


# A long number as a spreadsheet writes it once it took it for an amount (Excel saving a
# call log it opened): "4.47701E+11". Read as digits it would be "44770111", one made-up
# customer for every caller whose number rounds alike.
SHORTENED_BY_A_SPREADSHEET = re.compile(r"\+?\d(?:[.,]\d+)?\s*e\s*\+?\d{1,2}", re.I)


class NotWithACustomer(CallError):
    """A row that is no customer's call (one extension calling another, a withheld
    number): left out of an import, which is not a failure of it."""


def parse_direction(text: str) -> tuple[str, str | None]:
    """`in` or `out` and, when the word also says so, the status (a `Missed` cell)."""
    raw = " ".join(text.strip().lower().split())
    if raw in _IN:
        return "in", parse_status(raw) if raw in _MISSED | _VOICEMAIL else None
    if raw in _OUT:
        return "out", None
    if raw in _INTERNAL:
        raise NotWithACustomer(f"{text.strip()!r} is a call between the shop's own extensions, not "
                        "with a customer")
    raise CallError(f"the direction {text.strip()!r} is not in or out "
                    "(inbound/outbound and incoming/outgoing work too)")


def parse_status(text: str) -> str:
    raw = " ".join(text.strip().lower().split())
    if raw in _MISSED:
        return "missed"
    if raw in _VOICEMAIL:
        return "voicemail"
    if raw in _ANSWERED:
        return "answered"
    return raw


# 02.03.2026 or "Mo. 2.3.26": day first wherever dots are written (call logs, --at)
DOTTED_DATE = re.compile(r"^(?:[A-Za-z]+\.?,?\s+)?\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:[ T,]+(.+))?$")
_CLOCK = re.compile(
    r"^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:[.,]\d+)?)?\s*(am|pm|a\.m\.|p\.m\.)?"
    r"\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?$", re.I)
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_RFC_2822 = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
# A date column a spreadsheet saved as a number: days since Excel's day zero, the time of
# day as the fraction ("46083.385498" is 2 March 2026, 09:15:07), in 1954–2091.
EXCEL_SERIAL_DAY = re.compile(r"[2-6]\d{4}(?:[.,]\d+)?")
EXCEL_DAY_ZERO = datetime(1899, 12, 30)
_NAMED_FORMATS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")


def default_date_order(region: str) -> str:
    return "mdy" if (region or "US").upper() in MDY_REGIONS else "dmy"


def date_order_shown(times: Iterable[str], fallback: str) -> str:
    """The day/month order a file's times show themselves (a 13+ in one place), else the
    fallback."""
    day_first = month_first = False
    for value in times:
        match = _NUMERIC_DATE.match(_WEEKDAY.sub("", value.strip()))
        if match and len(match.group(1)) <= 2:
            day_first |= int(match.group(1)) > 12
            month_first |= int(match.group(2)) > 12
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    return fallback


def parse_call_time(text: str, order: str = "dmy", utc: bool = False) -> int:
    """Epoch seconds from the ways exports write times (a spreadsheet's serial day too); a
    time without zone is local, or UTC when `utc` (the export's header says its times are)."""
    raw = " ".join((text or "").strip().split())
    if not raw:
        raise CallError("the time is missing")
    if re.fullmatch(r"1\d{9}(?:\d{3})?", raw):  # Unix time, in seconds or (phones) ms
        return int(raw[:10])
    if EXCEL_SERIAL_DAY.fullmatch(raw):
        days = float(raw.replace(",", "."))
        return _epoch(EXCEL_DAY_ZERO + timedelta(seconds=round(days * 86400)), utc)
    if re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        iso = re.sub(r"\s*(?:Z|UTC|GMT)$", "+00:00", raw, flags=re.I)
        iso = re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", iso)
        try:
            return _epoch(datetime.fromisoformat(iso), utc)
        except ValueError:
            pass
    if _RFC_2822.match(raw):
        try:
            return _epoch(parsedate_to_datetime(raw))
        except (TypeError, ValueError, IndexError):
            pass
    body = _WEEKDAY.sub("", raw)
    numeric = _NUMERIC_DATE.match(body)
    if numeric:
        return _numeric_time(numeric, order, text, utc)
    return _named_time(body, text, utc)


def _numeric_time(match: re.Match[str], order: str, original: str, utc: bool = False) -> int:
    first, second, third, clock = match.groups()
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    else:
        a, b = int(first), int(second)
        day, month = (a, b) if order == "dmy" else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day
        year = int(third) + (2000 if len(third) <= 2 else 0)
    return _at(year, month, day, clock, original, utc)


def _named_time(body: str, original: str, utc: bool = False) -> int:
    """`Mar 2, 2026 9:15 AM`, `2 March 2026 14:20`."""
    body = re.sub(r"^(\d{1,2})-([A-Za-z]{3,9})-(\d{4})\b", r"\1 \2 \3", body)  # 02-Mar-2026
    words = body.replace(",", " ").split()
    date_part, clock = " ".join(words[:3]), " ".join(words[3:]) or None
    for fmt in _NAMED_FORMATS:
        try:
            moment = datetime.strptime(date_part, fmt)
        except ValueError:
            continue
        return _at(moment.year, moment.month, moment.day, clock, original, utc)
    raise CallError(f"the time {original.strip()!r} cannot be read (try 2026-03-02 09:30)")


def _at(year: int, month: int, day: int, clock: str | None, original: str,
        utc: bool = False) -> int:
    hour = minute = second = 0
    zone = None
    if clock:
        match = _CLOCK.match(clock.strip())
        if not match:
            raise CallError(f"the time {original.strip()!r} cannot be read (try 2026-03-02 09:30)")
        hour, minute, second = int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0)
        meridiem = (match.group(4) or "").replace(".", "").lower()
        if meridiem and not 1 <= hour <= 12:
            raise CallError(f"the time {original.strip()!r} has an impossible hour")
        if meridiem == "pm" and hour != 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        zone = match.group(5)
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise CallError(f"the time {original.strip()!r} is not a real date") from None
    if zone:
        offset = "+00:00" if zone.lower() in ("z", "utc", "gmt") else zone
        if ":" not in offset:
            offset = offset[:3] + ":" + offset[3:]
        return _epoch(datetime.fromisoformat(moment.isoformat() + offset))
    return _epoch(moment, utc)


def _epoch(moment: datetime, utc: bool = False) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC) if utc else moment.astimezone()
    return int(moment.timestamp())


def phone_line(store: Store, name: str | None) -> str:
    if not name:
        return ""
    account = store.get_account(name)
    if account.kind != KIND:
        raise CallError(f"{account.name} is a {account.kind} account, not a phone line")
    return account.name


def usage_error(sentence: str) -> int:
    print(f"inbox-app: {sentence}", file=sys.stderr)
    return EXIT_USAGE
