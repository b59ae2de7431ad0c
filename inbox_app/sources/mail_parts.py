"""A parsed mail's MIME parts: walked (an attached message is one part), decoded
whatever their charset or transfer encoding claims, and told apart as body or
attachment. Shared by parsing (mail_parse) and saving attachments (mail_files).
"""

from __future__ import annotations

from dataclasses import dataclass
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


def part_text(part: Message) -> str:
    """A text part's content as str, whatever its declared charset or encoding."""
    charset = part.get_content_charset()
    if charset in UNDECLARED:
        payload = decoded_payload(part)
        if not payload.isascii():
            return _undeclared_text(payload)
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


def walk_parts(message: Message, depth: int = 0):
    """Every leaf part; an attached message is a leaf (it is an attachment, not body)."""
    if depth > MAX_PARTS:
        return
    if message.get_content_type() in ATTACHED_MESSAGES or not message.is_multipart():
        yield message
        return
    payload = message.get_payload()
    if isinstance(payload, list):
        for part in payload:
            if isinstance(part, Message):
                yield from walk_parts(part, depth + 1)


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename() or part.get_param("name")
    except Exception:
        return None
    if isinstance(name, tuple):  # an RFC 2231 value the stdlib left undecoded
        name = name[2]
    return clean_text(str(name), 255).strip() or None if name else None


def attachment_of(part: Message) -> Attachment | None:
    """The part as an attachment (name, size), or None when it is body or report text."""
    content_type = part.get_content_type()
    name = _filename(part)
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    if content_type in ATTACHED_MESSAGES:
        return Attachment(name or "message.eml", _approximate_size(part), content_type)
    if content_type.startswith(("message/", "multipart/")):
        return None
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
