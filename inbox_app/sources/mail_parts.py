"""A parsed mail's MIME parts: walked (an attached message is one part), decoded
whatever their charset or transfer encoding claims, and told apart as body or
attachment. Shared by parsing (mail_parse) and saving attachments (mail_files).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from email import policy
from email.message import Message

from inbox_app.core.text import clean_text

MAX_PARTS = 250
MAX_ATTACHMENTS = 100


@dataclass(frozen=True)
class Attachment:
    name: str
    size: int
    content_type: str


def decoded_payload(part: Message) -> bytes:
    """A part's bytes, transfer encoding undone; a part too broken to decode gives its raw text."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


UNDECLARED = (None, "us-ascii", "ascii", "unknown-8bit", "x-unknown")


def _undeclared_text(payload: bytes) -> str:
    """8-bit text whose charset was not declared: UTF-8 when it is that, else what old
    Western mail programs wrote (Windows-1252, a superset of Latin-1 that decodes any byte)."""
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", "replace")


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _bytes_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


codecs.register_error("inbox_app.cp1252", _bytes_as_cp1252)


def utf8_else_cp1252(data: bytes) -> str:
    """8-bit bytes as the letters meant: every valid UTF-8 sequence as UTF-8 (RFC 6532, web
    forms), every other byte as Windows-1252, which is what old mail programs wrote
    ("M\xfcller"). Decided per sequence, so one stray byte in a UTF-8 name does not turn
    the rest into mojibake."""
    return data.decode("utf-8", "inbox_app.cp1252")


_C1_CONTROLS = re.compile("[\x80-\x9f]")


def c1_as_cp1252(text: str) -> str:
    """Text decoded as Latin-1 that Windows wrote as Windows-1252: its “quotes”, – dashes
    and € (bytes 0x80–0x9F) are Latin-1's invisible control characters, which no mail means.
    Browsers read every "ISO-8859-1" so (the WHATWG Encoding standard)."""
    if text.isascii() or not _C1_CONTROLS.search(text):
        return text
    return _C1_CONTROLS.sub(
        lambda found: found.group(0).encode("latin-1").decode("cp1252", "replace"), text)


# Declared charsets that mail programs use for a wider one (the WHATWG Encoding standard's
# mapping), by Python's codec name.
_WIDER_CHARSETS = {
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}


def _codec(charset: str) -> str | None:
    try:
        name = codecs.lookup(charset).name
    except (LookupError, ValueError):
        return None
    return _WIDER_CHARSETS.get(name, name)


def header_bytes_decoded(text: str) -> str:
    """A raw header value as the parser keeps it (8-bit bytes as surrogate escapes) with
    those bytes read by `utf8_else_cp1252`; the standard library would show each as �."""
    if text.isascii() or not _ESCAPED_BYTE.search(text):
        return text
    try:
        return utf8_else_cp1252(text.encode("utf-8", "surrogateescape"))
    except UnicodeError:  # a surrogate no parser made: leave it to clean_text
        return text


def part_text(part: Message) -> str:
    """A text part's content as str, whatever its declared charset or encoding."""
    charset = part.get_content_charset()
    if charset in UNDECLARED:
        payload = decoded_payload(part)
        if not payload.isascii():
            return _undeclared_text(payload)
    codec = _codec(charset) if charset else None
    if codec == "utf-8":
        return utf8_else_cp1252(decoded_payload(part))
    if codec in _WIDER_CHARSETS.values():
        return decoded_payload(part).decode(codec, "replace")
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except Exception:
        pass
    payload = decoded_payload(part)
    try:
        return payload.decode(charset or "utf-8", "replace")
    except LookupError:  # a charset Python does not know
        return _undeclared_text(payload)


ATTACHED_MESSAGES = ("message/rfc822", "message/global")
# The machine-readable part of a bounce or a read receipt: the parser splits its fields
# into header blocks, but it is one part (whose fields name the mail it is about).
REPORT_FIELDS = ("message/delivery-status", "message/disposition-notification")


def walk_parts(message: Message, depth: int = 0):
    """Every leaf part; an attached message or a report's fields are a leaf (an attachment
    or report data, not body)."""
    if depth > MAX_PARTS:
        return
    if message.get_content_type() in (*ATTACHED_MESSAGES, *REPORT_FIELDS) or (
            not message.is_multipart()):
        yield message
        return
    payload = message.get_payload()
    if isinstance(payload, list):
        for part in payload:
            if isinstance(part, Message):
                yield from walk_parts(part, depth + 1)


def _raw_header_bytes_decoded(part: Message, name: str):
    """The part's header parsed after its undeclared 8-bit bytes were read; None when it
    has none (the stdlib's own parse is then the same)."""
    for key, value in part.raw_items():
        if key.lower() == name and isinstance(value, str) and _ESCAPED_BYTE.search(value):
            return policy.default.header_fetch_parse(key, header_bytes_decoded(value))
    return None


def _filename_from_bytes(part: Message) -> str | None:
    """A file name written in raw 8-bit bytes ("Rechnung M\xe4rz.pdf"), read as the letters
    meant; None when the name has no such bytes."""
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        parsed = _raw_header_bytes_decoded(part, header)
        if parsed is None:
            if part.get_param(param, header=header):
                return None  # a name in plain ASCII comes first: the stdlib reads it
            continue
        if (params := getattr(parsed, "params", None) or {}).get(param):
            return params[param]
    return None


def _filename(part: Message, *, read_bytes: bool = True) -> str | None:
    """The part's file name. `read_bytes=False` gives it as earlier versions listed it
    (undeclared 8-bit bytes as �), to find attachments stored then."""
    try:
        name = (read_bytes and _filename_from_bytes(part)) or (
            part.get_filename() or part.get_param("name"))
    except Exception:
        return None
    if isinstance(name, tuple):  # an RFC 2231 value the stdlib left undecoded
        name = name[2]
    if name and read_bytes:
        name = c1_as_cp1252(str(name))
    return clean_text(str(name), 255).strip() or None if name else None


# Text that is a file for another program, not words for a person: a calendar invitation
# (Outlook puts it unnamed beside the mail's text) or a contact card. The default names
# are what mail programs call them.
TEXT_FILES = {
    "text/calendar": "invite.ics",
    "text/x-vcalendar": "invite.vcs",
    "text/vcard": "contact.vcf",
    "text/x-vcard": "contact.vcf",
}
CALENDARS = ("text/calendar", "text/x-vcalendar")


def attachment_of(part: Message, *, read_bytes: bool = True) -> Attachment | None:
    """The part as an attachment (name, size), or None when it is body or report text."""
    content_type = part.get_content_type()
    name = _filename(part, read_bytes=read_bytes)
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    if content_type in ATTACHED_MESSAGES:
        return Attachment(name or "message.eml", _approximate_size(part), content_type)
    if content_type.startswith(("message/", "multipart/")):
        return None
    if content_type in TEXT_FILES:  # never body: a file for another program, named
        return Attachment(name or TEXT_FILES[content_type], len(decoded_payload(part)),
                          content_type)
    if content_type.startswith("text/") and not name and disposition != "attachment":
        return None
    return Attachment(name or "unnamed", len(decoded_payload(part)), content_type)


def _approximate_size(message: Message, depth: int = 0) -> int:
    """Roughly the bytes of an attached message: its headers and raw payloads (no re-encoding)."""
    size = sum(len(key) + len(str(value)) + 4 for key, value in message.raw_items())
    payload = message.get_payload()
    if isinstance(payload, list):
        if depth < MAX_PARTS:
            size += sum(_approximate_size(part, depth + 1) for part in payload
                        if isinstance(part, Message))
    elif isinstance(payload, str | bytes):
        size += len(payload)
    return size


def attachments_in(message: Message, body_parts: set[int]) -> list[Attachment]:
    found: list[Attachment] = []
    for part in walk_parts(message):
        if id(part) in body_parts:
            continue
        attachment = attachment_of(part)
        if attachment is not None:
            found.append(attachment)
            if len(found) >= MAX_ATTACHMENTS:
                break
    return found


def body_part(message: Message, subtype: str) -> Message | None:
    try:
        return message.get_body(preferencelist=(subtype,))
    except Exception:
        return None
