"""Exports a person opens elsewhere: conversations as CSV, customers as CSV or vCard.

The conversation list has one row per conversation with its first-response and
resolution times (the export shops ask helpdesks for most). Times are local
time as `YYYY-MM-DD HH:MM:SS`, which spreadsheets read as dates; durations are
minutes. Text that came from customers could start with `=` or `@` and run as
a formula in a spreadsheet, so such cells get a leading apostrophe.

Files are written beside the target and renamed into place: a full disk or a
crash never leaves half an export under the chosen name.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from inbox_app.core.customer_list import NOTES_APART
from inbox_app.core.identity import DEFAULT_REGION, IdentityError, format_phone, normalize_handle
from inbox_app.core.kinds import KIND_LABELS
from inbox_app.files import is_device_or_pipe, replacing
from inbox_app.store import QueueQuery, Store, StoreError

FORMATS = ("csv", "vcard")

CONVERSATION_COLUMNS = (
    "conversation", "channel", "account", "customer", "customer_id", "subject", "status",
    "assignee", "labels", "messages", "first_message_at", "last_message_at",
    "first_response_at", "first_response_minutes", "closed_at", "resolution_minutes",
    "due_at", "sentiment",
)
CUSTOMER_COLUMNS = (
    "customer", "name", "emails", "phones", "social", "tags", "value", "followers",
    "messages", "first_message_at", "last_message_at", "notes",
)

# Cells starting with + or - that no spreadsheet computes: one number, and a phone number
# written in groups ("+44 20 7946 0018": a space between two numbers is no arithmetic).
# "+1-207-555-0142" is arithmetic: Excel shows -903.
_ONE_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
_GROUP = r"[\d(](?:[\d().-]*[\d)])?"
_GROUPED_PHONE = re.compile(rf"[+-]{_GROUP}(?:\s+{_GROUP})+")
Progress = Callable[[int], None]


def local_time(epoch: int | None) -> str:
    if epoch is None:
        return ""
    return datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M:%S")


def minutes(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{max(0, seconds) / 60:.1f}"


def safe_cell(value: Any) -> Any:
    """A cell that a spreadsheet shows as text, never runs as a formula."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "=@\t\r" or (value[0] in "+-" and len(value) > 1 and not (
            _ONE_NUMBER.fullmatch(value) or _GROUPED_PHONE.fullmatch(value))):
        return "'" + value
    return value


def conversation_record(row: dict[str, Any]) -> list[Any]:
    """One CSV row from a store export row (see `Store.conversation_export_rows`)."""
    started = row["first_inbound_at"]
    responded = row["first_response_at"]
    closed = row["closed_at"] if row["status"] == "closed" else None
    return [
        row["id"],
        KIND_LABELS.get(row["kind"], row["kind"]),
        row["account"] or "",
        row["customer_name"] or "",
        row["customer_id"] if row["customer_id"] is not None else "",
        row["subject"] or "",
        row["status"],
        row["assignee"] or "",
        "; ".join(row["labels"]),
        row["message_count"],
        local_time(row["first_at"]),
        local_time(row["last_at"]),
        local_time(responded),
        minutes(responded - started) if responded is not None and started is not None else "",
        local_time(closed),
        minutes(closed - started) if closed is not None and started is not None else "",
        local_time(row["due_at"]),
        f"{row['last_compound']:.3f}" if row["last_compound"] is not None else "",
    ]


def customer_record(row: dict[str, Any], region: str = DEFAULT_REGION) -> list[Any]:
    """One CSV row; its notes are the customer's own (not a conversation's), oldest first,
    which the customer import reads back as one note."""
    identities = row["identities"]
    return [
        row["id"],
        row["name"],
        "; ".join(i["value"] for i in identities if i["kind"] == "email"),
        "; ".join(format_phone(i["value"], region) for i in identities if i["kind"] == "phone"),
        "; ".join(f"{i['kind']}:{social_written(i)}" for i in identities
                  if i["kind"] not in ("email", "phone")),
        "; ".join(row["tags"]),
        f"{row['value']:.2f}" if row["value"] is not None else "",
        row["influence"] if row["influence"] is not None else "",
        row["message_count"],
        local_time(row["first_inbound_at"]),
        local_time(row["last_inbound_at"]),
        NOTES_APART.join(row.get("notes", ())),
    ]


def social_written(identity: dict[str, Any]) -> str:
    """A handle as the customer list import reads it back: as shown ("@Cat@Mastodon.social")
    when that is the handle, else as stored — a channel may show a person's name for a
    Telegram user id, a Mastodon author or a Bluesky DID, and a name is no handle."""
    value, shown = identity["value"], identity["display"] or ""
    if identity["kind"] == "feed":
        return shown if shown.strip().lower() == value else value
    try:
        return shown if normalize_handle(shown) == value else value
    except IdentityError:
        return value


# vCard 3.0 (RFC 2426): what address books on every platform import.

def vcard_text(value: str) -> str:
    """A text value escaped for vCard: backslash, comma, semicolon and line breaks."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """Folds a content line at `limit` octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= limit:
        return line
    parts: list[str] = []
    current, size, room = [], 0, limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > room:
            parts.append("".join(current))
            current, size, room = [], 0, limit - 1  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


# Words that end a person's name without being it ("Ann Lee, Jr."), and those that
# end a company's ("Acme, Inc."), which has no family name to file it under.
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "esq", "cpa", "mba"}
_COMPANY_ENDINGS = {"inc", "ltd", "llc", "gmbh", "corp", "co", "plc", "ag", "bv", "pty",
                    "limited", "company", "sarl", "srl", "kg", "ug"}
# Chinese, Japanese and Korean names are written family name first.
_FAMILY_NAME_FIRST = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff\s]+")


def _bare(word: str) -> str:
    return word.strip(".,").lower()


def _person_name(name: str) -> tuple[str, str, str]:
    """(family, given, suffix) for the N property, which contact apps file and show a card
    by. "Lee, Ann" is family name first, as Outlook writes a sender; so are Chinese,
    Japanese and Korean names. A handle, address, number or company is not split."""
    words = name.split()
    if not words or any("@" in w or any(c.isdigit() for c in w) for w in words) \
            or _bare(words[-1]) in _COMPANY_ENDINGS:
        return "", name.strip(), ""
    suffix = ""
    if "," in name:
        before, _, after = (part.strip() for part in name.partition(","))
        if _bare(after) in _NAME_SUFFIXES and before:
            suffix, words = after, before.split()
        elif before and after and "," not in after:
            return before, after, ""
        else:
            return "", name.strip(), ""
    if len(words) > 1 and _bare(words[-1]) in _NAME_SUFFIXES:
        suffix = words.pop()
    if len(words) == 1:
        return "", words[0], suffix
    if _FAMILY_NAME_FIRST.fullmatch(name):
        return words[0], " ".join(words[1:]), suffix
    return words[-1], " ".join(words[:-1]), suffix


def _profile(kind: str, value: str) -> str | None:
    if kind == "mastodon" and value.count("@") == 1:
        user, server = value.split("@")
        return f"https://{server}/@{user}"
    if kind == "bluesky" and not value.startswith("did:"):
        return f"https://bsky.app/profile/{value}"
    if kind == "telegram" and re.fullmatch(r"[a-z][a-z0-9_]{4,31}", value):
        return f"https://t.me/{value}"  # a username: t.me pages are only for those
    if kind == "telegram" and value.isdigit():
        return f"tg://user?id={value}"  # a user known by number opens in the Telegram app
    return None


def vcard(row: dict[str, Any], region: str = DEFAULT_REGION) -> str:
    """One customer as a vCard 3.0, lines ending CRLF."""
    family, given, suffix = _person_name(row["name"])
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:inbox-app-customer-{row['id']}",
        f"FN:{vcard_text(row['name'])}",
        f"N:{vcard_text(family)};{vcard_text(given)};;;{vcard_text(suffix)}",
    ]
    for identity in row["identities"]:
        kind, value = identity["kind"], identity["value"]
        if kind == "email":
            lines.append(f"EMAIL;TYPE=INTERNET:{vcard_text(value)}")
        elif kind == "phone":
            lines.append(f"TEL;TYPE=VOICE:{vcard_text(value)}")
        elif kind in ("mastodon", "bluesky", "telegram"):
            url = _profile(kind, value)
            shown = identity["display"] or value
            lines.append(f"X-SOCIALPROFILE;TYPE={kind}:{vcard_text(url or shown)}")
    if row["tags"]:
        lines.append("CATEGORIES:" + ",".join(vcard_text(tag) for tag in row["tags"]))
    facts = [f"{row['message_count']} message{'s' if row['message_count'] != 1 else ''}"]
    if row["first_inbound_at"]:
        facts.append(f"first wrote {local_time(row['first_inbound_at'])[:10]}")
    if row["value"] is not None:
        facts.append(f"value {row['value']:.2f}")
    if row["influence"]:
        facts.append(f"{row['influence']} followers")
    lines.append("NOTE:" + vcard_text("; ".join(facts)))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


# Writing files

_STORE_FILES = ("", "-wal", "-shm", "-journal")  # the store and SQLite's files beside it
# How a file of another kind begins: a name an export was given by a slip of the finger.
_OTHER_KINDS = ((b"SQLite format 3\x00", "a database"),
                (b"PK\x03\x04", "a workbook or another zipped file"),
                (b"%PDF-", "a PDF"),
                (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document"))
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")  # a text file Excel saved as "Unicode Text"
# Names a spreadsheet opens as a workbook only: Excel refuses CSV text under them.
_WORKBOOK_NAMES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".numbers")


def _is_the_store(store: Store, target: Path) -> bool:
    location = str(store.location)
    if location == ":memory:" or "://" in location:
        return False
    itself = Path(os.path.realpath(location))
    for end in _STORE_FILES:
        companion = itself.with_name(itself.name + end)
        if target == companion:
            return True
        try:
            if os.path.samefile(target, companion):  # a hard link, or another case on macOS
                return True
        except OSError:
            continue
    return False


def _other_kind(target: Path) -> str | None:
    """What the file at `target` is, when it is no text an export may replace."""
    try:
        with open(target, "rb") as file:
            head = file.read(4096)
    except OSError:
        return None  # writing says what is wrong with the place
    for signature, kind in _OTHER_KINDS:
        if head.startswith(signature):
            return kind
    if b"\x00" in head and not head.startswith(_UTF16_MARKS):
        return "not text"
    return None


def _check_target(store: Store, path: str | Path, what: str) -> None:
    """Refuses a target an export must not replace: the store itself (or its log, whose
    latest changes the store would lose), a document of another kind, or a workbook's
    name, under which Excel refuses CSV text. An earlier export is replaced."""
    shown = Path(path)
    if is_device_or_pipe(shown):
        return
    target = Path(os.path.realpath(shown))
    if _is_the_store(store, target):
        raise StoreError(f"Cannot write {shown}: it is the store itself (or its write-ahead"
                         " log); nothing was written (name another file).")
    if target.is_file() and (kind := _other_kind(target)):
        raise StoreError(f"Cannot write {shown}: it is there already and is {kind};"
                         " nothing was written (choose another name, or move that file"
                         " away first).")
    if shown.suffix.lower() in _WORKBOOK_NAMES:
        ending = ".csv" if what == "CSV" else ".vcf"
        raise StoreError(f"Cannot write {shown}: this export is {what} text, which"
                         f" spreadsheets open only under a {ending} name; nothing was written"
                         f" (name it {shown.stem}{ending}).")


def _write_csv(path: str | Path, header: Iterable[str], records: Iterable[list[Any]],
               progress: Progress | None) -> int:
    count = 0
    # utf-8 with a BOM: Excel reads accents right; every other program ignores it.
    with replacing(path, error=StoreError) as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle)
        writer.writerow(header)
        for record in records:
            writer.writerow([safe_cell(cell) for cell in record])
            count += 1
            if progress and count % 1000 == 0:
                progress(count)
    return count


def export_conversations(store: Store, path: str | Path, query: QueueQuery | None = None,
                         progress: Progress | None = None) -> int:
    """Writes the conversations (all, or a queue view's) as CSV; returns how many."""
    _check_target(store, path, "CSV")
    rows = store.conversation_export_rows(query)
    return _write_csv(path, CONVERSATION_COLUMNS, (conversation_record(r) for r in rows),
                      progress)


def export_customers(store: Store, path: str | Path, fmt: str = "csv",
                     progress: Progress | None = None) -> int:
    """Writes every customer as CSV or vCard; returns how many."""
    if fmt not in FORMATS:
        raise StoreError(f"Unknown export format {fmt!r} (try {' or '.join(FORMATS)}).")
    _check_target(store, path, "CSV" if fmt == "csv" else "vCard")
    region = store.phone_region()
    rows = store.customer_export_rows()
    if fmt == "csv":
        return _write_csv(path, CUSTOMER_COLUMNS, (customer_record(r, region) for r in rows),
                          progress)
    count = 0
    with replacing(path, error=StoreError) as handle:
        for row in rows:
            handle.write(vcard(row, region))
            count += 1
            if progress and count % 1000 == 0:
                progress(count)
    return count
