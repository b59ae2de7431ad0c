"""Plain text as the store keeps it: no NUL or control characters, bounded length."""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_TEXT = 100_000
PREVIEW = 160
LONG_RUN = 80
LONG_URL = 2_000
TAG_LIMIT = 100  # characters in a customer tag (a few words), and the customer list's cut

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# Control characters that break a line or separate words (Word's manual line break is \v):
# dropped, they would join two words into one ("good\vTerrible" scored as "goodTerrible").
_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
# Embeddings, overrides and isolates of the writing direction: in a name or a subject they
# only serve to disguise ("\u202eAnn <moc.knab@…>" shows another address); right-to-left
# names need none of them and stay as written.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WRAP_HERE = "\u200b"


def clean_text(text: str | None, limit: int = MAX_TEXT) -> str:
    """Text safe to store, index and score.

    NUL and other control characters are dropped (SQLite and PostgreSQL text
    must not hold NUL), those that break lines or separate words become a line break,
    lone surrogates from bad UTF-8 become U+FFFD, line
    endings become `\\n`, and a text over `limit` characters is cut: a message's text with a
    mark saying so, a name or a title (a limit below MAX_TEXT) with "…". A name or a
    title also loses the controls that override the writing direction.
    """
    if not text:
        return ""
    short = limit < MAX_TEXT
    if len(text) <= limit and not _NEEDS_WORK.search(text) and not (
            short and _DIRECTION_CONTROLS.search(text)):
        return text  # the common case: nothing to clean (one scan instead of four)
    if short:
        text = _DIRECTION_CONTROLS.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _SURROGATES.sub("\ufffd", text)
    if len(text) > limit:
        if limit < MAX_TEXT:
            return shortened(text, limit)
        text = text[:limit] + "\n[… cut: the message was longer than the app keeps]"
    return text


def one_line(text: str) -> str:
    """A name, subject or preview on one line, its words one space apart: line breaks and
    tabs (which a feed, an import or a pasted name can bring) as spaces."""
    return " ".join(text.split())


def shortened(text: str, length: int, *, at_word: bool = False) -> str:
    """At most `length` characters, ending in "…" when it had to be cut; `at_word` (a title
    to read, not text to keep) cuts between words when one ends in the last third."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if at_word and not text[length - 1].isspace():
        space = cut.rfind(" ")
        if space >= length * 2 // 3:
            cut = cut[:space]
    return cut.rstrip() + "…"


def wrappable(text: str, every: int = LONG_RUN) -> str:
    """Unbroken runs longer than `every` characters (a pasted blob, a base64 block) get
    zero-width places to wrap; web addresses keep theirs whole unless absurdly long."""

    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        if "://" in run and len(run) <= LONG_URL:
            return run
        return _WRAP_HERE.join(run[i:i + every] for i in range(0, len(run), every))

    return re.sub(rf"\S{{{every + 1},}}", split, text)  # re caches the compiled pattern


def preview(text: str, length: int = PREVIEW) -> str:
    """The first meaningful line, for a queue row."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return shortened(line, length)
    return ""


def size_text(size: int) -> str:
    """A file size as people read it: 812 bytes, 14 KB, 2.3 MB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def plural(count: int, word: str) -> str:
    """`1 conversation`, `2,400 conversations`."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def capitalized(text: str) -> str:
    """A message as the start of a sentence: "the value 'x' …" → "The value 'x' …"."""
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A message as a whole sentence, capitalized and ending in a stop."""
    text = capitalized(str(text).strip())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def one_spelling_each(words: Iterable[str]) -> list[str]:
    """The words with each one kept once in any case, as first spelled: tags and labels
    are the same word in any case ("VIP", "vip"), and stores from before that hold both."""
    kept: dict[str, str] = {}
    for word in words:
        kept.setdefault(word.casefold(), word)
    return list(kept.values())
