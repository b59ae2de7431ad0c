"""The JSON Lines import format (SPEC "Import format"), one message per line.

A bad line becomes a `LineError` with its number and reason; the caller reports
it and carries on with the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from inbox_app.core.html import html_to_text, sanitize_html
from inbox_app.core.identity import DEFAULT_REGION, IdentityError, identity_refs
from inbox_app.core.kinds import KINDS
from inbox_app.core.models import IncomingMessage
from inbox_app.core.text import clean_text
from inbox_app.core.timeutil import TimeError, parse_iso

REQUIRED = ("kind", "id", "text", "at")
KNOWN = set(REQUIRED) | {
    "account", "direction", "thread", "author_name", "email", "handle", "phone",
    "followers", "url", "title", "html",
}
MAX_LINE = 16 * 1024 * 1024
MAX_FOLLOWERS = 10**12  # more than any account has; SQLite's integers end at 2**63
# A raw tab or NUL inside a string (JSON wants `\t`) is written by spreadsheets and
# home-made scripts; its meaning is plain, and clean_text drops what cannot be stored.
_LENIENT_JSON = json.JSONDecoder(strict=False)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class OverlongLine:
    """A line longer than MAX_LINE, skipped as it was read: only its length travels on
    (see pipeline.bounded_lines), so a file of one endless line is never held whole."""

    size: int


class RecordError(ValueError):
    """One record that cannot be imported; the message says why in plain words."""


def _text_field(record: dict, name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise RecordError(f"field '{name}' must be text")
    return clean_text(str(value), limit=2000) if name != "text" else clean_text(str(value))


def parse_record(record: Any, region: str = DEFAULT_REGION) -> IncomingMessage:
    """One decoded JSON object to an IncomingMessage, or RecordError."""
    if not isinstance(record, dict):
        raise RecordError("the line is not a JSON object")
    missing = [name for name in REQUIRED if record.get(name) is None]
    if missing:
        raise RecordError(f"missing required field {', '.join(repr(m) for m in missing)}")
    empty = [name for name in REQUIRED if record.get(name) == ""]
    if empty and not (empty == ["text"] and record.get("html")):
        raise RecordError(f"required field {', '.join(repr(e) for e in empty)} is empty")
    kind = str(record["kind"]).strip().lower()
    if kind not in KINDS:
        raise RecordError(f"unknown kind {record['kind']!r} (expected one of {', '.join(KINDS)})")
    direction = str(record.get("direction") or "in").strip().lower()
    if direction not in ("in", "out"):
        raise RecordError(f"direction must be 'in' or 'out', not {record['direction']!r}")
    at_value = record["at"]
    if not isinstance(at_value, str):
        raise RecordError(f"'at' must be an ISO 8601 time, not {at_value!r}")
    try:
        at = parse_iso(at_value)
    except TimeError as error:
        raise RecordError(str(error)) from None
    followers = record.get("followers")
    if followers is not None:
        followers = _follower_count(followers)
    author_name = _text_field(record, "author_name") or ""
    try:
        identities = identity_refs(
            kind,
            email=_text_field(record, "email"),
            handle=_text_field(record, "handle"),
            phone=_text_field(record, "phone"),
            followers=followers,
            author_name=author_name if direction == "in" else "",
            region=region,
        )
    except IdentityError as error:
        raise RecordError(str(error)) from None
    html = sanitize_html(_text_field(record, "html") and str(record["html"]))
    text = _text_field(record, "text") or ""
    if not text.strip() and html:
        text = clean_text(html_to_text(html, sanitized=True))
        if not text.strip() and record.get("text") == "":
            raise RecordError("required field 'text' is empty (and the html holds no text)")
    external_id = clean_text(str(record["id"]), limit=1000)
    thread = _text_field(record, "thread")
    meta = {key: value for key, value in record.items() if key not in KNOWN}
    if meta:
        meta = _storable(meta)
    if "attachments" in meta:
        meta["attachments"] = _attachments(meta["attachments"])
    if followers is not None:
        meta["followers"] = followers
    return IncomingMessage(
        kind=kind,
        external_id=external_id,
        text=text,
        at=at,
        account=_text_field(record, "account") or "",
        direction=direction,
        thread=thread or None,
        author_name=author_name,
        identities=identities,
        url=_text_field(record, "url"),
        title=_text_field(record, "title"),
        html=html,
        staff=(author_name or None) if direction == "out" else None,
        delivery="sent" if direction == "out" else None,
        meta=meta,
    )


def _follower_count(value: Any) -> int:
    """A follower count as the store keeps it. JSON readers take `Infinity`, `NaN` and
    numbers of any size, which no account has and SQLite cannot hold: such a line is
    named as bad rather than stopping the whole import when it is stored."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RecordError("'followers' must be a number")
    try:
        count = int(value)
    except (ValueError, OverflowError):
        raise RecordError(f"'followers' must be a number, not {value!r}") from None
    if count > MAX_FOLLOWERS:
        raise RecordError(f"'followers' must be a number up to {MAX_FOLLOWERS:,}, not {value!r}")
    return max(0, count)


def _storable(value: Any) -> Any:
    """An unknown field's value with lone surrogates (`"\\ud83d"` written by a tool that cut
    an emoji in half) made U+FFFD, keys included: kept as it is, it could not be written
    as UTF-8 and stopped the import when its batch was stored."""
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", value) if _SURROGATES.search(value) else value
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


def _attachments(value: Any) -> list[dict]:
    """An unknown field named `attachments`, as the app lists an email's attachments: each an
    object with a `name` and, when known, a `size` in bytes and a `type`. A list of names
    (`["invoice.pdf"]`) or one name is read so; anything else in an entry is kept as it is."""
    listed: list[dict] = []
    for entry in value if isinstance(value, list) else [value]:
        if entry is None or entry == "":
            continue
        item = dict(entry) if isinstance(entry, dict) else {"name": entry}
        name = item.get("name") or item.get("filename")
        item["name"] = clean_text(str(name), limit=300) if isinstance(name, (str, int, float)) \
            and not isinstance(name, bool) else "unnamed"
        size = item.get("size")
        if not (isinstance(size, int) and not isinstance(size, bool) and size >= 0):
            item.pop("size", None)
        if not isinstance(item.get("type"), str):
            item.pop("type", None)
        listed.append(item)
    return listed


SNIFFED_LINES = 20
_RECORDS_SPLIT_BY_CR = re.compile(rb"\}[ \t]*\r[ \t\r]*\{")


def not_json_lines(head: bytes) -> str | None:
    """Why a file starting with `head` cannot be JSON Lines at all, or None. A store file, a
    spreadsheet or a UTF-16 export would otherwise be thousands of bad lines, one by one."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it is UTF-16 text; save it as UTF-8 (JSON Lines is UTF-8)"
    if b"\n" not in head and _RECORDS_SPLIT_BY_CR.search(head):
        # Read as one line, the whole file would be one bad line (or more than MAX_LINE).
        return ("its lines end in a carriage return alone (as on old Macs); save it with"
                " LF or CRLF line ends")
    lines = [line.strip().removeprefix(b"\xef\xbb\xbf") for line in head.splitlines()]
    lines = [line for line in lines if line][:SNIFFED_LINES]
    if lines and not any(line.startswith(b"{") for line in lines):
        what = "binary data" if b"\0" in head else "text"
        which = "its first line is not" if len(lines) == 1 else \
            f"none of its first {len(lines)} lines is"
        return f"it is not JSON Lines: {which} a JSON object (it holds {what})"
    return None


def parse_line(
    raw: bytes | str | OverlongLine, line_no: int, region: str = DEFAULT_REGION
) -> IncomingMessage:
    if isinstance(raw, bytes):
        if len(raw) > MAX_LINE:
            raise RecordError(f"the line is longer than {MAX_LINE // (1024 * 1024)} MB")
        raw = raw.decode("utf-8", errors="replace")
    elif isinstance(raw, OverlongLine):
        raise RecordError(f"the line is {raw.size / (1024 * 1024):,.0f} MB long; lines longer"
                          f" than {MAX_LINE // (1024 * 1024)} MB are not read")
    # Windows tools start a UTF-8 file with a byte order mark; two such files joined
    # with `cat` put one mid-file. It is not part of the record.
    raw = raw.removeprefix("\ufeff")
    try:
        record = _LENIENT_JSON.decode(raw)
    except json.JSONDecodeError as error:
        # Some of Python's reasons end in "at" ("Unterminated string starting at").
        reason = error.msg.removesuffix(" at")
        raise RecordError(f"not valid JSON ({reason} at column {error.colno})") from None
    except RecursionError:
        raise RecordError("the JSON is nested too deeply") from None
    return parse_record(record, region)


def parse_and_score(
    lines: list[bytes | str], first_line: int, region: str = DEFAULT_REGION,
    already_stored: Callable[[list[IncomingMessage]], set[tuple[str, str, str]]] | None = None,
) -> list[IncomingMessage | LineError]:
    """A chunk of lines parsed and scored: the unit of work a bulk import's workers do.

    `already_stored(items)` names the (kind, account, external id) the store holds:
    those are left unscored, since the store will count them as duplicates — a re-run
    of an import then costs the parsing, not VADER.
    """
    from inbox_app.core.sentiment import score_batch

    parsed = list(parse_lines(lines, region, first_line=first_line))
    items = [entry for entry in parsed if isinstance(entry, IncomingMessage)]
    if already_stored is not None and items:
        known = already_stored(items)
        items = [i for i in items if (i.kind, i.account, i.external_id) not in known]
    for item, sentiment in zip(items, score_batch([i.text for i in items]), strict=True):
        item.sentiment = sentiment
    return parsed


def parse_lines(
    lines: Iterable[bytes | str], region: str = DEFAULT_REGION, *, first_line: int = 1
) -> Iterator[IncomingMessage | LineError]:
    """Each non-blank line as a message, or a LineError naming the line."""
    for number, raw in enumerate(lines, start=first_line):
        if not (raw.strip() if isinstance(raw, (bytes, str)) else raw):
            continue
        try:
            yield parse_line(raw, number, region)
        except RecordError as error:
            if _only_a_byte_order_mark(raw):
                continue  # Notepad's empty "UTF-8 with BOM" file, or one `cat` joined in
            yield LineError(number, str(error))


def _only_a_byte_order_mark(raw: bytes | str | OverlongLine) -> bool:
    if isinstance(raw, bytes):
        return not raw.strip().removeprefix(b"\xef\xbb\xbf").strip()
    return isinstance(raw, str) and not raw.strip().removeprefix("\ufeff").strip()
