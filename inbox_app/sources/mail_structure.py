"""BODYSTRUCTURE: the attachment names and sizes of a message too large to read whole,
from what the IMAP server says of its parts (mail_imap reads only the first of its bytes)."""

from __future__ import annotations

import logging
from email.header import decode_header, make_header
from typing import Any
from urllib.parse import unquote_to_bytes

from inbox_app.sources.mail_parts import Attachment

log = logging.getLogger(__name__)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "surrogateescape")
    if not isinstance(value, str):
        return ""
    try:
        return str(make_header(decode_header(value)))
    except Exception:
        return value


def _params(value: Any) -> dict[str, str]:
    params: dict[str, str] = {}
    if isinstance(value, tuple | list):
        items = list(value)
        for key, val in zip(items[::2], items[1::2], strict=False):
            params[_text(key).lower()] = _text(val)
    return params


def _rfc2231_value(params: dict[str, str], key: str) -> str | None:
    """`key` as RFC 2231 gives it: `key*` (charset'language'percent-encoded), or split into
    `key*0*`, `key*1`… continuations, which some servers pass on as they are (dovecot
    joins them into `key*`)."""
    pieces: list[tuple[int, str, bool]] = []
    for name, value in params.items():
        if not name.startswith(key + "*"):
            continue
        rest = name[len(key) + 1:]
        number = rest.removesuffix("*")
        if number == "" or number.isdigit():
            pieces.append((int(number or 0), value, rest == "" or rest.endswith("*")))
    if not pieces:
        return None
    pieces.sort(key=lambda piece: piece[0])
    charset = "utf-8"
    raw = b""
    for index, (_, value, extended) in enumerate(pieces):
        if index == 0 and extended:
            parts = value.split("'", 2)
            if len(parts) == 3:
                charset, value = parts[0] or "us-ascii", parts[2]
        raw += unquote_to_bytes(value) if extended else value.encode("utf-8", "replace")
    try:
        return raw.decode(charset, "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def _filename_from(params: dict[str, str]) -> str | None:
    for key in ("filename", "name"):
        found = _rfc2231_value(params, key)
        if found:
            return found
        if key in params:
            return params[key]
    return None


def structure_attachments(structure: Any, limit: int = 100) -> list[Attachment]:
    """Attachments listed in an IMAP BODYSTRUCTURE (sizes estimated from the encoded size)."""
    found: list[Attachment] = []

    def visit(part: Any, depth: int) -> None:
        if depth > 50 or len(found) >= limit or not isinstance(part, tuple | list):
            return
        if part and isinstance(part[0], list | tuple):  # multipart: (parts…, subtype, …)
            children = part[0] if isinstance(part[0], list) else [part[0]]
            for child in children:
                visit(child, depth + 1)
            return
        if len(part) < 7:
            return
        maintype, subtype = _text(part[0]).lower(), _text(part[1]).lower()
        params = _params(part[2])
        encoding = _text(part[5]).lower()
        size = int(part[6]) if isinstance(part[6], int) else 0
        if encoding == "base64":  # 76 characters and CRLF per line, 4 characters per 3 bytes
            size = size * 57 // 78
        disposition_index = {"text": 9, "message": 11}.get(maintype, 8)
        if maintype == "message" and subtype != "rfc822":
            disposition_index = 8
        disposition = part[disposition_index] if len(part) > disposition_index else None
        kind, disposition_params = "", {}
        if isinstance(disposition, tuple | list) and disposition:
            kind = _text(disposition[0]).lower()
            disposition_params = _params(disposition[1]) if len(disposition) > 1 else {}
        name = _filename_from(disposition_params) or _filename_from(params)
        content_type = f"{maintype}/{subtype}"
        if kind == "attachment" or name or maintype not in ("text", "multipart"):
            found.append(Attachment(name or "unnamed", size, content_type))

    try:
        visit(structure, 0)
    except Exception:
        log.debug("unreadable BODYSTRUCTURE", exc_info=True)
        return []
    return found
