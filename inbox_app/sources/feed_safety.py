"""XML safety for feeds.

feedparser parses with expat (external entities are never fetched) and, when that
fails, with a lenient parser that expands the entities the document declares without
any limit — so a small document declaring one long entity used thousands of times
would expand to gigabytes. `check_xml_document` refuses such documents before
feedparser sees them, and documents with so many tags that parsing them would keep a
worker busy for minutes.
"""

from __future__ import annotations

import re
from itertools import islice

import feedparser

from inbox_app.sources import SourceError

MAX_ENTITY_EXPANSION = 1_000_000
MAX_TAGS = 100_000  # feedparser handles ~7,000 tags a second: this bounds a parse to ~15 s

_ENTITY_DECLARATION = re.compile(
    rb"<!ENTITY\s+(%\s*)?([^\s%\"'>]+)\s+(?:\"([^\"]*)\"|'([^']*)'|(SYSTEM|PUBLIC)\b)")
_REFERENCE = re.compile(rb"&([A-Za-z_:][\w.:-]*);")
_CHARACTER_REFERENCE = re.compile(rb"&#(x[0-9A-Fa-f]+|[0-9]+);")


_TAG = re.compile(rb"<[A-Za-z]|&lt;[A-Za-z]")


def check_xml_document(body: bytes, headers: dict[str, str], host: str) -> None:
    """Refuses a document that would take minutes to parse, or whose own entity
    declarations could expand past a small limit.

    Tags count both the XML elements and the HTML inside entries (escaped or
    not): feedparser's work grows with both.

    Parameter entities with a value of their own are refused outright: a feed
    has no use for them, and they can build declarations this check would not
    see. External ones (old RSS 1.0 feeds include the XHTML entity sets so)
    are harmless, as nothing external is ever fetched.
    """
    for data in _as_utf8(body, headers):
        tags = sum(1 for _ in islice(_TAG.finditer(data), MAX_TAGS + 1))
        if tags > MAX_TAGS:
            raise SourceError(f"{host} sent a feed with more than {MAX_TAGS:,} tags, too many "
                              "to read; ask for a shorter feed (fewer items).")
        if b"<!ENTITY" in data:
            _check_entities(data, host)


def _check_entities(data: bytes, host: str) -> None:
    declared: dict[bytes, bytes | None] = {}
    for match in _ENTITY_DECLARATION.finditer(data):
        parameter, name, double, single, external = match.groups()
        if parameter and external:
            continue
        if parameter:
            raise SourceError(f"{host} sent a feed with XML parameter entities, which feeds do "
                              "not need and XML attacks do; the app did not read it.")
        value = double if double is not None else single
        declared[name] = None if external else _CHARACTER_REFERENCE.sub(_character, value or b"")
    sizes: dict[bytes, int] = {}

    def size(name: bytes, stack: tuple[bytes, ...] = ()) -> int:
        if name not in declared or declared[name] is None:
            return len(name) + 2
        if name in sizes:
            return sizes[name]
        if name in stack or len(stack) > 64:
            return MAX_ENTITY_EXPANSION + 1
        value = declared[name] or b""
        total = len(_REFERENCE.sub(b"", value))
        for ref in _REFERENCE.findall(value):
            total += size(ref, (*stack, name))
            if total > MAX_ENTITY_EXPANSION:
                break
        sizes[name] = min(total, MAX_ENTITY_EXPANSION + 1)
        return sizes[name]

    expansion = 0
    for ref in _REFERENCE.findall(data):
        if ref in declared:
            expansion += size(ref)
            if expansion > MAX_ENTITY_EXPANSION:
                raise SourceError(
                    f"{host} sent a feed whose XML entities would expand to more than "
                    f"{MAX_ENTITY_EXPANSION // 1_000_000} MB (an XML bomb); the app did not read it.")


def _character(match: re.Match[bytes]) -> bytes:
    """Character references in an entity value are replaced when it is declared,
    so `&#38;` can smuggle a reference to another entity."""
    token = match.group(1)
    try:
        code = int(token[1:], 16) if token[:1] in (b"x", b"X") else int(token)
        return chr(code).encode("utf-8")
    except (ValueError, OverflowError):
        return b""


def _as_utf8(body: bytes, headers: dict[str, str]) -> list[bytes]:
    """The document as feedparser will parse it (UTF-16, UTF-32… converted to UTF-8).

    Should feedparser's detection fail, the raw bytes and every wide encoding
    are checked instead, so the check is never skipped.
    """
    try:
        from feedparser.encodings import convert_to_utf8

        return [convert_to_utf8(dict(headers), body, feedparser.FeedParserDict())]
    except Exception:
        candidates = [body]
        if b"\x00" in body:
            for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
                candidates.append(body.decode(codec, "ignore").encode("utf-8"))
        return candidates
