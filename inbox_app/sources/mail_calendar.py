"""A calendar invitation (RFC 5545) in words, for a mail that holds nothing else: read just
far enough to say what the event is, when and where — the customer's words, not a file."""

from __future__ import annotations

import re
from email.message import Message

from inbox_app.core.text import clean_text
from inbox_app.sources.mail_parts import part_text

_ICS_LINE = re.compile(r'^([A-Za-z0-9-]+)((?:;[^:;"=]+=(?:"[^"]*"|[^:;"]*))*):(.*)$')
_ICS_PARAM = re.compile(r';([^:;"=]+)=("[^"]*"|[^:;"]*)')
_ICS_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})\d{2}(Z?))?$")
_METHOD_HEADINGS = {"CANCEL": "Cancelled", "REPLY": "Reply", "COUNTER": "New time proposed"}
_REPLY_HEADINGS = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentative"}
MAX_CALENDAR_TEXT = 5_000


def _ics_value(value: str) -> str:
    return re.sub(r"\\([nN,;\\])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def _ics_when(value: str, params: dict[str, str]) -> str:
    found = _ICS_DATE.match(value.strip())
    if found is None:
        return value.strip()
    year, month, day, hour, minute, utc = found.groups()
    when = f"{year}-{month}-{day}"
    if hour is None:
        return when
    when += f" {hour}:{minute}"
    if utc:
        return when + " UTC"
    return f"{when} ({params['TZID']})" if params.get("TZID") else when


def calendar_text(part: Message) -> str:
    """An invitation in words ("Invitation: …", when, where, its description), for a mail
    that says nothing else; '' when the part holds no event."""
    lines = re.sub(r"\r?\n[ \t]", "", part_text(part)[:200_000]).splitlines()
    method = ""
    event: dict[str, tuple[str, dict[str, str]]] = {}
    inside = False
    for line in lines:
        found = _ICS_LINE.match(line.strip())
        if found is None:
            continue
        name, params, value = found.group(1).upper(), found.group(2), found.group(3)
        if name == "METHOD":
            method = value.strip().upper()
        elif name == "BEGIN" and value.strip().upper() == "VEVENT":
            inside = True
        elif name == "END" and value.strip().upper() == "VEVENT":
            break
        elif inside and name not in event:
            event[name] = (value, {key.upper(): raw.strip('"')
                                   for key, raw in _ICS_PARAM.findall(params)})
    if not event:
        return ""
    heading = _METHOD_HEADINGS.get(method, "Invitation")
    if method == "REPLY" and "ATTENDEE" in event:
        heading = _REPLY_HEADINGS.get(event["ATTENDEE"][1].get("PARTSTAT", "").upper(), heading)
    summary = _ics_value(event.get("SUMMARY", ("", {}))[0]) or "(no title)"
    text = [f"{heading}: {summary}"]
    if "DTSTART" in event:
        text.append(f"When: {_ics_when(*event['DTSTART'])}")
    if location := _ics_value(event.get("LOCATION", ("", {}))[0]):
        text.append(f"Where: {location}")
    if description := _ics_value(event.get("DESCRIPTION", ("", {}))[0]):
        text += ["", description]
    return clean_text("\n".join(text), MAX_CALENDAR_TEXT)
