"""Header fields of a mail, decoded defensively: raw values cut to a sane length before
any decoding, undeclared 8-bit bytes read as UTF-8 or Windows-1252, addresses and
Message-IDs that survive broken syntax, dates that cannot be read noted as problems.
Used by mail_parse.py (the message) and mail_auto.py (what machine wrote it).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import policy
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from inbox_app.core.identity import IdentityError, normalize_email
from inbox_app.core.text import clean_text
from inbox_app.sources.mail_parts import c1_as_cp1252, header_bytes_decoded

MAX_HEADER_CHARS = 8_000
MAX_MESSAGE_ID = 500

_MESSAGE_ID = re.compile(rf"<[^<>\s]{{1,{MAX_MESSAGE_ID}}}>")


def raw_header(message: Message, name: str) -> str | None:
    """The first raw value of a header, cut to a sane length before any decoding."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            if not isinstance(value, str):
                value = str(value)
            return value[:MAX_HEADER_CHARS]
    return None


def header_text(message: Message, name: str) -> str:
    """A header decoded as `policy.default` decodes it, but with undeclared 8-bit bytes read
    as UTF-8 or Windows-1252 instead of �; '' when absent or unreadable."""
    raw = raw_header(message, name)
    if raw is None:
        return ""
    raw = header_bytes_decoded(raw)
    try:
        return c1_as_cp1252(str(policy.default.header_fetch_parse(name, raw)))
    except Exception:  # the stdlib header parser has had crash bugs on hostile input
        return re.sub(r"\s+", " ", raw).strip()


def _utf8_bytes_decoded(text: str) -> str:
    """Raw UTF-8 bytes in an address (RFC 6532) as the letters they are: the parser leaves
    address headers' 8-bit bytes undecoded. Other 8-bit bytes stay as they were (the
    address is then not valid: a guessed spelling would be another mailbox)."""
    if text.isascii():
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return text


def addresses(message: Message, name: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header, decoded."""
    raw = raw_header(message, name)
    if raw is None:
        return []
    try:
        header = policy.default.header_fetch_parse(name, raw)
        pairs = [(a.display_name or "", a.addr_spec or "") for a in header.addresses]
    except Exception:
        pairs = [(n, a) for n, a in getaddresses([raw]) if a or n]
    return [(c1_as_cp1252(header_bytes_decoded(n)), _utf8_bytes_decoded(a)) for n, a in pairs]


def message_ids(text: str) -> list[str]:
    """The Message-IDs (`<…>`) written in a header's text, in order."""
    return [clean_text(found) for found in _MESSAGE_ID.findall(text or "")]


def message_id_of(message: Message) -> str | None:
    found = message_ids(raw_header(message, "Message-ID") or "")
    return found[0] if found else None


def sent_at(message: Message, problems: list[str]) -> int | None:
    """The Date header as epoch seconds; None, with a note in `problems`, when it cannot be
    read or is out of range (and None without a note when there is none)."""
    raw = raw_header(message, "Date")
    if raw is None:
        return None
    moment: datetime | None = None
    try:
        moment = policy.default.header_fetch_parse("Date", raw).datetime
    except Exception:
        try:
            moment = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is None:
        problems.append(f"the Date header ({raw.strip()[:60]}) cannot be read")
        return None
    if moment.tzinfo is None:  # "-0000": the time is UTC, its zone unknown
        moment = moment.replace(tzinfo=UTC)
    try:
        return int(moment.timestamp())
    except (OverflowError, OSError, ValueError):
        problems.append(f"the Date header ({raw.strip()[:60]}) is out of range")
        return None


def email_or_none(address: str) -> str | None:
    """The address normalized, or None when it is not one a reply could reach."""
    if not address or clean_text(address) != address:  # undecodable bytes: not an address
        return None
    try:
        return normalize_email(address)
    except IdentityError:
        return None
